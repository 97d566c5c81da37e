{#
    The one rule for when a subscription item counts: it is in effect on `day` when
    valid_from <= day < valid_to, an empty valid_to meaning open-ended (valid_to is
    exclusive: an item ending on the last day of a month is not in effect on it).
    `items` is the alias of a relation with valid_from and valid_to, `day` a date
    expression. Used wherever ARR is read on a day: the account months, the customer
    months' core seats, the renewals and the ARR forecast.
#}
{% macro item_in_effect(items, day) -%}
    {{ items }}.valid_from <= {{ day }}
    and ({{ items }}.valid_to is null or {{ items }}.valid_to > {{ day }})
{%- endmacro %}
