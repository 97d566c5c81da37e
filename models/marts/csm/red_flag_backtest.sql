{#
    Do the red flags and the attention list's top tiers point at the customers who leave?
    One row per complete backtest month and group: each month-end red-flag rule (the
    customers it was raised on at the month's evaluation day), `attention` (the customers
    the attention list would have put in its top three tiers: red, or an `act` rule
    raised) and `rest` (everyone else), with how many churned within the following
    `backtest_outcome_months` months (the outcome of int_account_months_health_outcomes
    _flagged, the health backtest's). The dated rules (no_cs_activity, onboarding_late,
    confirmed_cancellation) are evaluated at as_of_date only, so they are not here.
    See the docs block `red_flag_backtest`.
#}

with

outcomes as (

    select * from {{ ref('int_account_months_health_outcomes_flagged') }}

),

months_raised as (

    select * from {{ ref('int_account_months_red_flags_flagged') }}

),

rules as (

    select * from {{ ref('red_flag_rules') }}

),

flags_raised as (

    select
        months_raised.account_id,
        months_raised.month_start,
        months_raised.flag,
        coalesce(rules.severity, 'act') as severity

    from months_raised
    left join rules
        on months_raised.flag = rules.flag

),

act_flagged_months as (

    select distinct
        account_id,
        month_start

    from flags_raised
    where severity = 'act'

),

rule_groups as (

    select
        outcomes.month_start,
        outcomes.outcome_window_end,
        flags_raised.flag as flag_group,
        outcomes.arr,
        outcomes.has_churned

    from outcomes
    inner join flags_raised
        on
            outcomes.account_id = flags_raised.account_id
            and outcomes.month_start = flags_raised.month_start

),

attention_groups as (

    select
        outcomes.month_start,
        outcomes.outcome_window_end,
        case
            when outcomes.health_tier = 'red' or act_flagged_months.account_id is not null
                then 'attention'
            else 'rest'
        end as flag_group,
        outcomes.arr,
        outcomes.has_churned

    from outcomes
    left join act_flagged_months
        on
            outcomes.account_id = act_flagged_months.account_id
            and outcomes.month_start = act_flagged_months.month_start

),

unioned as (

    select * from rule_groups
    union all
    select * from attention_groups

),

groups_counted as (

    select
        month_start,
        outcome_window_end,
        flag_group,
        count(*) as customers,
        sum(arr) as arr,
        sum(case when has_churned then 1 else 0 end) as churned_customers,
        sum(case when has_churned then arr else 0 end) as churned_customers_arr

    from unioned
    group by month_start, outcome_window_end, flag_group

),

final as (

    select
        groups_counted.month_start,
        groups_counted.flag_group,
        case
            when groups_counted.flag_group in ('attention', 'rest') then groups_counted.flag_group
            else 'rule'
        end as group_kind,
        rules.severity,
        groups_counted.outcome_window_end,
        cast(groups_counted.customers as integer) as customers,
        cast(groups_counted.arr as decimal(18, 2)) as arr,
        cast(groups_counted.churned_customers as integer) as churned_customers,
        cast(groups_counted.churned_customers as double) / nullif(groups_counted.customers, 0) as churn_rate,
        cast(groups_counted.churned_customers_arr as decimal(18, 2)) as churned_customers_arr

    from groups_counted
    left join rules
        on groups_counted.flag_group = rules.flag

)

select * from final
