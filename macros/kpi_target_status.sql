{#
    A KPI value's status against its target, per the docs block kpi_targets: `on_target`
    when the value is at or above the target (direction `higher`) or at or below it
    (direction `lower`), `off_target` otherwise; null when there is no target or no value.
#}
{% macro kpi_target_status(value, target, direction) -%}
    case
        when {{ value }} is null or {{ target }} is null then null
        when {{ direction }} = 'higher' and {{ value }} >= {{ target }} then 'on_target'
        when {{ direction }} = 'lower' and {{ value }} <= {{ target }} then 'on_target'
        when {{ direction }} in ('higher', 'lower') then 'off_target'
    end
{%- endmacro %}
