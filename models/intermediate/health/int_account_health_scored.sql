{#
    The customer health score: one row per account and month in which the account is a
    customer, from the signals of int_account_health_signals_measured and the seeds
    health_score_settings / health_score_weights (through int_health_settings_pivoted).

    Each input is scaled piecewise-linearly to 0–100 between two bounds of the settings
    (`<input>_zero_at` scores 0, `<input>_full_at` scores 100, linear in between, clamped
    outside; the bounds may run either way). A component is the mean of its available
    inputs, rounded to 2 decimals, and null when none is available. The health score is
    the weighted mean of the available components, the weights re-normalised over them,
    rounded to 2 decimals; its tier follows the settings' thresholds, and a pending full
    cancellation forces red. See the docs block `health_score`.
#}

{{ config(materialized='table') }}

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
        {{ linear_score(
            'ratios_calculated.seat_utilisation',
            'settings.seat_utilisation_zero_at',
            'settings.seat_utilisation_full_at'
        ) }} as seat_utilisation_score,
        {{ linear_score(
            'ratios_calculated.usage_trend',
            'settings.usage_trend_zero_at',
            'settings.usage_trend_full_at'
        ) }} as usage_trend_score,
        {{ linear_score(
            'ratios_calculated.feature_breadth',
            'settings.feature_breadth_zero_at',
            'settings.feature_breadth_full_at'
        ) }} as feature_breadth_score,
        {{ linear_score(
            'ratios_calculated.days_without_cs_touch',
            'settings.cs_touch_days_zero_at',
            'settings.cs_touch_days_full_at'
        ) }} as cs_touch_score,
        {{ linear_score(
            'ratios_calculated.nps_in_window',
            'settings.nps_zero_at',
            'settings.nps_full_at'
        ) }} as nps_score,
        {{ linear_score(
            'ratios_calculated.csat_in_window',
            'settings.csat_zero_at',
            'settings.csat_full_at'
        ) }} as csat_score,
        {{ linear_score(
            'ratios_calculated.tickets_per_10_seats_in_window',
            'settings.tickets_per_10_seats_zero_at',
            'settings.tickets_per_10_seats_full_at'
        ) }} as ticket_load_score,
        {{ linear_score(
            'ratios_calculated.urgent_tickets_in_window',
            'settings.urgent_tickets_zero_at',
            'settings.urgent_tickets_full_at'
        ) }} as urgent_tickets_score,
        {{ linear_score(
            'ratios_calculated.reopened_tickets_in_window',
            'settings.reopened_tickets_zero_at',
            'settings.reopened_tickets_full_at'
        ) }} as reopened_tickets_score,
        {{ linear_score(
            'ratios_calculated.contraction_share',
            'settings.contraction_share_zero_at',
            'settings.contraction_share_full_at'
        ) }} as contraction_score,
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

    select
        *,
        cast(round(
            {{ mean_of_available(['seat_utilisation_score', 'usage_trend_score', 'feature_breadth_score']) }},
            2
        ) as decimal(5, 2)) as usage_score,
        cast(round(
            {{ mean_of_available(['cs_touch_score', 'goals_score']) }},
            2
        ) as decimal(5, 2)) as engagement_score,
        cast(round(
            {{ mean_of_available(['nps_score', 'csat_score']) }},
            2
        ) as decimal(5, 2)) as sentiment_score,
        cast(round(
            {{ mean_of_available(['ticket_load_score', 'urgent_tickets_score', 'reopened_tickets_score']) }},
            2
        ) as decimal(5, 2)) as support_score,
        cast(round(relationship_points, 2) as decimal(5, 2)) as relationship_score,
        cast(round(
            case when has_pending_full_cancellation then 0.0 else contraction_score end, 2
        ) as decimal(5, 2)) as commercial_score

    from inputs_scored

),

health_weighted as (

    select
        components_scored.*,
        {{ mean_of_available(
            values=[
                'components_scored.usage_score',
                'components_scored.engagement_score',
                'components_scored.sentiment_score',
                'components_scored.support_score',
                'components_scored.relationship_score',
                'components_scored.commercial_score',
            ],
            weights=[
                'settings.usage_weight',
                'settings.engagement_weight',
                'settings.sentiment_weight',
                'settings.support_weight',
                'settings.relationship_weight',
                'settings.commercial_weight',
            ],
        ) }} as health_score_unrounded,
        {{ labels_listed([
            "case when components_scored.usage_score is not null then 'usage' end",
            "case when components_scored.engagement_score is not null then 'engagement' end",
            "case when components_scored.sentiment_score is not null then 'sentiment' end",
            "case when components_scored.support_score is not null then 'support' end",
            "case when components_scored.relationship_score is not null then 'relationship' end",
            "case when components_scored.commercial_score is not null then 'commercial' end",
        ], separator=',') }} as components_available,
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
        cast(round(seat_utilisation_score, 2) as decimal(5, 2)) as seat_utilisation_score,
        cast(round(usage_trend_score, 2) as decimal(5, 2)) as usage_trend_score,
        cast(round(feature_breadth_score, 2) as decimal(5, 2)) as feature_breadth_score,
        cast(round(cs_touch_score, 2) as decimal(5, 2)) as cs_touch_score,
        cast(round(goals_score, 2) as decimal(5, 2)) as goals_score,
        cast(round(nps_score, 2) as decimal(5, 2)) as nps_score,
        cast(round(csat_score, 2) as decimal(5, 2)) as csat_score,
        cast(round(ticket_load_score, 2) as decimal(5, 2)) as ticket_load_score,
        cast(round(urgent_tickets_score, 2) as decimal(5, 2)) as urgent_tickets_score,
        cast(round(reopened_tickets_score, 2) as decimal(5, 2)) as reopened_tickets_score,
        cast(round(contraction_score, 2) as decimal(5, 2)) as contraction_score,
        seat_utilisation,
        feature_breadth,
        days_without_cs_touch,
        contraction_share

    from changes_classified

)

select * from final
