{#
    No raw row vanishes silently: for every raw table, the staging model holds exactly the
    raw rows minus the rows counted as set aside in data_quality_summary. Fails with the
    tables where the numbers disagree.
#}

{%- set staging_models = [
    ('crm_accounts', 'stg_crm__accounts'),
    ('crm_users', 'stg_crm__users'),
    ('crm_account_assignments', 'stg_crm__account_assignments'),
    ('crm_contacts', 'stg_crm__contacts'),
    ('crm_opportunities', 'stg_crm__opportunities'),
    ('crm_opportunity_history', 'stg_crm__opportunity_history'),
    ('crm_activities', 'stg_crm__activities'),
    ('crm_success_goals', 'stg_crm__success_goals'),
    ('crm_onboardings', 'stg_crm__onboardings'),
    ('crm_cancellations', 'stg_crm__cancellations'),
    ('crm_feedback', 'stg_crm__feedback'),
    ('billing_customers', 'stg_billing__customers'),
    ('billing_subscriptions', 'stg_billing__subscriptions'),
    ('billing_subscription_items', 'stg_billing__subscription_items'),
    ('usage_users', 'stg_usage__users'),
    ('usage_events', 'stg_usage__events'),
    ('survey_responses', 'stg_surveys__responses'),
    ('support_tickets', 'stg_support__tickets'),
] -%}

with

summary as (

    select * from {{ ref('data_quality_summary') }}

),

counted_summary as (

    select
        table_name,
        max(source_rows) as source_rows,
        sum(case when action = 'set_aside' then affected_rows else 0 end) as set_aside_rows

    from summary
    group by table_name

),

counted_staging as (

    {% for table_name, staging_model in staging_models %}
    select
        '{{ table_name }}' as table_name,
        count(*) as staging_rows
    from {{ ref(staging_model) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select
    counted_summary.table_name,
    counted_summary.source_rows,
    counted_summary.set_aside_rows,
    counted_staging.staging_rows

from counted_summary
left join counted_staging
    on counted_summary.table_name = counted_staging.table_name
where
    counted_staging.staging_rows is null
    or counted_summary.source_rows - counted_summary.set_aside_rows != counted_staging.staging_rows
