{#
    Every row of raw crm_feedback (source crm.feedback), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Every raw column arrives as a string: it is cast to its type with dbt.safe_cast,
    text is trimmed and enum values are case-folded to their canonical spelling.
    A typed value that is present (not blank) but does not cast, so safe_cast made it null,
    is flagged by dq_unparseable_value (macro dq_unparseable_value); per the seed, the row is
    set aside as unparseable_value, right after duplicate_key.

    Nothing is filtered or repaired here: stg_crm__feedback drops the rows with a
    dq_set_aside_reason and applies the repairs flagged by the dq_ columns.
#}

with

source as (

    select * from {{ source('crm', 'feedback') }}

),

renamed as (

    select
        ---------- ids
        {{ dbt.safe_cast('feedback_id', dbt.type_string()) }} as feedback_id,
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,
        {{ dbt.safe_cast('contact_id', dbt.type_string()) }} as contact_id,

        ---------- strings
        lower(trim({{ dbt.safe_cast('feedback_type', dbt.type_string()) }})) as feedback_type,
        trim({{ dbt.safe_cast('feature', dbt.type_string()) }}) as feature,

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
            partition by feedback_id
            order by
                created_at desc,
                account_id desc,
                contact_id desc,
                feedback_type desc,
                feature desc
        ) as dq_row_number

    from renamed

),

final as (

    select
        feedback_id,
        account_id,
        contact_id,
        feedback_type,
        feature,
        created_at,
        dq_row_number,
        dq_unparseable_value,
        case
            when dq_row_number > 1 then 'duplicate_key'
            when dq_unparseable_value then 'unparseable_value'
            when
                feedback_type is null
                or feedback_type not in ('product_gap', 'feature_request', 'complaint', 'praise')
                then 'invalid_feedback_type'
        end as dq_set_aside_reason

    from flagged

)

select * from final
