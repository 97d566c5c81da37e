{#
    The look-back filter of the incremental usage models, written once (after cal-itp's
    data-infra `incremental_filter_ranged`): on an incremental run, a `where` clause that
    keeps the rows whose `column` falls on or after the newest day already loaded in the
    model (`this_column` of {{ this }}, the same column by default) minus `lookback_days`
    (default: the var `usage_lookback_days`). On a full refresh, nothing: every row.
#}
{% macro incremental_lookback_filter(column, this_column=none, lookback_days=none) -%}
    {%- if is_incremental() -%}
        {%- set loaded_column = this_column if this_column is not none else column -%}
        {%- set days = lookback_days if lookback_days is not none else var('usage_lookback_days') -%}
        where {{ column }} >= (
            select {{ dbt.dateadd('day', -days, 'max(' ~ loaded_column ~ ')') }}
            from {{ this }}
        )
    {%- endif -%}
{%- endmacro %}
