{#
    Data-quality rules of the CRM's records of the CS team's work: activities, success
    goals, onboardings, cancellations and feedback.
    Counted by the macro data_quality_rules_counted from the registry; the parents are
    declared, as dbt reads refs before the registry can be read.
#}

-- depends_on: {{ ref('base_crm__activities') }}
-- depends_on: {{ ref('base_crm__success_goals') }}
-- depends_on: {{ ref('base_crm__onboardings') }}
-- depends_on: {{ ref('base_crm__cancellations') }}
-- depends_on: {{ ref('base_crm__feedback') }}
-- depends_on: {{ ref('base_crm__accounts') }}

{{ data_quality_rules_counted() }}
