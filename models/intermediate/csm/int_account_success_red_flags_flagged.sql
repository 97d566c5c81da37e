{#
    The red flags of seed 000's new-customer and success-plan workflows raised on each
    customer at as_of_date: one row per account and flag, with the value measured, the
    rule's threshold, unit and words (seed red_flag_rules), the columns of
    int_account_dated_red_flags_flagged, which int_account_red_flags_flagged unions them
    with. Customers at as_of_date only (the signals' row of the month holding it).
    - onboarding_without_sales_handover, onboarding_without_decision_maker: onboardings
      in progress on as_of_date (started, not finished: int_onboardings_classified)
      without a completed sales handover, respectively without a decision maker involved;
      measured as their count, raised since the earliest one's start day.
    - success_plan_low_progress: of the account's agreed, not cancelled goals whose due
      date passed within the goals window (the health setting goals_window_days, the
      days before as_of_date), the share missed or still open past due (not achieved by
      as_of_date); raised at or above the threshold, never without such a goal; dated from
      the day after the earliest due date among those missed or open ones.
    See the docs block `red_flag_rules`.
#}

with

signals as (

    select * from {{ ref('int_account_health_signals_measured') }}

),

rules as (

    select * from {{ ref('red_flag_rules') }}

),

onboardings as (

    select * from {{ ref('int_onboardings_classified') }}

),

goals as (

    select * from {{ ref('int_success_goals_classified') }}

),

current_customers as (

    select * from signals
    where is_current_month

),

onboardings_in_progress as (

    select
        current_customers.account_id,
        onboardings.started_date,
        onboardings.is_without_sales_handover,
        onboardings.is_without_decision_maker

    from current_customers
    inner join onboardings
        on current_customers.account_id = onboardings.account_id
    where not onboardings.is_finished

),

onboarding_flags_measured as (

    select
        account_id,
        'onboarding_without_sales_handover' as flag,
        min(started_date) as first_raised_date,
        cast(count(*) as double) as measured_value

    from onboardings_in_progress
    where is_without_sales_handover
    group by account_id

    union all

    select
        account_id,
        'onboarding_without_decision_maker' as flag,
        min(started_date) as first_raised_date,
        cast(count(*) as double) as measured_value

    from onboardings_in_progress
    where is_without_decision_maker
    group by account_id

),

onboarding_flags as (

    select
        onboarding_flags_measured.account_id,
        onboarding_flags_measured.flag,
        onboarding_flags_measured.first_raised_date,
        onboarding_flags_measured.measured_value,
        cast(rules.threshold as double) as threshold

    from onboarding_flags_measured
    inner join rules
        on onboarding_flags_measured.flag = rules.flag
    where onboarding_flags_measured.measured_value >= rules.threshold

),

goals_due_in_window as (

    -- the success plan's goals (agreed, not cancelled) whose due date has passed, within
    -- the goals window before the evaluation day
    select
        current_customers.account_id,
        goals.due_date,
        not goals.is_achieved as is_unachieved

    from current_customers
    inner join goals
        on current_customers.account_id = goals.account_id
    where
        goals.is_agreed
        and not goals.is_cancelled
        and goals.due_date < current_customers.evaluation_date
        and goals.due_date >= cast(
            {{ dbt.dateadd('day', '-1 * current_customers.goals_window_days', 'current_customers.evaluation_date') }}
            as date
        )

),

success_plan_measured as (

    select
        account_id,
        cast(sum(case when is_unachieved then 1 else 0 end) as double) / count(*) as measured_value,
        min(case when is_unachieved then due_date end) as first_unachieved_due_date

    from goals_due_in_window
    group by account_id

),

success_plan_flags as (

    select
        success_plan_measured.account_id,
        'success_plan_low_progress' as flag,
        cast({{ dbt.dateadd('day', 1, 'success_plan_measured.first_unachieved_due_date') }} as date)
            as first_raised_date,
        success_plan_measured.measured_value,
        cast(rules.threshold as double) as threshold

    from success_plan_measured
    inner join rules
        on rules.flag = 'success_plan_low_progress'
    where success_plan_measured.measured_value >= rules.threshold

),

unioned as (

    select * from onboarding_flags
    union all
    select * from success_plan_flags

),

final as (

    select
        unioned.account_id,
        unioned.flag,
        unioned.first_raised_date,
        unioned.measured_value,
        unioned.threshold,
        rules.unit,
        rules.description as flag_description

    from unioned
    inner join rules
        on unioned.flag = rules.flag

)

select * from final
