{#
    Says out loud when assert_health_backtest_red_churns_more_than_green could not judge:
    the complete months of health_score_backtest pool fewer red or green customer-months
    than the settings backtest_min_red_customer_months / backtest_min_green_customer_months
    (a young company, or the small hand-made fixture). A warning, not an error: too little
    history is no defect, but nobody should read the ordering test's pass as evidence then.
#}

{{ config(severity='warn') }}

with

settings as (

    select * from {{ ref('int_health_settings_pivoted') }}

),

pooled as (

    {{ health_backtest_pooled() }}

)

select
    pooled.red_customer_months,
    pooled.green_customer_months,
    settings.backtest_min_red_customer_months,
    settings.backtest_min_green_customer_months

from pooled
cross join settings
where
    pooled.red_customer_months < settings.backtest_min_red_customer_months
    or pooled.green_customer_months < settings.backtest_min_green_customer_months
