{#
    One row per account per month, from the account's first month with ARR through the
    month holding as_of_date, with the account's ARR in USD on the month's evaluation day.
    Months without ARR (after a churn) are included with arr = 0.
#}

with

months as (

    select * from {{ ref('int_months_spined') }}

),

subscription_items as (

    select * from {{ ref('int_subscription_items_converted') }}

),

arr_by_account_month as (

    -- An item counts in a month only if it is in effect on the month's evaluation day.
    select
        subscription_items.account_id,
        months.month_start,
        round(sum(subscription_items.arr_usd_unrounded), 2) as arr

    from subscription_items
    inner join months
        on
            {{ item_in_effect('subscription_items', 'months.evaluation_date') }}

    group by
        subscription_items.account_id,
        months.month_start

),

first_paid_months as (

    select
        account_id,
        min(month_start) as first_paid_month

    from arr_by_account_month
    where arr > 0
    group by account_id

),

spined as (

    select
        first_paid_months.account_id,
        first_paid_months.first_paid_month,
        months.month_start,
        months.month_end,
        months.evaluation_date,
        months.is_current_month

    from first_paid_months
    inner join months
        on first_paid_months.first_paid_month <= months.month_start

),

final as (

    select
        spined.account_id,
        spined.month_start,
        spined.month_end,
        spined.evaluation_date,
        spined.is_current_month,
        spined.first_paid_month,
        cast(coalesce(arr_by_account_month.arr, 0) as decimal(18, 2)) as arr

    from spined
    left join arr_by_account_month
        on
            spined.account_id = arr_by_account_month.account_id
            and spined.month_start = arr_by_account_month.month_start

)

select * from final
