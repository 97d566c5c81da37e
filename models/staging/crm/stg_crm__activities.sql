{#
    What the CS team does with accounts (meetings, calls, emails, QBRs, trainings) and the calls-to-action (CTAs) open on them.

    One row per activity_id: the rows of base_crm__activities that no set-aside rule of the
    catalogue removed, with its repairs applied:
    - completed_before_created: completed_at -> created_at
#}

with

activities as (

    select * from {{ ref('base_crm__activities') }}

),

filtered as (

    select * from activities
    where dq_set_aside_reason is null

),

final as (

    select
        ---------- ids
        activity_id,
        account_id,
        owner_user_id,

        ---------- strings
        activity_type,
        subject,
        priority,

        ---------- timestamps
        created_at,
        due_at,
        case when dq_completed_before_created then created_at else completed_at end as completed_at

    from filtered

)

select * from final
