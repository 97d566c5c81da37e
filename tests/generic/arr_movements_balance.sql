{#
    The ARR bridge identity: opening + new + reactivation + expansion − contraction − churned
    = closing, to the cent. With `group_by` columns it is checked on the sums of each group
    (a month, a month and segment, …); without, on every row. Returns the rows or groups
    where it does not hold.

    Arguments: group_by (list of columns, default none), closing_column (default `arr`).
#}
{% test arr_movements_balance(model, group_by=[], closing_column='arr') %}

with

{% if group_by | length > 0 %}
checked as (

    select
        {% for column in group_by %}{{ column }}, {% endfor %}
        sum(opening_arr) as opening_arr,
        sum(new_arr + reactivation_arr + expansion_arr - contraction_arr - churned_arr) as net_movement_arr,
        sum({{ closing_column }}) as closing_arr

    from {{ model }}
    group by {{ group_by | join(', ') }}

)
{% else %}
checked as (

    select
        *,
        new_arr + reactivation_arr + expansion_arr - contraction_arr - churned_arr as net_movement_arr,
        {{ closing_column }} as closing_arr_checked

    from {{ model }}

)
{% endif %}

select *
from checked
where opening_arr + net_movement_arr
    <> {{ 'closing_arr' if group_by | length > 0 else 'closing_arr_checked' }}

{% endtest %}
