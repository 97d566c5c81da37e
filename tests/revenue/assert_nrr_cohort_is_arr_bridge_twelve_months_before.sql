{#
    The trailing-twelve-month retention cohort of a month is every customer of the month
    twelve months before: nrr_breakdown's cohort customers and starting ARR equal
    arr_bridge's closing customers and closing ARR of that month. Fails on a cohort read
    from the wrong month (a lag over missing months, an off-by-one) or a cohort that loses
    or gains accounts.
#}

with

breakdown as (

    select * from {{ ref('nrr_breakdown') }}

),

bridge as (

    select * from {{ ref('arr_bridge') }}

)

select
    breakdown.month_start,
    breakdown.cohort_customers,
    bridge.closing_customers as customers_twelve_months_before,
    breakdown.starting_arr,
    bridge.closing_arr as arr_twelve_months_before

from breakdown
left join bridge
    on bridge.month_start = {{ dbt.dateadd('month', -12, 'breakdown.month_start') }}
where
    bridge.month_start is null
    or breakdown.cohort_customers <> bridge.closing_customers
    or breakdown.starting_arr <> bridge.closing_arr
