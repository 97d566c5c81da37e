{#
    Since when each account's product usage is tracked: one row per account seen by the
    product-analytics tool (a product user or an event). An account's usage is tracked
    from its first product user's creation or its first event, whichever is earlier, never
    before the tracker's first event company-wide (before that day nobody's usage was
    recorded); null when the tracker has recorded nothing at all. Beside it, the newest day
    of usage loaded, company-wide (the same on every row).
    A table: it scans every product user and daily aggregate, and its tests read it too.
#}

{{ config(materialized='table') }}

with

user_days as (

    select * from {{ ref('int_usage_user_days_aggregated') }}

),

usage_users as (

    select * from {{ ref('stg_usage__users') }}

),

tracker_started as (

    -- the first and the newest day the product-analytics tool recorded, company-wide
    select
        min(activity_date) as first_event_date,
        max(activity_date) as usage_loaded_through

    from user_days

),

account_first_users as (

    select
        account_id,
        min(cast(created_at as date)) as first_user_created_date

    from usage_users
    group by account_id

),

account_first_events as (

    select
        account_id,
        min(activity_date) as first_event_date

    from user_days
    group by account_id

),

account_first_seen as (

    select
        coalesce(account_first_users.account_id, account_first_events.account_id) as account_id,
        case
            when
                account_first_users.first_user_created_date is null
                then account_first_events.first_event_date
            when
                account_first_events.first_event_date is null
                then account_first_users.first_user_created_date
            when account_first_users.first_user_created_date < account_first_events.first_event_date
                then account_first_users.first_user_created_date
            else account_first_events.first_event_date
        end as first_seen_date

    from account_first_users
    full outer join account_first_events
        on account_first_users.account_id = account_first_events.account_id

),

final as (

    select
        account_first_seen.account_id,
        case
            when tracker_started.first_event_date is null then null
            when account_first_seen.first_seen_date < tracker_started.first_event_date
                then tracker_started.first_event_date
            else account_first_seen.first_seen_date
        end as usage_tracked_since,
        tracker_started.usage_loaded_through

    from account_first_seen
    cross join tracker_started

)

select * from final
