{#
    The config of an incremental model that replaces whole days on each run: the days in
    the new rows (the look-back window, macro incremental_lookback_filter) replace the same
    days in the table, every other day is kept. A dict to unpack into the model's config:
    `config(materialized='incremental', **incremental_by_day_config('occurred_date'))`.
    Dispatched, since engines do it differently:
    - default (DuckDB): `delete+insert` with the day column as the unique key;
    - Spark: `insert_overwrite` of the day's partition (the table is partitioned by the day
      column; dbt-spark overwrites the partitions present in the new rows, dynamic
      partition overwrite), since plain Parquet tables have no delete, merge or
      delete+insert (those need Delta, Iceberg or Hudi). The file format is left to the
      target: Parquet with dbt-spark, Delta on Databricks, where insert_overwrite works too.
#}
{% macro incremental_by_day_config(day_column) -%}
    {{ return(adapter.dispatch('incremental_by_day_config', 'cs_analytics')(day_column)) }}
{%- endmacro %}

{% macro default__incremental_by_day_config(day_column) -%}
    {{ return({'incremental_strategy': 'delete+insert', 'unique_key': day_column}) }}
{%- endmacro %}

{% macro spark__incremental_by_day_config(day_column) -%}
    {{ return({
        'incremental_strategy': 'insert_overwrite',
        'partition_by': [day_column],
    }) }}
{%- endmacro %}
