{#
    Spark (dbt-spark) snapshots on plain Parquet tables. dbt-spark's snapshot materialization
    refuses any format but Delta, Iceberg or Hudi, since its last step is a `merge`. This one
    is the same materialization with that step done without `merge`, so the snapshots keep
    dbt's history semantics (strategies, `hard_deletes: invalidate`, the same columns):
    - first run: the table is built from the query as dbt's `build_snapshot_table` says;
    - later runs: dbt's own `snapshot_staging_table` finds the inserts, updates and deletes
      (the same SQL as on any engine), then the table is rebuilt into a work table as the
      `merge` would leave it (the current version of each updated or deleted record closed
      with the staging row's `dbt_valid_to`, and the new versions added), and the work
      table is written over the snapshot with `insert overwrite`.
    A failure before the overwrite leaves the snapshot as it was; the work table
    `<snapshot>__dbt_rebuild` is dropped at the next run.
    DuckDB keeps dbt's own materialization and its `merge`.
#}
{% materialization snapshot, adapter='spark' %}

    {%- set target_table = model.get('alias', model.get('name')) -%}
    {%- set strategy_name = config.get('strategy') -%}
    {%- set grant_config = config.get('grants') -%}

    {% set target_relation_exists, target_relation = get_or_create_relation(
        database=none,
        schema=model.schema,
        identifier=target_table,
        type='table') -%}

    {% if not adapter.check_schema_exists(model.database, model.schema) %}
        {% do create_schema(model.schema) %}
    {% endif %}

    {%- if not target_relation.is_table -%}
        {% do exceptions.relation_wrong_type(target_relation, 'table') %}
    {%- endif -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {% set strategy_macro = strategy_dispatch(strategy_name) %}
    {% set strategy = strategy_macro(
        model, "snapshotted_data", "source_data", model['config'], target_relation_exists) %}

    {% if not target_relation_exists %}

        {% set build_sql = build_snapshot_table(strategy, model['compiled_code']) %}
        {% set final_sql = create_table_as(False, target_relation, build_sql) %}

    {% else %}

        {% set columns = config.get("snapshot_table_column_names") or get_snapshot_table_column_names() %}
        {{ adapter.valid_snapshot_target(target_relation, columns) }}

        {% set staging_table = spark_build_snapshot_staging_table(strategy, sql, target_relation) %}

        {% set missing_columns = adapter.get_missing_columns(staging_table, target_relation)
            | rejectattr('name', 'equalto', 'dbt_change_type')
            | rejectattr('name', 'equalto', 'DBT_CHANGE_TYPE')
            | rejectattr('name', 'equalto', 'dbt_unique_key')
            | rejectattr('name', 'equalto', 'DBT_UNIQUE_KEY')
            | list %}
        {% do create_columns(target_relation, missing_columns) %}

        {% set rebuild_relation = target_relation.incorporate(
            path={'identifier': target_table ~ '__dbt_rebuild'}) %}
        {% do adapter.drop_relation(rebuild_relation) %}
        {% call statement('snapshot_rebuild') %}
            create table {{ rebuild_relation }} using parquet as
            {{ spark_snapshot_rebuild_sql(target_relation, staging_table, columns) }}
        {% endcall %}

        {% set final_sql %}
            insert overwrite table {{ target_relation }} select * from {{ rebuild_relation }}
        {% endset %}

    {% endif %}

    {% call statement('main') %}
        {{ final_sql }}
    {% endcall %}

    {% set should_revoke = should_revoke(target_relation_exists, full_refresh_mode) %}
    {% do apply_grants(target_relation, grant_config, should_revoke) %}
    {% do persist_docs(target_relation, model) %}

    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {{ adapter.commit() }}

    {% if staging_table is defined %}
        {% do post_snapshot(staging_table) %}
        {% do adapter.drop_relation(rebuild_relation) %}
    {% endif %}

    {{ run_hooks(post_hooks, inside_transaction=False) }}

    {{ return({'relations': [target_relation]}) }}

{% endmaterialization %}


{#
    The snapshot as dbt's snapshot `merge` leaves it (spark__snapshot_merge_sql): every
    row of the snapshot, the current version of a record closed where the staging rows
    say `update` or `delete` for it (same `dbt_scd_id`), then the staging rows marked
    `insert` whose `dbt_scd_id` is not in the snapshot yet. Columns in the snapshot's order.
#}
{% macro spark_snapshot_rebuild_sql(target_relation, staging_relation, columns) -%}
    {%- set target_columns = adapter.get_columns_in_relation(target_relation) -%}
    {%- set valid_to_current = config.get('dbt_valid_to_current') -%}
    with

    closing as (

        select
            {{ columns.dbt_scd_id }} as closed_scd_id,
            {{ columns.dbt_valid_to }} as closed_valid_to
        from {{ staging_relation }}
        where dbt_change_type in ('update', 'delete')

    ),

    kept as (

        select
            {%- for column in target_columns %}
            {%- set name = adapter.quote(column.name) %}
            {%- if column.name | lower == columns.dbt_valid_to | lower %}
            case
                when closing.closed_scd_id is not null then closing.closed_valid_to
                else snapshotted.{{ name }}
            end as {{ name }}
            {%- else %}
            snapshotted.{{ name }}
            {%- endif %}
            {%- if not loop.last %},{% endif %}
            {%- endfor %}
        from {{ target_relation }} as snapshotted
        left join closing
            on snapshotted.{{ columns.dbt_scd_id }} = closing.closed_scd_id
            and (
                snapshotted.{{ columns.dbt_valid_to }} is null
                {%- if valid_to_current %}
                or snapshotted.{{ columns.dbt_valid_to }} = {{ valid_to_current }}
                {%- endif %}
            )

    ),

    added as (

        select
            {%- for column in target_columns %}
            staged.{{ adapter.quote(column.name) }}
            {%- if not loop.last %},{% endif %}
            {%- endfor %}
        from {{ staging_relation }} as staged
        left anti join {{ target_relation }} as snapshotted
            on staged.{{ columns.dbt_scd_id }} = snapshotted.{{ columns.dbt_scd_id }}
        where staged.dbt_change_type = 'insert'

    )

    select * from kept
    union all
    select * from added
{%- endmacro %}
