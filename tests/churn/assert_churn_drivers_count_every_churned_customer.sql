{#
    churn_drivers loses no churned customer and counts none twice: for every month, the
    churned customers (and churned ARR) summed over the reasons equal the month's churned
    customers (movement `churn` in int_account_months_classified) and their churned ARR,
    and each month's shares sum to 1. Fails with one row per month that disagrees.
#}

with

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

drivers as (

    select * from {{ ref('churn_drivers') }}

),

churns_by_month as (

    select
        month_start,
        count(*) as churned_customers,
        sum(churned_arr) as churned_arr

    from account_months
    where movement_type = 'churn'
    group by month_start

),

drivers_by_month as (

    select
        month_start,
        sum(churned_customers) as churned_customers,
        sum(churned_arr) as churned_arr,
        sum(pct_of_churned_customers) as pct_of_churned_customers,
        sum(pct_of_churned_arr) as pct_of_churned_arr

    from drivers
    group by month_start

),

compared as (

    select
        coalesce(churns_by_month.month_start, drivers_by_month.month_start) as month_start,
        churns_by_month.churned_customers as expected_churned_customers,
        drivers_by_month.churned_customers as churned_customers,
        churns_by_month.churned_arr as expected_churned_arr,
        drivers_by_month.churned_arr as churned_arr,
        drivers_by_month.pct_of_churned_customers,
        drivers_by_month.pct_of_churned_arr

    from churns_by_month
    full outer join drivers_by_month
        on churns_by_month.month_start = drivers_by_month.month_start

)

select * from compared
where
    expected_churned_customers is null
    or churned_customers is null
    or churned_customers <> expected_churned_customers
    or churned_arr <> expected_churned_arr
    or abs(pct_of_churned_customers - 1) > 0.000000001
    or abs(pct_of_churned_arr - 1) > 0.000000001
