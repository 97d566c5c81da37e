-- The seed red_flag_rules holds a row for each of the rules the models implement (a
-- deleted row would silently switch its flag off). Returns the rules that are missing.

with

expected as (

    select 'usage_drop' as flag
    union all select 'no_cs_activity'
    union all select 'superuser_inactive'
    union all select 'poor_feedback_nps'
    union all select 'poor_feedback_csat'
    union all select 'support_overload'
    union all select 'decision_maker_left'
    union all select 'onboarding_late'
    union all select 'renewal_soon_while_red'
    union all select 'confirmed_cancellation'
    union all select 'onboarding_without_sales_handover'
    union all select 'onboarding_without_decision_maker'
    union all select 'success_plan_low_progress'

),

rules as (

    select * from {{ ref('red_flag_rules') }}

)

select expected.flag

from expected
left join rules
    on expected.flag = rules.flag
where rules.flag is null
