{#
    The health tiers partition the customers every month: in health_distribution, each
    month has exactly the three tiers, and their customers and ARR add up to the month's
    customers (ARR above zero) and ARR in int_account_months_classified. Returns the
    months that do not add up.
#}

with

distribution as (

    select * from {{ ref('health_distribution') }}

),

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

distribution_summed as (

    select
        month_start,
        count(*) as tiers,
        count(distinct health_tier) as distinct_tiers,
        sum(customers) as customers,
        sum(arr) as arr

    from distribution
    group by month_start

),

customers_counted as (

    select
        month_start,
        count(*) as customers,
        sum(arr) as arr

    from account_months
    where arr > 0
    group by month_start

),

compared as (

    select
        coalesce(distribution_summed.month_start, customers_counted.month_start) as month_start,
        distribution_summed.tiers,
        distribution_summed.distinct_tiers,
        distribution_summed.customers as distribution_customers,
        customers_counted.customers as customers,
        distribution_summed.arr as distribution_arr,
        customers_counted.arr as arr

    from distribution_summed
    full outer join customers_counted
        on distribution_summed.month_start = customers_counted.month_start

)

select * from compared
where
    tiers is null
    or tiers <> 3
    or distinct_tiers <> 3
    or coalesce(distribution_customers, 0) <> coalesce(customers, 0)
    or coalesce(distribution_arr, 0) <> coalesce(arr, 0)
