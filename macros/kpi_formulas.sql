{#
    KPI formulas written once, so that every mart computes NPS and CSAT the same way.
    Portable SQL: `cast(... as double)` and `nullif`, which DuckDB and Spark both accept.
#}

{#
    NPS on the -100..+100 scale from counts: 100 * (promoters - detractors) / responses.
    Passives count only in the denominator (through `responses`); with no responses the
    result is null, never 0.
#}
{% macro nps_from_counts(promoters, detractors, responses) -%}
    (100.0 * cast(({{ promoters }}) - ({{ detractors }}) as double) / nullif({{ responses }}, 0))
{%- endmacro %}

{#
    CSAT on the 0..100 scale from counts: 100 * satisfied responses (score 4 or 5 on 1..5)
    / responses; null with no responses.
#}
{% macro csat_from_counts(satisfied, responses) -%}
    (100.0 * cast({{ satisfied }} as double) / nullif({{ responses }}, 0))
{%- endmacro %}


{#
    The (weighted) mean of the values that are present: null values drop out of both the
    numerator and the denominator, so a missing input re-weights the others instead of
    counting as zero. Null when no value is present. `weights` (SQL expressions, one per
    value) default to 1 each.
#}
{% macro mean_of_available(values, weights=none) -%}
    {%- set weights = weights if weights is not none else ['1'] * (values | length) -%}
    (
        {%- for value in values %}
        coalesce({{ weights[loop.index0] }} * {{ value }}, 0){% if not loop.last %} +{% endif %}
        {%- endfor %}
    ) / nullif(
        {%- for value in values %}
        case when {{ value }} is null then 0 else {{ weights[loop.index0] }} end{% if not loop.last %} +{% endif %}
        {%- endfor %},
        0
    )
{%- endmacro %}


{#
    A 0–100 score on the straight line between two bounds: 0 at `zero_at`, 100 at
    `full_at`, clamped outside them. The bounds may run either way (fewer tickets score
    higher when zero_at > full_at). Null when the value is null or the bounds are equal.
#}
{% macro linear_score(value, zero_at, full_at) -%}
    case
        when {{ value }} is null or {{ full_at }} = {{ zero_at }} then null
        else 100.0 * greatest(
            0.0,
            least(1.0, cast({{ value }} - {{ zero_at }} as double) / ({{ full_at }} - {{ zero_at }}))
        )
    end
{%- endmacro %}
