{#
    The ARR bridge checked against the billing data it summarises, independently of the
    month spine, the lag and the movement classification: for each group (an account-month,
    or a month), the model's opening ARR is the ARR of the subscription items in effect on
    the prior month's evaluation day, its closing ARR that of the items in effect on the
    month's evaluation day (USD, rounded to the cent per account and day, as billed), and
    opening + new + reactivation + expansion − contraction − churned = closing to the cent.
    Returns the groups where any of the three does not hold, or that only one side has.

    Arguments: group_by ([account_id, month_start] or [month_start]), opening_column
    (default `opening_arr`), closing_column (default `arr`).
#}
{% test arr_reconciles_to_subscription_items(
    model, group_by, opening_column='opening_arr', closing_column='arr'
) %}

with

subscription_items as (

    select * from {{ ref('int_subscription_items_converted') }}

),

months as (

    select
        month_start,
        evaluation_date,
        lag(evaluation_date) over (order by month_start) as prior_evaluation_date

    from {{ ref('int_months_spined') }}

),

items_by_account_month as (

    select
        subscription_items.account_id,
        months.month_start,
        round(sum(
            case
                when
                    subscription_items.valid_from <= months.prior_evaluation_date
                    and (
                        subscription_items.valid_to is null
                        or subscription_items.valid_to > months.prior_evaluation_date
                    )
                    then subscription_items.arr_usd_unrounded
                else 0
            end
        ), 2) as expected_opening_arr,
        round(sum(
            case
                when
                    subscription_items.valid_from <= months.evaluation_date
                    and (
                        subscription_items.valid_to is null
                        or subscription_items.valid_to > months.evaluation_date
                    )
                    then subscription_items.arr_usd_unrounded
                else 0
            end
        ), 2) as expected_closing_arr

    from subscription_items
    inner join months
        on
            subscription_items.valid_from <= months.evaluation_date
            and (
                subscription_items.valid_to is null
                or months.prior_evaluation_date is null
                or subscription_items.valid_to > months.prior_evaluation_date
            )
    group by subscription_items.account_id, months.month_start

),

expected as (

    select
        {{ group_by | join(', ') }},
        sum(expected_opening_arr) as expected_opening_arr,
        sum(expected_closing_arr) as expected_closing_arr

    from items_by_account_month
    group by {{ group_by | join(', ') }}

),

actual as (

    select
        {{ group_by | join(', ') }},
        sum({{ opening_column }}) as opening_arr,
        sum(new_arr + reactivation_arr + expansion_arr - contraction_arr - churned_arr) as net_movement_arr,
        sum({{ closing_column }}) as closing_arr

    from {{ model }}
    group by {{ group_by | join(', ') }}

),

compared as (

    select
        {% for column in group_by %}
        coalesce(actual.{{ column }}, expected.{{ column }}) as {{ column }},
        {% endfor %}
        coalesce(actual.opening_arr, 0) as opening_arr,
        coalesce(actual.net_movement_arr, 0) as net_movement_arr,
        coalesce(actual.closing_arr, 0) as closing_arr,
        coalesce(expected.expected_opening_arr, 0) as expected_opening_arr,
        coalesce(expected.expected_closing_arr, 0) as expected_closing_arr

    from actual
    full outer join expected
        on
            {% for column in group_by %}
            actual.{{ column }} = expected.{{ column }}{% if not loop.last %} and{% endif %}
            {% endfor %}

)

select *
from compared
where
    opening_arr <> expected_opening_arr
    or closing_arr <> expected_closing_arr
    or opening_arr + net_movement_arr <> closing_arr

{% endtest %}
