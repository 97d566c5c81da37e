{#
    One row per subscription renewal due by as_of_date, resolved as renewed or lost, per the
    docs blocks kpi_renewal_rate and kpi_renewal_arr_rate. The renewal dates are those of
    int_subscription_renewals_spined; a renewal is due once its date is on or before
    as_of_date (a date later in the current month is not due yet), and only when the
    subscription was paid for in the month before the renewal date's month (its ARR
    there above zero: trials and already-ended subscriptions have nothing to renew).

    The account's ARR before is its ARR in the month before the renewal date's month; its
    ARR after is its ARR in the renewal date's month (on the month end, or on as_of_date in
    the current month). The renewal renews when the ARR after is above zero.

    ARR is account-level, but an account may renew several subscriptions in one month (or
    on one day): each renewal carries the subscription's own part of the account's ARR
    before (arr_before = the subscription's ARR in the month before), and its renewed ARR is
    that part times least(ARR after, ARR before) / ARR before, so the account's ARR is
    never counted twice in a month where all its subscriptions renew.

    A table: fct_renewals and renewals_monthly read it.
#}

{{ config(materialized='table') }}

with

renewals as (

    select * from {{ ref('int_subscription_renewals_spined') }}

),

subscription_items as (

    select * from {{ ref('int_subscription_items_converted') }}

),

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

renewals_due as (

    select
        subscription_id,
        account_id,
        billing_interval_months,
        renewal_number,
        renewal_date,
        cast({{ dbt.date_trunc('month', 'renewal_date') }} as date) as month_start

    from renewals
    where renewal_date <= {{ as_of_date() }}

),

dated_month_before as (

    select
        *,
        cast({{ dbt.dateadd('month', -1, 'month_start') }} as date) as month_before_start,
        -- the month before is never the current month: its evaluation day is its last day
        cast({{ dbt.dateadd('day', -1, 'month_start') }} as date) as month_before_end

    from renewals_due

),

subscription_arr_before_summed as (

    select
        dated_month_before.subscription_id,
        dated_month_before.renewal_number,
        sum(subscription_items.arr_usd_unrounded) as subscription_arr_before

    from dated_month_before
    inner join subscription_items
        on
            dated_month_before.subscription_id = subscription_items.subscription_id
            and {{ item_in_effect('subscription_items', 'dated_month_before.month_before_end') }}
    group by dated_month_before.subscription_id, dated_month_before.renewal_number

),

joined_to_account_arr as (

    select
        dated_month_before.subscription_id,
        dated_month_before.account_id,
        dated_month_before.billing_interval_months,
        dated_month_before.renewal_number,
        dated_month_before.renewal_date,
        dated_month_before.month_start,
        subscription_arr_before_summed.subscription_arr_before,
        coalesce(months_before.arr, 0) as account_arr_before,
        coalesce(months_after.arr, 0) as account_arr_after

    from dated_month_before
    inner join subscription_arr_before_summed
        on
            dated_month_before.subscription_id = subscription_arr_before_summed.subscription_id
            and dated_month_before.renewal_number = subscription_arr_before_summed.renewal_number
    left join account_months as months_before
        on
            dated_month_before.account_id = months_before.account_id
            and dated_month_before.month_before_start = months_before.month_start
    left join account_months as months_after
        on
            dated_month_before.account_id = months_after.account_id
            and dated_month_before.month_start = months_after.month_start
    where subscription_arr_before_summed.subscription_arr_before > 0

),

final as (

    select
        subscription_id,
        account_id,
        billing_interval_months,
        renewal_number,
        renewal_date,
        month_start,
        cast(account_arr_before as decimal(18, 2)) as account_arr_before,
        cast(account_arr_after as decimal(18, 2)) as account_arr_after,
        cast(round(subscription_arr_before, 2) as decimal(18, 2)) as arr_before,
        -- the part kept: all of it when the account kept or grew its ARR, none when it
        -- left, else in proportion to what the account kept
        cast(
            round(
                case
                    when account_arr_after >= account_arr_before then subscription_arr_before
                    when account_arr_after <= 0 then 0
                    else subscription_arr_before * account_arr_after / account_arr_before
                end,
                2
            ) as decimal(18, 2)
        ) as arr_renewed,
        account_arr_after > 0 as is_renewed

    from joined_to_account_arr

)

select * from final
