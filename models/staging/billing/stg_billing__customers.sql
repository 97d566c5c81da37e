{#
    Customers of the billing system, matched to CRM accounts where possible.

    One row per billing_customer_id: the rows of base_billing__customers that no set-aside rule of the
    catalogue removed. Its one repair, unparseable_value (created_at unreadable), is already
    null in the base model: nothing more to do here.
#}

with

customers as (

    select * from {{ ref('base_billing__customers') }}

),

filtered as (

    select * from customers
    where dq_set_aside_reason is null

),

final as (

    select
        ---------- ids
        billing_customer_id,
        account_id,

        ---------- strings
        currency,

        ---------- timestamps
        created_at

    from filtered

)

select * from final
