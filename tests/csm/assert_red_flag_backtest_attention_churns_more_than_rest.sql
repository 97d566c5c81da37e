{#
    The attention list points at the customers who leave: pooled over every complete
    month of red_flag_backtest, the customers it would have put in its top tiers (group
    `attention`: red, or an `act` red flag raised) churn within the outcome window at
    least `backtest_min_attention_to_rest_churn_ratio` (setting, default 2) times as often
    as the rest. An error: a rule turned the wrong way, a threshold that flags everyone or
    a severity that raises noise shows up here.

    Judged once the pool is large enough to mean something: at least
    `backtest_min_red_customer_months` attention and `backtest_min_green_customer_months`
    rest customer-months (the health backtest's minimums; the test data of
    `make dbt-test` and the demo data reach them, the hand-made fixture does not).
#}

with

backtest as (

    select * from {{ ref('red_flag_backtest') }}

),

settings as (

    select * from {{ ref('int_health_settings_pivoted') }}

),

pooled as (

    select
        sum(case when flag_group = 'attention' then customers else 0 end) as attention_customer_months,
        sum(case when flag_group = 'attention' then churned_customers else 0 end) as attention_churned,
        sum(case when flag_group = 'rest' then customers else 0 end) as rest_customer_months,
        sum(case when flag_group = 'rest' then churned_customers else 0 end) as rest_churned

    from backtest

),

rates_calculated as (

    select
        pooled.*,
        cast(pooled.attention_churned as double) / nullif(pooled.attention_customer_months, 0)
            as attention_churn_rate,
        cast(pooled.rest_churned as double) / nullif(pooled.rest_customer_months, 0) as rest_churn_rate,
        settings.backtest_min_red_customer_months,
        settings.backtest_min_green_customer_months,
        settings.backtest_min_attention_to_rest_churn_ratio

    from pooled
    cross join settings

)

select * from rates_calculated
where
    attention_customer_months >= backtest_min_red_customer_months
    and rest_customer_months >= backtest_min_green_customer_months
    and attention_churn_rate < backtest_min_attention_to_rest_churn_ratio * rest_churn_rate
