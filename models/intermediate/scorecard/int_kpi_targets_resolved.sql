{#
    The target that applies to each KPI, period and subject, per the docs block
    kpi_targets: one row per period grain (`month`, `quarter`), period start, KPI of the
    seed kpi_targets, and subject (a CSM or none × a segment of the seed or none; both
    none = the company). Periods run from the first month or quarter on or after the
    earliest `applies_from` through the one holding as_of_date. A subject's candidate rows
    are those of its KPI whose grain is blank or the period's, with applies_from on or
    before the period's start, and whose CSM and segment are blank or the subject's. The
    most specific wins (CSM row, then segment row, then company row), then the most recent
    applies_from, then a row of the period's own grain over a blank-grain row. Subjects
    without any candidate row have no row here: no target.
#}

{{ config(materialized='table') }}

with

targets as (

    select * from {{ ref('kpi_targets') }}

),

months as (

    select * from {{ ref('int_months_spined') }}

),

users as (

    select * from {{ ref('stg_crm__users') }}

),

first_target as (

    select min(applies_from) as applies_from
    from targets

),

grains as (

    select 'month' as period_grain
    union all
    select 'quarter' as period_grain

),

periods_spined as (

    select distinct
        grains.period_grain,
        case
            when grains.period_grain = 'quarter'
                then cast({{ dbt.date_trunc('quarter', 'months.month_start') }} as date)
            else months.month_start
        end as period_start

    from months
    cross join grains
    inner join first_target
        on months.month_start >= first_target.applies_from

),

csms as (

    select cast(null as {{ dbt.type_string() }}) as csm_user_id
    union all
    select user_id as csm_user_id from users
    union
    select csm_user_id from targets
    where csm_user_id is not null

),

segments as (

    select cast(null as {{ dbt.type_string() }}) as segment
    union
    select segment from targets
    where segment is not null

),

kpis as (

    select distinct kpi_name
    from targets

),

candidates_ranked as (

    select
        periods_spined.period_grain,
        periods_spined.period_start,
        kpis.kpi_name,
        csms.csm_user_id,
        segments.segment,
        targets.target_value,
        targets.direction,
        targets.applies_from,
        case
            when targets.csm_user_id is not null then 'csm'
            when targets.segment is not null then 'segment'
            else 'company'
        end as target_scope,
        row_number() over (
            partition by
                periods_spined.period_grain,
                periods_spined.period_start,
                kpis.kpi_name,
                csms.csm_user_id,
                segments.segment
            order by
                case
                    when targets.csm_user_id is not null then 1
                    when targets.segment is not null then 2
                    else 3
                end,
                targets.applies_from desc,
                case when targets.period_grain is not null then 1 else 2 end
        ) as candidate_rank

    from periods_spined
    cross join kpis
    cross join csms
    cross join segments
    inner join targets
        on
            kpis.kpi_name = targets.kpi_name
            and periods_spined.period_start >= targets.applies_from
            and (targets.period_grain is null or periods_spined.period_grain = targets.period_grain)
            and (targets.csm_user_id is null or csms.csm_user_id = targets.csm_user_id)
            and (targets.segment is null or segments.segment = targets.segment)

),

final as (

    select
        cast(period_grain as {{ dbt.type_string() }}) as period_grain,
        period_start,
        cast(kpi_name as {{ dbt.type_string() }}) as kpi_name,
        csm_user_id,
        segment,
        cast(target_value as double) as target_value,
        cast(direction as {{ dbt.type_string() }}) as direction,
        cast(target_scope as {{ dbt.type_string() }}) as target_scope,
        applies_from

    from candidates_ranked
    where candidate_rank = 1

)

select * from final
