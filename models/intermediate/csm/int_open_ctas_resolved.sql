{#
    The calls-to-action (CRM activities of type `cta`) open at the end of as_of_date: one
    row per CTA created on or before it and not completed by then, with its due date,
    priority and whether it is overdue (due before as_of_date: a CTA due today is not
    overdue yet). Read by int_account_ctas_counted (per account) and the mart
    csm_open_actions (the list a CSM works through). A table: two readers, and the chain
    of views above it (staging, base) is long enough.
#}

{{ config(materialized='table') }}

with

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

ctas as (

    select
        activity_id,
        account_id,
        owner_user_id,
        subject,
        priority,
        cast(created_at as date) as created_date,
        cast(due_at as date) as due_date

    from activities
    where
        activity_type = 'cta'
        and cast(created_at as date) <= {{ as_of_date() }}
        and (completed_at is null or cast(completed_at as date) > {{ as_of_date() }})

),

final as (

    select
        activity_id,
        account_id,
        owner_user_id,
        subject,
        priority,
        -- high first; an unknown or missing priority last
        case priority
            when 'high' then 1
            when 'medium' then 2
            when 'low' then 3
            else 4
        end as priority_order,
        created_date,
        due_date,
        coalesce(due_date < {{ as_of_date() }}, false) as is_overdue,
        case
            when due_date < {{ as_of_date() }}
                then {{ dbt.datediff('due_date', as_of_date(), 'day') }}
        end as days_overdue

    from ctas

)

select * from final
