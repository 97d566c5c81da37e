{#
    One row per forecast date (int_forecast_dates_spined) and confirmed cancellation
    pending on it: notice given on or before the forecast date (requested_at) and taking
    effect after it (effective_date), with the ARR it takes away (cancelled_arr, USD):
    - full: the account's ARR on the forecast date. Where several full notices are pending,
      the latest notice restates the effective date (as in
      int_account_months_pending_cancellations_counted): only it is kept.
    - partial, items known: the account's billing items in effect on the forecast date that
      end on the effective date (valid_to = effective_date), less the items of the same
      subscription that start that day (the reduced quantity), per subscription never
      below zero.
    - partial, items not known (no item ends on the effective date): the share
      `partial_cancellation_arr_share` (forecast_settings, default 0.25) of the account's
      ARR on the forecast date.
    Accounts without ARR on the forecast date are left out (nothing to cancel). Billing
    items are read as they stand at as_of_date: a backtest row sees item end dates that
    may have been entered after its forecast date.
#}

{{ config(materialized='table') }}

with

forecast_dates as (

    select * from {{ ref('int_forecast_dates_spined') }}

),

cancellations as (

    select * from {{ ref('stg_crm__cancellations') }}

),

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

subscription_items as (

    select * from {{ ref('int_subscription_items_converted') }}

),

settings as (

    select * from {{ ref('int_forecast_settings_pivoted') }}

),

distinct_forecast_dates as (

    select distinct forecast_date
    from forecast_dates

),

pending as (

    select
        distinct_forecast_dates.forecast_date,
        cancellations.cancellation_id,
        cancellations.account_id,
        cancellations.cancellation_type,
        cancellations.effective_date,
        account_months.arr as account_arr,
        row_number() over (
            partition by
                distinct_forecast_dates.forecast_date,
                cancellations.account_id,
                cancellations.cancellation_type
            order by cancellations.requested_at desc, cancellations.cancellation_id desc
        ) as notice_rank

    from distinct_forecast_dates
    inner join cancellations
        on
            cast(cancellations.requested_at as date) <= distinct_forecast_dates.forecast_date
            and distinct_forecast_dates.forecast_date < cancellations.effective_date
    inner join account_months
        on
            cancellations.account_id = account_months.account_id
            and distinct_forecast_dates.forecast_date = account_months.evaluation_date
    where account_months.arr > 0

),

partial_items_ending as (

    select
        pending.forecast_date,
        pending.cancellation_id,
        pending.effective_date,
        subscription_items.subscription_id,
        sum(subscription_items.arr_usd_unrounded) as ending_arr

    from pending
    inner join subscription_items
        on
            pending.account_id = subscription_items.account_id
            and pending.effective_date = subscription_items.valid_to
            and pending.forecast_date >= subscription_items.valid_from
    where pending.cancellation_type = 'partial'
    group by
        pending.forecast_date,
        pending.cancellation_id,
        pending.effective_date,
        subscription_items.subscription_id

),

items_starting as (

    select
        subscription_id,
        valid_from,
        sum(arr_usd_unrounded) as starting_arr

    from subscription_items
    group by subscription_id, valid_from

),

partial_items_netted as (

    -- per subscription: what ends on the effective date less what replaces it that day
    select
        partial_items_ending.forecast_date,
        partial_items_ending.cancellation_id,
        sum(
            case
                when partial_items_ending.ending_arr > coalesce(items_starting.starting_arr, 0)
                    then partial_items_ending.ending_arr - coalesce(items_starting.starting_arr, 0)
                else 0
            end
        ) as cancelled_items_arr

    from partial_items_ending
    left join items_starting
        on
            partial_items_ending.subscription_id = items_starting.subscription_id
            and partial_items_ending.effective_date = items_starting.valid_from
    group by partial_items_ending.forecast_date, partial_items_ending.cancellation_id

),

final as (

    select
        pending.forecast_date,
        pending.cancellation_id,
        pending.account_id,
        pending.cancellation_type,
        pending.effective_date,
        pending.cancellation_type = 'partial' and partial_items_netted.cancelled_items_arr is not null
            as is_cancelled_arr_from_items,
        cast(
            round(
                case
                    when pending.cancellation_type = 'full' then pending.account_arr
                    when partial_items_netted.cancelled_items_arr is not null
                        then least(partial_items_netted.cancelled_items_arr, pending.account_arr)
                    else pending.account_arr * settings.partial_cancellation_arr_share
                end,
                2
            ) as decimal(18, 2)
        ) as cancelled_arr

    from pending
    cross join settings
    left join partial_items_netted
        on
            pending.forecast_date = partial_items_netted.forecast_date
            and pending.cancellation_id = partial_items_netted.cancellation_id
    where pending.cancellation_type = 'partial' or pending.notice_rank = 1

)

select * from final
