{#
    Every row of raw usage_users (source usage.users), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Every raw column arrives as a string: it is cast to its type with dbt.safe_cast,
    text is trimmed and enum values are case-folded to their canonical spelling.
    A typed value that is present (not blank) but does not cast, so safe_cast made it null,
    is flagged by dq_unparseable_value (macro dq_unparseable_value); per the seed, the row is
    set aside as unparseable_value, right after duplicate_key.

    Nothing is filtered or repaired here: stg_usage__users drops the rows with a
    dq_set_aside_reason and applies the repairs flagged by the dq_ columns.
#}

with

source as (

    select * from {{ source('usage', 'users') }}

),

renamed as (

    select
        ---------- ids
        {{ dbt.safe_cast('user_id', dbt.type_string()) }} as user_id,
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,

        ---------- strings
        trim({{ dbt.safe_cast('email', dbt.type_string()) }}) as email,
        lower(trim({{ dbt.safe_cast('role', dbt.type_string()) }})) as role,  -- noqa: RF04

        ---------- timestamps
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ dbt.safe_cast('deactivated_at', dbt.type_timestamp()) }} as deactivated_at,

        ---------- data quality: a typed value present but unreadable (rule unparseable_value)
        {{ dq_unparseable_value([
            ('created_at', dbt.type_timestamp()),
            ('deactivated_at', dbt.type_timestamp()),
        ]) }} as dq_unparseable_value

    from source

),

flagged as (

    select
        *,
        row_number() over (
            partition by user_id
            order by
                created_at desc,
                account_id desc,
                email desc,
                role desc,
                deactivated_at desc
        ) as dq_row_number,
        role is not null and role not in ('admin', 'member') as dq_invalid_role

    from renamed

),

final as (

    select
        user_id,
        account_id,
        email,
        role,
        created_at,
        deactivated_at,
        dq_row_number,
        dq_unparseable_value,
        case
            when dq_row_number > 1 then 'duplicate_key'
            when dq_unparseable_value then 'unparseable_value'
        end as dq_set_aside_reason,
        dq_invalid_role

    from flagged

)

select * from final
