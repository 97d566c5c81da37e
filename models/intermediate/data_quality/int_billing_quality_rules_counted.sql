{#
    Data-quality rules of the billing system: customers, subscriptions, subscription items.
    Counted by the macro data_quality_rules_counted from the registry; the parents are
    declared, as dbt reads refs before the registry can be read.
#}

-- depends_on: {{ ref('base_billing__customers') }}
-- depends_on: {{ ref('base_billing__subscriptions') }}
-- depends_on: {{ ref('base_billing__subscription_items') }}
-- depends_on: {{ ref('base_crm__accounts') }}
-- depends_on: {{ ref('fx_rates_to_usd') }}

{{ data_quality_rules_counted() }}
