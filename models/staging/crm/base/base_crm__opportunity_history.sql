{#
    Every row of raw crm_opportunity_history (source crm.opportunity_history), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Every raw column arrives as a string: it is cast to its type with dbt.safe_cast,
    text is trimmed and enum values are case-folded to their canonical spelling.
    A typed value that is present (not blank) but does not cast, so safe_cast made it null,
    is flagged by dq_unparseable_value (macro dq_unparseable_value); per the seed, the row is
    set aside as unparseable_value, right after duplicate_key.

    Nothing is filtered or repaired here: stg_crm__opportunity_history drops the rows with a
    dq_set_aside_reason and applies the repairs flagged by the dq_ columns.
#}

with

source as (

    select * from {{ source('crm', 'opportunity_history') }}

),

renamed as (

    select
        ---------- ids
        {{ dbt.safe_cast('opportunity_id', dbt.type_string()) }} as opportunity_id,

        ---------- strings
        lower(trim({{ dbt.safe_cast('stage', dbt.type_string()) }})) as stage,  -- noqa: RF04

        ---------- numerics
        {{ dbt.safe_cast('amount_arr', "decimal(18, 2)") }} as amount_arr,

        ---------- dates
        {{ dbt.safe_cast('expected_close_date', "date") }} as expected_close_date,

        ---------- timestamps
        {{ dbt.safe_cast('changed_at', dbt.type_timestamp()) }} as changed_at,

        ---------- data quality: a typed value present but unreadable (rule unparseable_value)
        {{ dq_unparseable_value([
            ('amount_arr', 'decimal(18, 2)'),
            ('expected_close_date', 'date'),
            ('changed_at', dbt.type_timestamp()),
        ]) }} as dq_unparseable_value

    from source

),

flagged as (

    select
        *,
        row_number() over (
            partition by opportunity_id, changed_at
            order by
                stage desc,
                amount_arr desc,
                expected_close_date desc
        ) as dq_row_number

    from renamed

),

final as (

    select
        opportunity_id,
        stage,
        amount_arr,
        expected_close_date,
        changed_at,
        dq_row_number,
        dq_unparseable_value,
        case
            when dq_row_number > 1 then 'duplicate_key'
            when dq_unparseable_value then 'unparseable_value'
        end as dq_set_aside_reason

    from flagged

)

select * from final
