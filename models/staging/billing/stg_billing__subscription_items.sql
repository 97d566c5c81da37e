{#
    The recurring price of each subscription as a history: one row per span of time over which an item's plan, quantity, price and discount stay the same. Items, not invoices, are the source of recurring revenue.

    One row per subscription_item_id: the rows of base_billing__subscription_items that no set-aside rule of the
    catalogue removed (this table has no repair rule).
#}

with

subscription_items as (

    select * from {{ ref('base_billing__subscription_items') }}

),

filtered as (

    select * from subscription_items
    where dq_set_aside_reason is null

),

final as (

    select
        ---------- ids
        subscription_item_id,
        subscription_id,

        ---------- strings
        product,
        plan_code,

        ---------- numerics
        quantity,
        unit_amount,
        discount_percent,

        ---------- dates
        valid_from,
        valid_to

    from filtered

)

select * from final
