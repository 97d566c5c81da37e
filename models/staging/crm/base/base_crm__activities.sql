{#
    Every row of raw crm_activities (source crm.activities), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Every raw column arrives as a string: it is cast to its type with dbt.safe_cast,
    text is trimmed and enum values are case-folded to their canonical spelling.
    A typed value that is present (not blank) but does not cast, so safe_cast made it null,
    is flagged by dq_unparseable_value (macro dq_unparseable_value); per the seed, the row is
    set aside as unparseable_value, right after duplicate_key.

    Nothing is filtered or repaired here: stg_crm__activities drops the rows with a
    dq_set_aside_reason and applies the repairs flagged by the dq_ columns.
#}

with

source as (

    select * from {{ source('crm', 'activities') }}

),

renamed as (

    select
        ---------- ids
        {{ dbt.safe_cast('activity_id', dbt.type_string()) }} as activity_id,
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,
        {{ dbt.safe_cast('owner_user_id', dbt.type_string()) }} as owner_user_id,

        ---------- strings
        lower(trim({{ dbt.safe_cast('activity_type', dbt.type_string()) }})) as activity_type,
        trim({{ dbt.safe_cast('subject', dbt.type_string()) }}) as subject,
        lower(trim({{ dbt.safe_cast('priority', dbt.type_string()) }})) as priority,

        ---------- timestamps
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ dbt.safe_cast('due_at', dbt.type_timestamp()) }} as due_at,
        {{ dbt.safe_cast('completed_at', dbt.type_timestamp()) }} as completed_at,

        ---------- data quality: a typed value present but unreadable (rule unparseable_value)
        {{ dq_unparseable_value([
            ('created_at', dbt.type_timestamp()),
            ('due_at', dbt.type_timestamp()),
            ('completed_at', dbt.type_timestamp()),
        ]) }} as dq_unparseable_value

    from source

),

flagged as (

    select
        *,
        row_number() over (
            partition by activity_id
            order by
                created_at desc,
                account_id desc,
                owner_user_id desc,
                activity_type desc,
                subject desc,
                priority desc,
                due_at desc,
                completed_at desc
        ) as dq_row_number,
        coalesce(completed_at < created_at, false) as dq_completed_before_created

    from renamed

),

final as (

    select
        activity_id,
        account_id,
        owner_user_id,
        activity_type,
        subject,
        priority,
        created_at,
        due_at,
        completed_at,
        dq_row_number,
        dq_unparseable_value,
        case
            when dq_row_number > 1 then 'duplicate_key'
            when dq_unparseable_value then 'unparseable_value'
            when
                activity_type is null
                or activity_type not in ('meeting', 'call', 'email', 'qbr', 'training', 'cta')
                then 'invalid_activity_type'
        end as dq_set_aside_reason,
        dq_completed_before_created

    from flagged

)

select * from final
