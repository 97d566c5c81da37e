{#
    NPS and CSAT survey responses.

    One row per response_id: the rows of base_surveys__responses that no set-aside rule of the
    catalogue removed (this table has no repair rule).
#}

with

responses as (

    select * from {{ ref('base_surveys__responses') }}

),

filtered as (

    select * from responses
    where dq_set_aside_reason is null

),

final as (

    select
        ---------- ids
        response_id,
        account_id,
        contact_id,

        ---------- strings
        survey_type,
        interaction_type,
        comment,

        ---------- numerics
        score,

        ---------- timestamps
        submitted_at

    from filtered

)

select * from final
