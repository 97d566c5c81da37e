{#
    Pipeline: new business, expansion and renewal deals.

    One row per opportunity_id: the rows of base_crm__opportunities that no set-aside rule of the
    catalogue removed (this table has no repair rule).
#}

with

opportunities as (

    select * from {{ ref('base_crm__opportunities') }}

),

filtered as (

    select * from opportunities
    where dq_set_aside_reason is null

),

final as (

    select
        ---------- ids
        opportunity_id,
        account_id,
        owner_user_id,
        referrer_account_id,

        ---------- strings
        opportunity_type,
        stage,
        currency,
        expansion_reason,
        lead_source,

        ---------- numerics
        amount_arr,

        ---------- booleans
        is_cs_sourced,

        ---------- dates
        expected_close_date,

        ---------- timestamps
        created_at,
        closed_at

    from filtered

)

select * from final
