-- At-risk customers and ARR summed over the CSM books equal the red tier of
-- health_distribution (the company's red customers and their ARR), every month. Returns
-- the months that differ.

with

books as (

    select
        month_start,
        sum(at_risk_customers) as at_risk_customers,
        sum(at_risk_arr) as at_risk_arr

    from {{ ref('csm_portfolios') }}
    group by month_start

),

red as (

    select
        month_start,
        customers as red_customers,
        arr as red_arr

    from {{ ref('health_distribution') }}
    where health_tier = 'red'

)

select
    coalesce(books.month_start, red.month_start) as month_start,
    books.at_risk_customers,
    red.red_customers,
    books.at_risk_arr,
    red.red_arr

from books
full outer join red
    on books.month_start = red.month_start
where
    coalesce(books.at_risk_customers, 0) <> coalesce(red.red_customers, 0)
    or coalesce(books.at_risk_arr, 0) <> coalesce(red.red_arr, 0)
