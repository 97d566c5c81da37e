{#
    The values of a text column in one string, sorted, whatever the engine: dbt's
    cross-database `listagg` with its `order by` where the engine supports it; on Spark,
    whose `listagg` ignores the order (collect_list gives no order), the collected list
    sorted first. For a text that must not change while the values do not (a fingerprint).
#}
{% macro sorted_listagg(measure, delimiter_text) -%}
    {{ return(adapter.dispatch('sorted_listagg', 'cs_analytics')(measure, delimiter_text)) }}
{%- endmacro %}


{% macro default__sorted_listagg(measure, delimiter_text) -%}
    {{ dbt.listagg(measure, delimiter_text, 'order by ' ~ measure) }}
{%- endmacro %}


{% macro spark__sorted_listagg(measure, delimiter_text) -%}
    array_join(array_sort(collect_list({{ measure }})), {{ delimiter_text }})
{%- endmacro %}
