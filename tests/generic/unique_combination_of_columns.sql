{#
    Fails with one row per combination of the given columns that occurs more than once:
    the columns together are a unique key (for composite primary keys such as
    crm_opportunity_history's opportunity_id + changed_at). A null in any column counts
    as a value, so two rows with the same nulls are duplicates too.
#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

{%- set column_list = combination_of_columns | join(', ') %}

with

counted as (

    select
        {{ column_list }},
        count(*) as occurrences

    from {{ model }}
    group by {{ column_list }}

)

select * from counted
where occurrences > 1

{% endtest %}
