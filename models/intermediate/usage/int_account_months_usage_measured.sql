{#
    Product-usage signals per customer month (one row per row of
    int_customer_months_usage_windowed: its evaluation day, windows and tracking), read
    only through the incremental daily usage aggregates; null where not tracked.

    Incremental by month (macro incremental_by_period_config): a run measures again, whole and
    for every account, only the months it can change: those whose evaluation day is on or
    after the first day the aggregates reloaded (the last run's usage_loaded_through minus
    usage_lookback_days); those where a customer month is new, gone, or has another
    evaluation day, window, usage_tracked_since or usage_settings_fingerprint (superuser
    settings, core features) than when measured. Late events older than the look-back
    need `dbt build --full-refresh`, as the aggregates do.
#}

{{ config(
    materialized='incremental',
    on_schema_change='fail',
    **incremental_by_period_config('month_start')
) }}

with

months_inputs as (

    select * from {{ ref('int_customer_months_usage_windowed') }}

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

core_features as (

    select * from {{ ref('core_features') }}

),

{% if is_incremental() %}
months_changed as (

    -- the months a run can change; {{ this }} holds the inputs each row was measured with
    select coalesce(months_inputs.month_start, measured.month_start) as month_start

    from months_inputs
    full outer join {{ this }} as measured
        on
            months_inputs.account_id = measured.account_id
            and months_inputs.month_start = measured.month_start
    where
        measured.account_id is null
        or months_inputs.account_id is null
        or months_inputs.evaluation_date >= (
            select {{ dbt.dateadd('day', -var('usage_lookback_days'), 'max(loaded.usage_loaded_through)') }}
            from {{ this }} as loaded
        )
        or (select max(loaded.usage_loaded_through) from {{ this }} as loaded) is null
        {%- for column in ['evaluation_date', 'usage_recent_window_start', 'usage_prior_window_start',
            'usage_tracked_since', 'usage_settings_fingerprint'] %}
        or months_inputs.{{ column }} is distinct from measured.{{ column }}
        {%- endfor %}

),

{% endif %}
months_measured as (

    select * from months_inputs
    {%- if is_incremental() %}
    where month_start in (select months_changed.month_start from months_changed)
    {%- endif %}

),

user_windows_summed as (

    select
        months_measured.account_id,
        months_measured.month_start,
        user_days.user_id,
        sum(
            case
                when user_days.activity_date >= months_measured.usage_recent_window_start
                    then user_days.events
                else 0
            end
        ) as recent_events,
        sum(
            case
                when user_days.activity_date < months_measured.usage_recent_window_start
                    then user_days.events
                else 0
            end
        ) as prior_events

    from months_measured
    inner join user_days
        on
            months_measured.account_id = user_days.account_id
            and months_measured.usage_prior_window_start <= user_days.activity_date
            and months_measured.evaluation_date >= user_days.activity_date
    group by months_measured.account_id, months_measured.month_start, user_days.user_id

),

user_windows_ranked as (

    -- every user of the account-month, the most prior events first: the users with
    -- enough prior events (the superuser candidates) always come first
    select
        user_windows_summed.*,
        settings.superuser_min_events,
        settings.superuser_top_n,
        row_number() over (
            partition by user_windows_summed.account_id, user_windows_summed.month_start
            order by user_windows_summed.prior_events desc, user_windows_summed.user_id asc
        ) as prior_events_rank

    from user_windows_summed
    cross join settings

),

user_windows_flagged as (

    select
        *,
        prior_events >= superuser_min_events and prior_events_rank <= superuser_top_n
            as counts_as_superuser

    from user_windows_ranked

),

users_counted as (

    select
        account_id,
        month_start,
        sum(case when recent_events > 0 then 1 else 0 end) as active_users_in_recent_window,
        sum(recent_events) as events_in_recent_window,
        sum(prior_events) as events_in_prior_window,
        sum(case when counts_as_superuser then 1 else 0 end) as superusers,
        sum(case when counts_as_superuser and recent_events = 0 then 1 else 0 end) as inactive_superusers

    from user_windows_flagged
    group by account_id, month_start

),

core_features_counted as (

    select
        months_measured.account_id,
        months_measured.month_start,
        count(distinct account_day_features.feature) as core_features_used_in_recent_window

    from months_measured
    inner join account_day_features
        on
            months_measured.account_id = account_day_features.account_id
            and months_measured.usage_recent_window_start <= account_day_features.activity_date
            and months_measured.evaluation_date >= account_day_features.activity_date
    inner join core_features
        on account_day_features.feature = core_features.feature
    group by months_measured.account_id, months_measured.month_start

),

joined as (

    select
        months_measured.*,
        coalesce(users_counted.active_users_in_recent_window, 0) as active_users_in_recent_window,
        coalesce(users_counted.events_in_recent_window, 0) as events_in_recent_window,
        coalesce(users_counted.events_in_prior_window, 0) as events_in_prior_window,
        coalesce(users_counted.superusers, 0) as superusers,
        coalesce(users_counted.inactive_superusers, 0) as inactive_superusers,
        coalesce(core_features_counted.core_features_used_in_recent_window, 0)
            as core_features_used_in_recent_window

    from months_measured
    left join users_counted
        on
            months_measured.account_id = users_counted.account_id
            and months_measured.month_start = users_counted.month_start
    left join core_features_counted
        on
            months_measured.account_id = core_features_counted.account_id
            and months_measured.month_start = core_features_counted.month_start

),

final as (

    select
        account_id,
        month_start,
        evaluation_date,
        usage_tracked_since,
        is_usage_tracked,
        is_usage_window_covered,
        is_usage_trend_window_covered,
        usage_recent_window_days,
        usage_recent_window_start,
        usage_prior_window_days,
        usage_prior_window_start,
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
        case when is_usage_tracked then inactive_superusers end as inactive_superusers,
        usage_loaded_through,
        usage_settings_fingerprint

    from joined

)

select * from final
