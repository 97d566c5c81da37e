{#
    The health distribution of the customer base: one row per month and health tier
    (`green`, `yellow`, `red`; all three every month, with zeros), from the first month
    with a scored customer through the month holding as_of_date. Tiers partition the
    month's customers (ARR above zero), so customers and ARR add up to the company's.
#}

with

scored as (

    select * from {{ ref('int_account_health_scored') }}

),

months as (

    select * from {{ ref('int_months_spined') }}

),

tiers as (

    select * from {{ ref('health_tiers') }}

),

first_scored_month as (

    select min(month_start) as month_start
    from scored

),

month_tiers_spined as (

    select
        months.month_start,
        tiers.health_tier,
        tiers.tier_order

    from months
    inner join first_scored_month
        on months.month_start >= first_scored_month.month_start
    cross join tiers

),

tiers_counted as (

    select
        month_start,
        health_tier,
        count(*) as customers,
        sum(arr) as arr,
        avg(health_score) as avg_health_score,
        sum(case when tier_change = 'turnaround' then 1 else 0 end) as turnarounds_in,
        sum(case when tier_change = 'slip' then 1 else 0 end) as slips_in

    from scored
    group by month_start, health_tier

),

months_counted as (

    select
        month_start,
        count(*) as customers,
        sum(arr) as arr

    from scored
    group by month_start

),

joined as (

    select
        month_tiers_spined.month_start,
        month_tiers_spined.health_tier,
        month_tiers_spined.tier_order,
        coalesce(tiers_counted.customers, 0) as customers,
        coalesce(tiers_counted.arr, 0) as arr,
        tiers_counted.avg_health_score,
        coalesce(tiers_counted.turnarounds_in, 0) as turnarounds_in,
        coalesce(tiers_counted.slips_in, 0) as slips_in,
        months_counted.customers as month_customers,
        months_counted.arr as month_arr

    from month_tiers_spined
    left join tiers_counted
        on
            month_tiers_spined.month_start = tiers_counted.month_start
            and month_tiers_spined.health_tier = tiers_counted.health_tier
    left join months_counted
        on month_tiers_spined.month_start = months_counted.month_start

),

compared_with_prior_month as (

    select
        *,
        customers - lag(customers) over (partition by health_tier order by month_start)
            as customers_change_vs_prior_month,
        arr - lag(arr) over (partition by health_tier order by month_start) as arr_change_vs_prior_month

    from joined

),

final as (

    select
        month_start,
        health_tier,
        cast(customers as integer) as customers,
        cast(arr as decimal(18, 2)) as arr,
        cast(customers as double) / nullif(month_customers, 0) as pct_of_customers,
        cast(arr as double) / nullif(month_arr, 0) as pct_of_arr,
        cast(customers_change_vs_prior_month as integer) as customers_change_vs_prior_month,
        cast(arr_change_vs_prior_month as decimal(18, 2)) as arr_change_vs_prior_month,
        cast(round(avg_health_score, 2) as decimal(5, 2)) as avg_health_score,
        cast(turnarounds_in as integer) as turnarounds_in,
        cast(slips_in as integer) as slips_in,
        cast(tier_order as integer) as tier_order

    from compared_with_prior_month

)

select * from final
