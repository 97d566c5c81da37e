{#
    Every row of raw billing_subscription_items (source billing.subscription_items), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Every raw column arrives as a string: it is cast to its type with dbt.safe_cast,
    text is trimmed and enum values are case-folded to their canonical spelling.
    A typed value that is present (not blank) but does not cast, so safe_cast made it null,
    is flagged by dq_unparseable_value (macro dq_unparseable_value); per the seed, the row is
    set aside as unparseable_value, right after duplicate_key.

    Nothing is filtered or repaired here: stg_billing__subscription_items drops the rows with a
    dq_set_aside_reason and applies the repairs flagged by the dq_ columns.
#}

with

source as (

    select * from {{ source('billing', 'subscription_items') }}

),

renamed as (

    select
        ---------- ids
        {{ dbt.safe_cast('subscription_item_id', dbt.type_string()) }} as subscription_item_id,
        {{ dbt.safe_cast('subscription_id', dbt.type_string()) }} as subscription_id,

        ---------- strings
        trim({{ dbt.safe_cast('product', dbt.type_string()) }}) as product,
        trim({{ dbt.safe_cast('plan_code', dbt.type_string()) }}) as plan_code,

        ---------- numerics
        {{ dbt.safe_cast('quantity', dbt.type_int()) }} as quantity,
        {{ dbt.safe_cast('unit_amount', "decimal(18, 2)") }} as unit_amount,
        {{ dbt.safe_cast('discount_percent', "decimal(18, 4)") }} as discount_percent,

        ---------- dates
        {{ dbt.safe_cast('valid_from', "date") }} as valid_from,
        {{ dbt.safe_cast('valid_to', "date") }} as valid_to,

        ---------- data quality: a typed value present but unreadable (rule unparseable_value)
        {{ dq_unparseable_value([
            ('quantity', dbt.type_int()),
            ('unit_amount', 'decimal(18, 2)'),
            ('discount_percent', 'decimal(18, 4)'),
            ('valid_from', 'date'),
            ('valid_to', 'date'),
        ]) }} as dq_unparseable_value

    from source

),

flagged as (

    select
        *,
        row_number() over (
            partition by subscription_item_id
            order by
                valid_from desc,
                subscription_id desc,
                product desc,
                plan_code desc,
                quantity desc,
                unit_amount desc,
                discount_percent desc,
                valid_to desc
        ) as dq_row_number

    from renamed

),

final as (

    select
        subscription_item_id,
        subscription_id,
        product,
        plan_code,
        quantity,
        unit_amount,
        discount_percent,
        valid_from,
        valid_to,
        dq_row_number,
        dq_unparseable_value,
        case
            when dq_row_number > 1 then 'duplicate_key'
            when dq_unparseable_value then 'unparseable_value'
            when quantity < 0
                then 'negative_quantity'
            when unit_amount < 0
                then 'negative_unit_amount'
            when discount_percent < 0 or discount_percent > 100
                then 'invalid_discount_percent'
            when valid_to < valid_from
                then 'valid_to_before_valid_from'
        end as dq_set_aside_reason

    from flagged

)

select * from final
