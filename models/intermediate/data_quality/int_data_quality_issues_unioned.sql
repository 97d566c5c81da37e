{#
    One row per (table_name, row_key, reason): every raw row that a data-quality rule of the
    seed data_quality_rules set aside, repaired or excluded downstream.

    - set_aside: the base models' dq_set_aside_reason (duplicate_key first, then
      unparseable_value where the table sets such rows aside, then the table's other
      set-aside rules; a set-aside row is not checked further).
    - repaired: the base models' dq_<reason> flags, on rows that were not set aside
      (unparseable_value is a repair for crm_accounts, crm_users, billing_customers and
      billing_subscriptions: the unreadable value is null and the row is kept).
    - excluded_downstream: foreign-key and reference checks between staging models (the
      row stays in staging; the marts that need the parent leave it out).
    usage_events, the big table, gets both kinds from a single pass (usage_event_issues).

    row_key is the table's primary key as a string (opportunity_id|changed_at for
    crm_opportunity_history). Set-aside duplicates share their key with the kept row, so
    their row_key carries the duplicate's rank: '<key>#<dq_row_number>'.
    action and rule are joined from the catalogue; a reason missing from the catalogue
    leaves them null and fails the test assert_dq_issue_reasons_are_in_catalogue.
#}

{#- table_name, base model, primary key as a string expression, repair reasons (one
    dq_<reason> column each); the key is composite for crm_opportunity_history -#}
{#- changed_at is empty in the key when it is missing or unreadable (unparseable_value), so
    such rows keep a key: opportunity_id plus, for a second one, its duplicate rank -#}
{%- set history_key = dbt.concat([
    'opportunity_id', "'|'", "coalesce(" ~ dbt.safe_cast('changed_at', dbt.type_string()) ~ ", '')"
]) -%}
{%- set base_tables = [
    ('crm_accounts', 'base_crm__accounts', 'account_id',
        ['unparseable_value', 'invalid_segment', 'invalid_region']),
    ('crm_users', 'base_crm__users', 'user_id', ['unparseable_value', 'invalid_role']),
    ('crm_account_assignments', 'base_crm__account_assignments', 'assignment_id', []),
    ('crm_contacts', 'base_crm__contacts', 'contact_id', ['left_before_created']),
    ('crm_opportunities', 'base_crm__opportunities', 'opportunity_id', []),
    ('crm_opportunity_history', 'base_crm__opportunity_history', history_key, []),
    ('crm_activities', 'base_crm__activities', 'activity_id', ['completed_before_created']),
    ('crm_success_goals', 'base_crm__success_goals', 'goal_id', []),
    ('crm_onboardings', 'base_crm__onboardings', 'onboarding_id', ['completed_before_started']),
    ('crm_cancellations', 'base_crm__cancellations', 'cancellation_id', ['invalid_primary_reason']),
    ('crm_feedback', 'base_crm__feedback', 'feedback_id', []),
    ('billing_customers', 'base_billing__customers', 'billing_customer_id', ['unparseable_value']),
    ('billing_subscriptions', 'base_billing__subscriptions', 'subscription_id',
        ['unparseable_value', 'invalid_status', 'ended_before_start']),
    ('billing_subscription_items', 'base_billing__subscription_items', 'subscription_item_id', []),
    ('usage_users', 'base_usage__users', 'user_id', ['invalid_role']),
    ('survey_responses', 'base_surveys__responses', 'response_id', []),
    ('support_tickets', 'base_support__tickets', 'ticket_id',
        ['invalid_priority', 'invalid_status', 'solved_before_created', 'negative_count']),
] -%}

{#- table_name, child staging model, its key, foreign key, parent staging model, parent key,
    reason: a child row whose foreign key has no parent row (or is null) is excluded -#}
{%- set orphan_checks = [
    ('crm_account_assignments', 'stg_crm__account_assignments', 'assignment_id',
        'account_id', 'stg_crm__accounts', 'account_id', 'orphan_account_id'),
    ('crm_account_assignments', 'stg_crm__account_assignments', 'assignment_id',
        'csm_user_id', 'stg_crm__users', 'user_id', 'orphan_csm_user_id'),
    ('crm_contacts', 'stg_crm__contacts', 'contact_id',
        'account_id', 'stg_crm__accounts', 'account_id', 'orphan_account_id'),
    ('crm_opportunities', 'stg_crm__opportunities', 'opportunity_id',
        'account_id', 'stg_crm__accounts', 'account_id', 'orphan_account_id'),
    ('crm_activities', 'stg_crm__activities', 'activity_id',
        'account_id', 'stg_crm__accounts', 'account_id', 'orphan_account_id'),
    ('crm_success_goals', 'stg_crm__success_goals', 'goal_id',
        'account_id', 'stg_crm__accounts', 'account_id', 'orphan_account_id'),
    ('crm_onboardings', 'stg_crm__onboardings', 'onboarding_id',
        'account_id', 'stg_crm__accounts', 'account_id', 'orphan_account_id'),
    ('crm_cancellations', 'stg_crm__cancellations', 'cancellation_id',
        'account_id', 'stg_crm__accounts', 'account_id', 'orphan_account_id'),
    ('crm_feedback', 'stg_crm__feedback', 'feedback_id',
        'account_id', 'stg_crm__accounts', 'account_id', 'orphan_account_id'),
    ('billing_subscriptions', 'stg_billing__subscriptions', 'subscription_id',
        'billing_customer_id', 'stg_billing__customers', 'billing_customer_id', 'orphan_billing_customer_id'),
    ('billing_subscription_items', 'stg_billing__subscription_items', 'subscription_item_id',
        'subscription_id', 'stg_billing__subscriptions', 'subscription_id', 'orphan_subscription_id'),
    ('usage_users', 'stg_usage__users', 'user_id',
        'account_id', 'stg_crm__accounts', 'account_id', 'orphan_account_id'),
    ('survey_responses', 'stg_surveys__responses', 'response_id',
        'account_id', 'stg_crm__accounts', 'account_id', 'orphan_account_id'),
    ('support_tickets', 'stg_support__tickets', 'ticket_id',
        'account_id', 'stg_crm__accounts', 'account_id', 'orphan_account_id'),
] -%}



with

rules as (

    select * from {{ ref('data_quality_rules') }}

),

fx_rates as (

    select * from {{ ref('fx_rates_to_usd') }}

),

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

billing_customers as (

    select * from {{ ref('stg_billing__customers') }}

),

subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

),

set_aside_rows as (

    {% for table_name, base_model, key_expression, _repairs in base_tables %}
    select
        '{{ table_name }}' as table_name,
        case
            when dq_row_number > 1
                then {{ dbt.concat([
                    "coalesce(" ~ key_expression ~ ", '')",
                    "'#'",
                    dbt.safe_cast('dq_row_number', dbt.type_string()),
                ]) }}
            else {{ key_expression }}
        end as row_key,
        dq_set_aside_reason as reason
    from {{ ref(base_model) }}
    where dq_set_aside_reason is not null
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

repaired_rows as (

    {% for table_name, base_model, key_expression, repairs in base_tables if repairs %}
    {%- set outer_loop = loop %}
    {% for reason in repairs %}
    select
        '{{ table_name }}' as table_name,
        {{ key_expression }} as row_key,
        '{{ reason }}' as reason
    from {{ ref(base_model) }}
    where dq_set_aside_reason is null and dq_{{ reason }}
    {% if not (loop.last and outer_loop.last) %}union all{% endif %}
    {% endfor %}
    {% endfor %}

),

orphan_rows as (

    {% for table_name, child_model, child_key, fk_column, parent_model, parent_key, reason in orphan_checks %}
    select
        '{{ table_name }}' as table_name,
        child.{{ child_key }} as row_key,
        '{{ reason }}' as reason
    from {{ ref(child_model) }} as child
    left join {{ ref(parent_model) }} as parent
        on child.{{ fk_column }} = parent.{{ parent_key }}
    where parent.{{ parent_key }} is null
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

opportunity_history_orphans as (

    select
        'crm_opportunity_history' as table_name,
        {{ history_key }} as row_key,
        'orphan_opportunity_id' as reason
    from {{ ref('stg_crm__opportunity_history') }} as history
    where not exists (
        select 1
        from {{ ref('stg_crm__opportunities') }} as opportunities
        where opportunities.opportunity_id = history.opportunity_id
    )

),

billing_customer_exclusions as (

    select
        'billing_customers' as table_name,
        billing_customers.billing_customer_id as row_key,
        'missing_account_id' as reason
    from billing_customers
    where billing_customers.account_id is null

    union all

    select
        'billing_customers' as table_name,
        billing_customers.billing_customer_id as row_key,
        'orphan_account_id' as reason
    from billing_customers
    left join accounts
        on billing_customers.account_id = accounts.account_id
    where
        billing_customers.account_id is not null
        and accounts.account_id is null

    union all

    select
        'billing_customers' as table_name,
        billing_customers.billing_customer_id as row_key,
        'unknown_currency' as reason
    from billing_customers
    left join fx_rates
        on billing_customers.currency = fx_rates.currency
    where fx_rates.currency is null

),

subscription_exclusions as (

    select
        'billing_subscriptions' as table_name,
        subscription_id as row_key,
        'invalid_billing_interval' as reason
    from subscriptions
    where
        billing_interval_months is null
        or billing_interval_months not in (1, 3, 6, 12)

),

usage_event_issues as (

    {#-
        usage_events is the big table: its set-aside duplicates and its orphan events come
        from one pass over base_usage__events (one dedupe window), probing the small
        accounts table. Its rows without a set-aside reason are exactly stg_usage__events.
    #}
    select
        'usage_events' as table_name,
        case
            when usage_events.dq_row_number > 1
                then {{ dbt.concat([
                    "coalesce(usage_events.event_id, '')",
                    "'#'",
                    dbt.safe_cast('usage_events.dq_row_number', dbt.type_string()),
                ]) }}
            else usage_events.event_id
        end as row_key,
        coalesce(usage_events.dq_set_aside_reason, 'orphan_account_id') as reason
    from {{ ref('base_usage__events') }} as usage_events
    left join accounts
        on usage_events.account_id = accounts.account_id
    where
        usage_events.dq_set_aside_reason is not null
        or accounts.account_id is null

),

unioned as (

    select * from set_aside_rows
    union all
    select * from repaired_rows
    union all
    select * from orphan_rows
    union all
    select * from opportunity_history_orphans
    union all
    select * from billing_customer_exclusions
    union all
    select * from subscription_exclusions
    union all
    select * from usage_event_issues

),

final as (

    select
        unioned.table_name,
        unioned.row_key,
        unioned.reason,
        rules.action,
        rules.rule

    from unioned
    left join rules
        on
            unioned.table_name = rules.table_name
            and unioned.reason = rules.reason

)

select * from final
