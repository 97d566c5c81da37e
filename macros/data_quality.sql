{#
    The data-quality rule `unparseable_value` (seed data_quality_rules): true when at least
    one of the given raw columns holds a value (not null, not blank after trimming) that
    dbt.safe_cast cannot read as the column's type, such as quantity 'twelve', unit_amount
    '12,50', valid_from '2025-13-45' or a boolean 'maybe'. safe_cast turns such a value into
    null (DuckDB try_cast); this flag is what keeps it from vanishing silently.

    Evaluated in a base model's `renamed` CTE, where the raw string columns are still in
    scope; pass the same types the model casts to, e.g.
        {{ dq_unparseable_value([('quantity', dbt.type_int()), ('valid_from', 'date')]) }}
    An empty or null raw value is not flagged: it is a null, which the staging tests report.
#}
{% macro dq_unparseable_value(columns) -%}
    {%- if columns | length == 0 -%}
        {{ exceptions.raise_compiler_error("dq_unparseable_value needs at least one (column, type) pair") }}
    {%- endif -%}
    (
        {%- for column, data_type in columns %}
        {% if not loop.first %}or {% endif -%}
        (
            {{ column }} is not null
            and trim({{ column }}) != ''
            and {{ dbt.safe_cast(column, data_type) }} is null
        )
        {%- endfor %}
    )
{%- endmacro %}


{#
    The registry of raw tables: one entry per source table of this project that carries
    `config.meta.data_quality` in its `_<source>__sources.yml`, read through `graph` (so
    only when `execute`), sorted by table name. Each entry is that meta plus `table_name`
    (the source's identifier, as in the seed data_quality_rules). Stops the run when an
    entry lacks a required field.
#}
{% macro data_quality_registry() %}
    {%- set entries = [] -%}
    {%- for node in graph.sources.values()
        if node.package_name == project_name and node.config.meta.get('data_quality') -%}
        {%- set entry = {'table_name': node.identifier} -%}
        {%- do entry.update(node.config.meta['data_quality']) -%}
        {%- for field in ['base_model', 'staging_model', 'counted_in', 'key'] if not entry.get(field) -%}
            {{ exceptions.raise_compiler_error(
                "Raw table '" ~ node.identifier ~ "': config.meta.data_quality lacks '" ~ field
                ~ "' in the sources file of source '" ~ node.source_name ~ "'."
            ) }}
        {%- endfor -%}
        {%- do entries.append(entry) -%}
    {%- endfor -%}
    {{ return(entries | sort(attribute='table_name')) }}
{% endmacro %}


{#
    The body of a model `int_<group>_quality_rules_counted`: one row per data-quality rule of
    the raw tables whose registry entry names this model in `counted_in`, with the raw rows
    it caught and the raw table's size. See the docs block int_quality_rules_counted.
    The model declares its parents (`-- depends_on:`): dbt reads refs before `graph` exists.
#}
{% macro data_quality_rules_counted() %}
    {%- set rules_relation = ref('data_quality_rules') -%}
    {%- if not execute -%}
        {{ return('select 1 as parsed') }}
    {%- endif -%}
    {%- set registry = {} -%}
    {%- for entry in data_quality_registry() -%}
        {%- do registry.update({entry.table_name: entry}) -%}
    {%- endfor -%}
    {%- set tables = data_quality_registry() | selectattr('counted_in', 'equalto', model.name) | list -%}
    {%- if tables | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "No raw table of the data-quality registry names " ~ model.name ~ " in counted_in.") }}
    {%- endif -%}
    {#- imports: every base model and seed read; parents: their kept keys; parts: one count each -#}
    {%- set imports = {} -%}
    {%- set parents = {} -%}
    {%- set parts = [] -%}
    {%- for table in tables -%}
        {%- do imports.update({table.table_name: table.get('counted_from', table.base_model)}) -%}
        {%- do parts.append({'table': table.table_name, 'reason': 'set_aside_reason',
                             'rows': 'raw_rows', 'kept': false}) -%}
        {%- for reason, _condition in data_quality_kept_row_checks(table, registry) -%}
            {%- do parts.append({'table': table.table_name, 'reason': "'" ~ reason ~ "'",
                                 'rows': reason, 'kept': true}) -%}
        {%- endfor -%}
        {%- for reference in table.get('references', []) -%}
            {%- set parent = data_quality_reference_parent(reference, registry) -%}
            {%- do imports.update({parent.name: parent.model}) -%}
            {%- do parents.update({parent.cte: parent}) -%}
        {%- endfor -%}
    {%- endfor %}

with

rules as (

    select * from {{ rules_relation }}
    where table_name in (
        {%- for table in tables %}
        {{ dbt.string_literal(table.table_name) }}{{ ',' if not loop.last }}
        {%- endfor %}
    )

),
{% for name, model_name in imports | dictsort %}
{{ name }} as (

    select * from {{ ref(model_name) }}

),
{% endfor -%}
{% for cte, parent in parents | dictsort %}
{{ cte }} as (

    select distinct {{ parent.key }}
    from {{ parent.name }}
    {%- if parent.is_raw_table %}
    where dq_set_aside_reason is null
    {%- endif %}

),
{% endfor -%}
{% for table in tables %}
{{ table.table_name }}_checked as (

    select
        {{ table.table_name }}.dq_set_aside_reason as set_aside_reason,
        {#- a base model's rows are counted; counted_from's groups add up their raw_rows #}
        {%- set counted_from = table.get('counted_from') %}
        {%- set rows = table.table_name ~ '.raw_rows' if counted_from else '1' %}
        {%- set open = 'cast(sum(' if counted_from else 'count(' %}
        {%- set close = ') as ' ~ dbt.type_bigint() ~ ')' if counted_from else ')' %}
        {{ open ~ (rows if counted_from else '*') ~ close }} as raw_rows
        {%- for reason, condition in data_quality_kept_row_checks(table, registry) %},
        {%- set one_line = open ~ 'case when ' ~ condition ~ ' then ' ~ rows ~ ' end' ~ close ~ ' as ' ~ reason %}
        {%- if one_line | length <= 100 %}
        {{ one_line }}
        {%- else %}
        {{ open }}
            case
                when {{ condition }}
                    then {{ rows }}
            end
        {{ close }} as {{ reason }}
        {%- endif %}
        {%- endfor %}

    from {{ table.table_name }}
    {%- for reference in table.get('references', []) %}
    {%- set parent = data_quality_reference_parent(reference, registry) %}
    left join {{ parent.cte }} as known_{{ reference.column }}
        on {{ table.table_name }}.{{ reference.column }} = known_{{ reference.column }}.{{ parent.key }}
    {%- endfor %}
    group by {{ table.table_name }}.dq_set_aside_reason

),
{% endfor %}
issues_counted as (
{%- for part in parts %}
{% if not loop.first %}
    union all
{% endif %}
    select
        '{{ part.table }}' as table_name,
        {{ part.reason }} as reason,
        {{ part.rows }} as affected_rows
    from {{ part.table }}_checked
    where set_aside_reason is {{ '' if part.kept else 'not ' }}null
{%- endfor %}

),

source_rows_counted as (
{%- for table in tables %}
{% if not loop.first %}
    union all
{% endif %}
    select
        '{{ table.table_name }}' as table_name,
        cast(coalesce(sum(raw_rows), 0) as {{ dbt.type_bigint() }}) as source_rows
    from {{ table.table_name }}_checked
{%- endfor %}

),

final as (

    select
        coalesce(rules.table_name, issues_counted.table_name) as table_name,
        coalesce(rules.reason, issues_counted.reason) as reason,
        rules.action,
        rules.rule,
        rules.reason is not null as is_in_catalogue,
        coalesce(issues_counted.affected_rows, 0) as affected_rows,
        coalesce(source_rows_counted.source_rows, 0) as source_rows

    from rules
    full outer join issues_counted
        on
            rules.table_name = issues_counted.table_name
            and rules.reason = issues_counted.reason
    left join source_rows_counted
        on coalesce(rules.table_name, issues_counted.table_name) = source_rows_counted.table_name

)

select * from final
{%- endmacro %}


{#
    The parent a registry reference points to: another raw table of the registry (its base
    model, rows not set aside, by its one-column key) or a seed (by the child's column name).
#}
{% macro data_quality_reference_parent(reference, registry) %}
    {%- if reference.get('table') -%}
        {%- set parent_entry = registry.get(reference.table) -%}
        {%- if parent_entry is none or parent_entry.key | length != 1 -%}
            {{ exceptions.raise_compiler_error(
                "Data-quality reference to '" ~ reference.table ~ "': not a raw table of the registry"
                ~ " with a one-column key.") }}
        {%- endif -%}
        {{ return({'name': reference.table, 'model': parent_entry.base_model, 'key': parent_entry.key[0],
                   'cte': reference.table ~ '_keys', 'is_raw_table': true}) }}
    {%- else -%}
        {{ return({'name': reference.seed, 'model': reference.seed, 'key': reference.column,
                   'cte': reference.seed ~ '_keys', 'is_raw_table': false}) }}
    {%- endif -%}
{% endmacro %}


{#
    What a registry entry checks on the rows that go on to staging, as (reason, SQL
    condition) pairs over the table's base model (aliased by its table name) and the kept
    keys of its parents (aliased known_<column>): its repairs (the base model's
    dq_<reason> flags), its references (no parent row; a null is a reference's null_reason
    when it has one) and its accepted values (a null is outside them).
#}
{% macro data_quality_kept_row_checks(table, registry) %}
    {%- set checks = [] -%}
    {%- for repair in table.get('repairs', []) -%}
        {%- do checks.append((repair, table.table_name ~ '.dq_' ~ repair)) -%}
    {%- endfor -%}
    {%- for reference in table.get('references', []) -%}
        {%- set column = table.table_name ~ '.' ~ reference.column -%}
        {%- set missing_parent = 'known_' ~ reference.column ~ '.'
            ~ data_quality_reference_parent(reference, registry).key ~ ' is null' -%}
        {%- if reference.get('null_reason') -%}
            {%- do checks.append((reference.null_reason, column ~ ' is null')) -%}
            {%- do checks.append((reference.reason, column ~ ' is not null and ' ~ missing_parent)) -%}
        {%- else -%}
            {%- do checks.append((reference.reason, missing_parent)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for check in table.get('accepted_values', []) -%}
        {%- do checks.append((check.reason, 'not coalesce(' ~ table.table_name ~ '.' ~ check.column
            ~ ' in (' ~ check['values'] | join(', ') ~ '), false)')) -%}
    {%- endfor -%}
    {{ return(checks) }}
{% endmacro %}


{#
    Stops the run when a raw table of the registry is counted by none of the current
    model's parents (its `counted_in` names a model that is not read here).
#}
{% macro data_quality_assert_every_table_counted() %}
    {%- if execute -%}
        {%- set parent_names = model.depends_on.nodes | map('replace', 'model.' ~ project_name ~ '.', '') | list -%}
        {%- for table in data_quality_registry() if table.counted_in not in parent_names -%}
            {{ exceptions.raise_compiler_error(
                "Raw table '" ~ table.table_name ~ "' is counted in '" ~ table.counted_in
                ~ "' (its registry entry), which " ~ model.name ~ " does not read.") }}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}
