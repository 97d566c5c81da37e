{#
    The health backtest's outcomes, one row per scored customer-month
    (int_account_health_scored) whose outcome window has ended by as_of_date: the
    `backtest_outcome_months` months after the month (setting, 3 ≈ 90 days) and whether
    the account churned (a `churn` movement, ARR to zero) or only contracted (a
    `contraction`, still a customer) there. A churn counts even when the account comes
    back later in the window. The one definition of "what happened after a tier": the mart
    health_score_backtest counts it per month and tier, and the ARR forecast pools it into
    its churn probability per tier. A table: both read it.
#}

{{ config(materialized='table') }}

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

final as (

    select
        complete_windows.account_id,
        complete_windows.month_start,
        complete_windows.health_tier,
        complete_windows.arr,
        complete_windows.outcome_window_end,
        coalesce(outcomes_found.has_churned, 0) = 1 as has_churned,
        coalesce(outcomes_found.has_churned, 0) = 0
        and coalesce(outcomes_found.has_contracted, 0) = 1 as has_contracted_only

    from complete_windows
    left join outcomes_found
        on
            complete_windows.account_id = outcomes_found.account_id
            and complete_windows.month_start = outcomes_found.month_start

)

select * from final
