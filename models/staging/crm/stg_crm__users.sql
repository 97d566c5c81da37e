{#
    People in the CRM: the Customer Success team and other colleagues (account executives, support agents).

    One row per user_id: the rows of base_crm__users that no set-aside rule of the
    catalogue removed, with its repairs applied:
    - invalid_role: role -> 'Other'
    - unparseable_value: already null in the base model (its cast failed); nothing more to do
#}

with

users as (

    select * from {{ ref('base_crm__users') }}

),

filtered as (

    select * from users
    where dq_set_aside_reason is null

),

final as (

    select
        ---------- ids
        user_id,
        manager_user_id,

        ---------- strings
        full_name,
        email,
        case when dq_invalid_role then 'Other' else role end as role,  -- noqa: RF04

        ---------- booleans
        is_active,

        ---------- timestamps
        created_at

    from filtered

)

select * from final
