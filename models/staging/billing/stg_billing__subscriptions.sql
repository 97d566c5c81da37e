{#
    Subscriptions (contracts) of billing customers.

    One row per subscription_id: the rows of base_billing__subscriptions that no set-aside rule of the
    catalogue removed, with its repairs applied:
    - invalid_status: status -> null
    - ended_before_start: ended_at -> contract_start_date
    - unparseable_value: already null in the base model (its cast failed); nothing more to do
#}

with

subscriptions as (

    select * from {{ ref('base_billing__subscriptions') }}

),

filtered as (

    select * from subscriptions
    where dq_set_aside_reason is null

),

final as (

    select
        ---------- ids
        subscription_id,
        billing_customer_id,

        ---------- strings
        case when dq_invalid_status then null else status end as status,

        ---------- numerics
        billing_interval_months,

        ---------- booleans
        has_opt_out_clause,

        ---------- dates
        contract_start_date,
        current_term_end_date,
        case when dq_ended_before_start then contract_start_date else ended_at end as ended_at,

        ---------- timestamps
        cancelled_at

    from filtered

)

select * from final
