{#
    Product events: the largest table by far (tens of millions of rows at a mid-size company).

    One row per event_id: the rows of base_usage__events that no set-aside rule of the
    catalogue removed (this table has no repair rule).
#}

with

events as (

    select * from {{ ref('base_usage__events') }}

),

filtered as (

    select * from events
    where dq_set_aside_reason is null

),

final as (

    select
        ---------- ids
        event_id,
        user_id,
        account_id,

        ---------- strings
        event_name,
        feature,

        ---------- timestamps
        occurred_at

    from filtered

)

select * from final
