{#
    Every row of raw crm_account_assignments (source crm.account_assignments), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Every raw column arrives as a string: it is cast to its type with dbt.safe_cast,
    text is trimmed and enum values are case-folded to their canonical spelling.
    A typed value that is present (not blank) but does not cast, so safe_cast made it null,
    is flagged by dq_unparseable_value (macro dq_unparseable_value); per the seed, the row is
    set aside as unparseable_value, right after duplicate_key.

    Nothing is filtered or repaired here: stg_crm__account_assignments drops the rows with a
    dq_set_aside_reason and applies the repairs flagged by the dq_ columns.
#}

with

source as (

    select * from {{ source('crm', 'account_assignments') }}

),

renamed as (

    select
        ---------- ids
        {{ dbt.safe_cast('assignment_id', dbt.type_string()) }} as assignment_id,
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,
        {{ dbt.safe_cast('csm_user_id', dbt.type_string()) }} as csm_user_id,

        ---------- timestamps
        {{ dbt.safe_cast('assigned_at', dbt.type_timestamp()) }} as assigned_at,

        ---------- data quality: a typed value present but unreadable (rule unparseable_value)
        {{ dq_unparseable_value([
            ('assigned_at', dbt.type_timestamp()),
        ]) }} as dq_unparseable_value

    from source

),

flagged as (

    select
        *,
        row_number() over (
            partition by assignment_id
            order by
                assigned_at desc,
                account_id desc,
                csm_user_id desc
        ) as dq_row_number

    from renamed

),

final as (

    select
        assignment_id,
        account_id,
        csm_user_id,
        assigned_at,
        dq_row_number,
        dq_unparseable_value,
        case
            when dq_row_number > 1 then 'duplicate_key'
            when dq_unparseable_value then 'unparseable_value'
        end as dq_set_aside_reason

    from flagged

)

select * from final
