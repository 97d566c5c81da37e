{#
    Product-usage signals per account and customer month (ARR above zero), measured on
    the month's evaluation day over two trailing windows from the seed
    health_score_settings: the recent window (default the 30 days ending on the
    evaluation day, inclusive) and the prior window (the 90 days before it).

    Reads usage only through the incremental daily aggregates: one range join per
    aggregate on (account_id, day between window start and evaluation day). A table,
    because it is the heaviest step of the health score (5,000 accounts × 36 months ×
    their users at the `large` preset) and int_account_health_signals_measured reads it.

    An account's usage is tracked from its first product user (or first event), never
    before the product tracker's first event company-wide; the coverage flags say
    whether the whole recent (and prior) window was tracked.
#}

{{ config(materialized='table') }}

with

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

settings as (

    select * from {{ ref('int_health_settings_pivoted') }}

),

user_days as (

    select * from {{ ref('int_usage_user_days_aggregated') }}

),

account_day_features as (

    select * from {{ ref('int_usage_account_day_features_aggregated') }}

),

usage_users as (

    select * from {{ ref('stg_usage__users') }}

),

customer_months as (

    select
        account_months.account_id,
        account_months.month_start,
        account_months.evaluation_date,
        settings.usage_recent_window_days,
        settings.usage_prior_window_days,
        settings.superuser_top_n,
        settings.superuser_min_events,
        cast(
            {{ dbt.dateadd(
                'day', '1 - settings.usage_recent_window_days', 'account_months.evaluation_date'
            ) }}
            as date
        ) as recent_window_start,
        cast(
            {{ dbt.dateadd(
                'day',
                '1 - settings.usage_recent_window_days - settings.usage_prior_window_days',
                'account_months.evaluation_date',
            ) }}
            as date
        ) as prior_window_start

    from account_months
    cross join settings
    where account_months.arr > 0

),

-- ---------------------------------------------------------------- since when usage is tracked
tracker_started as (

    -- the first day the product-analytics tool recorded anything, company-wide
    select min(activity_date) as first_event_date
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

account_tracking_started as (

    select
        account_first_seen.account_id,
        case
            when tracker_started.first_event_date is null then null
            when account_first_seen.first_seen_date < tracker_started.first_event_date
                then tracker_started.first_event_date
            else account_first_seen.first_seen_date
        end as usage_tracked_since

    from account_first_seen
    cross join tracker_started

),

-- ---------------------------------------------------------------- users and events
user_windows_summed as (

    select
        customer_months.account_id,
        customer_months.month_start,
        user_days.user_id,
        sum(
            case
                when
                    user_days.activity_date >= customer_months.recent_window_start
                    then user_days.events
                else 0
            end
        ) as recent_events,
        sum(
            case
                when
                    user_days.activity_date < customer_months.recent_window_start
                    then user_days.events
                else 0
            end
        ) as prior_events

    from customer_months
    inner join user_days
        on
            customer_months.account_id = user_days.account_id
            and customer_months.prior_window_start <= user_days.activity_date
            and customer_months.evaluation_date >= user_days.activity_date
    group by customer_months.account_id, customer_months.month_start, user_days.user_id

),

users_counted as (

    select
        account_id,
        month_start,
        sum(case when recent_events > 0 then 1 else 0 end) as active_users_30d,
        sum(recent_events) as events_30d,
        sum(prior_events) as events_prior_90d

    from user_windows_summed
    group by account_id, month_start

),

superuser_candidates_ranked as (

    -- only users with enough prior events can be superusers: rank those alone
    select
        user_windows_summed.account_id,
        user_windows_summed.month_start,
        user_windows_summed.recent_events,
        settings.superuser_top_n,
        row_number() over (
            partition by user_windows_summed.account_id, user_windows_summed.month_start
            order by user_windows_summed.prior_events desc, user_windows_summed.user_id asc
        ) as prior_events_rank

    from user_windows_summed
    cross join settings
    where user_windows_summed.prior_events >= settings.superuser_min_events

),

superusers_counted as (

    select
        account_id,
        month_start,
        count(*) as superusers,
        sum(case when recent_events = 0 then 1 else 0 end) as inactive_superusers

    from superuser_candidates_ranked
    where prior_events_rank <= superuser_top_n
    group by account_id, month_start

),

-- ---------------------------------------------------------------- breadth
core_feature_days as (

    select
        account_day_features.account_id,
        account_day_features.activity_date,
        account_day_features.feature

    from account_day_features
    cross join settings
    where
        {{ dbt.concat(["','", 'settings.core_features', "','"]) }}
        like {{ dbt.concat(["'%,'", 'account_day_features.feature', "',%'"]) }}

),

core_features_counted as (

    select
        customer_months.account_id,
        customer_months.month_start,
        count(distinct core_feature_days.feature) as core_features_used_30d

    from customer_months
    inner join core_feature_days
        on
            customer_months.account_id = core_feature_days.account_id
            and customer_months.recent_window_start <= core_feature_days.activity_date
            and customer_months.evaluation_date >= core_feature_days.activity_date
    group by customer_months.account_id, customer_months.month_start

),

joined as (

    select
        customer_months.account_id,
        customer_months.month_start,
        customer_months.evaluation_date,
        customer_months.usage_recent_window_days,
        customer_months.usage_prior_window_days,
        account_tracking_started.usage_tracked_since,
        coalesce(account_tracking_started.usage_tracked_since <= customer_months.evaluation_date, false)
            as is_usage_tracked,
        coalesce(account_tracking_started.usage_tracked_since <= customer_months.recent_window_start, false)
            as is_usage_window_covered,
        coalesce(account_tracking_started.usage_tracked_since <= customer_months.prior_window_start, false)
            as is_usage_trend_window_covered,
        coalesce(users_counted.active_users_30d, 0) as active_users_30d,
        coalesce(users_counted.events_30d, 0) as events_30d,
        coalesce(users_counted.events_prior_90d, 0) as events_prior_90d,
        coalesce(superusers_counted.superusers, 0) as superusers,
        coalesce(superusers_counted.inactive_superusers, 0) as inactive_superusers,
        coalesce(core_features_counted.core_features_used_30d, 0) as core_features_used_30d

    from customer_months
    left join account_tracking_started
        on customer_months.account_id = account_tracking_started.account_id
    left join users_counted
        on
            customer_months.account_id = users_counted.account_id
            and customer_months.month_start = users_counted.month_start
    left join superusers_counted
        on
            customer_months.account_id = superusers_counted.account_id
            and customer_months.month_start = superusers_counted.month_start
    left join core_features_counted
        on
            customer_months.account_id = core_features_counted.account_id
            and customer_months.month_start = core_features_counted.month_start

),

final as (

    -- the counts are null where the account's usage is not tracked on the evaluation day
    select
        account_id,
        month_start,
        evaluation_date,
        usage_tracked_since,
        is_usage_tracked,
        is_usage_window_covered,
        is_usage_trend_window_covered,
        case when is_usage_tracked then active_users_30d end as active_users_30d,
        case when is_usage_tracked then events_30d end as events_30d,
        case when is_usage_tracked then events_prior_90d end as events_prior_90d,
        case
            when is_usage_tracked and events_prior_90d > 0
                then
                    cast(events_30d as double) * usage_prior_window_days
                    / (cast(events_prior_90d as double) * usage_recent_window_days)
        end as usage_trend_ratio,
        case when is_usage_tracked then core_features_used_30d end as core_features_used_30d,
        case when is_usage_tracked then superusers end as superusers,
        case when is_usage_tracked then inactive_superusers end as inactive_superusers

    from joined

)

select * from final
