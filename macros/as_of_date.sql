{#
    The evaluation date of the run, as a SQL date literal.

    Read from the var `as_of_date` (YYYY-MM-DD); when unset, from the environment variable
    CS_AS_OF_DATE; when neither is set, the run's start date in UTC. Nothing in the project
    reads the wall clock except through this macro.

    The environment variable is for scheduled runs (scripts/scheduled_run.py and the
    benchmark): a var given on the command line changes dbt's parse state, so a new day
    passed as a var makes dbt parse the whole project again; the variable is read only
    while the run executes (`execute`), so dbt's partial parsing keeps working.
#}
{% macro as_of_date() -%}
    {%- set raw_value = var('as_of_date', none) -%}
    {%- if execute and (raw_value is none or raw_value | string | trim == '') -%}
        {%- set raw_value = env_var('CS_AS_OF_DATE', '') or none -%}
    {%- endif -%}
    {%- if raw_value is none or raw_value | string | trim == '' -%}
        {%- set value = run_started_at.strftime('%Y-%m-%d') -%}
    {%- else -%}
        {%- set value = raw_value | string | trim -%}
        {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', value) -%}
            {{ exceptions.raise_compiler_error(
                "as_of_date must be a date written YYYY-MM-DD (the var as_of_date, or the"
                ~ " environment variable CS_AS_OF_DATE), got '" ~ value ~ "'"
            ) }}
        {%- endif -%}
    {%- endif -%}
    cast('{{ value }}' as date)
{%- endmacro %}
