{#
    The continuous (interpolated) percentile `p` (0 to 1) of `expression` over the group, as
    an aggregate: the value at rank p * (n - 1) of the sorted non-null values, interpolated
    linearly between its two neighbours (so the median of 1, 2, 3, 10 is 2.5). Nulls are
    ignored; a group with no non-null value gives null. Dispatched, since engines spell it
    differently: the SQL standard's ordered-set aggregate by default, `quantile_cont` on
    DuckDB, `percentile` on Spark.
#}
{% macro percentile_cont(expression, p) -%}
    {{ return(adapter.dispatch('percentile_cont')(expression, p)) }}
{%- endmacro %}

{% macro default__percentile_cont(expression, p) -%}
    percentile_cont({{ p }}) within group (order by {{ expression }})
{%- endmacro %}

{% macro duckdb__percentile_cont(expression, p) -%}
    quantile_cont({{ expression }}, {{ p }})
{%- endmacro %}

{% macro spark__percentile_cont(expression, p) -%}
    percentile({{ expression }}, {{ p }})
{%- endmacro %}
