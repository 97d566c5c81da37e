{#
    Data tests on the loaded window of an incremental table (the daily run's share).

    A test on the biggest table (`stg_usage__events`, tens of millions of rows) would
    re-read the whole history on every daily run, though the run only replaced the days of
    its look-back window. Such a test sets `where: "__lookback_window(<date column>)__"`
    and this override of dbt's `get_where_subquery` turns the placeholder into
    `<date column> >= <newest day in the model> - (usage_lookback_days + 1) days`: the days
    the run reloaded, and the day before them. Custom macros cannot be called from a test's
    `where` config, hence the placeholder (dbt's documented way).

    With `--full-refresh` the placeholder becomes `1 = 1` and the whole history is tested.
    A first build (or a daily run) tests the window only: the rows of older days were
    tested by the run that loaded them, and a daily run cannot change them (the
    incremental model replaces whole days of its window). Any other `where` is kept as it is.
#}
{% macro default__get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- set placeholder = modules.re.search('__lookback_window\\((\\w+)\\)__', where or '') -%}
    {%- if placeholder -%}
        {%- set column = placeholder.group(1) -%}
        {%- if flags.FULL_REFRESH -%}
            {%- set window = '1 = 1' -%}
        {%- else -%}
            {%- set days = var('usage_lookback_days') | int + 1 -%}
            {%- set window -%}
                {{ column }} >= (
                    select {{ dbt.dateadd('day', -days, 'max(' ~ column ~ ')') }}
                    from {{ relation }}
                )
            {%- endset -%}
        {%- endif -%}
        {%- set where = where.replace(placeholder.group(0), window) -%}
    {%- endif -%}
    {%- if where -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset -%}
        {{ return(filtered) }}
    {%- else -%}
        {{ return(relation) }}
    {%- endif -%}
{%- endmacro %}
