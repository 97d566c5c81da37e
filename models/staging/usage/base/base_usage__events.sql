{#
    Every row of raw usage_events (source usage.events), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Kept lean on purpose (the biggest table): raw strings are used as they land, only
    occurred_at is cast, and the one rule is the duplicate key.
    Nothing is filtered or repaired here: stg_usage__events drops the rows with a
    dq_set_aside_reason and applies the repairs flagged by the dq_ columns.
#}

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
        event_name,
        feature,

        ---------- timestamps
        {{ dbt.safe_cast('occurred_at', dbt.type_timestamp()) }} as occurred_at

    from source

),

flagged as (

    select
        *,
        row_number() over (
            partition by event_id
            order by
                occurred_at asc,
                user_id desc,
                account_id desc,
                event_name desc,
                feature desc
        ) as dq_row_number

    from renamed

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
