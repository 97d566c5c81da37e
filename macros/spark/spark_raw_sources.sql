{#
    Spark (dbt-spark): the raw schema's tables over the landing files, for the on-run-start
    hook `register_raw_sources` (macros/register_raw_sources.sql), which calls these through
    `adapter.dispatch` and raises the same errors as on DuckDB for a missing file or column.
#}

{#
    The path of `<table>.parquet` in the landing directory if it exists (a file, or a
    directory of part files as Spark writes them), else of `<table>.csv`, else none, as on
    DuckDB. The directory is listed through Spark's own file system layer (the `binaryFile`
    source, recursively, whose file contents are not read when only their paths are
    selected), so the same code lists a local folder, HDFS, S3 or ADLS. The path returned
    is the one Spark listed, absolute (`file:/...`), so a relative `raw_data_dir` is read
    from the directory dbt runs in, never from Spark's warehouse directory.
#}
{% macro spark__find_raw_file(raw_dir, table) %}
    {% do run_query(
        'create or replace temporary view cs_raw_files using binaryFile options (path '
        ~ raw_path_literal(raw_dir) ~ ", recursiveFileLookup 'true')"
    ) %}
    {%- set listing = run_query('select path from cs_raw_files') -%}
    {%- set found = {} -%}
    {%- for row in listing.rows -%}
        {%- set parts = row[0].rstrip('/').split('/') -%}
        {%- do found.update({parts[-1]: parts | join('/')}) -%}
        {%- if parts | length > 1 -%}
            {%- do found.update({parts[-2]: parts[:-1] | join('/')}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for candidate in [table ~ '.parquet', table ~ '.csv'] -%}
        {%- if candidate in found -%}
            {{ return(found[candidate]) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(none) }}
{% endmacro %}


{#
    Spark: an unmanaged table `<table>__landing` over the file (a CSV read per RFC 4180:
    header row, quotes doubled inside quoted fields, line breaks inside them; no type
    inference), and the view `<table>` over it with the columns of `raw_columns_renamed`
    (as on DuckDB). Returns the view's column names. The CSV checks of `inspect_raw_csv` (`;`
    separator, Latin-1, a zero-byte file, a missing header row) are DuckDB's only: on
    Spark a landing CSV must be UTF-8, separated by ',' (README, "Engines").
#}
{% macro spark__create_raw_view(schema_name, table, file_path, expected_columns=[]) %}
    {%- set landing = schema_name ~ '.' ~ table ~ '__landing' -%}
    {%- set path_literal = raw_path_literal(file_path) -%}
    {% do run_query('drop view if exists ' ~ schema_name ~ '.' ~ table) %}
    {% do run_query('drop table if exists ' ~ schema_name ~ '.' ~ table) %}
    {% do run_query('drop table if exists ' ~ landing) %}
    {%- if file_path.endswith('.parquet') -%}
        {% do run_query('create table ' ~ landing ~ ' using parquet location ' ~ path_literal) %}
    {%- else -%}
        {% do run_query(
            'create table ' ~ landing ~ ' using csv options (path ' ~ path_literal
            ~ ", header 'true', inferSchema 'false', quote '\"', escape '\"', multiLine 'true')"
        ) %}
    {%- endif -%}
    {%- set file_columns = run_query('select * from ' ~ landing ~ ' limit 0').column_names -%}
    {%- set renamed = raw_columns_renamed(file_path, file_columns) -%}
    {% do run_query(
        'create view ' ~ schema_name ~ '.' ~ table
        ~ ' as select ' ~ renamed.select_list | join(', ') ~ ' from ' ~ landing
    ) %}
    {{ return(renamed.names) }}
{% endmacro %}


{# Spark: backquotes, an embedded one doubled. #}
{% macro spark__raw_identifier(name) -%}
    {{ return('`' ~ name | replace('`', '``') ~ '`') }}
{%- endmacro %}
