{#
    The calls-to-action open on each account at the end of as_of_date
    (int_open_ctas_resolved): one row per account with at least one open CTA; accounts
    without any have no row (count them as 0). Overdue: due before as_of_date. The next
    CTA is the account's first in the order of csm_open_actions: due date (none last),
    priority, age.
#}

with

open_ctas as (

    select * from {{ ref('int_open_ctas_resolved') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by account_id
            order by {{ cta_work_order() }}
        ) as account_cta_rank

    from open_ctas

),

final as (

    select
        account_id,
        count(*) as open_cta_count,
        sum(case when is_overdue then 1 else 0 end) as overdue_cta_count,
        sum(case when priority = 'high' then 1 else 0 end) as high_priority_open_cta_count,
        min(due_date) as next_cta_due_date,
        max(case when account_cta_rank = 1 then subject end) as next_cta_subject

    from ranked
    group by account_id

)

select * from final
