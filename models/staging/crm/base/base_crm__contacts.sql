{#
    Every row of raw crm_contacts (source crm.contacts), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Every raw column arrives as a string: it is cast to its type with dbt.safe_cast,
    text is trimmed and enum values are case-folded to their canonical spelling.
    A typed value that is present (not blank) but does not cast, so safe_cast made it null,
    is flagged by dq_unparseable_value (macro dq_unparseable_value); per the seed, the row is
    set aside as unparseable_value, right after duplicate_key.

    Nothing is filtered or repaired here: stg_crm__contacts drops the rows with a
    dq_set_aside_reason and applies the repairs flagged by the dq_ columns.
#}

with

source as (

    select * from {{ source('crm', 'contacts') }}

),

renamed as (

    select
        ---------- ids
        {{ dbt.safe_cast('contact_id', dbt.type_string()) }} as contact_id,
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,

        ---------- strings
        trim({{ dbt.safe_cast('full_name', dbt.type_string()) }}) as full_name,
        trim({{ dbt.safe_cast('email', dbt.type_string()) }}) as email,
        trim({{ dbt.safe_cast('title', dbt.type_string()) }}) as title,

        ---------- booleans
        {{ dbt.safe_cast('is_decision_maker', dbt.type_boolean()) }} as is_decision_maker,
        {{ dbt.safe_cast('is_promoter', dbt.type_boolean()) }} as is_promoter,
        {{ dbt.safe_cast('has_testimonial', dbt.type_boolean()) }} as has_testimonial,
        {{ dbt.safe_cast('is_ambassador', dbt.type_boolean()) }} as is_ambassador,

        ---------- timestamps
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ dbt.safe_cast('left_at', dbt.type_timestamp()) }} as left_at,

        ---------- data quality: a typed value present but unreadable (rule unparseable_value)
        {{ dq_unparseable_value([
            ('is_decision_maker', dbt.type_boolean()),
            ('is_promoter', dbt.type_boolean()),
            ('has_testimonial', dbt.type_boolean()),
            ('is_ambassador', dbt.type_boolean()),
            ('created_at', dbt.type_timestamp()),
            ('left_at', dbt.type_timestamp()),
        ]) }} as dq_unparseable_value

    from source

),

flagged as (

    select
        *,
        row_number() over (
            partition by contact_id
            order by
                created_at desc,
                account_id desc,
                full_name desc,
                email desc,
                title desc,
                is_decision_maker desc,
                is_promoter desc,
                has_testimonial desc,
                is_ambassador desc,
                left_at desc
        ) as dq_row_number,
        coalesce(left_at < created_at, false) as dq_left_before_created

    from renamed

),

final as (

    select
        contact_id,
        account_id,
        full_name,
        email,
        title,
        is_decision_maker,
        is_promoter,
        has_testimonial,
        is_ambassador,
        created_at,
        left_at,
        dq_row_number,
        dq_unparseable_value,
        case
            when dq_row_number > 1 then 'duplicate_key'
            when dq_unparseable_value then 'unparseable_value'
        end as dq_set_aside_reason,
        dq_left_before_created

    from flagged

)

select * from final
