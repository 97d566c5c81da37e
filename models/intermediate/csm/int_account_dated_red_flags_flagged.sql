{#
    The red flags of the dated rules raised on each customer at as_of_date: one row per
    account and flag, with the value measured, the rule's threshold, unit and words (seed
    red_flag_rules) and the day the raise began, known to the day: no_cs_activity (the
    start of the CS-touch clock of int_account_months_engagement_measured, the last touch
    or the first paid month if never touched, plus the threshold), onboarding_late (the
    target go-live date plus the threshold) and confirmed_cancellation (the earliest
    notice of the cancellations still pending,
    int_account_months_pending_cancellations_counted). int_account_red_flags_flagged adds
    the month-end rules. See the docs block `red_flag_rules`.
#}

with

signals as (

    select * from {{ ref('int_account_health_signals_measured') }}

),

rules as (

    select * from {{ ref('red_flag_rules') }}

),

onboardings as (

    select * from {{ ref('stg_crm__onboardings') }}

),

current_customers as (

    -- the customers at as_of_date: the signals' row of the month holding it
    select * from signals
    where is_current_month

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

    select * from no_cs_activity_flags
    union all
    select * from onboarding_late_flags
    union all
    select * from confirmed_cancellation_flags

),

final as (

    select
        unioned.account_id,
        unioned.flag,
        unioned.first_raised_date,
        unioned.measured_value,
        -- no rule of this kind counts a sample
        cast(null as integer) as sample_size,
        unioned.threshold,
        rules.unit,
        rules.severity,
        rules.reason_template,
        rules.next_step,
        rules.description as flag_description

    from unioned
    inner join rules
        on unioned.flag = rules.flag

)

select * from final
