{#
    The customer months the health signals are measured on: one row per account and month
    in which the account is a customer (ARR above zero in int_account_months_classified),
    with its evaluation day (the month's last day, or as_of_date in the as_of month), its
    size (ARR and paid core seats that day) and the first day of every trailing window of
    the health signals. Each window ends on the evaluation day, inclusive; its length is a
    setting of the seed health_score_settings (through int_health_settings_pivoted) and
    is carried beside its start, so a reader of a signal knows the window behind it.

    A table: every signal family (int_account_months_*_measured) reads it.
#}

{{ config(materialized='table') }}

{#- the windows counted in days back from the evaluation day, each a setting `<window>_window_days` -#}
{%- set day_windows = ['goals', 'nps', 'csat', 'support', 'decision_maker_left'] %}

with

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

settings as (

    select * from {{ ref('int_health_settings_pivoted') }}

),

subscription_items as (

    select * from {{ ref('int_subscription_items_converted') }}

),

customer_months as (

    select
        account_id,
        month_start,
        evaluation_date,
        is_current_month,
        first_paid_month,
        arr

    from account_months
    where is_customer

),

paid_seats_summed as (

    -- seats paid for on the evaluation day: the core items in effect that day
    select
        customer_months.account_id,
        customer_months.month_start,
        sum(subscription_items.quantity) as paid_seats

    from customer_months
    inner join subscription_items
        on
            customer_months.account_id = subscription_items.account_id
            and subscription_items.product = 'core'
            and {{ item_in_effect('subscription_items', 'customer_months.evaluation_date') }}
    group by customer_months.account_id, customer_months.month_start

),

windows_started as (

    select
        customer_months.account_id,
        customer_months.month_start,
        settings.usage_recent_window_days,
        settings.usage_prior_window_days,
        cast(
            {{ dbt.dateadd(
                'day', '1 - settings.usage_recent_window_days', 'customer_months.evaluation_date'
            ) }}
            as date
        ) as usage_recent_window_start,
        cast(
            {{ dbt.dateadd(
                'day',
                '1 - settings.usage_recent_window_days - settings.usage_prior_window_days',
                'customer_months.evaluation_date',
            ) }}
            as date
        ) as usage_prior_window_start,
        {%- for window in day_windows %}
        settings.{{ window }}_window_days,
        cast(
            {{ dbt.dateadd(
                'day', '1 - settings.' ~ window ~ '_window_days', 'customer_months.evaluation_date'
            ) }}
            as date
        ) as {{ window }}_window_start,
        {%- endfor %}
        settings.contraction_window_months,
        cast(
            {{ dbt.dateadd(
                'month', '1 - settings.contraction_window_months', 'customer_months.month_start'
            ) }}
            as date
        ) as contraction_window_first_month

    from customer_months
    cross join settings

),

final as (

    select
        customer_months.account_id,
        customer_months.month_start,
        customer_months.evaluation_date,
        customer_months.is_current_month,
        customer_months.first_paid_month,
        customer_months.arr,
        coalesce(paid_seats_summed.paid_seats, 0) as paid_seats,
        windows_started.usage_recent_window_days,
        windows_started.usage_recent_window_start,
        windows_started.usage_prior_window_days,
        windows_started.usage_prior_window_start,
        {%- for window in day_windows %}
        windows_started.{{ window }}_window_days,
        windows_started.{{ window }}_window_start,
        {%- endfor %}
        windows_started.contraction_window_months,
        windows_started.contraction_window_first_month

    from customer_months
    inner join windows_started
        on
            customer_months.account_id = windows_started.account_id
            and customer_months.month_start = windows_started.month_start
    left join paid_seats_summed
        on
            customer_months.account_id = paid_seats_summed.account_id
            and customer_months.month_start = paid_seats_summed.month_start

)

select * from final
