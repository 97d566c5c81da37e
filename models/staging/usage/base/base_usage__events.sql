{#
    Every row of raw usage_events (source usage.events), typed, with its data-quality flags
    (rules of the seed data_quality_rules for this table: duplicate_key, unparseable_value).

    Kept lean on purpose, as the biggest table (tens of millions of rows): raw strings are
    used as they land and only occurred_at is cast. Ranking every event in one window
    would sort the whole table, so the duplicated event_ids are found first with an
    aggregate, and only their rows are ranked (earliest occurred_at, then the greatest
    row content); every other row is rank 1. A null event_id is never ranked as a
    duplicate (the staging not_null test reports it).

    An occurred_at that is present (not blank) but does not cast, so safe_cast made it null,
    is flagged by dq_unparseable_value (macro dq_unparseable_value); per the seed, the row is
    set aside as unparseable_value, right after duplicate_key. Its occurred_date is null,
    so an incremental run (which reads only the newest days) neither reloads nor deletes
    it; such a row landing after the first build waits for --full-refresh.

    Nothing is filtered here: stg_usage__events drops the rows with a dq_set_aside_reason.

    Materialized incrementally, unlike the other base models: the dedupe of tens of
    millions of rows runs once, not once per reader (stg_usage__events, its tests and the
    data-quality model all read it), and the scheduled daily run only re-reads the events
    of the last `usage_lookback_days` days (var, default 3) before the newest day already
    loaded, replacing those days whole (macro incremental_by_period_config). Duplicates are
    therefore found among the events of the days processed together: a re-delivered event
    carries its original occurred_at, so its copies fall on the same day. Events that land
    later than the look-back window are picked up by `dbt build --full-refresh`.
#}

{{ config(
    materialized='incremental',
    on_schema_change='fail',
    **incremental_by_period_config('occurred_date')
) }}

with

source as (

    select * from {{ source('usage', 'events') }}

),

recent_text as (

    -- the scheduled run: the file scan itself skips the days before the look-back window
    select * from source
    {{ incremental_lookback_filter('occurred_at', this_column='occurred_date', as_text=true) }}

),

renamed as (

    select
        ---------- ids
        event_id,
        user_id,
        account_id,

        ---------- strings
        event_name,
        feature,

        ---------- timestamps
        {{ dbt.safe_cast('occurred_at', dbt.type_timestamp()) }} as occurred_at,

        ---------- data quality: a typed value present but unreadable (rule unparseable_value)
        {{ dq_unparseable_value([
            ('occurred_at', dbt.type_timestamp()),
        ]) }} as dq_unparseable_value

    from recent_text

),

loaded_days as (

    select
        *,
        cast(occurred_at as date) as occurred_date

    from renamed
    -- the scheduled run: only the days from the look-back window on
    {{ incremental_lookback_filter('occurred_at', this_column='occurred_date') }}

),

duplicated_event_ids as (

    select event_id
    from loaded_days
    group by event_id
    having count(*) > 1

),

ranked_duplicates as (

    select
        loaded_days.*,
        row_number() over (
            partition by loaded_days.event_id
            order by
                loaded_days.occurred_at asc,
                loaded_days.user_id desc,
                loaded_days.account_id desc,
                loaded_days.event_name desc,
                loaded_days.feature desc
        ) as dq_row_number

    from loaded_days
    inner join duplicated_event_ids
        on loaded_days.event_id = duplicated_event_ids.event_id

),

single_events as (

    select
        loaded_days.*,
        1 as dq_row_number

    from loaded_days
    where not exists (
        select 1
        from duplicated_event_ids
        where duplicated_event_ids.event_id = loaded_days.event_id
    )

),

flagged as (

    select * from single_events
    union all
    select * from ranked_duplicates

),

final as (

    select
        event_id,
        user_id,
        account_id,
        event_name,
        feature,
        occurred_at,
        occurred_date,
        dq_row_number,
        dq_unparseable_value,
        case
            when dq_row_number > 1 then 'duplicate_key'
            when dq_unparseable_value then 'unparseable_value'
        end as dq_set_aside_reason

    from flagged

)

select * from final
