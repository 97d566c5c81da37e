{#
    What each customer month's usage signals depend on: one row per row of
    int_customer_months_windowed with its evaluation day, its two usage windows (the
    recent one, setting usage_recent_window_days, and the prior one just before it,
    usage_prior_window_days), since when the account's usage is tracked, the newest day of
    usage loaded, whether usage is tracked over each window, and a fingerprint of the settings that shape the signals (superuser top
    N and minimum events, the core features). int_account_months_usage_measured keeps
    these beside what it measured, so a daily run finds the months whose inputs moved.
    A table: its tests and the measuring model read it.
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

core_features as (

    select * from {{ ref('core_features') }}

),

usage_loaded as (

    select max(usage_loaded_through) as usage_loaded_through
    from tracking

),

core_features_listed as (

    select
        count(*) as core_features_total,
        {{ sorted_listagg('feature', "','") }} as core_feature_list

    from core_features

),

fingerprinted as (

    select
        core_features_listed.core_features_total,
        {{ dbt.hash(dbt.concat([
            dbt.safe_cast('settings.superuser_top_n', dbt.type_string()),
            "'/'",
            dbt.safe_cast('settings.superuser_min_events', dbt.type_string()),
            "'/'",
            "coalesce(core_features_listed.core_feature_list, '')",
        ])) }} as usage_settings_fingerprint

    from settings
    cross join core_features_listed

),

final as (

    select
        customer_months.account_id,
        customer_months.month_start,
        customer_months.evaluation_date,
        customer_months.usage_recent_window_days,
        customer_months.usage_recent_window_start,
        customer_months.usage_prior_window_days,
        customer_months.usage_prior_window_start,
        tracking.usage_tracked_since,
        coalesce(tracking.usage_tracked_since <= customer_months.evaluation_date, false)
            as is_usage_tracked,
        coalesce(tracking.usage_tracked_since <= customer_months.usage_recent_window_start, false)
            as is_usage_window_covered,
        coalesce(tracking.usage_tracked_since <= customer_months.usage_prior_window_start, false)
            as is_usage_trend_window_covered,
        usage_loaded.usage_loaded_through,
        fingerprinted.core_features_total,
        fingerprinted.usage_settings_fingerprint

    from customer_months
    cross join usage_loaded
    cross join fingerprinted
    left join tracking
        on customer_months.account_id = tracking.account_id

)

select * from final
