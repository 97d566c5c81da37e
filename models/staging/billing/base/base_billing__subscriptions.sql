{#
    Every row of raw billing_subscriptions (source billing.subscriptions), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Every raw column arrives as a string: it is cast to its type with dbt.safe_cast,
    text is trimmed and enum values are case-folded to their canonical spelling.
    A typed value that is present (not blank) but does not cast, so safe_cast made it null,
    is flagged by dq_unparseable_value (macro dq_unparseable_value); per the seed, the row is
    kept: the value stays null and dq_unparseable_value marks the repair (setting the row
    aside would orphan the rows that reference it).

    Nothing is filtered or repaired here: stg_billing__subscriptions drops the rows with a
    dq_set_aside_reason and applies the repairs flagged by the dq_ columns.
#}

with

source as (

    select * from {{ source('billing', 'subscriptions') }}

),

renamed as (

    select
        ---------- ids
        {{ dbt.safe_cast('subscription_id', dbt.type_string()) }} as subscription_id,
        {{ dbt.safe_cast('billing_customer_id', dbt.type_string()) }} as billing_customer_id,

        ---------- strings
        lower(trim({{ dbt.safe_cast('status', dbt.type_string()) }})) as status,

        ---------- numerics
        {{ dbt.safe_cast('billing_interval_months', dbt.type_int()) }} as billing_interval_months,

        ---------- booleans
        {{ dbt.safe_cast('has_opt_out_clause', dbt.type_boolean()) }} as has_opt_out_clause,

        ---------- dates
        {{ dbt.safe_cast('contract_start_date', "date") }} as contract_start_date,
        {{ dbt.safe_cast('current_term_end_date', "date") }} as current_term_end_date,
        {{ dbt.safe_cast('ended_at', "date") }} as ended_at,

        ---------- timestamps
        {{ dbt.safe_cast('cancelled_at', dbt.type_timestamp()) }} as cancelled_at,

        ---------- data quality: a typed value present but unreadable (rule unparseable_value)
        {{ dq_unparseable_value([
            ('billing_interval_months', dbt.type_int()),
            ('has_opt_out_clause', dbt.type_boolean()),
            ('contract_start_date', 'date'),
            ('current_term_end_date', 'date'),
            ('ended_at', 'date'),
            ('cancelled_at', dbt.type_timestamp()),
        ]) }} as dq_unparseable_value

    from source

),

flagged as (

    select
        *,
        row_number() over (
            partition by subscription_id
            order by
                contract_start_date desc,
                billing_customer_id desc,
                status desc,
                billing_interval_months desc,
                has_opt_out_clause desc,
                current_term_end_date desc,
                ended_at desc,
                cancelled_at desc
        ) as dq_row_number,
        (
            status is not null and status not in ('active', 'cancelled', 'trialing')
        ) as dq_invalid_status,
        coalesce(ended_at < contract_start_date, false) as dq_ended_before_start

    from renamed

),

final as (

    select
        subscription_id,
        billing_customer_id,
        status,
        billing_interval_months,
        has_opt_out_clause,
        contract_start_date,
        current_term_end_date,
        ended_at,
        cancelled_at,
        dq_row_number,
        dq_unparseable_value,
        case
            when dq_row_number > 1 then 'duplicate_key'
        end as dq_set_aside_reason,
        dq_invalid_status,
        dq_ended_before_start

    from flagged

)

select * from final
