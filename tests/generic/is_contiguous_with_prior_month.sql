{#
    For a model with one row per month (optionally per partition): each month's
    `opening_column` equals the prior month's `closing_column`, and no month is missing
    between the first and the last. Returns the months that break the chain.
#}
{% test is_contiguous_with_prior_month(model, opening_column, closing_column, partition_by=none) %}

with

ordered as (

    select
        month_start,
        {{ opening_column }} as opening_value,
        lag({{ closing_column }}) over (
            {% if partition_by %}partition by {{ partition_by }}{% endif %}
            order by month_start
        ) as prior_closing_value,
        lag(month_start) over (
            {% if partition_by %}partition by {{ partition_by }}{% endif %}
            order by month_start
        ) as prior_month_start

    from {{ model }}

)

select *
from ordered
where
    (prior_month_start is null and opening_value <> 0)
    or (
        prior_month_start is not null
        and (
            opening_value <> prior_closing_value
            or prior_month_start <> {{ dbt.dateadd('month', -1, 'month_start') }}
        )
    )

{% endtest %}
