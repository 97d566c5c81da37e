{#
    The backtest scores the same customers as the health distribution: for every month the
    backtest lists, each tier's customers and ARR equal that month's row of
    health_distribution (which itself adds up to the company's customers). A backtest that
    lost customers (those without a later month, say) or counted one twice would judge
    the score on the wrong population. Returns the months and tiers that differ.
#}

with

backtest as (

    select * from {{ ref('health_score_backtest') }}

),

distribution as (

    select * from {{ ref('health_distribution') }}

)

select
    backtest.month_start,
    backtest.health_tier,
    backtest.customers as backtest_customers,
    distribution.customers as distribution_customers,
    backtest.arr as backtest_arr,
    distribution.arr as distribution_arr

from backtest
left join distribution
    on
        backtest.month_start = distribution.month_start
        and backtest.health_tier = distribution.health_tier
where
    distribution.month_start is null
    or backtest.customers <> distribution.customers
    or backtest.arr <> distribution.arr
