{#
    The evaluation date of the run, as a SQL date literal.

    Read from the var `as_of_date` (YYYY-MM-DD); when unset, the run's start date in UTC.
    Nothing in the project reads the wall clock except through this macro.
#}
{% macro as_of_date() -%}
    {%- set raw_value = var('as_of_date', none) -%}
    {%- if raw_value is none or raw_value | string | trim == '' -%}
        {%- set value = run_started_at.strftime('%Y-%m-%d') -%}
    {%- else -%}
        {%- set value = raw_value | string | trim -%}
        {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', value) -%}
            {{ exceptions.raise_compiler_error(
                "var as_of_date must be a date written YYYY-MM-DD, got '" ~ value ~ "'"
            ) }}
        {%- endif -%}
    {%- endif -%}
    cast('{{ value }}' as date)
{%- endmacro %}
