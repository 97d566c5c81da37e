{#
    One row per product user with at least one event in the power-user window (setting
    power_user_window_days of advocacy_settings, default 30 days ending on as_of_date,
    inclusive), with its distinct active days and distinct features used in the window,
    and whether it is a power user: at least N active days and M features (settings
    power_user_min_active_days and power_user_min_features, defaults 15 and 3). Events
    without a feature count as activity, not as a feature. A user deactivated on or before
    as_of_date is no power user any more. The account is the user's, from the product tool
    (the event's when the user is unknown to it). A table: it reads the event table once
    for the advocacy lists.
#}

{{ config(materialized='table') }}

with

events as (

    select * from {{ ref('stg_usage__events') }}

),

users as (

    select * from {{ ref('stg_usage__users') }}

),

settings as (

    select * from {{ ref('int_advocacy_settings_pivoted') }}

),

events_in_window as (

    select
        events.user_id,
        events.account_id,
        events.feature,
        cast(events.occurred_at as date) as activity_date

    -- the window's bounds as times, compared with occurred_at as stored (a scalar subquery,
    -- not a join with the settings): the engine can skip the events outside the window
    -- while it reads them, instead of casting each of the tens of millions to a date
    from events
    where
        events.occurred_at < {{ dbt.dateadd('day', 1, as_of_date()) }}
        and events.occurred_at >= (
            select {{ dbt.dateadd('day', '1 - power_user_window_days', as_of_date()) }}
            from settings
        )

),

users_measured as (

    select
        user_id,
        max(account_id) as event_account_id,
        count(distinct activity_date) as active_days,
        count(distinct feature) as features_used

    from events_in_window
    group by user_id

),

flagged as (

    select
        users_measured.user_id,
        coalesce(users.account_id, users_measured.event_account_id) as account_id,
        users.email,
        users_measured.active_days,
        users_measured.features_used,
        coalesce(cast(users.deactivated_at as date) <= {{ as_of_date() }}, false) as is_deactivated,
        users_measured.active_days >= settings.power_user_min_active_days
        and users_measured.features_used >= settings.power_user_min_features
        and not coalesce(cast(users.deactivated_at as date) <= {{ as_of_date() }}, false)
            as is_power_user

    from users_measured
    left join users
        on users_measured.user_id = users.user_id
    cross join settings

),

final as (

    select
        user_id,
        account_id,
        email,
        cast(active_days as integer) as active_days,
        cast(features_used as integer) as features_used,
        is_deactivated,
        coalesce(is_power_user, false) as is_power_user

    from flagged

)

select * from final
