{#
    The KPI catalogue is read off the project itself: each KPI is a MetricFlow metric whose
    config.meta names its focus area, owner and mart, and whose description is the KPI's
    docs block. These macros take the parts of that block apart and write them as SQL
    literals, so the catalogue never repeats what the docs blocks and metrics say.
#}

{#
    The sections of a KPI docs block, as a dict: `label` and `definition` (the first
    paragraph, the bold label before `:` or an em dash), then one entry per top-level
    bullet `- **Name**: text` under its lowercased name (`formula`, `grain`,
    `leading or lagging`, `cadence`, `example`, `caveats`). Markdown emphasis is dropped and
    whitespace collapsed; a section the block lacks is absent from the dict.
#}
{% macro kpi_docs_sections(description) -%}
    {%- set chunks = description.split('\n- **') -%}
    {%- set sections = {} -%}
    {%- set first_paragraph = chunks[0] | replace('**', '') -%}
    {%- do sections.update({'definition': first_paragraph.split() | join(' ')}) -%}
    {%- for chunk in chunks[1:] -%}
        {%- set name_and_text = chunk.split('**:', 1) -%}
        {%- if name_and_text | length == 2 -%}
            {%- set text = name_and_text[1] | replace('**', '') -%}
            {%- do sections.update({name_and_text[0] | trim | lower: text.split() | join(' ')}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(sections) }}
{%- endmacro %}

{#
    The review cadences a Cadence section names, in calendar order, comma-separated
    (`monthly, quarterly`); empty when it names none.
#}
{% macro kpi_review_cadence(cadence_text) -%}
    {%- set found = [] -%}
    {%- for cadence in ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'] -%}
        {%- if cadence in (cadence_text or '') | lower -%}{%- do found.append(cadence) -%}{%- endif -%}
    {%- endfor -%}
    {{ return(found | join(', ')) }}
{%- endmacro %}

{#
    A Jinja value as a typed SQL string literal (null when none or empty), quoted and
    escaped by dbt's cross-database macros, so each engine gets its own escaping.
#}
{% macro sql_string_literal(value) -%}
    {%- if value is none or value | string == '' -%}
        cast(null as {{ dbt.type_string() }})
    {%- else -%}
        cast({{ dbt.string_literal(dbt.escape_single_quotes(value | string)) }} as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}
