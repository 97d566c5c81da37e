{#
    Every help-desk ticket (stg_support__tickets) created on or before as_of_date, with the
    day and month it was created in (UTC) and two flags: urgent (priority `urgent`) and
    reopened (reopened at least once; a reopen count the help desk reported negative, null
    in staging, is not known to be a reopening). With its first response and resolution
    times in hours (fractional, from created_at; null while unanswered or unsolved as of
    as_of_date: a response or solution dated after it has not happened yet), whether it is
    solved, and whether it was resolved at first contact (solved, at most one agent reply,
    never reopened). A first response stamped before the ticket was created (dirty data; the
    data-quality registry has no repair for it, as it has for solved_before_created) counts
    as 0 hours and is flagged, never dropped. Tickets of accounts unknown to the CRM are
    kept here; account-level models join to accounts and drop them. A table: the support
    fact and the health support signals read it.
#}

{{ config(materialized='table') }}

with

tickets as (

    select * from {{ ref('stg_support__tickets') }}

),

dated as (

    select
        *,
        cast(created_at as date) as created_date,
        cast({{ dbt.date_trunc('month', 'created_at') }} as date) as month_start

    from tickets

),

filtered as (

    -- a ticket from after the evaluation date does not exist yet as of that date
    select * from dated
    where created_date <= {{ as_of_date() }}

),

classified as (

    select
        *,
        coalesce(priority = 'urgent', false) as is_urgent,
        coalesce(reopen_count > 0, false) as is_reopened,
        coalesce(cast(first_response_at as date) <= {{ as_of_date() }}, false) as is_answered,
        coalesce(cast(solved_at as date) <= {{ as_of_date() }}, false) as is_solved

    from filtered

),

timed as (

    select
        *,
        case
            when is_answered and first_response_at < created_at then 0.0
            when is_answered
                then cast({{ dbt.datediff('created_at', 'first_response_at', 'second') }} as double) / 3600  -- noqa: LT05
        end as first_response_hours,
        case
            when is_solved
                then cast({{ dbt.datediff('created_at', 'solved_at', 'second') }} as double) / 3600  -- noqa: LT05
        end as resolution_hours,
        coalesce(is_answered and first_response_at < created_at, false)
            as is_first_response_before_created,
        coalesce(is_solved and agent_reply_count <= 1 and reopen_count = 0, false)
            as is_first_contact_resolved

    from classified

),

final as (

    select
        ticket_id,
        account_id,
        status,
        priority,
        channel,
        category,
        agent_reply_count,
        reopen_count,
        is_urgent,
        is_reopened,
        is_answered,
        is_solved,
        is_first_contact_resolved,
        is_first_response_before_created,
        cast(first_response_hours as double) as first_response_hours,
        cast(resolution_hours as double) as resolution_hours,
        created_at,
        first_response_at,
        solved_at,
        created_date,
        month_start

    from timed

)

select * from final
