{#
    The raw signals behind the health score, all families side by side: one row per
    account and month in which the account is a customer (int_customer_months_windowed,
    passed on by the commercial family, which carries the customer month itself),
    measured as of the month's evaluation day over trailing windows that end on that day.
    Each family is measured in its own model, one row per customer month each; this model
    only joins them:

    - usage: int_account_months_usage_measured
    - engagement (CS touches, success-plan goals): int_account_months_engagement_measured
    - sentiment (NPS, CSAT): int_account_months_sentiment_measured
    - support (tickets): int_account_months_support_measured
    - relationship (contacts): int_account_months_relationship_measured
    - commercial (contraction): int_account_months_commercial_measured
    - pending cancellations: int_account_months_pending_cancellations_counted

    A windowed signal is named for its window (`_in_window`, `_in_recent_window`,
    `_in_prior_window`) and the window's length (`*_window_days`, `*_window_months`,
    settings of the seed health_score_settings) sits beside it. Where a source is not in
    use yet on the evaluation day, the `is_*_in_use` / coverage columns say so and
    int_account_health_scored leaves the inputs out instead of scoring them zero.
#}

{{ config(materialized='table') }}

with

usage as (

    select * from {{ ref('int_account_months_usage_measured') }}

),

engagement as (

    select * from {{ ref('int_account_months_engagement_measured') }}

),

sentiment as (

    select * from {{ ref('int_account_months_sentiment_measured') }}

),

support as (

    select * from {{ ref('int_account_months_support_measured') }}

),

relationship as (

    select * from {{ ref('int_account_months_relationship_measured') }}

),

commercial as (

    select * from {{ ref('int_account_months_commercial_measured') }}

),

pending_cancellations as (

    select * from {{ ref('int_account_months_pending_cancellations_counted') }}

),

final as (

    select
        commercial.account_id,
        commercial.month_start,
        commercial.evaluation_date,
        commercial.is_current_month,
        commercial.first_paid_month,
        commercial.arr,
        commercial.paid_seats,
        -- usage: the counts are null where the account's usage is not tracked
        usage.usage_tracked_since,
        usage.is_usage_tracked,
        usage.is_usage_window_covered,
        usage.is_usage_trend_window_covered,
        usage.usage_recent_window_days,
        usage.usage_prior_window_days,
        usage.active_users_in_recent_window,
        usage.events_in_recent_window,
        usage.events_in_prior_window,
        usage.usage_trend_ratio,
        usage.core_features_used_in_recent_window,
        usage.core_features_total,
        usage.superusers,
        usage.inactive_superusers,
        -- engagement
        engagement.is_cs_activity_log_in_use,
        engagement.last_cs_touch_date,
        engagement.days_since_last_cs_touch,
        engagement.cs_touch_clock_start_date,
        engagement.days_without_cs_touch,
        engagement.is_success_plan_in_use,
        engagement.goals_window_days,
        engagement.goals_agreed_in_window,
        engagement.goals_achieved_in_window,
        -- sentiment
        sentiment.nps_window_days,
        sentiment.nps_responses_in_window,
        sentiment.nps_promoters_in_window,
        sentiment.nps_detractors_in_window,
        sentiment.nps_in_window,
        sentiment.csat_window_days,
        sentiment.csat_responses_in_window,
        sentiment.csat_satisfied_in_window,
        sentiment.csat_in_window,
        -- support: null where no help desk was in use on the evaluation day
        support.is_help_desk_in_use,
        support.support_window_days,
        support.tickets_in_window,
        support.urgent_tickets_in_window,
        support.reopened_tickets_in_window,
        support.tickets_per_10_seats_in_window,
        -- relationship
        relationship.contacts_on_record,
        relationship.has_active_decision_maker,
        relationship.has_active_promoter,
        relationship.decision_maker_left_window_days,
        relationship.decision_makers_left_in_window,
        -- commercial
        commercial.contraction_window_months,
        commercial.contraction_arr_in_window,
        pending_cancellations.pending_cancellations,
        pending_cancellations.first_pending_requested_date,
        pending_cancellations.has_pending_full_cancellation,
        pending_cancellations.pending_cancellation_effective_date

    from commercial
    left join usage
        on
            commercial.account_id = usage.account_id
            and commercial.month_start = usage.month_start
    left join engagement
        on
            commercial.account_id = engagement.account_id
            and commercial.month_start = engagement.month_start
    left join sentiment
        on
            commercial.account_id = sentiment.account_id
            and commercial.month_start = sentiment.month_start
    left join support
        on
            commercial.account_id = support.account_id
            and commercial.month_start = support.month_start
    left join relationship
        on
            commercial.account_id = relationship.account_id
            and commercial.month_start = relationship.month_start
    left join pending_cancellations
        on
            commercial.account_id = pending_cancellations.account_id
            and commercial.month_start = pending_cancellations.month_start

)

select * from final
