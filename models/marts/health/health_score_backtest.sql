{#
    Does the health score work? For each month and health tier, the customers of that
    tier and how many of them churned (ARR to zero) or contracted (ARR down, still a
    customer) within the following `backtest_outcome_months` months (setting, 3 ≈ 90
    days). Only months whose outcome window is complete by as_of_date are listed (the last
    outcome month has ended). All three tiers every month, with zeros.
#}

with

scored as (

    select * from {{ ref('int_account_health_scored') }}

),

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

settings as (

    select * from {{ ref('int_health_settings_pivoted') }}

),

tiers as (

    select * from {{ ref('health_tiers') }}

),

scored_with_window as (

    select
        scored.account_id,
        scored.month_start,
        scored.health_tier,
        scored.arr,
        cast({{ dbt.dateadd('month', 1, 'scored.month_start') }} as date) as outcome_first_month,
        cast({{ dbt.dateadd('month', 'settings.backtest_outcome_months', 'scored.month_start') }} as date)
            as outcome_last_month,
        cast(
            {{ dbt.dateadd(
                'day', -1, dbt.dateadd('month', 'settings.backtest_outcome_months + 1', 'scored.month_start')
            ) }}
            as date
        ) as outcome_window_end

    from scored
    cross join settings

),

complete_windows as (

    select * from scored_with_window
    where outcome_window_end <= {{ as_of_date() }}

),

outcomes_found as (

    select
        complete_windows.account_id,
        complete_windows.month_start,
        max(case when account_months.movement_type = 'churn' then 1 else 0 end) as has_churned,
        max(case when account_months.movement_type = 'contraction' then 1 else 0 end) as has_contracted

    from complete_windows
    inner join account_months
        on
            complete_windows.account_id = account_months.account_id
            and complete_windows.outcome_first_month <= account_months.month_start
            and complete_windows.outcome_last_month >= account_months.month_start
    group by complete_windows.account_id, complete_windows.month_start

),

customers_classified as (

    select
        complete_windows.month_start,
        complete_windows.health_tier,
        complete_windows.arr,
        complete_windows.outcome_window_end,
        coalesce(outcomes_found.has_churned, 0) as has_churned,
        case
            when coalesce(outcomes_found.has_churned, 0) = 1 then 0 else
                coalesce(outcomes_found.has_contracted, 0)
        end
            as has_contracted_only

    from complete_windows
    left join outcomes_found
        on
            complete_windows.account_id = outcomes_found.account_id
            and complete_windows.month_start = outcomes_found.month_start

),

tiers_counted as (

    select
        month_start,
        health_tier,
        count(*) as customers,
        sum(arr) as arr,
        sum(has_churned) as churned_customers,
        sum(has_contracted_only) as contracted_customers,
        sum(case when has_churned = 1 then arr else 0 end) as churned_customers_arr

    from customers_classified
    group by month_start, health_tier

),

complete_months as (

    select distinct
        month_start,
        outcome_window_end

    from complete_windows

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
