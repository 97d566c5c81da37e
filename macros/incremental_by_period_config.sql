{#
    The config of an incremental model that replaces whole periods (days, or months) on each
    run: the periods in the new rows (the look-back window, macro incremental_lookback_filter;
    the months a day can change, in int_account_months_usage_measured) replace the same
    periods in the table, every other period is kept. A dict to unpack into the model's config:
    `config(materialized='incremental', **incremental_by_period_config('occurred_date'))`.
    Dispatched, since engines do it differently:
    - default (DuckDB): `delete+insert` with the period column as the unique key;
    - Spark: `insert_overwrite` of the period's partition (the table is partitioned by the
      period column; dbt-spark overwrites the partitions present in the new rows, dynamic
      partition overwrite), since plain Parquet tables have no delete, merge or
      delete+insert (those need Delta, Iceberg or Hudi). The file format is left to the
      target: Parquet with dbt-spark, Delta on Databricks, where insert_overwrite works too.
#}
{% macro incremental_by_period_config(period_column) -%}
    {{ return(adapter.dispatch('incremental_by_period_config', 'cs_analytics')(period_column)) }}
{%- endmacro %}

{% macro default__incremental_by_period_config(period_column) -%}
    {{ return({'incremental_strategy': 'delete+insert', 'unique_key': period_column}) }}
{%- endmacro %}

{% macro spark__incremental_by_period_config(period_column) -%}
    {{ return({
        'incremental_strategy': 'insert_overwrite',
        'partition_by': [period_column],
    }) }}
{%- endmacro %}
