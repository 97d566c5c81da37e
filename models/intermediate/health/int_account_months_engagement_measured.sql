{#
    Engagement signals per customer month (one row per row of int_customer_months_windowed),
    measured on the month's evaluation day: the last completed CS touch (activity types of
    the seed cs_touch_types), the days without one, and the success-plan goals agreed and
    achieved in the goals window (setting goals_window_days).

    The clock of "days without a CS touch" is written here once: from the last touch, or,
    for an account never touched, from its first paid month. It is null while the company
    logs no CS activity at all (no activity created on or before the evaluation day), so
    the health score leaves the input out and the red flag no_cs_activity is not raised.
    Goals count only while the company keeps success plans (a goal created on or before
    the evaluation day).
#}

with

customer_months as (

    select * from {{ ref('int_customer_months_windowed') }}

),

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

touch_types as (

    select * from {{ ref('cs_touch_types') }}

),

success_goals as (

    select * from {{ ref('stg_crm__success_goals') }}

),

cs_activity_log_started as (

    select min(cast(created_at as date)) as first_activity_date
    from activities

),

cs_touches as (

    select
        activities.account_id,
        cast(activities.completed_at as date) as touch_date

    from activities
    inner join touch_types
        on activities.activity_type = touch_types.activity_type
    -- an open activity (a CTA still to do) is no touch
    where activities.completed_at is not null

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
        ) as goals_agreed_in_window,
        count(
            distinct case
                when
                    goals_dated.achieved_date
                    between customer_months.goals_window_start and customer_months.evaluation_date
                    then goals_dated.goal_id
            end
        ) as goals_achieved_in_window

    from customer_months
    inner join goals_dated
        on
            customer_months.account_id = goals_dated.account_id
            and customer_months.evaluation_date >= goals_dated.agreed_date
    group by customer_months.account_id, customer_months.month_start

),

joined as (

    select
        customer_months.account_id,
        customer_months.month_start,
        customer_months.evaluation_date,
        customer_months.goals_window_days,
        cs_touches_latest.last_cs_touch_date,
        coalesce(cs_activity_log_started.first_activity_date <= customer_months.evaluation_date, false)
            as is_cs_activity_log_in_use,
        -- never touched: the clock runs from the first paid month
        coalesce(cs_touches_latest.last_cs_touch_date, customer_months.first_paid_month)
            as cs_touch_clock_start_date,
        coalesce(goals_counted.goals_agreed_in_window, 0) as goals_agreed_in_window,
        coalesce(goals_counted.goals_achieved_in_window, 0) as goals_achieved_in_window,
        coalesce(success_plans_started.first_goal_date <= customer_months.evaluation_date, false)
            as is_success_plan_in_use

    from customer_months
    cross join cs_activity_log_started
    cross join success_plans_started
    left join cs_touches_latest
        on
            customer_months.account_id = cs_touches_latest.account_id
            and customer_months.month_start = cs_touches_latest.month_start
    left join goals_counted
        on
            customer_months.account_id = goals_counted.account_id
            and customer_months.month_start = goals_counted.month_start

),

final as (

    select
        account_id,
        month_start,
        last_cs_touch_date,
        {{ dbt.datediff(
            'last_cs_touch_date', 'evaluation_date', 'day'
        ) }} as days_since_last_cs_touch,
        is_cs_activity_log_in_use,
        case when is_cs_activity_log_in_use then cs_touch_clock_start_date end as cs_touch_clock_start_date,
        case
            when is_cs_activity_log_in_use
                then {{ dbt.datediff('cs_touch_clock_start_date', 'evaluation_date', 'day') }}
        end as days_without_cs_touch,
        goals_window_days,
        goals_agreed_in_window,
        goals_achieved_in_window,
        is_success_plan_in_use

    from joined

)

select * from final
