{#
    Every row of raw crm_opportunity_history (source crm.opportunity_history), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Every raw column arrives as a string: it is cast to its type with dbt.safe_cast,
    text is trimmed and enum values are case-folded to their canonical spelling.
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
        {{ dbt.safe_cast('changed_at', dbt.type_timestamp()) }} as changed_at

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
        case
            when dq_row_number > 1 then 'duplicate_key'
        end as dq_set_aside_reason

    from flagged

)

select * from final
