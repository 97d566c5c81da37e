{#
    The health score works: pooled over every complete month of health_score_backtest,
    red customers churn within the outcome window at least
    `backtest_min_red_to_green_churn_ratio` (setting, default 2) times as often as green
    ones. An error: a tier rule turned upside down, a signal measured on the wrong
    window or a component weighted the wrong way shows up here as red churning no more
    than green.

    Judged once the pooled sample is large enough to mean something (settings
    backtest_min_red_customer_months and backtest_min_green_customer_months, default 30
    and 100: the test data of `make dbt-test` and the demo data are); below it,
    assert_health_backtest_sample_is_large_enough warns that nothing was judged, so a
    small dataset (the hand-made fixture) never passes this test silently.
#}

with

settings as (

    select * from {{ ref('int_health_settings_pivoted') }}

),

pooled as (

    {{ health_backtest_pooled() }}

),

rates_calculated as (

    select
        pooled.*,
        cast(pooled.red_churned as double) / nullif(pooled.red_customer_months, 0) as red_churn_rate,
        cast(pooled.green_churned as double) / nullif(pooled.green_customer_months, 0) as green_churn_rate,
        settings.backtest_min_red_customer_months,
        settings.backtest_min_green_customer_months,
        settings.backtest_min_red_to_green_churn_ratio

    from pooled
    cross join settings

)

select * from rates_calculated
where
    red_customer_months >= backtest_min_red_customer_months
    and green_customer_months >= backtest_min_green_customer_months
    and red_churn_rate < backtest_min_red_to_green_churn_ratio * green_churn_rate
