{#
    `dbt source freshness` measured against the run's `as_of_date`, not the wall clock.

    dbt's own `collect_freshness` compares each raw table's newest loaded-at value with
    `current_timestamp`, so re-running a past day (or the test data of 2025) would call
    every table stale. Here a table's age is the time from its newest loaded-at value to
    the end of `as_of_date` (midnight after it):
    - the loaded-at field (`loaded_at_field` in the sources' YAML: a raw column, all of
      which are strings) is cast with `dbt.safe_cast`, so a malformed value is ignored
      rather than stopping the check (staging counts it as a data-quality issue);
    - rows dated after the end of `as_of_date` (contracts that start next month, a clock
      gone wrong) are no evidence that the export is current, and are ignored.
    A header-only file is a valid empty table (the input contract: a company without a help
    desk), so a table with no row at all is fresh; a table with rows but none dated on or
    before `as_of_date` is infinitely old (dbt's reading of a null) and fails its check.

    Overrides dbt's `default__collect_freshness` (the root project is searched first in
    dbt's namespace); it uses only cross-database macros, so every engine shares it.
#}
{% macro default__collect_freshness(source, loaded_at_field, filter) %}
    {%- set timestamp_type = api.Column.translate_type('timestamp') -%}
    {%- set evaluated_at = dbt.dateadd(
        'day', 1, 'cast(' ~ as_of_date() ~ ' as ' ~ timestamp_type ~ ')') -%}
    {%- set loaded_at = dbt.safe_cast(loaded_at_field, timestamp_type) -%}
    {% call statement('collect_freshness', fetch_result=True, auto_begin=False) -%}
        select
            coalesce(
                max(case when {{ loaded_at }} <= {{ evaluated_at }} then {{ loaded_at }} end),
                case when count(*) = 0 then {{ evaluated_at }} end
            ) as max_loaded_at,
            {{ evaluated_at }} as snapshotted_at
        from {{ source }}
        {% if filter %}
            where {{ filter }}
        {% endif %}
    {%- endcall %}
    {{ return(load_result('collect_freshness')) }}
{% endmacro %}
