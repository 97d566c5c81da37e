{#
    Every row of raw crm_success_goals (source crm.success_goals), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Every raw column arrives as a string: it is cast to its type with dbt.safe_cast,
    text is trimmed and enum values are case-folded to their canonical spelling.
    A typed value that is present (not blank) but does not cast, so safe_cast made it null,
    is flagged by dq_unparseable_value (macro dq_unparseable_value); per the seed, the row is
    set aside as unparseable_value, right after duplicate_key.

    Nothing is filtered or repaired here: stg_crm__success_goals drops the rows with a
    dq_set_aside_reason and applies the repairs flagged by the dq_ columns.
#}

with

source as (

    select * from {{ source('crm', 'success_goals') }}

),

renamed as (

    select
        ---------- ids
        {{ dbt.safe_cast('goal_id', dbt.type_string()) }} as goal_id,
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,

        ---------- strings
        trim({{ dbt.safe_cast('objective', dbt.type_string()) }}) as objective,
        lower(trim({{ dbt.safe_cast('status', dbt.type_string()) }})) as status,

        ---------- dates
        {{ dbt.safe_cast('due_date', "date") }} as due_date,

        ---------- timestamps
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ dbt.safe_cast('agreed_at', dbt.type_timestamp()) }} as agreed_at,
        {{ dbt.safe_cast('achieved_at', dbt.type_timestamp()) }} as achieved_at,

        ---------- data quality: a typed value present but unreadable (rule unparseable_value)
        {{ dq_unparseable_value([
            ('due_date', 'date'),
            ('created_at', dbt.type_timestamp()),
            ('agreed_at', dbt.type_timestamp()),
            ('achieved_at', dbt.type_timestamp()),
        ]) }} as dq_unparseable_value

    from source

),

flagged as (

    select
        *,
        row_number() over (
            partition by goal_id
            order by
                created_at desc,
                account_id desc,
                objective desc,
                status desc,
                due_date desc,
                agreed_at desc,
                achieved_at desc
        ) as dq_row_number

    from renamed

),

final as (

    select
        goal_id,
        account_id,
        objective,
        status,
        due_date,
        created_at,
        agreed_at,
        achieved_at,
        dq_row_number,
        dq_unparseable_value,
        case
            when dq_row_number > 1 then 'duplicate_key'
            when dq_unparseable_value then 'unparseable_value'
            when status is null or status not in ('open', 'achieved', 'missed', 'cancelled')
                then 'invalid_status'
        end as dq_set_aside_reason

    from flagged

)

select * from final
