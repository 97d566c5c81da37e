{#
    Product-usage signals per customer month (one row per row of
    int_customer_months_windowed), measured on the month's evaluation day over its two
    usage windows: the recent window (setting usage_recent_window_days, ending on the
    evaluation day, inclusive) and the prior window just before it (setting
    usage_prior_window_days). Column names say which window (`_in_recent_window`,
    `_in_prior_window`); the lengths are carried beside them.

    Reads usage only through the incremental daily aggregates: one range join per
    aggregate on (account_id, day between window start and evaluation day). A table,
    because it is the heaviest step of the health score (5,000 accounts × 36 months ×
    their users at the `large` preset).

    Tracking (int_account_usage_tracking_resolved) decides what the counts mean: they are
    null where the account's usage is not tracked on the evaluation day, and the coverage
    flags say whether the whole recent (and prior) window was tracked.
#}

{{ config(materialized='table') }}

with

customer_months as (

    select * from {{ ref('int_customer_months_windowed') }}

),

settings as (

    select * from {{ ref('int_health_settings_pivoted') }}

),

tracking as (

    select * from {{ ref('int_account_usage_tracking_resolved') }}

),

user_days as (

    select * from {{ ref('int_usage_user_days_aggregated') }}

),

account_day_features as (

    select * from {{ ref('int_usage_account_day_features_aggregated') }}

),

core_features as (

    select * from {{ ref('core_features') }}

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
                    user_days.activity_date >= customer_months.usage_recent_window_start
                    then user_days.events
                else 0
            end
        ) as recent_events,
        sum(
            case
                when
                    user_days.activity_date < customer_months.usage_recent_window_start
                    then user_days.events
                else 0
            end
        ) as prior_events

    from customer_months
    inner join user_days
        on
            customer_months.account_id = user_days.account_id
            and customer_months.usage_prior_window_start <= user_days.activity_date
            and customer_months.evaluation_date >= user_days.activity_date
    group by customer_months.account_id, customer_months.month_start, user_days.user_id

),

users_counted as (

    select
        account_id,
        month_start,
        sum(case when recent_events > 0 then 1 else 0 end) as active_users_in_recent_window,
        sum(recent_events) as events_in_recent_window,
        sum(prior_events) as events_in_prior_window

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
core_features_listed as (

    select count(*) as core_features_total
    from core_features

),

core_features_counted as (

    select
        customer_months.account_id,
        customer_months.month_start,
        count(distinct account_day_features.feature) as core_features_used_in_recent_window

    from customer_months
    inner join account_day_features
        on
            customer_months.account_id = account_day_features.account_id
            and customer_months.usage_recent_window_start <= account_day_features.activity_date
            and customer_months.evaluation_date >= account_day_features.activity_date
    inner join core_features
        on account_day_features.feature = core_features.feature
    group by customer_months.account_id, customer_months.month_start

),

joined as (

    select
        customer_months.account_id,
        customer_months.month_start,
        customer_months.usage_recent_window_days,
        customer_months.usage_prior_window_days,
        tracking.usage_tracked_since,
        coalesce(tracking.usage_tracked_since <= customer_months.evaluation_date, false)
            as is_usage_tracked,
        coalesce(tracking.usage_tracked_since <= customer_months.usage_recent_window_start, false)
            as is_usage_window_covered,
        coalesce(tracking.usage_tracked_since <= customer_months.usage_prior_window_start, false)
            as is_usage_trend_window_covered,
        coalesce(users_counted.active_users_in_recent_window, 0) as active_users_in_recent_window,
        coalesce(users_counted.events_in_recent_window, 0) as events_in_recent_window,
        coalesce(users_counted.events_in_prior_window, 0) as events_in_prior_window,
        coalesce(superusers_counted.superusers, 0) as superusers,
        coalesce(superusers_counted.inactive_superusers, 0) as inactive_superusers,
        coalesce(core_features_counted.core_features_used_in_recent_window, 0)
            as core_features_used_in_recent_window,
        core_features_listed.core_features_total

    from customer_months
    cross join core_features_listed
    left join tracking
        on customer_months.account_id = tracking.account_id
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
        usage_tracked_since,
        is_usage_tracked,
        is_usage_window_covered,
        is_usage_trend_window_covered,
        usage_recent_window_days,
        usage_prior_window_days,
        case when is_usage_tracked then active_users_in_recent_window end as active_users_in_recent_window,
        case when is_usage_tracked then events_in_recent_window end as events_in_recent_window,
        case when is_usage_tracked then events_in_prior_window end as events_in_prior_window,
        case
            when is_usage_tracked and events_in_prior_window > 0
                then
                    cast(events_in_recent_window as double) * usage_prior_window_days
                    / (cast(events_in_prior_window as double) * usage_recent_window_days)
        end as usage_trend_ratio,
        case when is_usage_tracked then core_features_used_in_recent_window end
            as core_features_used_in_recent_window,
        core_features_total,
        case when is_usage_tracked then superusers end as superusers,
        case when is_usage_tracked then inactive_superusers end as inactive_superusers

    from joined

)

select * from final
