{#
    The data-quality rule `unparseable_value` (seed data_quality_rules): true when at least
    one of the given raw columns holds a value (not null, not blank after trimming) that
    dbt.safe_cast cannot read as the column's type, such as quantity 'twelve', unit_amount
    '12,50', valid_from '2025-13-45' or a boolean 'maybe'. safe_cast turns such a value into
    null (DuckDB try_cast); this flag is what keeps it from vanishing silently.

    Evaluated in a base model's `renamed` CTE, where the raw string columns are still in
    scope; pass the same types the model casts to, e.g.
        {{ dq_unparseable_value([('quantity', dbt.type_int()), ('valid_from', 'date')]) }}
    An empty or null raw value is not flagged: it is a null, which the staging tests report.
#}
{% macro dq_unparseable_value(columns) -%}
    {%- if columns | length == 0 -%}
        {{ exceptions.raise_compiler_error("dq_unparseable_value needs at least one (column, type) pair") }}
    {%- endif -%}
    (
        {%- for column, data_type in columns %}
        {% if not loop.first %}or {% endif -%}
        (
            {{ column }} is not null
            and trim({{ column }}) != ''
            and {{ dbt.safe_cast(column, data_type) }} is null
        )
        {%- endfor %}
    )
{%- endmacro %}
