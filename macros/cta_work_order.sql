{#
    The order in which open calls-to-action are worked through (docs block
    `csm_open_actions`): due date, earliest first and none last; then priority (the
    `priority_order` of int_open_ctas_resolved); then the oldest; then the id, so the order
    is total. For an `order by` of a window over int_open_ctas_resolved rows.
#}
{% macro cta_work_order() -%}
    case when due_date is null then 1 else 0 end asc,
    due_date asc,
    priority_order asc,
    created_date asc,
    activity_id asc
{%- endmacro %}
