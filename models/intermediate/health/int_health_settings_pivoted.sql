{#
    The health-score configuration as one row of typed columns: every setting of the seed
    health_score_settings (windows, scaling bounds, points, tier thresholds, lists) and
    every component weight of the seed health_score_weights. A CS leader edits the two
    CSV files; no model holds a threshold of its own. A setting missing from the seed is
    null here, and a not_null test names it.
#}

{%- set integer_settings = ['usage_recent_window_days', 'usage_prior_window_days', 'superuser_top_n', 'superuser_min_events', 'goals_window_days', 'nps_window_days', 'csat_window_days', 'support_window_days', 'decision_maker_left_window_days', 'contraction_window_months', 'backtest_outcome_months'] -%}
{%- set decimal_settings = ['seat_utilisation_zero_at', 'seat_utilisation_full_at', 'usage_trend_zero_at', 'usage_trend_full_at', 'feature_breadth_zero_at', 'feature_breadth_full_at', 'cs_touch_days_full_at', 'cs_touch_days_zero_at', 'goals_agreed_points', 'goals_achieved_points', 'nps_zero_at', 'nps_full_at', 'csat_zero_at', 'csat_full_at', 'tickets_per_10_seats_full_at', 'tickets_per_10_seats_zero_at', 'urgent_tickets_full_at', 'urgent_tickets_zero_at', 'reopened_tickets_full_at', 'reopened_tickets_zero_at', 'decision_maker_points', 'promoter_points', 'decision_maker_left_penalty', 'contraction_share_full_at', 'contraction_share_zero_at', 'tier_green_min_score', 'tier_yellow_min_score'] -%}
{%- set text_settings = ['cs_touch_types', 'core_features'] -%}
{%- set components = ['usage', 'engagement', 'sentiment', 'support', 'relationship', 'commercial'] %}

with

settings as (

    select * from {{ ref('health_score_settings') }}

),

weights as (

    select * from {{ ref('health_score_weights') }}

),

settings_pivoted as (

    select
        {%- for name in integer_settings %}
            max(case when setting = '{{ name }}' then {{ dbt.safe_cast('value', 'integer') }} end) as {{ name }},
        {%- endfor %}
        {%- for name in decimal_settings %}
            max(
                case when setting = '{{ name }}' then {{ dbt.safe_cast('value', 'decimal(18, 6)') }} end
            ) as {{ name }},
        {%- endfor %}
        {%- for name in text_settings %}
            max(case when setting = '{{ name }}' then replace(value, ' ', '') end) as {{ name }}{{ ',' if not loop.last }}
        {%- endfor %}

    from settings

),

weights_pivoted as (

    select
        {%- for component in components %}
            max(case when component = '{{ component }}' then weight end) as {{ component }}_weight
            {{- ',' if not loop.last }}
        {%- endfor %}

    from weights

),

final as (

    select
        settings_pivoted.*,
        {%- for component in components %}
            cast(weights_pivoted.{{ component }}_weight as decimal(18, 6)) as {{ component }}_weight
            {{- ',' if not loop.last }}
        {%- endfor %}

    from settings_pivoted
    cross join weights_pivoted

)

select * from final
