{#
    Recorded when a customer gives notice, for all or part of its contract.

    One row per cancellation_id: the rows of base_crm__cancellations that no set-aside rule of the
    catalogue removed, with its repairs applied:
    - invalid_primary_reason: primary_reason -> 'other'
#}

with

cancellations as (

    select * from {{ ref('base_crm__cancellations') }}

),

filtered as (

    select * from cancellations
    where dq_set_aside_reason is null

),

final as (

    select
        ---------- ids
        cancellation_id,
        account_id,

        ---------- strings
        cancellation_type,
        case when dq_invalid_primary_reason then 'other' else primary_reason end as primary_reason,
        product_gap_feature,
        notes,

        ---------- booleans
        opt_out_clause_used,

        ---------- dates
        effective_date,

        ---------- timestamps
        requested_at

    from filtered

)

select * from final
