{#
    The raw signals behind the health score: one row per account and month in which the
    account is a customer (ARR above zero in int_account_months_classified), measured as
    of the month's evaluation day (its last day, or as_of_date in the current month) over
    trailing windows that end on that day, inclusive. Window lengths come from the seed
    health_score_settings (through int_health_settings_pivoted); the column names carry
    their default lengths (30, 90, 180 days, 12 months).

    Usage is read only through the incremental daily aggregates (never the events), and
    every trailing window is one range join per source on (account_id, date range).

    Where a source is not in use yet on the evaluation day (no usage tracked for the
    account, no help desk, no CS activity log, no success plans, no contact on record), the
    `*_in_use` / coverage columns say so and int_account_health_scored leaves the inputs
    out instead of scoring them zero.
#}

{{ config(materialized='table') }}

with

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

settings as (

    select * from {{ ref('int_health_settings_pivoted') }}

),

subscription_items as (

    select * from {{ ref('int_subscription_items_converted') }}

),

account_usage as (

    select * from {{ ref('int_account_usage_measured') }}

),

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

success_goals as (

    select * from {{ ref('stg_crm__success_goals') }}

),

survey_responses as (

    select * from {{ ref('stg_surveys__responses') }}

),

support_tickets as (

    select * from {{ ref('stg_support__tickets') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

cancellations as (

    select * from {{ ref('stg_crm__cancellations') }}

),

-- the customer months and the first day of each trailing window
customer_months as (

    select
        account_months.account_id,
        account_months.month_start,
        account_months.evaluation_date,
        account_months.first_paid_month,
        account_months.arr,
        cast(
            {{ dbt.dateadd('day', '1 - settings.goals_window_days', 'account_months.evaluation_date') }}
            as date
        ) as goals_window_start,
        cast(
            {{ dbt.dateadd('day', '1 - settings.nps_window_days', 'account_months.evaluation_date') }}
            as date
        ) as nps_window_start,
        cast(
            {{ dbt.dateadd('day', '1 - settings.csat_window_days', 'account_months.evaluation_date') }}
            as date
        ) as csat_window_start,
        cast(
            {{ dbt.dateadd('day', '1 - settings.support_window_days', 'account_months.evaluation_date') }}
            as date
        ) as support_window_start,
        cast(
            {{ dbt.dateadd(
                'day', '1 - settings.decision_maker_left_window_days', 'account_months.evaluation_date'
            ) }}
            as date
        ) as decision_maker_left_window_start,
        cast(
            {{ dbt.dateadd('month', '1 - settings.contraction_window_months', 'account_months.month_start') }}
            as date
        ) as contraction_window_first_month

    from account_months
    cross join settings
    where account_months.arr > 0

),

-- ---------------------------------------------------------------- seats
paid_seats_summed as (

    select
        customer_months.account_id,
        customer_months.month_start,
        sum(subscription_items.quantity) as paid_seats

    from customer_months
    inner join subscription_items
        on
            customer_months.account_id = subscription_items.account_id
            and subscription_items.product = 'core'
            and customer_months.evaluation_date >= subscription_items.valid_from
            and (
                subscription_items.valid_to is null
                or customer_months.evaluation_date < subscription_items.valid_to
            )
    group by customer_months.account_id, customer_months.month_start

),

-- ---------------------------------------------------------------- engagement
cs_activity_log_started as (

    select min(cast(created_at as date)) as first_activity_date
    from activities

),

cs_touches as (

    select
        activities.account_id,
        cast(activities.completed_at as date) as touch_date

    from activities
    cross join settings
    where
        activities.completed_at is not null
        and {{ dbt.concat(["','", 'settings.cs_touch_types', "','"]) }}
        like {{ dbt.concat(["'%,'", 'activities.activity_type', "',%'"]) }}

),

cs_touches_latest as (

    select
        customer_months.account_id,
        customer_months.month_start,
        max(cs_touches.touch_date) as last_cs_touch_date

    from customer_months
    inner join cs_touches
        on
            customer_months.account_id = cs_touches.account_id
            and customer_months.evaluation_date >= cs_touches.touch_date
    group by customer_months.account_id, customer_months.month_start

),

success_plans_started as (

    select min(cast(created_at as date)) as first_goal_date
    from success_goals

),

goals_dated as (

    select
        goal_id,
        account_id,
        cast(agreed_at as date) as agreed_date,
        cast(achieved_at as date) as achieved_date

    from success_goals
    -- a goal the customer never agreed to is not part of the success plan
    where agreed_at is not null

),

goals_counted as (

    select
        customer_months.account_id,
        customer_months.month_start,
        count(
            distinct case
                when
                    goals_dated.agreed_date
                    between customer_months.goals_window_start and customer_months.evaluation_date
                    then goals_dated.goal_id
            end
        ) as goals_agreed_12m,
        count(
            distinct case
                when
                    goals_dated.achieved_date
                    between customer_months.goals_window_start and customer_months.evaluation_date
                    then goals_dated.goal_id
            end
        ) as goals_achieved_12m

    from customer_months
    inner join goals_dated
        on
            customer_months.account_id = goals_dated.account_id
            and customer_months.evaluation_date >= goals_dated.agreed_date
    group by customer_months.account_id, customer_months.month_start

),

-- ---------------------------------------------------------------- sentiment
responses_dated as (

    select
        account_id,
        survey_type,
        score,
        cast(submitted_at as date) as submitted_date

    from survey_responses
    where survey_type in ('nps', 'csat') and score is not null

),

responses_windowed as (

    select
        customer_months.account_id,
        customer_months.month_start,
        responses_dated.score,
        responses_dated.survey_type = 'nps'
        and responses_dated.submitted_date >= customer_months.nps_window_start as is_nps_in_window,
        responses_dated.survey_type = 'csat'
        and responses_dated.submitted_date >= customer_months.csat_window_start as is_csat_in_window

    from customer_months
    inner join responses_dated
        on
            customer_months.account_id = responses_dated.account_id
            and customer_months.evaluation_date >= responses_dated.submitted_date
            and responses_dated.submitted_date
            >= least(customer_months.nps_window_start, customer_months.csat_window_start)

),

responses_counted as (

    select
        account_id,
        month_start,
        sum(case when is_nps_in_window then 1 else 0 end) as nps_responses_180d,
        sum(case when is_nps_in_window and score >= 9 then 1 else 0 end) as nps_promoters_180d,
        sum(case when is_nps_in_window and score <= 6 then 1 else 0 end) as nps_detractors_180d,
        sum(case when is_csat_in_window then 1 else 0 end) as csat_responses_90d,
        sum(case when is_csat_in_window and score >= 4 then 1 else 0 end) as csat_satisfied_90d

    from responses_windowed
    group by account_id, month_start

),

-- ---------------------------------------------------------------- support
help_desk_started as (

    select min(cast(created_at as date)) as first_ticket_date
    from support_tickets

),

tickets_counted as (

    select
        customer_months.account_id,
        customer_months.month_start,
        count(*) as tickets_90d,
        sum(case when support_tickets.priority = 'urgent' then 1 else 0 end) as urgent_tickets_90d,
        sum(case when support_tickets.reopen_count > 0 then 1 else 0 end) as reopened_tickets_90d

    from customer_months
    inner join support_tickets
        on
            customer_months.account_id = support_tickets.account_id
            and cast(support_tickets.created_at as date) >= customer_months.support_window_start
            and cast(support_tickets.created_at as date) <= customer_months.evaluation_date
    group by customer_months.account_id, customer_months.month_start

),

-- ---------------------------------------------------------------- relationship
contacts_dated as (

    select
        account_id,
        is_decision_maker,
        is_promoter,
        cast(created_at as date) as created_date,
        cast(left_at as date) as left_date

    from contacts

),

contacts_counted as (

    select
        customer_months.account_id,
        customer_months.month_start,
        count(*) as contacts_on_record,
        max(
            case
                when
                    contacts_dated.is_decision_maker
                    and (
                        contacts_dated.left_date is null
                        or contacts_dated.left_date > customer_months.evaluation_date
                    )
                    then 1
                else 0
            end
        ) as active_decision_maker_flag,
        max(
            case
                when
                    contacts_dated.is_promoter
                    and (
                        contacts_dated.left_date is null
                        or contacts_dated.left_date > customer_months.evaluation_date
                    )
                    then 1
                else 0
            end
        ) as active_promoter_flag,
        sum(
            case
                when
                    contacts_dated.is_decision_maker
                    and contacts_dated.left_date >= customer_months.decision_maker_left_window_start
                    and contacts_dated.left_date <= customer_months.evaluation_date
                    then 1
                else 0
            end
        ) as decision_makers_left_90d

    from customer_months
    inner join contacts_dated
        on
            customer_months.account_id = contacts_dated.account_id
            and customer_months.evaluation_date >= contacts_dated.created_date
    group by customer_months.account_id, customer_months.month_start

),

-- ---------------------------------------------------------------- commercial
contraction_summed as (

    select
        customer_months.account_id,
        customer_months.month_start,
        sum(account_months.contraction_arr) as contraction_arr_90d

    from customer_months
    inner join account_months
        on
            customer_months.account_id = account_months.account_id
            and customer_months.contraction_window_first_month <= account_months.month_start
            and customer_months.month_start >= account_months.month_start
    group by customer_months.account_id, customer_months.month_start

),

full_notices_ranked as (

    -- the latest full notice given on or before the evaluation day supersedes earlier ones
    select
        customer_months.account_id,
        customer_months.month_start,
        customer_months.evaluation_date,
        cancellations.effective_date,
        row_number() over (
            partition by customer_months.account_id, customer_months.month_start
            order by cancellations.requested_at desc, cancellations.cancellation_id desc
        ) as notice_rank

    from customer_months
    inner join cancellations
        on
            customer_months.account_id = cancellations.account_id
            and cancellations.cancellation_type = 'full'
            and cast(cancellations.requested_at as date) <= customer_months.evaluation_date

),

pending_cancellations as (

    select
        account_id,
        month_start,
        effective_date as pending_cancellation_effective_date

    from full_notices_ranked
    where notice_rank = 1 and effective_date > evaluation_date

),

-- ---------------------------------------------------------------- together
joined as (

    select
        customer_months.account_id,
        customer_months.month_start,
        customer_months.evaluation_date,
        customer_months.first_paid_month,
        customer_months.arr,
        coalesce(paid_seats_summed.paid_seats, 0) as paid_seats,
        account_usage.usage_tracked_since,
        coalesce(account_usage.is_usage_tracked, false) as is_usage_tracked,
        coalesce(account_usage.is_usage_window_covered, false) as is_usage_window_covered,
        coalesce(account_usage.is_usage_trend_window_covered, false) as is_usage_trend_window_covered,
        account_usage.active_users_30d,
        account_usage.events_30d,
        account_usage.events_prior_90d,
        account_usage.usage_trend_ratio,
        account_usage.superusers,
        account_usage.inactive_superusers,
        account_usage.core_features_used_30d,
        case
            when settings.core_features is null or settings.core_features = '' then 0
            else
                {{ dbt.length('settings.core_features') }}
                - {{ dbt.length(dbt.replace('settings.core_features', "','", "''")) }} + 1
        end as core_features_total,
        cs_touches_latest.last_cs_touch_date,
        coalesce(cs_activity_log_started.first_activity_date <= customer_months.evaluation_date, false)
            as is_cs_activity_log_in_use,
        coalesce(goals_counted.goals_agreed_12m, 0) as goals_agreed_12m,
        coalesce(goals_counted.goals_achieved_12m, 0) as goals_achieved_12m,
        coalesce(success_plans_started.first_goal_date <= customer_months.evaluation_date, false)
            as is_success_plan_in_use,
        coalesce(responses_counted.nps_responses_180d, 0) as nps_responses_180d,
        coalesce(responses_counted.nps_promoters_180d, 0) as nps_promoters_180d,
        coalesce(responses_counted.nps_detractors_180d, 0) as nps_detractors_180d,
        coalesce(responses_counted.csat_responses_90d, 0) as csat_responses_90d,
        coalesce(responses_counted.csat_satisfied_90d, 0) as csat_satisfied_90d,
        coalesce(help_desk_started.first_ticket_date <= customer_months.evaluation_date, false)
            as is_help_desk_in_use,
        coalesce(tickets_counted.tickets_90d, 0) as tickets_90d,
        coalesce(tickets_counted.urgent_tickets_90d, 0) as urgent_tickets_90d,
        coalesce(tickets_counted.reopened_tickets_90d, 0) as reopened_tickets_90d,
        coalesce(contacts_counted.contacts_on_record, 0) as contacts_on_record,
        coalesce(contacts_counted.active_decision_maker_flag, 0) = 1 as has_active_decision_maker,
        coalesce(contacts_counted.active_promoter_flag, 0) = 1 as has_active_promoter,
        coalesce(contacts_counted.decision_makers_left_90d, 0) as decision_makers_left_90d,
        coalesce(contraction_summed.contraction_arr_90d, 0) as contraction_arr_90d,
        pending_cancellations.pending_cancellation_effective_date

    from customer_months
    cross join settings
    cross join cs_activity_log_started
    cross join success_plans_started
    cross join help_desk_started
    left join paid_seats_summed
        on
            customer_months.account_id = paid_seats_summed.account_id
            and customer_months.month_start = paid_seats_summed.month_start
    left join account_usage
        on
            customer_months.account_id = account_usage.account_id
            and customer_months.month_start = account_usage.month_start
    left join cs_touches_latest
        on
            customer_months.account_id = cs_touches_latest.account_id
            and customer_months.month_start = cs_touches_latest.month_start
    left join goals_counted
        on
            customer_months.account_id = goals_counted.account_id
            and customer_months.month_start = goals_counted.month_start
    left join responses_counted
        on
            customer_months.account_id = responses_counted.account_id
            and customer_months.month_start = responses_counted.month_start
    left join tickets_counted
        on
            customer_months.account_id = tickets_counted.account_id
            and customer_months.month_start = tickets_counted.month_start
    left join contacts_counted
        on
            customer_months.account_id = contacts_counted.account_id
            and customer_months.month_start = contacts_counted.month_start
    left join contraction_summed
        on
            customer_months.account_id = contraction_summed.account_id
            and customer_months.month_start = contraction_summed.month_start
    left join pending_cancellations
        on
            customer_months.account_id = pending_cancellations.account_id
            and customer_months.month_start = pending_cancellations.month_start

),

final as (

    select
        account_id,
        month_start,
        evaluation_date,
        arr,
        paid_seats,
        -- usage (int_account_usage_measured): null where the account's usage is not tracked
        active_users_30d,
        events_30d,
        events_prior_90d,
        usage_trend_ratio,
        core_features_used_30d,
        core_features_total,
        superusers,
        inactive_superusers,
        last_cs_touch_date,
        {{ dbt.datediff(
            'last_cs_touch_date', 'evaluation_date', 'day'
        ) }} as days_since_last_cs_touch,
        goals_agreed_12m,
        goals_achieved_12m,
        nps_responses_180d,
        nps_promoters_180d,
        nps_detractors_180d,
        {{ nps_from_counts('nps_promoters_180d', 'nps_detractors_180d', 'nps_responses_180d') }} as nps_180d,
        csat_responses_90d,
        csat_satisfied_90d,
        {{ csat_from_counts('csat_satisfied_90d', 'csat_responses_90d') }} as csat_90d,
        -- support: null where no help desk was in use on the evaluation day
        case when is_help_desk_in_use then tickets_90d end as tickets_90d,
        case when is_help_desk_in_use then urgent_tickets_90d end as urgent_tickets_90d,
        case when is_help_desk_in_use then reopened_tickets_90d end as reopened_tickets_90d,
        case
            when is_help_desk_in_use and paid_seats > 0 then 10.0 * tickets_90d / paid_seats
        end as tickets_per_10_seats_90d,
        has_active_decision_maker,
        has_active_promoter,
        decision_makers_left_90d,
        contraction_arr_90d,
        pending_cancellation_effective_date is not null as has_pending_full_cancellation,
        pending_cancellation_effective_date,
        -- where each input comes from, and whether it is in use on the evaluation day
        first_paid_month,
        usage_tracked_since,
        is_usage_tracked,
        is_usage_window_covered,
        is_usage_trend_window_covered,
        is_cs_activity_log_in_use,
        is_success_plan_in_use,
        is_help_desk_in_use,
        contacts_on_record

    from joined

)

select * from final
