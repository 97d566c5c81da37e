{#
    One row per health tier: the churn probability the ARR forecast applies to a renewal of
    an account of that tier. It is the seed renewal_churn_probabilities' value where one is
    set, else the churn rate the health backtest measures for the tier: of the tier's
    customer-months whose outcome window (the `backtest_outcome_months` months after the
    month, setting of health_score_settings, default 3) has ended by as_of_date, the share
    whose account churned (ARR to zero) in that window, pooled over all those months
    (int_account_months_health_outcomes_flagged, which the mart health_score_backtest
    counts per month); null where the tier has no such customer-month and no seed value.
#}

{{ config(materialized='table') }}

with

outcomes as (

    select * from {{ ref('int_account_months_health_outcomes_flagged') }}

),

tiers as (

    select * from {{ ref('health_tiers') }}

),

seeded as (

    select * from {{ ref('renewal_churn_probabilities') }}

),

tiers_measured as (

    select
        health_tier,
        count(*) as measured_customer_months,
        sum(case when has_churned then 1 else 0 end) as measured_churned_customer_months

    from outcomes
    group by health_tier

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
