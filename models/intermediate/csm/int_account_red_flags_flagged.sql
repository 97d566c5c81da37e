{#
    The red flags raised on each customer at as_of_date: one row per account and flag,
    with the value measured (and the sample behind it), the rule's threshold, severity,
    unit, next step and words (seed red_flag_rules, joined in each kind's model), the day
    the current, unbroken raise began and the reason in words a CSM reads (the rule's
    reason_template filled in with the value). See the docs block `red_flag_rules`.
    Three kinds of rule, each in its own model:
    - month-end rules (usage_drop, superuser_inactive, poor_feedback_nps,
      poor_feedback_csat, support_overload, decision_maker_left, renewal_soon_while_red),
      raised month by month: int_account_month_end_red_flags_flagged;
    - dated rules (no_cs_activity, onboarding_late, confirmed_cancellation), whose start is
      known to the day: int_account_dated_red_flags_flagged;
    - onboarding and success-plan rules (onboarding_without_sales_handover,
      onboarding_without_decision_maker, success_plan_low_progress):
      int_account_success_red_flags_flagged.
    A table: the attention list and the account_red_flags mart read it.
#}

{{ config(materialized='table') }}

with

month_end_flags as (

    select * from {{ ref('int_account_month_end_red_flags_flagged') }}

),

dated_flags as (

    select * from {{ ref('int_account_dated_red_flags_flagged') }}

),

success_flags as (

    select * from {{ ref('int_account_success_red_flags_flagged') }}

),

unioned as (

    select * from month_end_flags
    union all
    select * from dated_flags
    union all
    select * from success_flags

),

values_formatted as (

    -- the pieces a reason template may hold: {value}, {percent} (value × 100), {sample}
    select
        *,
        cast(cast(round(measured_value, 0) as bigint) as {{ dbt.type_string() }}) as value_text,
        cast(cast(round(100 * measured_value, 0) as bigint) as {{ dbt.type_string() }}) as percent_text,
        coalesce(cast(sample_size as {{ dbt.type_string() }}), '') as sample_text

    from unioned

),

final as (

    select
        {{ as_of_date() }} as as_of_date,
        values_formatted.account_id,
        values_formatted.flag,
        values_formatted.first_raised_date,
        values_formatted.measured_value,
        values_formatted.sample_size,
        values_formatted.threshold,
        values_formatted.unit,
        coalesce(values_formatted.severity, 'act') as severity,
        -- a rule without a template reads as its name
        coalesce(
            replace(
                replace(
                    replace(values_formatted.reason_template, '{value}', values_formatted.value_text),
                    '{percent}', values_formatted.percent_text
                ),
                '{sample}', values_formatted.sample_text
            ),
            values_formatted.flag
        ) as reason,
        values_formatted.next_step,
        values_formatted.flag_description

    from values_formatted

)

select * from final
