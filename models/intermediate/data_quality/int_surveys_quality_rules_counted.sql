{#
    Data-quality rules of the survey tool: NPS and CSAT responses.
    Counted by the macro data_quality_rules_counted from the registry; the parents are
    declared, as dbt reads refs before the registry can be read.
#}

-- depends_on: {{ ref('base_surveys__responses') }}
-- depends_on: {{ ref('base_crm__accounts') }}

{{ data_quality_rules_counted() }}
