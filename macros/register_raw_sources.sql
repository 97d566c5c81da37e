{#
    Points the `raw` schema at the landing files: one view per source table declared in
    schema `raw` (named by its `identifier`, e.g. `crm_accounts`), reading `<raw_data_dir>/<table>.parquet` when it exists, else `<table>.csv`.

    Runs as the project's on-run-start hook, so `source('crm', 'accounts')` and its siblings resolve to the
    files of whatever directory the run names with the var `raw_data_dir`. Every column
    is exposed as a string (CSV and Parquet alike): staging casts, so identifiers keep
    their leading zeros and bad values become counted data-quality issues, not load errors.

    A missing file or a missing required column stops the run here with a message that
    names the table, the directory and the columns, rather than deep inside a model.
#}
{% macro register_raw_sources() %}
    {%- if execute -%}
        {%- set raw_dir = resolve_raw_data_dir() -%}
        {%- set raw_schema = 'raw' -%}
        {{ log("Registering raw sources from " ~ raw_dir, info=true) }}
        {%- do adapter.dispatch('create_raw_schema', 'cs_analytics')(raw_schema) -%}
        {%- for node in graph.sources.values()
            if node.package_name == project_name and node.schema == raw_schema -%}
            {%- set table = node.identifier -%}
            {%- set file_path = adapter.dispatch('find_raw_file', 'cs_analytics')(raw_dir, table) -%}
            {%- if file_path is none -%}
                {{ exceptions.raise_compiler_error(
                    "Raw table '" ~ table ~ "' has no file in " ~ raw_dir
                    ~ ": expected " ~ table ~ ".csv or " ~ table ~ ".parquet"
                    ~ " (every table's file must be present; it may hold only its header)."
                ) }}
            {%- endif -%}
            {%- set found_columns = adapter.dispatch('create_raw_view', 'cs_analytics')(
                raw_schema, table, file_path) -%}
            {%- set missing = [] -%}
            {%- for column_name in node.columns.keys() -%}
                {%- if column_name | lower not in found_columns -%}
                    {%- do missing.append(column_name) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- if missing | length > 0 -%}
                {{ exceptions.raise_compiler_error(
                    "Raw file " ~ file_path ~ " lacks required column(s): "
                    ~ missing | join(', ') ~ " (see docs/input-contract.md)."
                ) }}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}


{% macro resolve_raw_data_dir() -%}
    {%- set configured = var('raw_data_dir') | string | trim -%}
    {%- if configured.startswith('/') -%}
        {{ return(configured.rstrip('/')) }}
    {%- else -%}
        {%- set root = env_var('DBT_PROJECT_DIR', '') or flags.PROJECT_DIR or '.' -%}
        {{ return((root | string).rstrip('/') ~ '/' ~ configured.rstrip('/')) }}
    {%- endif -%}
{%- endmacro %}


{% macro default__create_raw_schema(schema_name) %}
    {% do run_query('create schema if not exists ' ~ schema_name) %}
{% endmacro %}


{# Returns the path of the table's Parquet or CSV file, or none when neither exists. #}
{% macro default__find_raw_file(raw_dir, table) %}
    {%- for extension in ['parquet', 'csv'] -%}
        {%- set candidate = raw_dir ~ '/' ~ table ~ '.' ~ extension -%}
        {%- set found = run_query("select count(*) from glob('" ~ candidate ~ "')") -%}
        {%- if found.columns[0].values()[0] > 0 -%}
            {{ return(candidate) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(none) }}
{% endmacro %}


{# Creates the view and returns its lower-cased column names. #}
{% macro default__create_raw_view(schema_name, table, file_path) %}
    {%- if file_path.endswith('.parquet') -%}
        {%- set reader = "read_parquet('" ~ file_path ~ "')" -%}
        {%- set columns_sql = "cast(columns(*) as varchar)" -%}
    {%- else -%}
        {%- set reader = "read_csv('" ~ file_path ~ "', header = true, all_varchar = true, "
            ~ "delim = ',', quote = '\"', escape = '\"')" -%}
        {%- set columns_sql = "*" -%}
    {%- endif -%}
    {% do run_query(
        'create or replace view ' ~ schema_name ~ '.' ~ table
        ~ ' as select ' ~ columns_sql ~ ' from ' ~ reader
    ) %}
    {%- set described = run_query('select * from ' ~ schema_name ~ '.' ~ table ~ ' limit 0') -%}
    {{ return(described.column_names | map('lower') | list) }}
{% endmacro %}


{#
    Spark (dbt-spark, session method): unmanaged tables over the landing files. Jinja
    cannot look at the file system, so on Spark the format comes from the var
    `raw_file_format` (`csv`, the default, or `parquet`) instead of being detected.
#}
{% macro spark__find_raw_file(raw_dir, table) %}
    {{ return(raw_dir ~ '/' ~ table ~ '.' ~ var('raw_file_format', 'csv')) }}
{% endmacro %}


{% macro spark__create_raw_view(schema_name, table, file_path) %}
    {%- set relation_name = schema_name ~ '.' ~ table -%}
    {% do run_query('drop table if exists ' ~ relation_name) %}
    {%- if file_path.endswith('.parquet') -%}
        {% do run_query('create table ' ~ relation_name ~ " using parquet location '" ~ file_path ~ "'") %}
    {%- else -%}
        {% do run_query(
            'create table ' ~ relation_name ~ " using csv options (path '" ~ file_path
            ~ "', header 'true', inferSchema 'false', escape '\"')"
        ) %}
    {%- endif -%}
    {%- set described = run_query('select * from ' ~ relation_name ~ ' limit 0') -%}
    {{ return(described.column_names | map('lower') | list) }}
{% endmacro %}
