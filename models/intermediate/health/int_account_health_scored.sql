{#
    The customer health score per account and customer month, from
    int_account_health_signals_measured and the settings (int_health_settings_pivoted):
    each input scaled 0–100 between its two bounds (linear_score), a component the mean of
    its available inputs, the score their weighted mean over the available components
    (weights re-normalised), the tier from the thresholds, red forced by a pending full
    cancellation, and the change of tier. See the docs block `health_score`.
#}

{{ config(materialized='table') }}

{#- each input scaled between its two bounds: (value, the bounds' setting prefix, score) -#}
{%- set scaled_inputs = [
    ('seat_utilisation', 'seat_utilisation', 'seat_utilisation_score'),
    ('usage_trend', 'usage_trend', 'usage_trend_score'),
    ('feature_breadth', 'feature_breadth', 'feature_breadth_score'),
    ('days_without_cs_touch', 'cs_touch_days', 'cs_touch_score'),
    ('nps_in_window', 'nps', 'nps_score'),
    ('csat_in_window', 'csat', 'csat_score'),
    ('tickets_per_10_seats_in_window', 'tickets_per_10_seats', 'ticket_load_score'),
    ('urgent_tickets_in_window', 'urgent_tickets', 'urgent_tickets_score'),
    ('reopened_tickets_in_window', 'reopened_tickets', 'reopened_tickets_score'),
    ('contraction_share', 'contraction_share', 'contraction_score'),
] %}
{#- the components, in their published order, and the inputs each averages -#}
{%- set averaged_components = {
    'usage': ['seat_utilisation_score', 'usage_trend_score', 'feature_breadth_score'],
    'engagement': ['cs_touch_score', 'goals_score'],
    'sentiment': ['nps_score', 'csat_score'],
    'support': ['ticket_load_score', 'urgent_tickets_score', 'reopened_tickets_score'],
} %}
{%- set component_scores, component_weights, component_labels = [], [], [] %}
{%- for component in ['usage', 'engagement', 'sentiment', 'support', 'relationship', 'commercial'] %}
{%- do component_scores.append('components_scored.' ~ component ~ '_score') %}
{%- do component_weights.append('settings.' ~ component ~ '_weight') %}
{%- do component_labels.append(
    'case when components_scored.' ~ component ~ "_score is not null then '" ~ component ~ "' end"
) %}
{%- endfor %}
{#- the inputs as published, in the order of the components -#}
{%- set input_scores = [
    'seat_utilisation_score', 'usage_trend_score', 'feature_breadth_score', 'cs_touch_score', 'goals_score',
    'nps_score', 'csat_score', 'ticket_load_score', 'urgent_tickets_score', 'reopened_tickets_score',
    'contraction_score',
] %}

with

signals as (

    select * from {{ ref('int_account_health_signals_measured') }}

),

settings as (

    select * from {{ ref('int_health_settings_pivoted') }}

),

ratios_calculated as (

    select
        signals.*,
        case
            when signals.is_usage_window_covered and signals.paid_seats > 0
                then cast(signals.active_users_in_recent_window as double) / signals.paid_seats
        end as seat_utilisation,
        -- the trend needs the whole prior window tracked
        case when signals.is_usage_trend_window_covered then signals.usage_trend_ratio end as usage_trend,
        case
            when signals.is_usage_window_covered and signals.core_features_total > 0
                then cast(signals.core_features_used_in_recent_window as double) / signals.core_features_total
        end as feature_breadth,
        cast(signals.contraction_arr_in_window as double)
        / nullif(signals.arr + signals.contraction_arr_in_window, 0) as contraction_share

    from signals

),

inputs_scored as (

    -- each input scored 0–100 on the straight line between its two bounds (see linear_score)
    select
        ratios_calculated.*,
        {%- for value, bounds, score in scaled_inputs %}
        {{ linear_score(
            'ratios_calculated.' ~ value, 'settings.' ~ bounds ~ '_zero_at', 'settings.' ~ bounds ~ '_full_at'
        ) }} as {{ score }},
        {%- endfor %}
        case
            when ratios_calculated.is_success_plan_in_use
                then least(
                    100.0,
                    case
                        when ratios_calculated.goals_agreed_in_window > 0 then settings.goals_agreed_points
                        else 0
                    end
                    + settings.goals_achieved_points * least(
                        1.0,
                        cast(ratios_calculated.goals_achieved_in_window as double)
                        / greatest(ratios_calculated.goals_agreed_in_window, 1)
                    )
                )
        end as goals_score,
        case
            when ratios_calculated.contacts_on_record > 0
                then greatest(
                    0.0,
                    least(
                        100.0,
                        case
                            when ratios_calculated.has_active_decision_maker
                                then settings.decision_maker_points
                            else 0
                        end
                        + case
                            when ratios_calculated.has_active_promoter then settings.promoter_points
                            else 0
                        end
                        - case
                            when ratios_calculated.decision_makers_left_in_window > 0
                                then settings.decision_maker_left_penalty
                            else 0
                        end
                    )
                )
        end as relationship_points

    from ratios_calculated
    cross join settings

),

components_scored as (

    -- a component: the mean of its available inputs (relationship: its points; commercial:
    -- 0 while a full cancellation is pending), rounded to 2 decimals
    select
        *,
        {%- for component, inputs in averaged_components.items() %}
        cast(round({{ mean_of_available(inputs) }}, 2) as decimal(5, 2)) as {{ component }}_score,
        {%- endfor %}
        cast(round(relationship_points, 2) as decimal(5, 2)) as relationship_score,
        cast(round(
            case when has_pending_full_cancellation then 0.0 else contraction_score end, 2
        ) as decimal(5, 2)) as commercial_score

    from inputs_scored

),

health_weighted as (

    select
        components_scored.*,
        {{ mean_of_available(values=component_scores, weights=component_weights) }} as health_score_unrounded,
        {{ labels_listed(component_labels, separator=',') }} as components_available,
        settings.tier_green_min_score,
        settings.tier_yellow_min_score

    from components_scored
    cross join settings

),

tiered as (

    select
        *,
        cast(round(health_score_unrounded, 2) as decimal(5, 2)) as health_score,
        case
            when has_pending_full_cancellation then 'red'
            when round(health_score_unrounded, 2) >= tier_green_min_score then 'green'
            when round(health_score_unrounded, 2) >= tier_yellow_min_score then 'yellow'
            else 'red'
        end as health_tier

    from health_weighted

),

compared_with_prior_month as (

    select
        *,
        lag(month_start) over (partition by account_id order by month_start) as prior_scored_month,
        lag(health_tier) over (partition by account_id order by month_start) as prior_scored_tier

    from tiered

),

changes_classified as (

    select
        *,
        -- last month's tier; null when the account was not a customer last month
        case
            when prior_scored_month = cast({{ dbt.dateadd('month', -1, 'month_start') }} as date)
                then prior_scored_tier
        end as previous_health_tier

    from compared_with_prior_month

),

final as (

    select
        account_id,
        month_start,
        evaluation_date,
        arr,
        usage_score,
        engagement_score,
        sentiment_score,
        support_score,
        relationship_score,
        commercial_score,
        components_available,
        health_score,
        health_tier,
        has_pending_full_cancellation as is_tier_forced_red,
        previous_health_tier,
        case
            when previous_health_tier is null then null
            when previous_health_tier = health_tier then 'unchanged'
            when
                (previous_health_tier = 'red' and health_tier in ('yellow', 'green'))
                or (previous_health_tier = 'yellow' and health_tier = 'green')
                then 'turnaround'
            else 'slip'
        end as tier_change,
        -- each input on its 0–100 scale (null when not available), as the components use them
        {%- for score in input_scores %}
        cast(round({{ score }}, 2) as decimal(5, 2)) as {{ score }},
        {%- endfor %}
        seat_utilisation,
        feature_breadth,
        days_without_cs_touch,
        contraction_share

    from changes_classified

)

select * from final
