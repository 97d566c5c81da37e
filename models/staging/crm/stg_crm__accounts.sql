{#
    One row per customer account in the CRM, current state.

    One row per account_id: the rows of base_crm__accounts that no set-aside rule of the
    catalogue removed, with its repairs applied:
    - invalid_segment: segment -> 'Unknown'
    - invalid_region: region -> 'Unknown'
    - unparseable_value: already null in the base model (its cast failed); nothing more to do
#}

with

accounts as (

    select * from {{ ref('base_crm__accounts') }}

),

filtered as (

    select * from accounts
    where dq_set_aside_reason is null

),

final as (

    select
        ---------- ids
        account_id,

        ---------- strings
        account_name,
        industry,
        case when dq_invalid_segment then 'Unknown' else segment end as segment,
        case when dq_invalid_region then 'Unknown' else region end as region,

        ---------- booleans
        is_icp_fit,
        is_referenceable,

        ---------- timestamps
        created_at,
        updated_at

    from filtered

)

select * from final
