{#
    Every row of raw crm_users (source crm.users), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Every raw column arrives as a string: it is cast to its type with dbt.safe_cast,
    text is trimmed and enum values are case-folded to their canonical spelling.
    A typed value that is present (not blank) but does not cast, so safe_cast made it null,
    is flagged by dq_unparseable_value (macro dq_unparseable_value); per the seed, the row is
    kept: the value stays null and dq_unparseable_value marks the repair (setting the row
    aside would orphan the rows that reference it).

    Nothing is filtered or repaired here: stg_crm__users drops the rows with a
    dq_set_aside_reason and applies the repairs flagged by the dq_ columns.
#}

with

source as (

    select * from {{ source('crm', 'users') }}

),

renamed as (

    select
        ---------- ids
        {{ dbt.safe_cast('user_id', dbt.type_string()) }} as user_id,
        {{ dbt.safe_cast('manager_user_id', dbt.type_string()) }} as manager_user_id,

        ---------- strings
        trim({{ dbt.safe_cast('full_name', dbt.type_string()) }}) as full_name,
        trim({{ dbt.safe_cast('email', dbt.type_string()) }}) as email,
        case lower(trim({{ dbt.safe_cast('role', dbt.type_string()) }}))
            when 'csm' then 'CSM'
            when 'cs manager' then 'CS Manager'
            when 'account executive' then 'Account Executive'
            when 'support agent' then 'Support Agent'
            else trim({{ dbt.safe_cast('role', dbt.type_string()) }})
        end as role,  -- noqa: RF04

        ---------- booleans
        {{ dbt.safe_cast('is_active', dbt.type_boolean()) }} as is_active,

        ---------- timestamps
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at,

        ---------- data quality: a typed value present but unreadable (rule unparseable_value)
        {{ dq_unparseable_value([
            ('is_active', dbt.type_boolean()),
            ('created_at', dbt.type_timestamp()),
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
                manager_user_id desc,
                full_name desc,
                email desc,
                role desc,
                is_active desc
        ) as dq_row_number,
        (
            role is null or role not in ('CSM', 'CS Manager', 'Account Executive', 'Support Agent')
        ) as dq_invalid_role

    from renamed

),

final as (

    select
        user_id,
        manager_user_id,
        full_name,
        email,
        role,
        is_active,
        created_at,
        dq_row_number,
        dq_unparseable_value,
        case
            when dq_row_number > 1 then 'duplicate_key'
        end as dq_set_aside_reason,
        dq_invalid_role

    from flagged

)

select * from final
