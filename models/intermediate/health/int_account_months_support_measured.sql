{#
    Support signals per customer month (one row per row of int_customer_months_windowed):
    the account's tickets created in the support window (setting support_window_days,
    ending on the evaluation day), the urgent and the reopened ones, and the ticket load
    for the account's size (per 10 paid core seats). The counts are null while the company
    has no help desk (no ticket created on or before the evaluation day), so the health
    score leaves the support component out instead of scoring a quiet help desk 100.
#}

with

customer_months as (

    select * from {{ ref('int_customer_months_windowed') }}

),

support_tickets as (

    -- urgent and reopened are defined once, where each ticket is classified
    select * from {{ ref('int_support_tickets_classified') }}

),

help_desk_started as (

    select min(created_date) as first_ticket_date
    from support_tickets

),

tickets_counted as (

    select
        customer_months.account_id,
        customer_months.month_start,
        count(*) as tickets_in_window,
        sum(case when support_tickets.is_urgent then 1 else 0 end) as urgent_tickets_in_window,
        sum(case when support_tickets.is_reopened then 1 else 0 end) as reopened_tickets_in_window

    from customer_months
    inner join support_tickets
        on
            customer_months.account_id = support_tickets.account_id
            and customer_months.support_window_start <= support_tickets.created_date
            and customer_months.evaluation_date >= support_tickets.created_date
    group by customer_months.account_id, customer_months.month_start

),

joined as (

    select
        customer_months.account_id,
        customer_months.month_start,
        customer_months.paid_seats,
        customer_months.support_window_days,
        coalesce(help_desk_started.first_ticket_date <= customer_months.evaluation_date, false)
            as is_help_desk_in_use,
        coalesce(tickets_counted.tickets_in_window, 0) as tickets_in_window,
        coalesce(tickets_counted.urgent_tickets_in_window, 0) as urgent_tickets_in_window,
        coalesce(tickets_counted.reopened_tickets_in_window, 0) as reopened_tickets_in_window

    from customer_months
    cross join help_desk_started
    left join tickets_counted
        on
            customer_months.account_id = tickets_counted.account_id
            and customer_months.month_start = tickets_counted.month_start

),

final as (

    select
        account_id,
        month_start,
        is_help_desk_in_use,
        support_window_days,
        case when is_help_desk_in_use then tickets_in_window end as tickets_in_window,
        case when is_help_desk_in_use then urgent_tickets_in_window end as urgent_tickets_in_window,
        case when is_help_desk_in_use then reopened_tickets_in_window end as reopened_tickets_in_window,
        case
            when is_help_desk_in_use and paid_seats > 0 then 10.0 * tickets_in_window / paid_seats
        end as tickets_per_10_seats_in_window

    from joined

)

select * from final
