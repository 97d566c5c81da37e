{#
    Every onboarding project (stg_crm__onboardings) started on or before as_of_date, one row
    per onboarding, with the months it started in and is due in (target go-live), and its
    state as of as_of_date (a milestone dated after it has not happened yet):
    - time to first value in days (calendar days from the start day to the first-value
      day; null while the customer has no first value; 0 for a first value stamped before
      the start, which the data-quality registry does not repair);
    - completed: completed_at on or before as_of_date and the customer's sign-off received
      (seed 000's "onboarding completed"); finished: completed_at on or before as_of_date,
      signed off or not (an onboarding not finished is still in progress, the scope of
      the onboarding red flags);
    - due: target go-live date on or before as_of_date; late: the target date has passed
      (is before as_of_date) and the onboarding was not completed on or before it.
    An onboarding of an account unknown to the CRM keeps its row (data-quality rule
    orphan_account_id): it counts in the company's numbers and no customer's red flags.
    Reading stg_crm__accounts to drop it would give that staging view more readers than
    dbt-bouncer allows. See the docs block kpi_onboarding_completion_rate. A table: the
    onboarding fact, the monthly mart and the onboarding red flags read it.
#}

{{ config(materialized='table') }}

with

onboardings as (

    select * from {{ ref('stg_crm__onboardings') }}

),

dated as (

    select
        *,
        cast(started_at as date) as started_date,
        cast({{ dbt.date_trunc('month', 'started_at') }} as date) as month_start,
        cast({{ dbt.date_trunc('month', 'target_go_live_date') }} as date) as target_go_live_month,
        case
            when cast(first_value_at as date) <= {{ as_of_date() }} then cast(first_value_at as date)
        end as first_value_date,
        case
            when cast(completed_at as date) <= {{ as_of_date() }} then cast(completed_at as date)
        end as finished_date

    from onboardings

),

filtered as (

    -- an onboarding started after the evaluation date does not exist yet as of that date
    select * from dated
    where started_date <= {{ as_of_date() }}

),

classified as (

    select
        *,
        first_value_date is not null as has_first_value,
        finished_date is not null as is_finished,
        coalesce(finished_date is not null and signoff_received, false) as is_completed,
        target_go_live_date <= {{ as_of_date() }} as is_due,
        coalesce(not sales_handover_completed, false) as is_without_sales_handover,
        coalesce(not decision_maker_involved, false) as is_without_decision_maker

    from filtered

),

timed as (

    select
        *,
        case
            when first_value_date < started_date then 0
            when has_first_value
                then {{ dbt.datediff('started_date', 'first_value_date', 'day') }}
        end as ttfv_days,
        case when is_completed then finished_date end as completed_date,
        coalesce(
            target_go_live_date < {{ as_of_date() }}
            and not (is_completed and finished_date <= target_go_live_date),
            false
        ) as is_late

    from classified

),

final as (

    select
        onboarding_id,
        account_id,
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
        first_value_date,
        finished_date,
        completed_date,
        target_go_live_date,
        month_start,
        target_go_live_month

    from timed

)

select * from final
