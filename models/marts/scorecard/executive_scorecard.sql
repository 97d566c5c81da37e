{#
    Seed 003's executive scorecard: one row per calendar quarter and KPI (see the docs
    block executive_scorecard for the kpi_names), from the first quarter with data through
    the quarter holding as_of_date (quarter to date). Each value beside the same KPI's
    value four quarters earlier (null in the first year, or where that quarter had none),
    the company target that applies to the quarter (int_kpi_targets_resolved, grain
    `quarter`, no CSM, no segment) and the status against it (kpi_target_status; null
    without a target or a value).
#}

with

kpi_quarters as (

    select * from {{ ref('int_scorecard_kpi_quarters_unioned') }}

),

targets as (

    select * from {{ ref('int_kpi_targets_resolved') }}

),

company_quarter_targets as (

    select * from targets
    where
        period_grain = 'quarter'
        and csm_user_id is null
        and segment is null

),

year_ago_joined as (

    select
        kpi_quarters.*,
        year_ago.value as value_year_ago

    from kpi_quarters
    left join kpi_quarters as year_ago
        on
            kpi_quarters.kpi_name = year_ago.kpi_name
            and year_ago.quarter_start = {{ dbt.dateadd('month', -12, 'kpi_quarters.quarter_start') }}

),

targets_joined as (

    select
        year_ago_joined.*,
        company_quarter_targets.target_value as target,  -- noqa: RF04
        company_quarter_targets.direction as target_direction

    from year_ago_joined
    left join company_quarter_targets
        on
            year_ago_joined.kpi_name = company_quarter_targets.kpi_name
            and year_ago_joined.quarter_start = company_quarter_targets.period_start

),

final as (

    select
        cast(quarter_start as date) as quarter_start,
        cast(kpi_name as {{ dbt.type_string() }}) as kpi_name,
        cast(metric_name as {{ dbt.type_string() }}) as metric_name,
        cast(breakdown_value as {{ dbt.type_string() }}) as breakdown_value,
        cast(value as double) as value,  -- noqa: RF04
        cast(value_year_ago as double) as value_year_ago,
        cast(value - value_year_ago as double) as change_vs_year_ago,
        cast(target as double) as target,  -- noqa: RF04
        cast(target_direction as {{ dbt.type_string() }}) as target_direction,
        cast({{ kpi_target_status('value', 'target', 'target_direction') }} as {{ dbt.type_string() }})
            as target_status,
        is_quarter_to_date

    from targets_joined

)

select * from final
