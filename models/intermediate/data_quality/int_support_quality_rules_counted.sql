{#
    Data-quality rules of the support desk: tickets.
    Counted by the macro data_quality_rules_counted from the registry; the parents are
    declared, as dbt reads refs before the registry can be read.
#}

-- depends_on: {{ ref('base_support__tickets') }}
-- depends_on: {{ ref('base_crm__accounts') }}

{{ data_quality_rules_counted() }}
