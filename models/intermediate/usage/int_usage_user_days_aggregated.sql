{#
    Product usage per user and day: one row per (account_id, user_id, activity_date) with
    the number of events, read once from stg_usage__events (tens of millions of rows) so
    that the health signals never scan the events themselves.

    Incremental like base_usage__events: the scheduled run re-aggregates only the days
    from `usage_lookback_days` (var, default 3) before the newest day already loaded,
    replacing those days whole (macro incremental_by_period_config). A day's row is rebuilt
    from all of that day's events, so late events within the look-back are counted;
    older late events need `dbt build --full-refresh`.
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
        user_id,
        cast(occurred_at as date) as activity_date

    from loaded_events
    where
        occurred_at is not null
        and account_id is not null
        and user_id is not null

),

aggregated as (

    select
        account_id,
        user_id,
        activity_date,
        count(*) as events

    from dated
    group by account_id, user_id, activity_date

),

final as (

    select
        account_id,
        user_id,
        activity_date,
        cast(events as integer) as events

    from aggregated

)

select * from final
