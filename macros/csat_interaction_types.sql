{#
    The rows of CSAT's interaction types, one `select` each, unioned: the three types a
    CSAT survey asks about (`support`, `success`, `onboarding`) and `all`. csat_monthly and
    weekly_csat spine their rows on it, so both list every type, zeros included.
#}
{% macro csat_interaction_types() -%}
    {%- for interaction_type in ['support', 'success', 'onboarding', 'all'] %}
    select '{{ interaction_type }}' as interaction_type
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
