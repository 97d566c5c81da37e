{#
    Product usage per account, day and feature: one row per (account_id, activity_date,
    feature) with its events, for the breadth of features an account uses. Events
    without a feature (session-level events such as logins) are left out.

    Incremental like int_usage_user_days_aggregated: whole days replaced from
    `usage_lookback_days` (var) before the newest day already loaded.
#}

{{ config(
    materialized='incremental',
    on_schema_change='fail',
    **incremental_by_period_config('activity_date')
) }}

with

events as (

    select * from {{ ref('stg_usage__events') }}

),

loaded_events as (

    -- the scheduled run: only the events of the days from the look-back window on
    select * from events
    {{ incremental_lookback_filter('occurred_at', this_column='activity_date') }}

),

dated as (

    select
        account_id,
        feature,
        cast(occurred_at as date) as activity_date

    from loaded_events
    where
        occurred_at is not null
        and account_id is not null
        and feature is not null

),

aggregated as (

    select
        account_id,
        activity_date,
        feature,
        count(*) as events

    from dated
    group by account_id, activity_date, feature

),

final as (

    select
        account_id,
        activity_date,
        feature,
        cast(events as integer) as events

    from aggregated

)

select * from final
