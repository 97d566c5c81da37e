{#
    One text listing the labels that apply, in the order given, joined by `separator`:
    `items` are SQL expressions, each a label (text) when it applies and null when it does
    not (e.g. "case when usage_score is not null then 'usage' end"). '' when none applies.
    Each present item is prefixed with the separator and the first separator cut off, so
    there is no trailing or doubled separator to clean up.
#}
{% macro labels_listed(items, separator=', ') -%}
    {%- set prefixed = [] -%}
    {%- for item in items -%}
        {%- do prefixed.append("coalesce(" ~ dbt.concat([dbt.string_literal(separator), item]) ~ ", '')") -%}
    {%- endfor -%}
    substring({{ dbt.concat(prefixed) }}, {{ (separator | length) + 1 }})
{%- endmacro %}
