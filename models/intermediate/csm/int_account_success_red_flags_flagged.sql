{#
    The red flags of seed 000's new-customer and success-plan workflows raised on each
    customer at as_of_date: one row per account and flag, with the value measured, the
    rule's threshold, unit and words (seed red_flag_rules), the columns of
    int_account_dated_red_flags_flagged, which int_account_red_flags_flagged unions them
    with. Customers at as_of_date only (the signals' row of the month holding it). Each
    rule counts items and is raised when the count reaches the threshold; the raise is
    dated from the day the items behind it reached the threshold (the start day, or the
    day after the due date, of the threshold-th earliest of them).
    - onboarding_without_sales_handover, onboarding_without_decision_maker: onboardings
      in progress on as_of_date (started, not finished: int_onboardings_classified)
      without a completed sales handover, respectively without a decision maker involved.
    - success_plan_low_progress: the account's agreed, not cancelled goals whose due date
      passed within the goals window (the health setting goals_window_days: due in the
      days before as_of_date) and that were missed or are still not achieved.
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

    select
        *,
        cast(
            {{ dbt.dateadd('day', '-1 * goals_window_days', 'evaluation_date') }} as date
        ) as goals_window_start

    from signals
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

goals_unachieved_in_window as (

    -- the success plan's goals (agreed, not cancelled) due in the goals window before the
    -- evaluation day and not achieved by it
    select
        current_customers.account_id,
        goals.due_date

    from current_customers
    inner join goals
        on current_customers.account_id = goals.account_id
    where
        goals.is_agreed
        and not goals.is_cancelled
        and not goals.is_achieved
        and goals.due_date < current_customers.evaluation_date
        and goals.due_date >= current_customers.goals_window_start

),

items_unioned as (

    -- one row per item behind a rule, with the day it started to count
    select
        account_id,
        'onboarding_without_sales_handover' as flag,
        started_date as counted_from
    from onboardings_in_progress
    where is_without_sales_handover

    union all

    select
        account_id,
        'onboarding_without_decision_maker' as flag,
        started_date as counted_from
    from onboardings_in_progress
    where is_without_decision_maker

    union all

    select
        account_id,
        'success_plan_low_progress' as flag,
        cast({{ dbt.dateadd('day', 1, 'due_date') }} as date) as counted_from
    from goals_unachieved_in_window

),

items_ranked as (

    select
        items_unioned.account_id,
        items_unioned.flag,
        items_unioned.counted_from,
        row_number() over (
            partition by items_unioned.account_id, items_unioned.flag
            order by items_unioned.counted_from
        ) as item_rank,
        count(*) over (partition by items_unioned.account_id, items_unioned.flag) as items,
        cast(rules.threshold as double) as threshold

    from items_unioned
    inner join rules
        on items_unioned.flag = rules.flag

),

flagged as (

    -- raised at a count reaching the threshold, since the day the threshold-th item counted
    select
        account_id,
        flag,
        max(
            case when item_rank = greatest(ceil(threshold), 1) then counted_from end
        ) as first_raised_date,
        cast(max(items) as double) as measured_value,
        max(threshold) as threshold

    from items_ranked
    where items >= threshold
    group by account_id, flag

),

final as (

    select
        flagged.account_id,
        flagged.flag,
        flagged.first_raised_date,
        flagged.measured_value,
        -- no rule of this kind counts a sample
        cast(null as integer) as sample_size,
        flagged.threshold,
        rules.unit,
        rules.severity,
        rules.reason_template,
        rules.next_step,
        rules.description as flag_description

    from flagged
    inner join rules
        on flagged.flag = rules.flag

)

select * from final
