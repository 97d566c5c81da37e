{#
    One row per onboarding project started up to as_of_date (int_onboardings_classified),
    with the CSM whose book it counts in: the owner of the account at the end of the
    evaluation day of the month the onboarding started (the point-in-time rule of
    int_account_owners_resolved). Time to first value in days, whether it is completed
    (finished and signed off), due and late as of as_of_date, and its sales-handover and
    decision-maker flags, for the onboarding KPIs of the semantic layer. An onboarding of
    an account unknown to the CRM keeps its row, with no CSM.
#}

with

onboardings as (

    select * from {{ ref('int_onboardings_classified') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

owners_joined as (

    select
        onboardings.*,
        owners.csm_user_id

    from onboardings
    left join owners
        on
            onboardings.account_id = owners.account_id
            and onboardings.month_start = owners.month_start

),

final as (

    select
        cast(onboarding_id as {{ dbt.type_string() }}) as onboarding_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(csm_user_id as {{ dbt.type_string() }}) as csm_user_id,
        signoff_received,
        sales_handover_completed,
        decision_maker_involved,
        has_first_value,
        is_finished,
        is_completed,
        is_due,
        is_late,
        is_without_sales_handover,
        is_without_decision_maker,
        cast(ttfv_days as integer) as ttfv_days,
        started_at,
        first_value_at,
        completed_at,
        started_date,
        completed_date,
        target_go_live_date,
        month_start,
        target_go_live_month

    from owners_joined

)

select * from final
