{#
    Every help-desk ticket (stg_support__tickets) created on or before as_of_date, with the
    day and month it was created in (UTC) and two flags: urgent (priority `urgent`) and
    reopened (reopened at least once; a reopen count the help desk reported negative, null
    in staging, is not known to be a reopening). Tickets of accounts unknown to the CRM are
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
        coalesce(reopen_count > 0, false) as is_reopened

    from filtered

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
        created_at,
        first_response_at,
        solved_at,
        created_date,
        month_start

    from classified

)

select * from final
