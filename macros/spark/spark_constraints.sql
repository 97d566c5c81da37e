{#
    Spark (dbt-spark) on Parquet tables: a contract's `not_null` constraints checked after
    the table is built. Plain Parquet tables take no constraint (`ALTER COLUMN ... SET NOT
    NULL` needs Delta), and dbt-spark applies them unless the file format is set to
    something else than delta. Here each not_null column is counted for nulls instead: a
    null drops the new table and stops the model, as DuckDB's enforced constraint does.
    Other constraint types are not declared in this project; they are refused here rather
    than silently dropped.
#}
{% macro spark__persist_constraints(relation, model) %}
    {%- set contract_config = config.get('contract') -%}
    {%- if contract_config.enforced -%}
        {%- for constraint in model.constraints -%}
            {{ exceptions.raise_compiler_error(
                "Model " ~ model.name ~ ": model-level " ~ constraint.type ~ " constraints"
                ~ " cannot be checked on Spark's Parquet tables.") }}
        {%- endfor -%}
        {%- set not_null_columns = [] -%}
        {%- for column_name, column in model.columns.items() -%}
            {%- for constraint in column.get('constraints', []) -%}
                {%- if constraint.type == 'not_null' -%}
                    {%- do not_null_columns.append(column_name) -%}
                {%- else -%}
                    {{ exceptions.raise_compiler_error(
                        "Model " ~ model.name ~ ", column " ~ column_name ~ ": "
                        ~ constraint.type ~ " constraints cannot be checked on Spark's"
                        ~ " Parquet tables.") }}
                {%- endif -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- if not_null_columns | length > 0 -%}
            {%- set counts = [] -%}
            {%- for column_name in not_null_columns -%}
                {%- do counts.append('count_if(' ~ adapter.quote(column_name) ~ ' is null)') -%}
            {%- endfor -%}
            {%- set nulls = run_query('select ' ~ counts | join(', ') ~ ' from ' ~ relation).rows[0] -%}
            {%- for column_name in not_null_columns -%}
                {%- if nulls[loop.index0] > 0 -%}
                    {%- do adapter.drop_relation(relation) -%}
                    {{ exceptions.raise_compiler_error(
                        "Model " ~ model.name ~ " breaks its contract: column " ~ column_name
                        ~ " is constrained not_null but holds " ~ nulls[loop.index0]
                        ~ " null(s); the table was dropped.") }}
                {%- endif -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}
