{#
    One row per forecast date (int_forecast_dates_spined) and subscription with ARR on it
    that has a renewal date after it and on or before the forecast date's last month end (int_subscription_renewals_spined: renewal dates up to
    and including current_term_end_date): the subscription's next renewal date after the
    forecast date and its ARR on the forecast date (USD, unrounded: the items in effect
    that day). The ARR forecast applies the account's churn probability once per
    subscription, at its next renewal: a monthly plan renewing three times in a quarter
    is one renewal at risk, not three (the probability is a churn rate over about 90 days,
    not per renewal).
#}

{{ config(materialized='table') }}

with

forecast_dates as (

    select * from {{ ref('int_forecast_dates_spined') }}

),

renewals as (

    select * from {{ ref('int_subscription_renewals_spined') }}

),

subscription_items as (

    select * from {{ ref('int_subscription_items_converted') }}

),

forecast_horizons as (

    -- only renewals due by a forecast date's last month end can count
    select
        forecast_date,
        max(month_end) as last_month_end

    from forecast_dates
    group by forecast_date

),

next_renewals_found as (

    select
        forecast_horizons.forecast_date,
        renewals.subscription_id,
        renewals.account_id,
        min(renewals.renewal_date) as next_renewal_date

    from forecast_horizons
    inner join renewals
        on
            forecast_horizons.forecast_date < renewals.renewal_date
            and forecast_horizons.last_month_end >= renewals.renewal_date
    group by forecast_horizons.forecast_date, renewals.subscription_id, renewals.account_id

),

subscription_arr_summed as (

    select
        next_renewals_found.forecast_date,
        next_renewals_found.subscription_id,
        sum(subscription_items.arr_usd_unrounded) as subscription_arr

    from next_renewals_found
    inner join subscription_items
        on
            next_renewals_found.subscription_id = subscription_items.subscription_id
            and {{ item_in_effect('subscription_items', 'next_renewals_found.forecast_date') }}
    group by next_renewals_found.forecast_date, next_renewals_found.subscription_id

),

final as (

    select
        next_renewals_found.forecast_date,
        next_renewals_found.subscription_id,
        next_renewals_found.account_id,
        next_renewals_found.next_renewal_date,
        subscription_arr_summed.subscription_arr

    from next_renewals_found
    inner join subscription_arr_summed
        on
            next_renewals_found.forecast_date = subscription_arr_summed.forecast_date
            and next_renewals_found.subscription_id = subscription_arr_summed.subscription_id
    where subscription_arr_summed.subscription_arr > 0

)

select * from final
