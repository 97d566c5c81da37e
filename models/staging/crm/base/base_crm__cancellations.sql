{#
    Every row of raw crm_cancellations (source crm.cancellations), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Every raw column arrives as a string: it is cast to its type with dbt.safe_cast,
    text is trimmed and enum values are case-folded to their canonical spelling.
    A typed value that is present (not blank) but does not cast, so safe_cast made it null,
    is flagged by dq_unparseable_value (macro dq_unparseable_value); per the seed, the row is
    set aside as unparseable_value, right after duplicate_key.

    Nothing is filtered or repaired here: stg_crm__cancellations drops the rows with a
    dq_set_aside_reason and applies the repairs flagged by the dq_ columns.
#}

with

source as (

    select * from {{ source('crm', 'cancellations') }}

),

renamed as (

    select
        ---------- ids
        {{ dbt.safe_cast('cancellation_id', dbt.type_string()) }} as cancellation_id,
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,

        ---------- strings
        lower(trim({{ dbt.safe_cast('cancellation_type', dbt.type_string()) }})) as cancellation_type,
        lower(trim({{ dbt.safe_cast('primary_reason', dbt.type_string()) }})) as primary_reason,
        trim({{ dbt.safe_cast('product_gap_feature', dbt.type_string()) }}) as product_gap_feature,
        {{ dbt.safe_cast('notes', dbt.type_string()) }} as notes,

        ---------- booleans
        {{ dbt.safe_cast('opt_out_clause_used', dbt.type_boolean()) }} as opt_out_clause_used,

        ---------- dates
        {{ dbt.safe_cast('effective_date', "date") }} as effective_date,

        ---------- timestamps
        {{ dbt.safe_cast('requested_at', dbt.type_timestamp()) }} as requested_at,

        ---------- data quality: a typed value present but unreadable (rule unparseable_value)
        {{ dq_unparseable_value([
            ('opt_out_clause_used', dbt.type_boolean()),
            ('effective_date', 'date'),
            ('requested_at', dbt.type_timestamp()),
        ]) }} as dq_unparseable_value

    from source

),

flagged as (

    select
        *,
        row_number() over (
            partition by cancellation_id
            order by
                requested_at desc,
                account_id desc,
                cancellation_type desc,
                primary_reason desc,
                product_gap_feature desc,
                notes desc,
                opt_out_clause_used desc,
                effective_date desc
        ) as dq_row_number,
        (
            primary_reason is null
            or primary_reason not in (
                'product_gap', 'shifting_priorities', 'bad_fit', 'reorg_acquisition',
                'leadership_change', 'no_value', 'quality_issues', 'price', 'competitor', 'other'
            )
        ) as dq_invalid_primary_reason

    from renamed

),

final as (

    select
        cancellation_id,
        account_id,
        cancellation_type,
        primary_reason,
        product_gap_feature,
        notes,
        opt_out_clause_used,
        effective_date,
        requested_at,
        dq_row_number,
        dq_unparseable_value,
        case
            when dq_row_number > 1 then 'duplicate_key'
            when dq_unparseable_value then 'unparseable_value'
            when cancellation_type is null or cancellation_type not in ('full', 'partial')
                then 'invalid_cancellation_type'
        end as dq_set_aside_reason,
        dq_invalid_primary_reason

    from flagged

)

select * from final
