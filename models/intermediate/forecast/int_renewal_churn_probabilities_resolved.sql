{#
    One row per health tier: the churn probability the ARR forecast applies to a renewal of
    an account of that tier. It is the seed renewal_churn_probabilities' value where one is
    set, else the churn rate the health backtest measures for the tier: of the tier's
    customer-months whose outcome window (the `backtest_outcome_months` months after the
    month, setting of health_score_settings, default 3) has ended by as_of_date, the share
    whose account churned (ARR to zero) in that window, pooled over all those months.
    The same customer-months and churns as the mart health_score_backtest (a singular test
    holds the two equal); null where the tier has no such customer-month and no seed value.
#}

{{ config(materialized='table') }}

with

scored as (

    select * from {{ ref('int_account_health_scored') }}

),

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

health_settings as (

    select * from {{ ref('int_health_settings_pivoted') }}

),

tiers as (

    select * from {{ ref('health_tiers') }}

),

seeded as (

    select * from {{ ref('renewal_churn_probabilities') }}

),

complete_windows as (

    select
        scored.account_id,
        scored.month_start,
        scored.health_tier,
        cast({{ dbt.dateadd('month', 1, 'scored.month_start') }} as date) as outcome_first_month,
        cast(
            {{ dbt.dateadd(
                'month', 'health_settings.backtest_outcome_months', 'scored.month_start'
            ) }} as date
        ) as outcome_last_month

    from scored
    cross join health_settings
    where
        cast(
            {{ dbt.dateadd(
                'day', -1, dbt.dateadd('month', 'health_settings.backtest_outcome_months + 1', 'scored.month_start')
            ) }}
            as date
        ) <= {{ as_of_date() }}

),

churns_found as (

    select
        complete_windows.account_id,
        complete_windows.month_start,
        max(case when account_months.movement_type = 'churn' then 1 else 0 end) as has_churned

    from complete_windows
    inner join account_months
        on
            complete_windows.account_id = account_months.account_id
            and complete_windows.outcome_first_month <= account_months.month_start
            and complete_windows.outcome_last_month >= account_months.month_start
    group by complete_windows.account_id, complete_windows.month_start

),

tiers_measured as (

    select
        complete_windows.health_tier,
        count(*) as measured_customer_months,
        sum(coalesce(churns_found.has_churned, 0)) as measured_churned_customer_months

    from complete_windows
    left join churns_found
        on
            complete_windows.account_id = churns_found.account_id
            and complete_windows.month_start = churns_found.month_start
    group by complete_windows.health_tier

),

final as (

    select
        tiers.health_tier,
        cast(coalesce(tiers_measured.measured_customer_months, 0) as integer) as measured_customer_months,
        cast(coalesce(tiers_measured.measured_churned_customer_months, 0) as integer)
            as measured_churned_customer_months,
        cast(tiers_measured.measured_churned_customer_months as double)
        / nullif(tiers_measured.measured_customer_months, 0) as measured_churn_rate,
        cast(seeded.churn_probability as double) as seeded_churn_probability,
        coalesce(
            cast(seeded.churn_probability as double),
            cast(tiers_measured.measured_churned_customer_months as double)
            / nullif(tiers_measured.measured_customer_months, 0)
        ) as churn_probability,
        seeded.churn_probability is null as is_measured

    from tiers
    left join tiers_measured
        on tiers.health_tier = tiers_measured.health_tier
    left join seeded
        on tiers.health_tier = seeded.health_tier

)

select * from final
