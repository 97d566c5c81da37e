{#
    Does the health score work? For each month and health tier, the customers of that
    tier and how many of them churned (ARR to zero) or contracted (ARR down, still a
    customer) within the following `backtest_outcome_months` months (setting, 3 ≈ 90
    days), as int_account_months_health_outcomes_flagged finds them. Only months whose
    outcome window is complete by as_of_date are listed (the last outcome month has
    ended). All three tiers every month, with zeros.
#}

with

outcomes as (

    select * from {{ ref('int_account_months_health_outcomes_flagged') }}

),

tiers as (

    select * from {{ ref('health_tiers') }}

),

tiers_counted as (

    select
        month_start,
        health_tier,
        count(*) as customers,
        sum(arr) as arr,
        sum(case when has_churned then 1 else 0 end) as churned_customers,
        sum(case when has_contracted_only then 1 else 0 end) as contracted_customers,
        sum(case when has_churned then arr else 0 end) as churned_customers_arr

    from outcomes
    group by month_start, health_tier

),

complete_months as (

    select distinct
        month_start,
        outcome_window_end

    from outcomes

),

month_tiers_spined as (

    select
        complete_months.month_start,
        complete_months.outcome_window_end,
        tiers.health_tier,
        tiers.tier_order

    from complete_months
    cross join tiers

),

joined as (

    select
        month_tiers_spined.month_start,
        month_tiers_spined.health_tier,
        month_tiers_spined.tier_order,
        month_tiers_spined.outcome_window_end,
        coalesce(tiers_counted.customers, 0) as customers,
        coalesce(tiers_counted.arr, 0) as arr,
        coalesce(tiers_counted.churned_customers, 0) as churned_customers,
        coalesce(tiers_counted.contracted_customers, 0) as contracted_customers,
        coalesce(tiers_counted.churned_customers_arr, 0) as churned_customers_arr

    from month_tiers_spined
    left join tiers_counted
        on
            month_tiers_spined.month_start = tiers_counted.month_start
            and month_tiers_spined.health_tier = tiers_counted.health_tier

),

final as (

    select
        month_start,
        health_tier,
        outcome_window_end,
        cast(customers as integer) as customers,
        cast(arr as decimal(18, 2)) as arr,
        cast(churned_customers as integer) as churned_customers,
        cast(contracted_customers as integer) as contracted_customers,
        cast(churned_customers + contracted_customers as integer) as churned_or_contracted_customers,
        cast(churned_customers as double) / nullif(customers, 0) as churn_rate,
        cast(contracted_customers as double) / nullif(customers, 0) as contraction_rate,
        cast(churned_customers + contracted_customers as double) / nullif(customers, 0)
            as churn_or_contraction_rate,
        cast(churned_customers_arr as decimal(18, 2)) as churned_customers_arr,
        cast(tier_order as integer) as tier_order

    from joined

)

select * from final
