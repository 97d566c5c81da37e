{#
    Seed 003's customer-fit metrics per calendar quarter: one row per quarter with at least
    one customer, through the quarter holding as_of_date (quarter to date). Churned
    customers (churn events: an account that churns twice in a quarter is two lost deals),
    the bad-fit ones (full cancellation reason `bad_fit`, or the account outside the ideal
    customer profile) and their churned ARR; the customers with an opt-out clause in the
    quarter, those that left through it, the opt-out usage rate (null without a customer
    with the clause) and the ARR lost through it. The same sums as fct_customer_fit_quarters,
    rolled up.
#}

with

customer_quarters as (

    select * from {{ ref('int_customer_quarters_fit_measured') }}

),

summed as (

    select
        quarter_start,
        sum(churned_deals) as churned_customers,
        sum(churned_arr) as churned_arr,
        sum(bad_fit_churned_deals) as bad_fit_churned_customers,
        sum(bad_fit_churned_arr) as bad_fit_churned_arr,
        sum(case when has_opt_out_clause then 1 else 0 end) as customers_with_opt_out_clause,
        sum(opt_out_churned_deals) as opt_out_churned_customers,
        sum(opt_out_churned_arr) as opt_out_churned_arr,
        max(case when is_quarter_to_date then 1 else 0 end) = 1 as is_quarter_to_date

    from customer_quarters
    group by quarter_start

),

final as (

    select
        cast(quarter_start as date) as quarter_start,
        cast(churned_customers as integer) as churned_customers,
        cast(churned_arr as decimal(18, 2)) as churned_arr,
        cast(bad_fit_churned_customers as integer) as bad_fit_churned_customers,
        cast(bad_fit_churned_arr as decimal(18, 2)) as bad_fit_churned_arr,
        cast(customers_with_opt_out_clause as integer) as customers_with_opt_out_clause,
        cast(opt_out_churned_customers as integer) as opt_out_churned_customers,
        cast(
            cast(opt_out_churned_customers as double) / nullif(customers_with_opt_out_clause, 0) as double
        ) as opt_out_rate,
        cast(opt_out_churned_arr as decimal(18, 2)) as opt_out_churned_arr,
        is_quarter_to_date

    from summed

)

select * from final
