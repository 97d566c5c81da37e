{#
    Health versus actions. Question: when an account's health turned red, did the CS team
    act on it (open a CTA, complete a call, meeting, email, QBR or training), and did the
    accounts they acted on recover more often, or churn less often, than the others?

    A red episode starts in a month whose health tier is `red` after a month that was not
    (or the account's first month), and lasts while the tier stays red. Its outcome is read
    in the month after its last red month: `recovered` (tier green or yellow), `churned`
    (ARR went to zero), `still_red` (the episode runs into the month of as_of_date) or
    `unscored`. The CS team acted when at least one CTA was opened, or another activity was
    completed, from the first day of the month it turned red through the evaluation day of
    the outcome month (the last red month's, while still red).

    One row per outcome and `received_cs_action`: the episodes, the accounts (`red_accounts`), their ARR when
    they turned red, the average length of the episode, the average days from the month it
    turned red to the first action, and the share of the group's episodes with this outcome
    (`share_of_group`: of the episodes that got an action, the share that recovered, ...).
    For the episodes themselves, select from the CTE `episodes_with_actions` instead of
    `final`.

    Run it after a build, with the build's vars:
        dbt show --select health_red_versus_actions --vars '{...}'
    or `dbt compile --select health_red_versus_actions` and run the SQL it writes to
    target/compiled/cs_analytics/analyses/health_red_versus_actions.sql.
#}

with

account_months as (

    select * from {{ ref('fct_account_months') }}

),

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

actions_dated as (

    select
        account_id,
        activity_type,
        case
            when activity_type = 'cta' then created_at
            else completed_at
        end as acted_at

    from activities

),

red_turns_flagged as (

    select
        account_id,
        month_start,
        health_tier,
        arr,
        coalesce(
            health_tier = 'red'
            and coalesce(
                lag(health_tier) over (partition by account_id order by month_start), 'none'
            ) != 'red',
            false
        ) as is_turn_red

    from account_months

),

episodes_numbered as (

    select
        *,
        sum(case when is_turn_red then 1 else 0 end) over (
            partition by account_id
            order by month_start
            rows between unbounded preceding and current row
        ) as episode_number

    from red_turns_flagged

),

episodes_summarised as (

    select
        account_id,
        episode_number,
        min(month_start) as turned_red_month,
        max(month_start) as last_red_month,
        count(*) as red_months,
        sum(case when is_turn_red then arr else 0 end) as arr_when_turned_red

    from episodes_numbered
    where health_tier = 'red'
    group by
        account_id,
        episode_number

),

outcomes_classified as (

    select
        episodes_summarised.*,
        case
            when next_months.month_start is null then 'still_red'
            when next_months.movement_type = 'churn' then 'churned'
            when next_months.health_tier in ('green', 'yellow') then 'recovered'
            else 'unscored'
        end as outcome,
        coalesce(next_months.evaluation_date, last_red_months.evaluation_date) as outcome_evaluation_date

    from episodes_summarised
    inner join account_months as last_red_months
        on
            episodes_summarised.account_id = last_red_months.account_id
            and episodes_summarised.last_red_month = last_red_months.month_start
    left join account_months as next_months
        on
            episodes_summarised.account_id = next_months.account_id
            and next_months.month_start
            = cast({{ dbt.dateadd('month', 1, 'episodes_summarised.last_red_month') }} as date)

),

actions_in_episodes_joined as (

    select
        outcomes_classified.account_id,
        outcomes_classified.episode_number,
        actions_dated.activity_type,
        actions_dated.acted_at

    from outcomes_classified
    inner join actions_dated
        on
            outcomes_classified.account_id = actions_dated.account_id
            and outcomes_classified.turned_red_month <= actions_dated.acted_at
            and actions_dated.acted_at
            < {{ dbt.dateadd('day', 1, 'outcomes_classified.outcome_evaluation_date') }}

),

actions_counted as (

    select
        account_id,
        episode_number,
        sum(case when activity_type = 'cta' then 1 else 0 end) as ctas_opened,
        sum(case when activity_type != 'cta' then 1 else 0 end) as activities_completed,
        min(acted_at) as first_action_at

    from actions_in_episodes_joined
    group by
        account_id,
        episode_number

),

episodes_with_actions as (

    select
        outcomes_classified.account_id,
        outcomes_classified.turned_red_month,
        outcomes_classified.last_red_month,
        outcomes_classified.red_months,
        outcomes_classified.arr_when_turned_red,
        outcomes_classified.outcome,
        coalesce(actions_counted.ctas_opened, 0) as ctas_opened,
        coalesce(actions_counted.activities_completed, 0) as activities_completed,
        actions_counted.first_action_at,
        {{ dbt.datediff('outcomes_classified.turned_red_month', 'actions_counted.first_action_at', 'day') }}
            as days_to_first_action,
        actions_counted.account_id is not null as received_cs_action

    from outcomes_classified
    left join actions_counted
        on
            outcomes_classified.account_id = actions_counted.account_id
            and outcomes_classified.episode_number = actions_counted.episode_number

),

outcomes_summarised as (

    select
        received_cs_action,
        outcome,
        count(*) as episodes,
        count(distinct account_id) as red_accounts,
        sum(arr_when_turned_red) as arr_when_turned_red,
        avg(red_months) as avg_red_months,
        avg(days_to_first_action) as avg_days_to_first_action

    from episodes_with_actions
    group by
        received_cs_action,
        outcome

),

final as (

    select
        received_cs_action,
        outcome,
        cast(episodes as integer) as episodes,
        cast(red_accounts as integer) as red_accounts,
        arr_when_turned_red,
        avg_red_months,
        avg_days_to_first_action,
        cast(episodes as {{ dbt.type_numeric() }})
        / sum(episodes) over (partition by received_cs_action) as share_of_group

    from outcomes_summarised

)

select * from final
