{#
    Fails with every row where the SQL boolean `expression` is not true (null counts as a
    failure). An optional `where_clause` narrows the rows checked. Usable on a model or on
    a column (the column is then only context: the expression names what it checks).
#}
{% test expression_is_true(model, expression, where_clause=none, column_name=none) %}

select *
from {{ model }}
where not coalesce(({{ expression }}), false)
{% if where_clause %}and ({{ where_clause }}){% endif %}

{% endtest %}
