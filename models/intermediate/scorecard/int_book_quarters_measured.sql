{#
    The executive scorecard's CSM-coverage and at-risk KPIs per calendar quarter, long:
    one row per quarter with account-months and KPI (`csm_to_account_ratio`,
    `at_risk_customers`, `at_risk_customer_share`, `at_risk_arr`, `at_risk_arr_share`).
    Balances of the quarter's last month (the month holding as_of_date in the current
    quarter) over int_csm_account_months_attributed, the account-months of csm_portfolios:
    customers owned by a CSM over the CSMs owning at least one customer (the
    csm_to_account_ratio metric), and customers in the red health tier (kpi_at_risk) with
    their ARR, also as shares of all customers and all ARR. Null where the denominator is
    zero.
#}

{{ config(materialized='table') }}

with

account_months as (

    select * from {{ ref('int_csm_account_months_attributed') }}

),

last_months as (

    select
        cast({{ dbt.date_trunc('quarter', 'month_start') }} as date) as quarter_start,
        max(month_start) as month_start

    from account_months
    group by cast({{ dbt.date_trunc('quarter', 'month_start') }} as date)

),

summed_by_quarter as (

    select
        last_months.quarter_start,
        sum(case when account_months.is_customer then 1 else 0 end) as customers,
        sum(account_months.arr) as arr,
        sum(
            case when account_months.is_customer and account_months.csm_user_id is not null then 1 else 0 end
        ) as csm_owned_customers,
        count(distinct case when account_months.is_customer then account_months.csm_user_id end)
            as csms_with_customers,
        sum(case when account_months.is_customer and account_months.is_at_risk then 1 else 0 end)
            as at_risk_customers,
        sum(
            case
                when account_months.is_customer and account_months.is_at_risk then account_months.arr
                else 0
            end
        ) as at_risk_arr

    from account_months
    inner join last_months
        on account_months.month_start = last_months.month_start
    group by last_months.quarter_start

),

kpis_unpivoted as (

    select
        quarter_start,
        'csm_to_account_ratio' as kpi_name,
        cast(csm_owned_customers as double) / nullif(csms_with_customers, 0) as value  -- noqa: RF04
    from summed_by_quarter

    union all

    select
        quarter_start,
        'at_risk_customers' as kpi_name,
        cast(at_risk_customers as double) as value  -- noqa: RF04
    from summed_by_quarter

    union all

    select
        quarter_start,
        'at_risk_customer_share' as kpi_name,
        cast(at_risk_customers as double) / nullif(customers, 0) as value  -- noqa: RF04
    from summed_by_quarter

    union all

    select
        quarter_start,
        'at_risk_arr' as kpi_name,
        cast(at_risk_arr as double) as value  -- noqa: RF04
    from summed_by_quarter

    union all

    select
        quarter_start,
        'at_risk_arr_share' as kpi_name,
        cast(at_risk_arr as double) / nullif(arr, 0) as value  -- noqa: RF04
    from summed_by_quarter

),

final as (

    select
        quarter_start,
        cast(kpi_name as {{ dbt.type_string() }}) as kpi_name,
        cast(value as double) as value  -- noqa: RF04

    from kpis_unpivoted

)

select * from final
