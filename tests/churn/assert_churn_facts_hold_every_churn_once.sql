{#
    fct_churn_events holds every churn of the ARR bridge once: per month, its events and
    their churned ARR equal the account-months of movement `churn` in
    int_account_months_classified. And fct_churn_event_reasons holds each event once under
    every reason seen in fct_churn_events, attributed on exactly one row, the event's own
    reason. Fails with one row per month, or per event, that disagrees.
#}

with

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

events as (

    select * from {{ ref('fct_churn_events') }}

),

event_reasons as (

    select * from {{ ref('fct_churn_event_reasons') }}

),

churns_by_month as (

    select
        month_start,
        count(*) as churned_customers,
        sum(churned_arr) as churned_arr

    from account_months
    where movement_type = 'churn'
    group by month_start

),

events_by_month as (

    select
        month_start,
        count(*) as churned_customers,
        sum(churned_arr) as churned_arr

    from events
    group by month_start

),

months_compared as (

    select
        coalesce(churns_by_month.month_start, events_by_month.month_start) as month_start,
        cast(null as {{ dbt.type_string() }}) as churn_event_id

    from churns_by_month
    full outer join events_by_month
        on churns_by_month.month_start = events_by_month.month_start
    where
        churns_by_month.month_start is null
        or events_by_month.month_start is null
        or churns_by_month.churned_customers <> events_by_month.churned_customers
        or churns_by_month.churned_arr <> events_by_month.churned_arr

),

reasons_seen as (

    select count(distinct churn_reason) as reasons

    from events

),

event_reasons_counted as (

    select
        churn_event_id,
        count(*) as reason_rows,
        sum(case when is_attributed_reason then 1 else 0 end) as attributed_rows,
        max(case when is_attributed_reason then churn_reason end) as attributed_reason

    from event_reasons
    group by churn_event_id

),

events_compared as (

    select
        events.month_start,
        events.churn_event_id

    from events
    cross join reasons_seen
    left join event_reasons_counted
        on events.churn_event_id = event_reasons_counted.churn_event_id
    where
        event_reasons_counted.churn_event_id is null
        or event_reasons_counted.reason_rows <> reasons_seen.reasons
        or event_reasons_counted.attributed_rows <> 1
        or event_reasons_counted.attributed_reason <> events.churn_reason

),

final as (

    select * from months_compared
    union all
    select * from events_compared

)

select * from final
