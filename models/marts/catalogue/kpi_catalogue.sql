{#
    One row per KPI, read off the project at compile time: every MetricFlow metric whose
    config.meta has a `focus_area` is a KPI. Its label, owner and mart come from the
    metric; its definition, formula, grain, leading or lagging and review cadence from the
    KPI's docs block (the metric's description, see the macro kpi_docs_sections); its
    exposures from the exposures that depend on it. Nothing here is typed twice.
#}

{%- set kpis = [] -%}
{%- if execute -%}
    {%- set metrics_by_id = graph.metrics -%}
    {%- for metric_id, metric in metrics_by_id.items() | sort -%}
        {%- set meta = metric.config.meta or {} -%}
        {%- if meta.get('focus_area') -%}
            {#- every metric the KPI is computed from, however deep (a queue that grows as it is read) -#}
            {%- set inputs = [] -%}
            {%- set queue = metric.depends_on.nodes | select('in', metrics_by_id) | list -%}
            {%- for input_id in queue if metrics_by_id[input_id].name not in inputs -%}
                {%- do inputs.append(metrics_by_id[input_id].name) -%}
                {%- do queue.extend(metrics_by_id[input_id].depends_on.nodes | select('in', metrics_by_id)) -%}
            {%- endfor -%}
            {%- set exposures = [] -%}
            {%- for exposure in graph.exposures.values() if metric_id in exposure.depends_on.nodes -%}
                {%- do exposures.append(exposure.name) -%}
            {%- endfor -%}
            {%- set sections = kpi_docs_sections(metric.description) -%}
            {%- set mart = (meta.get('mart') or '').split('.') -%}
            {%- do kpis.append({
                'kpi_name': metric.name,
                'label': metric.label,
                'focus_area': meta.get('focus_area'),
                'definition': sections.get('definition'),
                'formula': sections.get('formula'),
                'grain': sections.get('grain'),
                'leading_or_lagging': (sections.get('leading or lagging') or '').split(' ')[0] | lower,
                'review_cadence': kpi_review_cadence(sections.get('cadence')),
                'cadence': sections.get('cadence'),
                'example': sections.get('example'),
                'caveats': sections.get('caveats'),
                'owner': meta.get('owner'),
                'metric_name': metric.name,
                'input_metrics': inputs | sort | join(', '),
                'mart': mart[0],
                'mart_column': mart[1] if mart | length > 1 else none,
                'exposures': exposures | sort | join(', '),
            }) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif -%}
{%- set columns = [
    'kpi_name', 'label', 'focus_area', 'definition', 'formula', 'grain', 'leading_or_lagging',
    'review_cadence', 'cadence', 'example', 'caveats', 'owner', 'metric_name', 'input_metrics',
    'mart', 'mart_column', 'exposures',
] %}

with

kpis_from_metrics as (

    {% for kpi in kpis %}
        select
            {%- for column in columns %}
                {{ sql_string_literal(kpi[column]) }} as {{ column }}{% if not loop.last %},{% endif %}
            {%- endfor %}
        {% if not loop.last %}union all{% endif %}
    {% else %}
        -- no metric yet (or parsing): an empty catalogue with the right columns
        select
            {%- for column in columns %}
                {{ sql_string_literal(none) }} as {{ column }}{% if not loop.last %},{% endif %}
            {%- endfor %}
        where 1 = 0
    {% endfor %}

),

final as (

    select
        kpi_name,
        label,
        focus_area,
        definition,
        formula,
        grain,
        leading_or_lagging,
        review_cadence,
        cadence,
        example,
        caveats,
        owner,
        metric_name,
        input_metrics,
        mart,
        mart_column,
        exposures

    from kpis_from_metrics

)

select * from final
