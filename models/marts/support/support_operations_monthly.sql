{#
    Support operations (seed 002): one row per month of ticket creation (UTC), priority and
    channel with at least one ticket created up to as_of_date (int_support_tickets_classified).
    First response and resolution times in hours (fractional), their medians and 90th
    percentiles (continuous, interpolated; macro percentile_cont) over the tickets answered,
    respectively solved, by as_of_date. Tickets still unanswered or unsolved are counted in
    tickets_unanswered and tickets_unsolved, never dropped; tickets whose first response is
    stamped before their creation count as answered in 0 hours and are counted apart.
    First contact resolution = solved tickets with at most one agent reply and never
    reopened / solved tickets (null when none is solved). A priority the help desk sent
    unreadable (null in staging) is a group of its own. Tickets of accounts unknown to the
    CRM are counted: the help desk served them.
#}

with

tickets as (

    select * from {{ ref('int_support_tickets_classified') }}

),

aggregated as (

    select
        month_start,
        priority,
        channel,
        count(*) as tickets,
        sum(case when is_answered then 0 else 1 end) as tickets_unanswered,
        sum(case when is_solved then 0 else 1 end) as tickets_unsolved,
        sum(case when is_solved then 1 else 0 end) as tickets_solved,
        sum(case when is_first_contact_resolved then 1 else 0 end)
            as tickets_first_contact_resolved,
        sum(case when is_first_response_before_created then 1 else 0 end)
            as tickets_first_response_before_created,
        {{ percentile_cont('first_response_hours', 0.5) }} as median_first_response_hours,
        {{ percentile_cont('first_response_hours', 0.9) }} as p90_first_response_hours,
        {{ percentile_cont('resolution_hours', 0.5) }} as median_resolution_hours,
        {{ percentile_cont('resolution_hours', 0.9) }} as p90_resolution_hours

    from tickets
    group by month_start, priority, channel

),

final as (

    select
        cast(month_start as date) as month_start,
        cast(priority as {{ dbt.type_string() }}) as priority,
        cast(channel as {{ dbt.type_string() }}) as channel,
        cast(tickets as integer) as tickets,
        cast(tickets_unanswered as integer) as tickets_unanswered,
        cast(tickets_unsolved as integer) as tickets_unsolved,
        cast(tickets_solved as integer) as tickets_solved,
        cast(tickets_first_contact_resolved as integer) as tickets_first_contact_resolved,
        cast(tickets_first_response_before_created as integer)
            as tickets_first_response_before_created,
        cast(median_first_response_hours as double) as median_first_response_hours,
        cast(p90_first_response_hours as double) as p90_first_response_hours,
        cast(median_resolution_hours as double) as median_resolution_hours,
        cast(p90_resolution_hours as double) as p90_resolution_hours,
        cast(
            case
                when tickets_solved > 0
                    then cast(tickets_first_contact_resolved as double) / tickets_solved
            end as double
        ) as first_contact_resolution_rate

    from aggregated

)

select * from final
