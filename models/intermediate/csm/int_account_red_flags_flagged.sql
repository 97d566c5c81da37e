{#
    The red flags raised on each customer at as_of_date: one row per account and flag,
    with the value measured, the rule's threshold (seed red_flag_rules) and the day the
    current, unbroken raise began. A flag is raised when its value reaches the threshold:
    at or above it for the "too much" rules, at or below it for usage_drop and the two
    poor_feedback rules (usage ratio, NPS, CSAT). See the docs block `red_flag_rules`.

    Two kinds of rule:
    - month-end rules (usage_drop, superuser_inactive, poor_feedback_nps,
      poor_feedback_csat, support_overload, decision_maker_left, renewal_soon_while_red)
      are evaluated on every customer month of int_account_health_signals_measured, on the
      month's evaluation day; first_raised_date is the evaluation day of the first month of
      the run of consecutive raised months that ends in the as_of month (month
      granularity: a flag raised on the 3rd shows the month's last day);
    - dated rules know their start to the day: no_cs_activity (the start of the CS-touch
      clock of int_account_months_engagement_measured, the last touch or the first paid
      month if never touched, plus the threshold), onboarding_late (the target go-live
      date plus the threshold) and confirmed_cancellation (the earliest notice of the
      cancellations still pending, int_account_months_pending_cancellations_counted).
#}

{%- set month_end_rules = [
    ('usage_drop', 'signals.usage_trend_ratio', '<='),
    ('superuser_inactive', 'signals.inactive_superusers', '>='),
    ('poor_feedback_nps', 'signals.nps_in_window', '<='),
    ('poor_feedback_csat', 'signals.csat_in_window', '<='),
    ('support_overload', 'signals.tickets_per_10_seats_in_window', '>='),
    ('decision_maker_left', 'signals.decision_makers_left_in_window', '>='),
    ('renewal_soon_while_red', 'signals.days_to_renewal', '<='),
] %}

with

signals_measured as (

    select * from {{ ref('int_account_health_signals_measured') }}

),

scores as (

    select * from {{ ref('int_account_health_scored') }}

),

rules as (

    select * from {{ ref('red_flag_rules') }}

),

renewals as (

    select * from {{ ref('int_account_renewals_resolved') }}

),

onboardings as (

    select * from {{ ref('stg_crm__onboardings') }}

),

signals as (

    select
        signals_measured.*,
        scores.health_tier,
        -- a red month with its renewal ahead; the renewal is the one billing knows today
        case
            when scores.health_tier = 'red' and renewals.renewal_date >= signals_measured.evaluation_date
                then {{ dbt.datediff('signals_measured.evaluation_date', 'renewals.renewal_date', 'day') }}
        end as days_to_renewal,
        12 * extract(year from signals_measured.month_start)
        + extract(month from signals_measured.month_start) as month_number

    from signals_measured
    left join scores
        on
            signals_measured.account_id = scores.account_id
            and signals_measured.month_start = scores.month_start
    left join renewals
        on signals_measured.account_id = renewals.account_id

),

current_customers as (

    -- the customers at as_of_date: the signals' row of the month holding it
    select * from signals
    where is_current_month

),

month_end_evaluated as (

    {% for flag, value_expression, comparison in month_end_rules %}
    select
        signals.account_id,
        signals.month_start,
        signals.month_number,
        signals.evaluation_date,
        '{{ flag }}' as flag,
        cast({{ value_expression }} as double) as measured_value,
        cast(rules.threshold as double) as threshold,
        coalesce(cast({{ value_expression }} as double) {{ comparison }} rules.threshold, false) as is_raised

    from signals
    inner join rules
        on rules.flag = '{{ flag }}'
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

raised_months as (

    -- consecutive raised months share run_key (month number minus position in the run)
    select
        *,
        month_number - row_number() over (
            partition by account_id, flag
            order by month_start
        ) as run_key

    from month_end_evaluated
    where is_raised

),

runs as (

    select
        account_id,
        flag,
        run_key,
        min(evaluation_date) as first_raised_date

    from raised_months
    group by account_id, flag, run_key

),

month_end_flags as (

    select
        raised_months.account_id,
        raised_months.flag,
        runs.first_raised_date,
        raised_months.measured_value,
        raised_months.threshold

    from raised_months
    inner join current_customers
        on
            raised_months.account_id = current_customers.account_id
            and raised_months.month_start = current_customers.month_start
    inner join runs
        on
            raised_months.account_id = runs.account_id
            and raised_months.flag = runs.flag
            and raised_months.run_key = runs.run_key

),

no_cs_activity_measured as (

    -- the clock (and its start) as the health score counts it; null, so never raised,
    -- for a company that logs no CS activity at all
    select
        current_customers.account_id,
        current_customers.cs_touch_clock_start_date,
        cast(current_customers.days_without_cs_touch as double) as measured_value,
        cast(rules.threshold as double) as threshold

    from current_customers
    inner join rules
        on rules.flag = 'no_cs_activity'

),

no_cs_activity_flags as (

    select
        account_id,
        'no_cs_activity' as flag,
        cast({{ dbt.dateadd('day', 'cast(threshold as integer)', 'cs_touch_clock_start_date') }} as date)
            as first_raised_date,
        measured_value,
        threshold

    from no_cs_activity_measured
    where measured_value >= threshold

),

onboardings_late as (

    select
        current_customers.account_id,
        onboardings.target_go_live_date,
        cast(
            {{ dbt.datediff('onboardings.target_go_live_date', 'current_customers.evaluation_date', 'day') }}
            as double
        ) as measured_value,
        cast(rules.threshold as double) as threshold

    from current_customers
    inner join onboardings
        on current_customers.account_id = onboardings.account_id
    inner join rules
        on rules.flag = 'onboarding_late'
    where
        cast(onboardings.started_at as date) <= current_customers.evaluation_date
        and (
            onboardings.completed_at is null
            or cast(onboardings.completed_at as date) > current_customers.evaluation_date
        )

),

onboarding_late_flags as (

    -- the most overdue open onboarding decides when there is more than one
    select
        account_id,
        'onboarding_late' as flag,
        cast(
            {{ dbt.dateadd('day', 'cast(max(threshold) as integer)', 'min(target_go_live_date)') }} as date
        ) as first_raised_date,
        max(measured_value) as measured_value,
        max(threshold) as threshold

    from onboardings_late
    where measured_value >= threshold
    group by account_id

),

confirmed_cancellation_flags as (

    -- every cancellation pending on as_of_date, full or partial, since the earliest notice
    select
        current_customers.account_id,
        'confirmed_cancellation' as flag,
        current_customers.first_pending_requested_date as first_raised_date,
        cast(current_customers.pending_cancellations as double) as measured_value,
        cast(rules.threshold as double) as threshold

    from current_customers
    inner join rules
        on rules.flag = 'confirmed_cancellation'
    where
        current_customers.pending_cancellations > 0
        and current_customers.pending_cancellations >= rules.threshold

),

unioned as (

    select * from month_end_flags
    union all
    select * from no_cs_activity_flags
    union all
    select * from onboarding_late_flags
    union all
    select * from confirmed_cancellation_flags

),

final as (

    select
        {{ as_of_date() }} as as_of_date,
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
