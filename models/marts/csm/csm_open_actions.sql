{#
    The actions each CSM has open at as_of_date, in the order to work through them: one
    row per open call-to-action (int_open_ctas_resolved), ranked within the CTA owner's list
    by due date (overdue first, no due date last), then priority (high first), then the
    oldest first. See the docs block `csm_open_actions`.
#}

with

open_ctas as (

    select * from {{ ref('int_open_ctas_resolved') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by owner_user_id
            order by {{ cta_work_order() }}
        ) as action_rank

    from open_ctas

),

final as (

    select
        {{ as_of_date() }} as as_of_date,
        ranked.owner_user_id as csm_user_id,
        cast(ranked.action_rank as integer) as action_rank,
        ranked.activity_id,
        ranked.account_id,
        owners.csm_user_id as account_csm_user_id,
        ranked.subject,
        ranked.priority,
        ranked.created_date,
        ranked.due_date,
        ranked.is_overdue,
        cast(ranked.days_overdue as integer) as days_overdue

    from ranked
    left join owners
        on
            ranked.account_id = owners.account_id
            and owners.month_start = cast({{ dbt.date_trunc('month', as_of_date()) }} as date)

)

select * from final
