{#
    Product gaps, feature requests, complaints and praise logged against accounts.

    One row per feedback_id: the rows of base_crm__feedback that no set-aside rule of the
    catalogue removed (this table has no repair rule).
#}

with

feedback as (

    select * from {{ ref('base_crm__feedback') }}

),

filtered as (

    select * from feedback
    where dq_set_aside_reason is null

),

final as (

    select
        ---------- ids
        feedback_id,
        account_id,
        contact_id,

        ---------- strings
        feedback_type,
        feature,

        ---------- timestamps
        created_at

    from filtered

)

select * from final
