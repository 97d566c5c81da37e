{#
    Data-quality rules of the product-analytics tool: users and events.
    Counted by the macro data_quality_rules_counted from the registry; the parents are
    declared, as dbt reads refs before the registry can be read.
#}

-- depends_on: {{ ref('base_usage__users') }}
-- depends_on: {{ ref('base_usage__events') }}
-- depends_on: {{ ref('base_crm__accounts') }}

{{ data_quality_rules_counted() }}
