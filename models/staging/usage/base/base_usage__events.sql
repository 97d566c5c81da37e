{#
    Every row of raw usage_events (source usage.events), typed, with its data-quality flags
    (rules of the seed data_quality_rules for this table: only duplicate_key).

    Kept lean on purpose, as the biggest table (tens of millions of rows): raw strings are
    used as they land and only occurred_at is cast. Ranking every event in one window
    would sort the whole table, so the duplicated event_ids are found first with an
    aggregate, and only their rows are ranked (earliest occurred_at, then the greatest
    row content); every other row is rank 1. A null event_id is never ranked as a
    duplicate (the staging not_null test reports it).
    Nothing is filtered here: stg_usage__events drops the rows with a dq_set_aside_reason.

    Materialized as a table, unlike the other base models: the dedupe of tens of millions
    of rows then runs once per build instead of once per reader (stg_usage__events, its
    tests, the data-quality models and the daily usage facts all read it), and readers
    filtering on occurred_at scan a table rather than re-ranking the whole source.
#}

{{ config(materialized='table') }}

with

source as (

    select * from {{ source('usage', 'events') }}

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
        {{ dbt.safe_cast('occurred_at', dbt.type_timestamp()) }} as occurred_at

    from source

),

duplicated_event_ids as (

    select event_id
    from renamed
    group by event_id
    having count(*) > 1

),

ranked_duplicates as (

    select
        renamed.*,
        row_number() over (
            partition by renamed.event_id
            order by
                renamed.occurred_at asc,
                renamed.user_id desc,
                renamed.account_id desc,
                renamed.event_name desc,
                renamed.feature desc
        ) as dq_row_number

    from renamed
    inner join duplicated_event_ids
        on renamed.event_id = duplicated_event_ids.event_id

),

single_events as (

    select
        renamed.*,
        1 as dq_row_number

    from renamed
    where not exists (
        select 1
        from duplicated_event_ids
        where duplicated_event_ids.event_id = renamed.event_id
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
        dq_row_number,
        case
            when dq_row_number > 1 then 'duplicate_key'
        end as dq_set_aside_reason

    from flagged

)

select * from final
