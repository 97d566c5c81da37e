{#
    Account ownership history: a new row each time an account gets a new owning CSM.

    One row per assignment_id: the rows of base_crm__account_assignments that no set-aside rule of the
    catalogue removed (this table has no repair rule).
#}

with

account_assignments as (

    select * from {{ ref('base_crm__account_assignments') }}

),

filtered as (

    select * from account_assignments
    where dq_set_aside_reason is null

),

final as (

    select
        ---------- ids
        assignment_id,
        account_id,
        csm_user_id,

        ---------- timestamps
        assigned_at

    from filtered

)

select * from final
