{#
    Points the `raw` schema at the landing files: one view per source table declared in
    schema `raw` (named by its `identifier`, e.g. `crm_accounts`), reading `<raw_data_dir>/<table>.parquet` when it exists, else `<table>.csv`.

    Runs as the project's on-run-start hook, so `source('crm', 'accounts')` and its siblings resolve to the
    files of whatever directory the run names with the var `raw_data_dir`. Every column
    is exposed as a string (CSV and Parquet alike): staging casts, so identifiers keep
    their leading zeros and bad values become counted data-quality issues, not load errors.

    Column names are trimmed and lower-cased. On DuckDB each CSV is looked at first
    (`inspect_raw_csv`): a `;` separator and Latin-1 text are read as such; a UTF-8
    byte-order mark and CRLF line ends are read by DuckDB as they are. Every path goes into
    SQL as a quoted string literal (`raw_path_literal`), so any directory name works.

    A missing file, a missing required column, a zero-byte CSV, a first line that is not
    the header, or text that is neither UTF-8 nor Latin-1 stops the run here with a message
    that names the file and says what to fix, rather than deep inside a model
    (docs/input-contract.md, "Export variants").
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
                raw_schema, table, file_path, node.columns.keys() | map('lower') | list) -%}
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
    {%- if configured.startswith('/') or modules.re.match('[A-Za-z][A-Za-z0-9+.-]*:', configured) -%}
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
    {%- set candidates = [raw_dir ~ '/' ~ table ~ '.parquet', raw_dir ~ '/' ~ table ~ '.csv'] -%}
    {%- set counts = [] -%}
    {%- for candidate in candidates -%}
        {%- do counts.append('(select count(*) from glob(' ~ raw_path_literal(candidate) ~ '))') -%}
    {%- endfor -%}
    {%- set found = run_query('select ' ~ counts | join(', ')).rows[0] -%}
    {%- for candidate in candidates -%}
        {%- if found[loop.index0] > 0 -%}
            {{ return(candidate) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(none) }}
{% endmacro %}


{#
    DuckDB: creates the view and returns its column names (`raw_columns_renamed`: trimmed,
    lower-cased, every column a string); a CSV is read as `inspect_raw_csv` says
    (delimiter, encoding).
#}
{% macro default__create_raw_view(schema_name, table, file_path, expected_columns=[]) %}
    {%- set path_literal = raw_path_literal(file_path) -%}
    {%- if file_path.endswith('.parquet') -%}
        {%- set reader = 'read_parquet(' ~ path_literal ~ ')' -%}
    {%- else -%}
        {%- set csv = inspect_raw_csv(file_path, expected_columns) -%}
        {%- set reader = 'read_csv(' ~ path_literal ~ ", header = true, all_varchar = true, "
            ~ "delim = '" ~ csv.delimiter ~ "', quote = '\"', escape = '\"', "
            ~ "encoding = '" ~ csv.encoding ~ "')" -%}
    {%- endif -%}
    {%- set file_columns = run_query('select * from ' ~ reader ~ ' limit 0').column_names -%}
    {%- set renamed = raw_columns_renamed(file_path, file_columns) -%}
    {% do run_query(
        'create or replace view ' ~ schema_name ~ '.' ~ table
        ~ ' as select ' ~ renamed.select_list | join(', ') ~ ' from ' ~ reader
    ) %}
    {{ return(renamed.names) }}
{% endmacro %}


{#
    DuckDB: looks at a landing CSV before a view is put over it and returns how to read it,
    `{'delimiter': ',' or ';', 'encoding': 'utf-8' or 'latin-1'}`, or stops the run with a
    message that names the file and says what to fix:
    - a zero-byte file (not even a header row) is refused;
    - encoding: one streaming pass over the file's lines as UTF-8 notes every line that is
      not valid UTF-8 (DuckDB's rejects tables). A file with such lines is read as Latin-1
      only when every byte of it is ASCII text or a Latin-1 Western European letter (À to ÿ)
      or no-break space, which is what Latin-1 exports (and Windows-1252 ones without that
      code page's extra signs) hold. Anything else (Windows-1252's € or curly quotes, another
      code page, UTF-8 mixed with Latin-1) is refused rather than read as wrong characters;
    - the delimiter is the one of ',' and ';' that splits the first line into the most of
      the table's column names; a first line that names none of them either way is refused;
    - a header naming a column twice in two cases (`segment` and `SEGMENT`) is refused
      (`raw_names_checked`): DuckDB would quietly read the second as `SEGMENT_1`.
    A UTF-8 byte-order mark and Windows line ends (CRLF) are read by DuckDB as they are.
#}
{% macro inspect_raw_csv(file_path, expected_columns) %}
    {%- set path_literal = raw_path_literal(file_path) -%}
    {%- set scan = run_query(
        'drop table if exists raw_csv_rejects; drop table if exists raw_csv_scans; '
        ~ 'create or replace temp table raw_csv_line_count as select count(*) as line_count from '
        ~ raw_csv_lines(path_literal, 'utf-8', store_rejects=true) ~ '; '
        ~ 'select (select line_count from raw_csv_line_count) + count(distinct line), '
        ~ "min(line) filter (where error_type = 'INVALID ENCODING'), "
        ~ "min(line) filter (where error_type <> 'INVALID ENCODING'), "
        ~ "arg_min(error_message, line) filter (where error_type <> 'INVALID ENCODING') "
        ~ 'from raw_csv_rejects'
    ).rows[0] -%}
    {%- if scan[0] == 0 -%}
        {{ exceptions.raise_compiler_error(
            "Raw file " ~ file_path ~ " is empty: not even a header row; export it again"
            ~ " or, if the table has no rows, write just the header row: "
            ~ expected_columns | join(',')
        ) }}
    {%- endif -%}
    {%- if scan[2] is not none -%}
        {{ exceptions.raise_compiler_error(
            "Raw file " ~ file_path ~ " cannot be read at line " ~ scan[2] ~ ": " ~ scan[3]
        ) }}
    {%- endif -%}
    {%- set encoding = 'utf-8' -%}
    {%- if scan[1] is not none -%}
        {#- every byte: tab, LF, CR, printable ASCII, no-break space, À-ÿ but × and ÷ -#}
        {%- set latin1_text -%}
            (?:0[9AD]|[2-6][0-9A-F]|7[0-9A-E]|A0|C[0-9A-F]|D[0-68-9A-F]|E[0-9A-F]|F[0-68-9A-F])*
        {%- endset -%}
        {%- set is_latin1_text = run_query(
            "select regexp_full_match(hex(content), '" ~ latin1_text | trim ~ "') from read_blob("
            ~ path_literal ~ ')'
        ).rows[0][0] -%}
        {%- if not is_latin1_text -%}
            {{ exceptions.raise_compiler_error(
                "Raw file " ~ file_path ~ " is not UTF-8 (line " ~ scan[1] ~ " is not) and"
                ~ " cannot be read safely as Latin-1 either: it holds bytes that are not"
                ~ " Western European letters in Latin-1 (Windows curly quotes or a euro sign,"
                ~ " another code page, or UTF-8 mixed with another encoding). Re-save the file"
                ~ " as UTF-8 (in Excel: Save As, 'CSV UTF-8')."
            ) }}
        {%- endif -%}
        {%- set encoding = 'latin-1' -%}
        {%- do exceptions.warn(
            "Raw file " ~ file_path ~ " is not UTF-8 (first at line " ~ scan[1] ~ "): read as"
            ~ " Latin-1 (ISO-8859-1). Re-save it as UTF-8 to be sure of its accents."
        ) -%}
    {%- endif -%}
    {#- the first line, as the name of the one column of a header row split at nothing: a
        `limit 1` over the lines would not be sure to give the first one (parallel reads) -#}
    {%- set first_line = run_query(
        'select * from read_csv(' ~ path_literal ~ ", encoding = '" ~ encoding ~ "', header = true,"
        ~ " delim = chr(31), quote = '', escape = '', all_varchar = true, skip = 0) limit 0"
    ).column_names | join('') -%}
    {%- set best = namespace(delimiter=none, matches=0, fields=[]) -%}
    {%- for delimiter in [',', ';'] -%}
        {%- set fields = [] -%}
        {%- for field in first_line.split(delimiter) -%}
            {%- do fields.append(field.strip().strip('"')) -%}
        {%- endfor -%}
        {%- set names = fields | map('trim') | map('lower') | list -%}
        {%- set matches = expected_columns | select('in', names) | list | length -%}
        {%- if matches > best.matches -%}
            {%- set best.delimiter = delimiter -%}
            {%- set best.matches = matches -%}
            {%- set best.fields = fields -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if best.delimiter is none -%}
        {{ exceptions.raise_compiler_error(
            "Raw file " ~ file_path ~ " does not start with a header row: its first line, split"
            ~ " at ',' or at ';', names none of the table's columns (first line: '"
            ~ first_line[:120] ~ "'). Export it as CSV separated by ',' or ';' with the header"
            ~ " row first: " ~ expected_columns | join(',')
        ) }}
    {%- endif -%}
    {#- the header as written: DuckDB would read a second `USER_ID` as `USER_ID_1` -#}
    {%- do raw_names_checked(file_path, best.fields) -%}
    {{ return({'delimiter': best.delimiter, 'encoding': encoding}) }}
{% endmacro %}


{#
    DuckDB: a CSV's lines as one text column `line`, no field splitting, no quotes; with
    `store_rejects`, lines that cannot be read are noted in the temporary tables
    `raw_csv_rejects` and `raw_csv_scans` instead of stopping the read.
#}
{% macro raw_csv_lines(path_literal, encoding, store_rejects=false) -%}
    read_csv({{ path_literal }}, encoding = '{{ encoding }}', header = false,
        columns = {'line': 'varchar'}, delim = chr(31), quote = '', escape = '',
        auto_detect = false, strict_mode = false, null_padding = true
        {%- if store_rejects %}, store_rejects = true, rejects_table = 'raw_csv_rejects',
        rejects_scan = 'raw_csv_scans'{% endif %})
{%- endmacro %}


{# A file path as an SQL string literal: a path is data, never SQL (each engine escapes its own way). #}
{% macro raw_path_literal(path) -%}
    {{ return(dbt.string_literal(dbt.escape_single_quotes(path))) }}
{%- endmacro %}


{#
    The select list of a raw view, on every engine: each of the file's columns cast to a
    string under its name from `raw_names_checked`. Returns
    `{'names': [...], 'select_list': [...]}`.
#}
{% macro raw_columns_renamed(file_path, file_columns) %}
    {%- set names = raw_names_checked(file_path, file_columns) -%}
    {%- set select_list = [] -%}
    {%- for column in file_columns -%}
        {#- `string` is a string type on both engines (dbt.type_string() says `text` on Spark) -#}
        {%- do select_list.append(
            'cast(' ~ raw_identifier(column) ~ ' as string) as ' ~ raw_identifier(names[loop.index0])) -%}
    {%- endfor -%}
    {{ return({'names': names, 'select_list': select_list}) }}
{% endmacro %}


{#
    A file's column names as the raw view names them: trimmed and lower-cased (`USER_ID`
    reads as `user_id`, so a header's case never matters). Two columns that are then the
    same name stop the run, naming the file: which one the models read would be a guess.
#}
{% macro raw_names_checked(file_path, file_columns) %}
    {%- set names = [] -%}
    {%- for column in file_columns -%}
        {%- set name = column | trim | lower -%}
        {%- if name in names -%}
            {{ exceptions.raise_compiler_error(
                "Raw file " ~ file_path ~ " has the column '" ~ name ~ "' twice (upper and lower"
                ~ " case are the same name here): rename or drop one of them."
            ) }}
        {%- endif -%}
        {%- do names.append(name) -%}
    {%- endfor -%}
    {{ return(names) }}
{% endmacro %}


{# A column name as a quoted identifier, whatever its case or characters. #}
{% macro raw_identifier(name) -%}
    {{ return(adapter.dispatch('raw_identifier', 'cs_analytics')(name)) }}
{%- endmacro %}

{# DuckDB: double quotes, an embedded one doubled. #}
{% macro default__raw_identifier(name) -%}
    {{ return('"' ~ name | replace('"', '""') ~ '"') }}
{%- endmacro %}
