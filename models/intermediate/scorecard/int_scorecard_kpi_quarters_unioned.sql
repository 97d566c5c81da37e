{#
    Every KPI of the executive scorecard in every quarter, long: one row per calendar
    quarter and kpi_name, from the first quarter any KPI has a value through the quarter
    holding as_of_date. The union of the quarterly KPI models of this folder (each the
    logic of its own marts, see their headers), spined so that every kpi_name seen in any
    quarter has a row in every quarter: null where the KPI has no value that quarter (no
    customers at its start, no responses, no churn), never a missing row, so that the
    year-ago lookup and the targets always find their row. metric_name is the semantic
    layer's metric the value is; breakdown_value the dimension value of a multi-valued KPI
    (`<metric_name>__<breakdown_value>`), null otherwise.
#}

{{ config(materialized='table') }}

with

retention as (

    select * from {{ ref('int_retention_quarters_measured') }}

),

books as (

    select * from {{ ref('int_book_quarters_measured') }}

),

expansion as (

    select * from {{ ref('int_expansion_quarters_measured') }}

),

satisfaction as (

    select * from {{ ref('int_satisfaction_quarters_measured') }}

),

churn_drivers as (

    select * from {{ ref('int_churn_driver_quarters_measured') }}

),

customer_fit as (

    select * from {{ ref('int_fit_quarters_measured') }}

),

months as (

    select * from {{ ref('int_months_spined') }}

),

kpi_values_unioned as (

    select
        quarter_start,
        kpi_name,
        value
    from retention

    union all

    select
        quarter_start,
        kpi_name,
        value
    from books

    union all

    select
        quarter_start,
        kpi_name,
        value
    from expansion

    union all

    select
        quarter_start,
        kpi_name,
        value
    from satisfaction

    union all

    select
        quarter_start,
        kpi_name,
        value
    from churn_drivers

    union all

    select
        quarter_start,
        kpi_name,
        value
    from customer_fit

),

first_quarter as (

    select min(quarter_start) as quarter_start
    from kpi_values_unioned

),

quarters_spined as (

    select
        cast({{ dbt.date_trunc('quarter', 'months.month_start') }} as date) as quarter_start,
        max(case when months.is_current_month then 1 else 0 end) = 1 as is_quarter_to_date

    from months
    inner join first_quarter
        on months.month_start >= first_quarter.quarter_start
    group by cast({{ dbt.date_trunc('quarter', 'months.month_start') }} as date)

),

kpi_names as (

    select distinct kpi_name
    from kpi_values_unioned

),

spined as (

    select
        quarters_spined.quarter_start,
        quarters_spined.is_quarter_to_date,
        kpi_names.kpi_name,
        kpi_values_unioned.value

    from quarters_spined
    cross join kpi_names
    left join kpi_values_unioned
        on
            quarters_spined.quarter_start = kpi_values_unioned.quarter_start
            and kpi_names.kpi_name = kpi_values_unioned.kpi_name

),

final as (

    select
        quarter_start,
        kpi_name,
        cast({{ dbt.split_part('kpi_name', "'__'", 1) }} as {{ dbt.type_string() }}) as metric_name,
        cast(
            case
                when {{ dbt.position("'__'", 'kpi_name') }} > 0
                    then {{ dbt.split_part('kpi_name', "'__'", 2) }}
            end
            as {{ dbt.type_string() }}
        ) as breakdown_value,
        value,
        is_quarter_to_date

    from spined

)

select * from final
