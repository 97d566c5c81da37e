{#
    Every row of raw billing_customers (source billing.customers), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Every raw column arrives as a string: it is cast to its type with dbt.safe_cast,
    text is trimmed and enum values are case-folded to their canonical spelling.
    Nothing is filtered or repaired here: stg_billing__customers drops the rows with a
    dq_set_aside_reason and applies the repairs flagged by the dq_ columns.
#}

with

source as (

    select * from {{ source('billing', 'customers') }}

),

renamed as (

    select
        ---------- ids
        {{ dbt.safe_cast('billing_customer_id', dbt.type_string()) }} as billing_customer_id,
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,

        ---------- strings
        upper(trim({{ dbt.safe_cast('currency', dbt.type_string()) }})) as currency,

        ---------- timestamps
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at

    from source

),

flagged as (

    select
        *,
        row_number() over (
            partition by billing_customer_id
            order by
                created_at desc,
                account_id desc,
                currency desc
        ) as dq_row_number

    from renamed

),

final as (

    select
        billing_customer_id,
        account_id,
        currency,
        created_at,
        dq_row_number,
        case
            when dq_row_number > 1 then 'duplicate_key'
        end as dq_set_aside_reason

    from flagged

)

select * from final
