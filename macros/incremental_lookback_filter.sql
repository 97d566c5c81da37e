{#
    The look-back filter of the incremental usage models, written once (after cal-itp's
    data-infra `incremental_filter_ranged`): on an incremental run, a `where` clause that
    keeps the rows whose `column` falls on or after the first day to reload: the newest
    day already loaded in the model (`this_column` of {{ this }}, the same column by
    default) minus `lookback_days` (default: the var `usage_lookback_days`). On a full
    refresh, or when the model is still empty, nothing: every row.

    The first day is looked up when the model runs and written into the SQL as a date
    literal, so the engine can push the filter down into the scan of the landing file
    (a comparison with a subquery would make it read every column of every row first).

    `as_text=true` filters a column of raw ISO-8601 text before it is cast, so the scan
    itself skips the old rows: it keeps every text that does not start with a digit (left
    to the cast and its data-quality flag) and every text from the day before the first
    day on (ISO-8601 text sorts as its time; the day before covers a UTC offset). The
    typed filter must follow it: the text filter only narrows what is read.
#}
{% macro incremental_lookback_filter(column, this_column=none, lookback_days=none, as_text=false) -%}
    {%- set first_day = incremental_lookback_first_day(
        this_column if this_column is not none else column, lookback_days) -%}
    {%- if first_day is not none and as_text -%}
        {%- set day_before = (first_day - modules.datetime.timedelta(days=1)).isoformat() -%}
        where not ({{ column }} >= '0' and {{ column }} < '{{ day_before }}')
    {%- elif first_day is not none -%}
        where {{ column }} >= cast('{{ first_day.isoformat() }}' as date)
    {%- endif -%}
{%- endmacro %}


{#
    The first day an incremental run reloads (a date): the newest `this_column` of
    {{ this }} minus `lookback_days` (default: the var `usage_lookback_days`); none on a
    full refresh, at parse time, or when {{ this }} is empty.
#}
{% macro incremental_lookback_first_day(this_column, lookback_days=none) -%}
    {%- if not execute or not is_incremental() -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set days = lookback_days if lookback_days is not none else var('usage_lookback_days') -%}
    {%- set newest = run_query(
        'select max(' ~ this_column ~ ') from ' ~ this).columns[0].values()[0] -%}
    {%- if newest is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- if newest is string -%}
        {%- set newest = modules.datetime.date.fromisoformat(newest[:10]) -%}
    {%- elif newest.hour is defined -%}
        {%- set newest = newest.date() -%}
    {%- endif -%}
    {{ return(newest - modules.datetime.timedelta(days=days | int)) }}
{%- endmacro %}
