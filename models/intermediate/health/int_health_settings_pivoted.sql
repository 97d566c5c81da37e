{#
    The health-score configuration as one row of typed columns: every setting of the seed
    health_score_settings (windows, scaling bounds, points, tier thresholds) and
    every component weight of the seed health_score_weights. A CS leader edits the two
    CSV files; no model holds a threshold of its own. A setting missing from the seed is
    null here, and a not_null test names it.
#}

{{ config(materialized='table') }}

with

settings as (

    select * from {{ ref('health_score_settings') }}

),

weights as (

    select * from {{ ref('health_score_weights') }}

),

settings_typed as (

    select
        setting,
        {{ dbt.safe_cast('value', 'integer') }} as as_integer,
        {{ dbt.safe_cast('value', 'decimal(18, 6)') }} as as_decimal

    from settings

),

settings_pivoted as (

    select
        max(case when setting = 'usage_recent_window_days' then as_integer end) as usage_recent_window_days,
        max(case when setting = 'usage_prior_window_days' then as_integer end) as usage_prior_window_days,
        max(case when setting = 'superuser_top_n' then as_integer end) as superuser_top_n,
        max(case when setting = 'superuser_min_events' then as_integer end) as superuser_min_events,
        max(case when setting = 'goals_window_days' then as_integer end) as goals_window_days,
        max(case when setting = 'nps_window_days' then as_integer end) as nps_window_days,
        max(case when setting = 'csat_window_days' then as_integer end) as csat_window_days,
        max(case when setting = 'support_window_days' then as_integer end) as support_window_days,
        max(case when setting = 'decision_maker_left_window_days' then as_integer end)
            as decision_maker_left_window_days,
        max(case when setting = 'contraction_window_months' then as_integer end) as contraction_window_months,
        max(case when setting = 'backtest_outcome_months' then as_integer end) as backtest_outcome_months,
        max(case when setting = 'backtest_min_red_customer_months' then as_integer end)
            as backtest_min_red_customer_months,
        max(case when setting = 'backtest_min_green_customer_months' then as_integer end)
            as backtest_min_green_customer_months,
        max(case when setting = 'backtest_min_red_to_green_churn_ratio' then as_decimal end)
            as backtest_min_red_to_green_churn_ratio,
        max(case when setting = 'backtest_min_attention_to_rest_churn_ratio' then as_decimal end)
            as backtest_min_attention_to_rest_churn_ratio,
        max(case when setting = 'seat_utilisation_zero_at' then as_decimal end) as seat_utilisation_zero_at,
        max(case when setting = 'seat_utilisation_full_at' then as_decimal end) as seat_utilisation_full_at,
        max(case when setting = 'usage_trend_zero_at' then as_decimal end) as usage_trend_zero_at,
        max(case when setting = 'usage_trend_full_at' then as_decimal end) as usage_trend_full_at,
        max(case when setting = 'feature_breadth_zero_at' then as_decimal end) as feature_breadth_zero_at,
        max(case when setting = 'feature_breadth_full_at' then as_decimal end) as feature_breadth_full_at,
        max(case when setting = 'cs_touch_days_full_at' then as_decimal end) as cs_touch_days_full_at,
        max(case when setting = 'cs_touch_days_zero_at' then as_decimal end) as cs_touch_days_zero_at,
        max(case when setting = 'goals_agreed_points' then as_decimal end) as goals_agreed_points,
        max(case when setting = 'goals_achieved_points' then as_decimal end) as goals_achieved_points,
        max(case when setting = 'nps_zero_at' then as_decimal end) as nps_zero_at,
        max(case when setting = 'nps_full_at' then as_decimal end) as nps_full_at,
        max(case when setting = 'csat_zero_at' then as_decimal end) as csat_zero_at,
        max(case when setting = 'csat_full_at' then as_decimal end) as csat_full_at,
        max(case when setting = 'tickets_per_10_seats_full_at' then as_decimal end)
            as tickets_per_10_seats_full_at,
        max(case when setting = 'tickets_per_10_seats_zero_at' then as_decimal end)
            as tickets_per_10_seats_zero_at,
        max(case when setting = 'urgent_tickets_full_at' then as_decimal end) as urgent_tickets_full_at,
        max(case when setting = 'urgent_tickets_zero_at' then as_decimal end) as urgent_tickets_zero_at,
        max(case when setting = 'reopened_tickets_full_at' then as_decimal end) as reopened_tickets_full_at,
        max(case when setting = 'reopened_tickets_zero_at' then as_decimal end) as reopened_tickets_zero_at,
        max(case when setting = 'decision_maker_points' then as_decimal end) as decision_maker_points,
        max(case when setting = 'promoter_points' then as_decimal end) as promoter_points,
        max(case when setting = 'decision_maker_left_penalty' then as_decimal end)
            as decision_maker_left_penalty,
        max(case when setting = 'contraction_share_full_at' then as_decimal end) as contraction_share_full_at,
        max(case when setting = 'contraction_share_zero_at' then as_decimal end) as contraction_share_zero_at,
        max(case when setting = 'tier_green_min_score' then as_decimal end) as tier_green_min_score,
        max(case when setting = 'tier_yellow_min_score' then as_decimal end) as tier_yellow_min_score

    from settings_typed

),

weights_pivoted as (

    select
        max(case when component = 'usage' then cast(weight as decimal(18, 6)) end) as usage_weight,
        max(case when component = 'engagement' then cast(weight as decimal(18, 6)) end) as engagement_weight,
        max(case when component = 'sentiment' then cast(weight as decimal(18, 6)) end) as sentiment_weight,
        max(case when component = 'support' then cast(weight as decimal(18, 6)) end) as support_weight,
        max(case when component = 'relationship' then cast(weight as decimal(18, 6)) end)
            as relationship_weight,
        max(case when component = 'commercial' then cast(weight as decimal(18, 6)) end) as commercial_weight

    from weights

),

final as (

    select
        settings_pivoted.*,
        weights_pivoted.*

    from settings_pivoted
    cross join weights_pivoted

)

select * from final
