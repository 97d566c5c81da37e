{#
    The executive scorecard's satisfaction KPIs per calendar quarter, long: one row per
    quarter with survey responses and KPI. From int_survey_responses_classified, the
    formulas of csat_monthly and nps_monthly over the quarter's responses:
    `csat_by_interaction_type__<type>` for each interaction type (support, success,
    onboarding; the share of the quarter's CSAT responses of that type scoring 4 or 5, 0
    to 100), and `nps` (-100 to +100). A type or survey without responses in the quarter
    has a null value.
#}

{{ config(materialized='table') }}

with

responses as (

    select * from {{ ref('int_survey_responses_classified') }}

),

interaction_types as (

    select 'support' as interaction_type
    union all
    select 'success' as interaction_type
    union all
    select 'onboarding' as interaction_type

),

responses_in_quarters as (

    select
        cast({{ dbt.date_trunc('quarter', 'month_start') }} as date) as quarter_start,
        survey_type,
        interaction_type,
        nps_category,
        is_satisfied

    from responses

),

quarters as (

    select distinct quarter_start
    from responses_in_quarters

),

csat_counted as (

    select
        quarter_start,
        interaction_type,
        count(*) as responses,
        sum(case when is_satisfied then 1 else 0 end) as satisfied_responses

    from responses_in_quarters
    where survey_type = 'csat'
    group by quarter_start, interaction_type

),

nps_counted as (

    select
        quarter_start,
        count(*) as responses,
        sum(case when nps_category = 'promoter' then 1 else 0 end) as promoters,
        sum(case when nps_category = 'detractor' then 1 else 0 end) as detractors

    from responses_in_quarters
    where survey_type = 'nps'
    group by quarter_start

),

kpis_unpivoted as (

    select
        quarters.quarter_start,
        {{ dbt.concat(["'csat_by_interaction_type__'", 'interaction_types.interaction_type']) }} as kpi_name,
        {{ csat_from_counts(
            'csat_counted.satisfied_responses', 'csat_counted.responses'
        ) }} as value  -- noqa: RF04

    from quarters
    cross join interaction_types
    left join csat_counted
        on
            quarters.quarter_start = csat_counted.quarter_start
            and interaction_types.interaction_type = csat_counted.interaction_type

    union all

    select
        quarters.quarter_start,
        'nps' as kpi_name,
        {{ nps_from_counts(
            'nps_counted.promoters', 'nps_counted.detractors', 'nps_counted.responses'
        ) }} as value  -- noqa: RF04

    from quarters
    left join nps_counted
        on quarters.quarter_start = nps_counted.quarter_start

),

final as (

    select
        quarter_start,
        cast(kpi_name as {{ dbt.type_string() }}) as kpi_name,
        cast(value as double) as value  -- noqa: RF04

    from kpis_unpivoted

)

select * from final
