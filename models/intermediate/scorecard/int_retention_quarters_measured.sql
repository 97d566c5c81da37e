{#
    The executive scorecard's retention KPIs per calendar quarter, long: one row per
    quarter with account-months and KPI (`nrr`, `logo_retention_rate`,
    `gross_revenue_churn_rate`, `logo_churn_rate`). The sums and ratios of nrr_breakdown
    and arr_bridge over int_account_months_classified, taken over a quarter the way the
    semantic layer's account_months model does: balances (the trailing-twelve-month
    retention cohort) from the quarter's last month (the month holding as_of_date in the
    current quarter), opening ARR and customers from its first month, movements summed over
    its months. Null where the denominator is zero.
#}

{{ config(materialized='table') }}

with

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

account_months_in_quarters as (

    select
        *,
        cast({{ dbt.date_trunc('quarter', 'month_start') }} as date) as quarter_start

    from account_months

),

quarter_bounds as (

    select
        quarter_start,
        min(month_start) as first_month_start,
        max(month_start) as last_month_start

    from account_months_in_quarters
    group by quarter_start

),

summed_by_quarter as (

    select
        account_months_in_quarters.quarter_start,
        sum(
            case
                when account_months_in_quarters.month_start = quarter_bounds.last_month_start
                    then account_months_in_quarters.cohort_starting_arr
                else 0
            end
        ) as cohort_starting_arr,
        sum(
            case
                when account_months_in_quarters.month_start = quarter_bounds.last_month_start
                    then account_months_in_quarters.cohort_ending_arr
                else 0
            end
        ) as cohort_ending_arr,
        sum(
            case
                when
                    account_months_in_quarters.month_start = quarter_bounds.last_month_start
                    and account_months_in_quarters.is_in_retention_cohort
                    then 1
                else 0
            end
        ) as cohort_customers,
        sum(
            case
                when
                    account_months_in_quarters.month_start = quarter_bounds.last_month_start
                    and account_months_in_quarters.is_retained_cohort_customer
                    then 1
                else 0
            end
        ) as retained_cohort_customers,
        sum(
            case
                when account_months_in_quarters.month_start = quarter_bounds.first_month_start
                    then account_months_in_quarters.opening_arr
                else 0
            end
        ) as opening_arr,
        sum(
            case
                when
                    account_months_in_quarters.month_start = quarter_bounds.first_month_start
                    and account_months_in_quarters.is_opening_customer
                    then 1
                else 0
            end
        ) as opening_customers,
        sum(account_months_in_quarters.churned_arr + account_months_in_quarters.contraction_arr) as lost_arr,
        sum(
            case when account_months_in_quarters.movement_type = 'churn' then 1 else 0 end
        ) as churned_customers

    from account_months_in_quarters
    inner join quarter_bounds
        on account_months_in_quarters.quarter_start = quarter_bounds.quarter_start
    group by account_months_in_quarters.quarter_start

),

kpis_unpivoted as (

    select
        quarter_start,
        'nrr' as kpi_name,
        cast(cohort_ending_arr as double) / nullif(cohort_starting_arr, 0) as value  -- noqa: RF04
    from summed_by_quarter

    union all

    select
        quarter_start,
        'logo_retention_rate' as kpi_name,
        cast(retained_cohort_customers as double) / nullif(cohort_customers, 0) as value  -- noqa: RF04
    from summed_by_quarter

    union all

    select
        quarter_start,
        'gross_revenue_churn_rate' as kpi_name,
        cast(lost_arr as double) / nullif(opening_arr, 0) as value  -- noqa: RF04
    from summed_by_quarter

    union all

    select
        quarter_start,
        'logo_churn_rate' as kpi_name,
        cast(churned_customers as double) / nullif(opening_customers, 0) as value  -- noqa: RF04
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
