{#
    Custom schemas come out exactly as named (`staging`, `intermediate`, `marts`,
    `reference`), not prefixed with the target schema: BI tools and the public-marts
    contract rely on `marts.<model>`.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
