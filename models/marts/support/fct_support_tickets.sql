{#
    One row per help-desk ticket created up to as_of_date (int_support_tickets_classified),
    with the CSM whose book the account-month belongs to (the point-in-time rule of
    int_account_owners_resolved), and its first response and resolution times in hours
    (null while unanswered or unsolved) for the support operations KPIs. A ticket of an account unknown to the CRM stays with
    account_id null, so that it is in no account's, segment's or CSM's numbers.
#}

with

tickets as (

    select * from {{ ref('int_support_tickets_classified') }}

),

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

accounts_and_owners_joined as (

    select
        tickets.*,
        accounts.account_id as crm_account_id,
        owners.csm_user_id

    from tickets
    left join accounts
        on tickets.account_id = accounts.account_id
    left join owners
        on
            tickets.account_id = owners.account_id
            and tickets.month_start = owners.month_start

),

final as (

    select
        cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
        cast(crm_account_id as {{ dbt.type_string() }}) as account_id,
        cast(csm_user_id as {{ dbt.type_string() }}) as csm_user_id,
        cast(status as {{ dbt.type_string() }}) as status,
        cast(priority as {{ dbt.type_string() }}) as priority,
        cast(channel as {{ dbt.type_string() }}) as channel,
        cast(category as {{ dbt.type_string() }}) as category,
        cast(agent_reply_count as integer) as agent_reply_count,
        cast(reopen_count as integer) as reopen_count,
        is_urgent,
        is_reopened,
        is_solved,
        is_first_contact_resolved,
        not is_answered as is_unanswered,
        not is_solved as is_unsolved,
        cast(first_response_hours as double) as first_response_hours,
        cast(resolution_hours as double) as resolution_hours,
        created_at,
        first_response_at,
        solved_at,
        created_date,
        month_start

    from accounts_and_owners_joined

)

select * from final
