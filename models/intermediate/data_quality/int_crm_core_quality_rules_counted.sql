{#
    Data-quality rules of the CRM's core tables: accounts, users, account assignments,
    contacts, opportunities and opportunity history.
    Counted by the macro data_quality_rules_counted from the registry; the parents are
    declared, as dbt reads refs before the registry can be read.
#}

-- depends_on: {{ ref('base_crm__accounts') }}
-- depends_on: {{ ref('base_crm__users') }}
-- depends_on: {{ ref('base_crm__account_assignments') }}
-- depends_on: {{ ref('base_crm__contacts') }}
-- depends_on: {{ ref('base_crm__opportunities') }}
-- depends_on: {{ ref('base_crm__opportunity_history') }}

{{ data_quality_rules_counted() }}
