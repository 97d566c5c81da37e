{#
    People at the customer: stakeholders, decision makers, promoters.

    One row per contact_id: the rows of base_crm__contacts that no set-aside rule of the
    catalogue removed, with its repairs applied:
    - left_before_created: left_at -> created_at
#}

with

contacts as (

    select * from {{ ref('base_crm__contacts') }}

),

filtered as (

    select * from contacts
    where dq_set_aside_reason is null

),

final as (

    select
        ---------- ids
        contact_id,
        account_id,

        ---------- strings
        full_name,
        email,
        title,

        ---------- booleans
        is_decision_maker,
        is_promoter,
        has_testimonial,
        is_ambassador,

        ---------- timestamps
        created_at,
        case when dq_left_before_created then created_at else left_at end as left_at

    from filtered

)

select * from final
