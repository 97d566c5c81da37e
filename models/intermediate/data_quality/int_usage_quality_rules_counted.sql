{#
    Data-quality rules of the product-analytics tool: users and events.
    Counted by the macro data_quality_rules_counted from the registry; the parents are
    declared, as dbt reads refs before the registry can be read. The events are read
    already counted per day, account and set-aside reason (their registry entry's
    counted_from), so the scheduled run does not read every event again.
#}

-- depends_on: {{ ref('base_usage__users') }}
-- depends_on: {{ ref('int_usage_account_day_quality_aggregated') }}
-- depends_on: {{ ref('base_crm__accounts') }}

{{ data_quality_rules_counted() }}
