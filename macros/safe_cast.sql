{#
    dbt-core's `dbt.safe_cast` renders a plain `cast` on DuckDB (dbt-duckdb has no override),
    so one malformed value in a raw file would stop the build. On DuckDB it is `try_cast`:
    an unparseable value becomes null; the base models flag it (macro dq_unparseable_value)
    and the data-quality catalogue counts it as `unparseable_value`. Other engines keep
    their adapter's implementation (Spark's `cast` already returns null on failure).
#}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
