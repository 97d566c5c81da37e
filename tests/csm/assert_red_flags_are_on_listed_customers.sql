-- Red flags are raised on customers at as_of_date only: every flagged account is on the
-- attention list, in the same book, and the list counts its flags. Returns the accounts
-- where the two marts disagree.

with

flags as (

    select
        account_id,
        csm_user_id,
        sum(case when flag <> 'renewal_soon_while_red' then 1 else 0 end) as red_flag_count

    from {{ ref('account_red_flags') }}
    group by account_id, csm_user_id

),

attention as (

    select * from {{ ref('csm_attention_list') }}

)

select
    flags.account_id,
    flags.csm_user_id,
    attention.csm_user_id as listed_csm_user_id,
    flags.red_flag_count,
    attention.red_flag_count as listed_red_flag_count

from flags
left join attention
    on flags.account_id = attention.account_id
where
    attention.account_id is null
    or coalesce(flags.csm_user_id, '') <> coalesce(attention.csm_user_id, '')
    or flags.red_flag_count <> attention.red_flag_count
