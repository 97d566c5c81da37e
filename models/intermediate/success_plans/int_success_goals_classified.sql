{#
    Every success-plan goal (stg_crm__success_goals) created on or before as_of_date, one row
    per goal, with its state as of as_of_date (a date after it has not happened yet):
    - agreed: agreed_at on or before as_of_date. Only agreed goals are part of the success
      plan (seed 000: "the customer should have agreed to the goal"); the others are kept,
      flagged, and count in no success-plan measure;
    - cancelled: status `cancelled` (out of every measure: a goal dropped by both sides is
      neither progress nor a miss);
    - achieved: status `achieved` with achieved_at on or before as_of_date (late or not);
    - missed: status `missed` and the due date has passed (is before as_of_date);
    - open past due: neither achieved, missed nor cancelled, and the due date has passed:
      the CRM still shows it open (or achieved only after as_of_date);
    - outcome: `achieved`, `missed`, `cancelled` or `open`, and the day the outcome was
      settled (outcome_date: the achievement day, or the due date of a missed goal; null
      while open or cancelled).
    See the docs blocks kpi_goal_achievement_rate and red_flag_rules. A table: the goals
    fact and the success-plan red flag read it.
#}

{{ config(materialized='table') }}

with

success_goals as (

    select * from {{ ref('stg_crm__success_goals') }}

),

dated as (

    select
        *,
        cast(created_at as date) as created_date,
        case
            when cast(agreed_at as date) <= {{ as_of_date() }} then cast(agreed_at as date)
        end as agreed_date,
        case
            when status = 'achieved' and cast(achieved_at as date) <= {{ as_of_date() }}
                then cast(achieved_at as date)
        end as achieved_date

    from success_goals

),

filtered as (

    -- a goal created after the evaluation date does not exist yet as of that date
    select * from dated
    where created_date <= {{ as_of_date() }}

),

classified as (

    select
        *,
        agreed_date is not null as is_agreed,
        status = 'cancelled' as is_cancelled,
        achieved_date is not null as is_achieved,
        status = 'missed' and due_date < {{ as_of_date() }} as is_missed

    from filtered

),

outcomes as (

    select
        *,
        case
            when is_achieved then 'achieved'
            when is_missed then 'missed'
            when is_cancelled then 'cancelled'
            else 'open'
        end as outcome,
        case
            when is_achieved then achieved_date
            when is_missed then due_date
        end as outcome_date,
        not is_achieved and not is_missed and not is_cancelled
        and due_date < {{ as_of_date() }} as is_open_past_due

    from classified

),

final as (

    select
        goal_id,
        account_id,
        objective,
        status,
        outcome,
        is_agreed,
        is_cancelled,
        is_achieved,
        is_missed,
        is_open_past_due,
        created_at,
        agreed_at,
        achieved_at,
        created_date,
        agreed_date,
        achieved_date,
        due_date,
        outcome_date,
        cast({{ dbt.date_trunc('month', 'outcome_date') }} as date) as outcome_month

    from outcomes

)

select * from final
