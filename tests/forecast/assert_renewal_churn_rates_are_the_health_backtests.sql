{#
    The ARR forecast's measured churn rate per health tier
    (int_renewal_churn_probabilities_resolved) pools exactly the customer-months and
    churns of the mart health_score_backtest over all its months: the two must not drift
    apart (the intermediate model repeats the backtest's rule, since a model may not read
    a mart). Returns the tiers where they differ.
#}

with

probabilities as (

    select * from {{ ref('int_renewal_churn_probabilities_resolved') }}

),

backtest as (

    select * from {{ ref('health_score_backtest') }}

),

backtest_pooled as (

    select
        health_tier,
        sum(customers) as customer_months,
        sum(churned_customers) as churned_customer_months

    from backtest
    group by health_tier

)

select
    probabilities.health_tier,
    probabilities.measured_customer_months,
    backtest_pooled.customer_months,
    probabilities.measured_churned_customer_months,
    backtest_pooled.churned_customer_months

from probabilities
left join backtest_pooled
    on probabilities.health_tier = backtest_pooled.health_tier
where
    probabilities.measured_customer_months <> coalesce(backtest_pooled.customer_months, 0)
    or probabilities.measured_churned_customer_months <> coalesce(backtest_pooled.churned_customer_months, 0)
