{#
    Goals in the account's success plan: an objective with a time frame.

    One row per goal_id: the rows of base_crm__success_goals that no set-aside rule of the
    catalogue removed (this table has no repair rule).
#}

with

success_goals as (

    select * from {{ ref('base_crm__success_goals') }}

),

filtered as (

    select * from success_goals
    where dq_set_aside_reason is null

),

final as (

    select
        ---------- ids
        goal_id,
        account_id,

        ---------- strings
        objective,
        status,

        ---------- dates
        due_date,

        ---------- timestamps
        created_at,
        agreed_at,
        achieved_at

    from filtered

)

select * from final
