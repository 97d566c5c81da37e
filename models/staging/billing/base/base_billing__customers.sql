{#
    Every row of raw billing_customers (source billing.customers), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Every raw column arrives as a string: it is cast to its type with dbt.safe_cast,
    text is trimmed and enum values are case-folded to their canonical spelling.
    A typed value that is present (not blank) but does not cast, so safe_cast made it null,
    is flagged by dq_unparseable_value (macro dq_unparseable_value); per the seed, the row is
    kept: the value stays null and dq_unparseable_value marks the repair (setting the row
    aside would orphan the rows that reference it).

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
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at,

        ---------- data quality: a typed value present but unreadable (rule unparseable_value)
        {{ dq_unparseable_value([
            ('created_at', dbt.type_timestamp()),
        ]) }} as dq_unparseable_value

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
        dq_unparseable_value,
        case
            when dq_row_number > 1 then 'duplicate_key'
        end as dq_set_aside_reason

    from flagged

)

select * from final
