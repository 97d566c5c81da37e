{#
    One row per onboarding project, from kickoff after signing to go-live.

    One row per onboarding_id: the rows of base_crm__onboardings that no set-aside rule of the
    catalogue removed, with its repairs applied:
    - completed_before_started: completed_at -> started_at
#}

with

onboardings as (

    select * from {{ ref('base_crm__onboardings') }}

),

filtered as (

    select * from onboardings
    where dq_set_aside_reason is null

),

final as (

    select
        ---------- ids
        onboarding_id,
        account_id,

        ---------- booleans
        signoff_received,
        sales_handover_completed,
        decision_maker_involved,

        ---------- dates
        target_go_live_date,

        ---------- timestamps
        started_at,
        first_value_at,
        case when dq_completed_before_started then started_at else completed_at end as completed_at

    from filtered

)

select * from final
