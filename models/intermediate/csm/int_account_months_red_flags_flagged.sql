{#
    The month-end red-flag rules evaluated on every customer month of
    int_account_health_signals_measured, on the month's evaluation day: one row per
    account, month and flag raised. The rules (usage_drop, superuser_inactive,
    poor_feedback_nps, poor_feedback_csat, support_overload, decision_maker_left,
    renewal_soon_while_red) take their threshold, minimum sample and severity from the
    seed red_flag_rules. A flag is raised when its value reaches the threshold (at or
    above it for the "too much" rules, at or below it for usage_drop and the two
    poor_feedback rules) and, where the rule has a min_sample, its sample (superusers,
    responses) has at least that many items. Two readers: int_account_month_end_red_flags
    _flagged (the flags at as_of_date and when their run began) and the red_flag_backtest
    mart (were flagged customers the ones that churned?). A table for both.
#}

{{ config(materialized='table') }}

{#- flag, measured value, sample behind it (none: no minimum applies), comparison -#}
{%- set month_end_rules = [
    ('usage_drop', 'signals.usage_trend_ratio', 'null', '<='),
    ('superuser_inactive', 'signals.inactive_superusers_share', 'signals.superusers', '>='),
    ('poor_feedback_nps', 'signals.nps_in_window', 'signals.nps_responses_in_window', '<='),
    ('poor_feedback_csat', 'signals.csat_in_window', 'signals.csat_responses_in_window', '<='),
    ('support_overload', 'signals.tickets_per_10_seats_in_window', 'null', '>='),
    ('decision_maker_left', 'signals.decision_makers_left_in_window', 'null', '>='),
    ('renewal_soon_while_red', 'signals.days_to_renewal', 'null', '<='),
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
        cast(signals_measured.inactive_superusers as double)
        / nullif(signals_measured.superusers, 0) as inactive_superusers_share,
        -- a red month with its renewal ahead; the renewal is the one billing knows today
        case
            when scores.health_tier = 'red' and renewals.renewal_date >= signals_measured.evaluation_date
                then {{ dbt.datediff('signals_measured.evaluation_date', 'renewals.renewal_date', 'day') }}
        end as days_to_renewal

    from signals_measured
    left join scores
        on
            signals_measured.account_id = scores.account_id
            and signals_measured.month_start = scores.month_start
    left join renewals
        on signals_measured.account_id = renewals.account_id

),

rules_evaluated as (

    {% for flag, value_expression, sample_expression, comparison in month_end_rules %}
    select
        signals.account_id,
        signals.month_start,
        signals.evaluation_date,
        signals.is_current_month,
        '{{ flag }}' as flag,
        cast({{ value_expression }} as double) as measured_value,
        cast({{ sample_expression }} as integer) as sample_size,
        cast(rules.threshold as double) as threshold,
        coalesce(
            cast({{ value_expression }} as double) {{ comparison }} rules.threshold
            and (rules.min_sample is null or {{ sample_expression }} >= rules.min_sample),
            false
        ) as is_raised

    from signals
    inner join rules
        on rules.flag = '{{ flag }}'
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        account_id,
        month_start,
        evaluation_date,
        is_current_month,
        flag,
        measured_value,
        sample_size,
        threshold

    from rules_evaluated
    where is_raised

)

select * from final
