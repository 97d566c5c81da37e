{#
    Raw usage events counted per day, account and set-aside reason, so that the scheduled
    run counts the events' data-quality rules without reading every event again (see the
    docs block int_usage_account_day_quality_aggregated).

    Incremental like base_usage__events, its parent: the scheduled run re-counts only the
    days from `usage_lookback_days` (var, default 3) before the newest day already counted,
    the days the base model reloads, replacing them whole (macro
    incremental_by_period_config). Events whose occurred_at does not cast have a null day:
    like their rows in base_usage__events, they are counted on a full refresh.
#}

{{ config(
    materialized='incremental',
    on_schema_change='fail',
    **incremental_by_period_config('occurred_date')
) }}

with

events as (

    select * from {{ ref('base_usage__events') }}

),

loaded_events as (

    -- the scheduled run: only the days from the look-back window on
    select * from events
    {{ incremental_lookback_filter('occurred_date') }}

),

aggregated as (

    select
        occurred_date,
        account_id,
        dq_set_aside_reason,
        count(*) as raw_rows

    from loaded_events
    group by occurred_date, account_id, dq_set_aside_reason

),

final as (

    select
        occurred_date,
        account_id,
        dq_set_aside_reason,
        cast(raw_rows as {{ dbt.type_bigint() }}) as raw_rows

    from aggregated

)

select * from final
