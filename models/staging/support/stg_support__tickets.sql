{#
    Help-desk tickets raised by customers.

    One row per ticket_id: the rows of base_support__tickets that no set-aside rule of the
    catalogue removed, with its repairs applied:
    - invalid_priority: priority -> null
    - invalid_status: status -> null
    - solved_before_created: solved_at -> created_at
    - negative_count: negative agent_reply_count -> null, negative reopen_count -> null
#}

with

tickets as (

    select * from {{ ref('base_support__tickets') }}

),

filtered as (

    select * from tickets
    where dq_set_aside_reason is null

),

final as (

    select
        ---------- ids
        ticket_id,
        account_id,

        ---------- strings
        case when dq_invalid_status then null else status end as status,
        case when dq_invalid_priority then null else priority end as priority,
        channel,
        category,

        ---------- numerics
        case when agent_reply_count < 0 then null else agent_reply_count end as agent_reply_count,
        case when reopen_count < 0 then null else reopen_count end as reopen_count,

        ---------- timestamps
        created_at,
        first_response_at,
        case when dq_solved_before_created then created_at else solved_at end as solved_at

    from filtered

)

select * from final
