{#
    Book size versus churn. Question: does churn come from the CSMs with the biggest books?
    (A CSM-to-account ratio means most when read against churn: if the most loaded CSMs
    lose the most customers, they may hold more accounts than they can look after.)

    One row per CSM book over the period (account-months nobody owned form the book with a
    null csm_user_id, named `Unassigned`), from fct_account_months, where each account-month
    is in the book of its owner at the month's end:
    - `avg_customers`: the book's customers, averaged over the months of the period;
    - `churned_customers`, `logo_churn_rate`: customers lost, over the customers the book
      opened its months with (a monthly rate, the same definition as arr_bridge's);
    - `churned_arr`, `contraction_arr`, `gross_revenue_churn_rate`: ARR lost, over the
      book's opening ARR summed over its months (a monthly rate, as in arr_bridge);
    - `book_size_rank`: 1 for the book with the most customers on average.

    Period: the optional vars `months_from` and `months_to` (YYYY-MM-DD) bound the months;
    without them the whole history is read.

    Run it after a build, with the build's vars:
        dbt show --select csm_book_size_versus_churn --vars '{months_from: 2024-07-01, ...}'
    or `dbt compile --select csm_book_size_versus_churn` and run the SQL it writes to
    target/compiled/cs_analytics/analyses/csm_book_size_versus_churn.sql.
#}

{%- set months_from = var('months_from', none) -%}
{%- set months_to = var('months_to', none) -%}

with

account_months as (

    select * from {{ ref('fct_account_months') }}

),

csms as (

    select * from {{ ref('dim_csms') }}

),

period_bounds as (

    select
        cast({{ dbt.string_literal(months_from) if months_from else 'null' }} as date) as months_from,
        cast({{ dbt.string_literal(months_to) if months_to else 'null' }} as date) as months_to

),

months_in_period as (

    select account_months.*

    from account_months
    cross join period_bounds
    where
        (period_bounds.months_from is null or account_months.month_start >= period_bounds.months_from)
        and (period_bounds.months_to is null or account_months.month_start <= period_bounds.months_to)

),

period_length_counted as (

    select count(distinct month_start) as period_months

    from months_in_period

),

books_summed as (

    select
        csm_user_id,
        sum(case when is_customer then 1 else 0 end) as customer_months,
        sum(case when is_opening_customer then 1 else 0 end) as opening_customer_months,
        sum(case when movement_type = 'churn' then 1 else 0 end) as churned_customers,
        sum(opening_arr) as opening_arr,
        sum(churned_arr) as churned_arr,
        sum(contraction_arr) as contraction_arr

    from months_in_period
    group by csm_user_id

),

rates_calculated as (

    select
        books_summed.csm_user_id,
        cast(books_summed.customer_months as {{ dbt.type_numeric() }})
        / nullif(period_length_counted.period_months, 0) as avg_customers,
        books_summed.churned_customers,
        cast(books_summed.churned_customers as {{ dbt.type_numeric() }})
        / nullif(books_summed.opening_customer_months, 0) as logo_churn_rate,
        books_summed.churned_arr,
        books_summed.contraction_arr,
        (books_summed.churned_arr + books_summed.contraction_arr)
        / nullif(books_summed.opening_arr, 0) as gross_revenue_churn_rate

    from books_summed
    cross join period_length_counted

),

final as (

    select
        rates_calculated.csm_user_id,
        coalesce(csms.full_name, 'Unassigned') as csm_name,
        rates_calculated.avg_customers,
        rates_calculated.churned_customers,
        rates_calculated.logo_churn_rate,
        rates_calculated.churned_arr,
        rates_calculated.contraction_arr,
        rates_calculated.gross_revenue_churn_rate,
        rank() over (order by rates_calculated.avg_customers desc) as book_size_rank

    from rates_calculated
    left join csms
        on rates_calculated.csm_user_id = csms.csm_user_id

)

select * from final
