{#
    The red flags of the month-end rules raised on each customer at as_of_date: one row
    per account and flag, with the value measured on the as_of day, the rule's threshold
    (seed red_flag_rules) and the day the current, unbroken raise began. The rules
    (usage_drop, superuser_inactive, poor_feedback_nps, poor_feedback_csat,
    support_overload, decision_maker_left, renewal_soon_while_red) are evaluated on every
    customer month of int_account_health_signals_measured, on the month's evaluation
    day; first_raised_date is the evaluation day of the first month of the run of
    consecutive raised months that ends in the as_of month (month granularity: a flag
    raised on the 3rd shows the month's last day). A flag is raised when its value
    reaches the threshold: at or above it for the "too much" rules, at or below it for
    usage_drop and the two poor_feedback rules. int_account_red_flags_flagged adds the
    dated rules (int_account_dated_red_flags_flagged). See the docs block `red_flag_rules`.
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

final as (

    select
        raised_months.account_id,
        raised_months.flag,
        runs.first_raised_date,
        raised_months.measured_value,
        raised_months.threshold,
        rules.unit,
        rules.description as flag_description

    from raised_months
    inner join rules
        on raised_months.flag = rules.flag
    inner join current_customers
        on
            raised_months.account_id = current_customers.account_id
            and raised_months.month_start = current_customers.month_start
    inner join runs
        on
            raised_months.account_id = runs.account_id
            and raised_months.flag = runs.flag
            and raised_months.run_key = runs.run_key

)

select * from final
