{#
    Users of the product, from the product-analytics tool.

    One row per user_id: the rows of base_usage__users that no set-aside rule of the
    catalogue removed, with its repairs applied:
    - invalid_role: role -> null
#}

with

users as (

    select * from {{ ref('base_usage__users') }}

),

filtered as (

    select * from users
    where dq_set_aside_reason is null

),

final as (

    select
        ---------- ids
        user_id,
        account_id,

        ---------- strings
        email,
        case when dq_invalid_role then null else role end as role,  -- noqa: RF04

        ---------- timestamps
        created_at,
        deactivated_at

    from filtered

)

select * from final
