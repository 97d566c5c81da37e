{#
    Every row of raw crm_accounts (source crm.accounts), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Every raw column arrives as a string: it is cast to its type with dbt.safe_cast,
    text is trimmed and enum values are case-folded to their canonical spelling.
    A typed value that is present (not blank) but does not cast, so safe_cast made it null,
    is flagged by dq_unparseable_value (macro dq_unparseable_value); per the seed, the row is
    kept: the value stays null and dq_unparseable_value marks the repair (setting the row
    aside would orphan the rows that reference it).

    Nothing is filtered or repaired here: stg_crm__accounts drops the rows with a
    dq_set_aside_reason and applies the repairs flagged by the dq_ columns.
#}

with

source as (

    select * from {{ source('crm', 'accounts') }}

),

renamed as (

    select
        ---------- ids
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,

        ---------- strings
        trim({{ dbt.safe_cast('account_name', dbt.type_string()) }}) as account_name,
        trim({{ dbt.safe_cast('industry', dbt.type_string()) }}) as industry,
        case lower(trim({{ dbt.safe_cast('segment', dbt.type_string()) }}))
            when 'smb' then 'SMB'
            when 'mid-market' then 'Mid-Market'
            when 'enterprise' then 'Enterprise'
            else trim({{ dbt.safe_cast('segment', dbt.type_string()) }})
        end as segment,
        case lower(trim({{ dbt.safe_cast('region', dbt.type_string()) }}))
            when 'na' then 'NA'
            when 'emea' then 'EMEA'
            when 'apac' then 'APAC'
            when 'latam' then 'LATAM'
            else trim({{ dbt.safe_cast('region', dbt.type_string()) }})
        end as region,

        ---------- booleans
        {{ dbt.safe_cast('is_icp_fit', dbt.type_boolean()) }} as is_icp_fit,
        {{ dbt.safe_cast('is_referenceable', dbt.type_boolean()) }} as is_referenceable,

        ---------- timestamps
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ dbt.safe_cast('updated_at', dbt.type_timestamp()) }} as updated_at,

        ---------- data quality: a typed value present but unreadable (rule unparseable_value)
        {{ dq_unparseable_value([
            ('is_icp_fit', dbt.type_boolean()),
            ('is_referenceable', dbt.type_boolean()),
            ('created_at', dbt.type_timestamp()),
            ('updated_at', dbt.type_timestamp()),
        ]) }} as dq_unparseable_value

    from source

),

flagged as (

    select
        *,
        row_number() over (
            partition by account_id
            order by
                updated_at desc,
                account_name desc,
                industry desc,
                segment desc,
                region desc,
                is_icp_fit desc,
                is_referenceable desc,
                created_at desc
        ) as dq_row_number,
        segment is null or segment not in ('SMB', 'Mid-Market', 'Enterprise') as dq_invalid_segment,
        region is null or region not in ('NA', 'EMEA', 'APAC', 'LATAM') as dq_invalid_region

    from renamed

),

final as (

    select
        account_id,
        account_name,
        industry,
        segment,
        region,
        is_icp_fit,
        is_referenceable,
        created_at,
        updated_at,
        dq_row_number,
        dq_unparseable_value,
        case
            when dq_row_number > 1 then 'duplicate_key'
        end as dq_set_aside_reason,
        dq_invalid_segment,
        dq_invalid_region

    from flagged

)

select * from final
