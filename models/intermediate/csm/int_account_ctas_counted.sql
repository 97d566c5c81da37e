{#
    The calls-to-action (CRM activities of type `cta`) open on each account at the end of
    as_of_date: created on or before it and not completed by then. One row per account
    with at least one CTA ever; accounts without any have no row (count them as 0).
    Overdue: due before as_of_date (a CTA due today is not overdue yet).
#}

with

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

ctas as (

    select
        account_id,
        priority,
        cast(due_at as date) as due_date,
        cast(created_at as date) <= {{ as_of_date() }}
        and (completed_at is null or cast(completed_at as date) > {{ as_of_date() }}) as is_open

    from activities
    where activity_type = 'cta'

),

final as (

    select
        account_id,
        sum(case when is_open then 1 else 0 end) as open_cta_count,
        sum(case when is_open and due_date < {{ as_of_date() }} then 1 else 0 end) as overdue_cta_count,
        sum(case when is_open and priority = 'high' then 1 else 0 end) as high_priority_open_cta_count,
        min(case when is_open then due_date end) as next_cta_due_date

    from ctas
    group by account_id

)

select * from final
