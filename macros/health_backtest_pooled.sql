{#
    The health backtest pooled over all its complete months, as one row: the red and the
    green customer-months and how many of them churned within the outcome window. Read by
    the two singular tests of the backtest (the ordering, and whether the sample is large
    enough to judge it), so that both judge the same pool.
#}
{% macro health_backtest_pooled() -%}
    select
        coalesce(sum(case when health_tier = 'red' then customers end), 0) as red_customer_months,
        coalesce(sum(case when health_tier = 'red' then churned_customers end), 0) as red_churned,
        coalesce(sum(case when health_tier = 'green' then customers end), 0) as green_customer_months,
        coalesce(sum(case when health_tier = 'green' then churned_customers end), 0) as green_churned

    from {{ ref('health_score_backtest') }}
{%- endmacro %}
