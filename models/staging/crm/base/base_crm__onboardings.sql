{#
    Every row of raw crm_onboardings (source crm.onboardings), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Every raw column arrives as a string: it is cast to its type with dbt.safe_cast,
    text is trimmed and enum values are case-folded to their canonical spelling.
    A typed value that is present (not blank) but does not cast, so safe_cast made it null,
    is flagged by dq_unparseable_value (macro dq_unparseable_value); per the seed, the row is
    set aside as unparseable_value, right after duplicate_key.

    Nothing is filtered or repaired here: stg_crm__onboardings drops the rows with a
    dq_set_aside_reason and applies the repairs flagged by the dq_ columns.
#}

with

source as (

    select * from {{ source('crm', 'onboardings') }}

),

renamed as (

    select
        ---------- ids
        {{ dbt.safe_cast('onboarding_id', dbt.type_string()) }} as onboarding_id,
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,

        ---------- booleans
        {{ dbt.safe_cast('signoff_received', dbt.type_boolean()) }} as signoff_received,
        {{ dbt.safe_cast('sales_handover_completed', dbt.type_boolean()) }} as sales_handover_completed,
        {{ dbt.safe_cast('decision_maker_involved', dbt.type_boolean()) }} as decision_maker_involved,

        ---------- dates
        {{ dbt.safe_cast('target_go_live_date', "date") }} as target_go_live_date,

        ---------- timestamps
        {{ dbt.safe_cast('started_at', dbt.type_timestamp()) }} as started_at,
        {{ dbt.safe_cast('first_value_at', dbt.type_timestamp()) }} as first_value_at,
        {{ dbt.safe_cast('completed_at', dbt.type_timestamp()) }} as completed_at,

        ---------- data quality: a typed value present but unreadable (rule unparseable_value)
        {{ dq_unparseable_value([
            ('signoff_received', dbt.type_boolean()),
            ('sales_handover_completed', dbt.type_boolean()),
            ('decision_maker_involved', dbt.type_boolean()),
            ('target_go_live_date', 'date'),
            ('started_at', dbt.type_timestamp()),
            ('first_value_at', dbt.type_timestamp()),
            ('completed_at', dbt.type_timestamp()),
        ]) }} as dq_unparseable_value

    from source

),

flagged as (

    select
        *,
        row_number() over (
            partition by onboarding_id
            order by
                started_at desc,
                account_id desc,
                signoff_received desc,
                sales_handover_completed desc,
                decision_maker_involved desc,
                target_go_live_date desc,
                first_value_at desc,
                completed_at desc
        ) as dq_row_number,
        coalesce(completed_at < started_at, false) as dq_completed_before_started

    from renamed

),

final as (

    select
        onboarding_id,
        account_id,
        signoff_received,
        sales_handover_completed,
        decision_maker_involved,
        target_go_live_date,
        started_at,
        first_value_at,
        completed_at,
        dq_row_number,
        dq_unparseable_value,
        case
            when dq_row_number > 1 then 'duplicate_key'
            when dq_unparseable_value then 'unparseable_value'
        end as dq_set_aside_reason,
        dq_completed_before_started

    from flagged

)

select * from final
