{#
    The red flags raised on each customer at as_of_date: one row per account and flag,
    with the value measured, the rule's threshold, unit and words (seed red_flag_rules)
    and the day the current, unbroken raise began. See the docs block `red_flag_rules`.
    Two kinds of rule, each in its own model:
    - month-end rules (usage_drop, superuser_inactive, poor_feedback_nps,
      poor_feedback_csat, support_overload, decision_maker_left, renewal_soon_while_red),
      raised month by month: int_account_month_end_red_flags_flagged;
    - dated rules (no_cs_activity, onboarding_late, confirmed_cancellation), whose start is
      known to the day: int_account_dated_red_flags_flagged.
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

final as (

    select
        {{ as_of_date() }} as as_of_date,
        account_id,
        flag,
        first_raised_date,
        measured_value,
        threshold,
        unit,
        flag_description

    from unioned

)

select * from final
