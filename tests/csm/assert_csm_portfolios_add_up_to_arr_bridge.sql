-- The CSM books add up to the company every month: customers, ARR and every ARR movement
-- summed over csm_portfolios equal arr_bridge (the Unassigned row included). Returns the
-- months where they do not, or that one side lacks.

with

books as (

    select
        month_start,
        sum(customers) as customers,
        sum(arr) as arr,
        sum(opening_arr) as opening_arr,
        sum(new_arr) as new_arr,
        sum(reactivation_arr) as reactivation_arr,
        sum(expansion_arr) as expansion_arr,
        sum(contraction_arr) as contraction_arr,
        sum(churned_arr) as churned_arr

    from {{ ref('csm_portfolios') }}
    group by month_start

),

company as (

    select * from {{ ref('arr_bridge') }}

)

select
    coalesce(company.month_start, books.month_start) as month_start,
    books.customers,
    company.closing_customers,
    books.arr,
    company.closing_arr

from company
full outer join books
    on company.month_start = books.month_start
where
    books.month_start is null
    or company.month_start is null
    or books.customers <> company.closing_customers
    or books.arr <> company.closing_arr
    or books.opening_arr <> company.opening_arr
    or books.new_arr <> company.new_arr
    or books.reactivation_arr <> company.reactivation_arr
    or books.expansion_arr <> company.expansion_arr
    or books.contraction_arr <> company.contraction_arr
    or books.churned_arr <> company.churned_arr
