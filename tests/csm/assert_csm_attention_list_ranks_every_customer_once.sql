-- The attention list holds every customer at as_of_date exactly once (as many rows as
-- arr_bridge's closing customers of the as_of month), and each book's ranks run 1..n
-- without a gap. Returns what breaks either.

with

attention as (

    select * from {{ ref('csm_attention_list') }}

),

books as (

    select
        csm_user_id,
        count(*) as accounts,
        count(distinct account_id) as distinct_accounts,
        min(priority_rank) as min_rank,
        max(priority_rank) as max_rank,
        count(distinct priority_rank) as distinct_ranks

    from attention
    group by csm_user_id

),

customers_at_as_of as (

    select closing_customers
    from {{ ref('arr_bridge') }}
    where month_start = cast({{ dbt.date_trunc('month', as_of_date()) }} as date)

),

listed as (

    select count(*) as rows_listed from attention

)

select
    'book ranks' as problem,
    books.csm_user_id,
    books.accounts as found,
    books.max_rank as expected

from books
where
    books.min_rank <> 1
    or books.max_rank <> books.accounts
    or books.distinct_ranks <> books.accounts
    or books.distinct_accounts <> books.accounts

union all

select
    'customer count' as problem,
    null as csm_user_id,
    listed.rows_listed as found,
    coalesce(customers_at_as_of.closing_customers, 0) as expected

from listed
left join customers_at_as_of
    on 1 = 1
where listed.rows_listed <> coalesce(customers_at_as_of.closing_customers, 0)
