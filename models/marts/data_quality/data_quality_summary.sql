{#
    The data-quality report: one row per rule of the catalogue (seed data_quality_rules),
    with the number of raw rows it set aside, repaired or excluded downstream in this run.
    Rules that caught nothing are listed with zero, so the report always shows every rule.
#}

{%- set base_models = [
    ('crm_accounts', 'base_crm__accounts'),
    ('crm_users', 'base_crm__users'),
    ('crm_account_assignments', 'base_crm__account_assignments'),
    ('crm_contacts', 'base_crm__contacts'),
    ('crm_opportunities', 'base_crm__opportunities'),
    ('crm_opportunity_history', 'base_crm__opportunity_history'),
    ('crm_activities', 'base_crm__activities'),
    ('crm_success_goals', 'base_crm__success_goals'),
    ('crm_onboardings', 'base_crm__onboardings'),
    ('crm_cancellations', 'base_crm__cancellations'),
    ('crm_feedback', 'base_crm__feedback'),
    ('billing_customers', 'base_billing__customers'),
    ('billing_subscriptions', 'base_billing__subscriptions'),
    ('billing_subscription_items', 'base_billing__subscription_items'),
    ('usage_users', 'base_usage__users'),
    ('usage_events', 'base_usage__events'),
    ('survey_responses', 'base_surveys__responses'),
    ('support_tickets', 'base_support__tickets'),
] -%}

with

rules as (

    select * from {{ ref('data_quality_rules') }}

),

issues as (

    select * from {{ ref('int_data_quality_issues_unioned') }}

),

counted_issues as (

    select
        table_name,
        reason,
        count(*) as affected_rows

    from issues
    group by table_name, reason

),

counted_source_rows as (

    -- base models hold every raw row: their counts are the raw tables' sizes
    {% for table_name, base_model in base_models %}
    select
        '{{ table_name }}' as table_name,
        count(*) as source_rows
    from {{ ref(base_model) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        {{ dbt.safe_cast('rules.table_name', dbt.type_string()) }} as table_name,
        {{ dbt.safe_cast('rules.reason', dbt.type_string()) }} as reason,
        {{ dbt.safe_cast('rules.action', dbt.type_string()) }} as action,  -- noqa: RF04
        {{ dbt.safe_cast('rules.rule', dbt.type_string()) }} as rule,  -- noqa: RF04
        {{ dbt.safe_cast('coalesce(counted_issues.affected_rows, 0)', dbt.type_bigint()) }} as affected_rows,
        {{ dbt.safe_cast('coalesce(counted_source_rows.source_rows, 0)', dbt.type_bigint()) }} as source_rows

    from rules
    left join counted_issues
        on
            rules.table_name = counted_issues.table_name
            and rules.reason = counted_issues.reason
    left join counted_source_rows
        on rules.table_name = counted_source_rows.table_name

)

select * from final
