{#
    The executive scorecard's upsell KPIs per calendar quarter, long: one row per quarter
    and KPI. From the customer-quarters of int_customer_quarters_expansion_measured, the
    sums and ratios of upsells_quarterly: `upsell_rate`, `mid_contract_upsell_rate` (over
    the customers at the quarter's start), `avg_upsell_value` (AUV) and `avg_upsell_pct`
    (AUP) (over the upsold customers). From int_customer_quarter_upsell_reasons_attributed,
    the shares of upsell_reasons_quarterly: one `upsell_reason_share__<reason>` per
    expansion reason named in the quarter (the reason's upsold customers over the quarter's
    upsold customers). Null where the denominator is zero; quarters without upsold
    customers have no reason rows.
#}

{{ config(materialized='table') }}

with

customer_quarters as (

    select * from {{ ref('int_customer_quarters_expansion_measured') }}

),

reasons as (

    select * from {{ ref('int_customer_quarter_upsell_reasons_attributed') }}

),

summed_by_quarter as (

    select
        quarter_start,
        count(*) as customers_at_start,
        sum(case when is_upsold then 1 else 0 end) as upsold_customers,
        sum(case when is_mid_contract_upsold then 1 else 0 end) as mid_contract_upsold_customers,
        sum(upsell_arr) as upsell_arr,
        sum(case when is_upsold then quarter_opening_arr else 0 end) as upsold_starting_arr

    from customer_quarters
    group by quarter_start

),

reasons_counted as (

    select
        quarter_start,
        expansion_reason,
        sum(case when has_reason then 1 else 0 end) as reason_upsold_customers,
        count(*) as quarter_upsold_customers

    from reasons
    group by quarter_start, expansion_reason

),

kpis_unpivoted as (

    select
        quarter_start,
        'upsell_rate' as kpi_name,
        cast(upsold_customers as double) / nullif(customers_at_start, 0) as value  -- noqa: RF04
    from summed_by_quarter

    union all

    select
        quarter_start,
        'mid_contract_upsell_rate' as kpi_name,
        cast(mid_contract_upsold_customers as double) / nullif(customers_at_start, 0) as value  -- noqa: RF04
    from summed_by_quarter

    union all

    select
        quarter_start,
        'avg_upsell_value' as kpi_name,
        cast(upsell_arr as double) / nullif(upsold_customers, 0) as value  -- noqa: RF04
    from summed_by_quarter

    union all

    select
        quarter_start,
        'avg_upsell_pct' as kpi_name,
        cast(upsell_arr as double) / nullif(upsold_starting_arr, 0) as value  -- noqa: RF04
    from summed_by_quarter

    union all

    select
        quarter_start,
        {{ dbt.concat(["'upsell_reason_share__'", 'expansion_reason']) }} as kpi_name,
        cast(reason_upsold_customers as double) / nullif(quarter_upsold_customers, 0) as value  -- noqa: RF04
    from reasons_counted

),

final as (

    select
        quarter_start,
        cast(kpi_name as {{ dbt.type_string() }}) as kpi_name,
        cast(value as double) as value  -- noqa: RF04

    from kpis_unpivoted

)

select * from final
