-- The books' retention cohorts add up to the company's: starting, ending and retained ARR
-- summed over csm_portfolios equal nrr_breakdown's starting ARR, ending ARR and
-- starting − contraction − churned; in months without an nrr_breakdown row (no month
-- twelve before in the data) the books hold no cohort ARR. Returns the months that differ.

with

books as (

    select
        month_start,
        sum(starting_arr) as starting_arr,
        sum(ending_arr) as ending_arr,
        sum(retained_arr) as retained_arr

    from {{ ref('csm_portfolios') }}
    group by month_start

),

company as (

    select * from {{ ref('nrr_breakdown') }}

)

select
    books.month_start,
    books.starting_arr,
    company.starting_arr as company_starting_arr,
    books.ending_arr,
    company.ending_arr as company_ending_arr

from books
left join company
    on books.month_start = company.month_start
where
    (company.month_start is null and (books.starting_arr <> 0 or books.ending_arr <> 0))
    or books.starting_arr <> company.starting_arr
    or books.ending_arr <> company.ending_arr
    or books.retained_arr <> company.starting_arr - company.contraction_arr - company.churned_arr
