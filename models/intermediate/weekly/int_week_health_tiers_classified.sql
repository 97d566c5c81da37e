{#
    The health-tier changes of the week's meeting: `turned_red` (red on as_of_date, not
    red at the last month end or a first month straight in red) and `turnaround` (red at
    the last month end, not red on as_of_date), from the score of the month holding
    as_of_date (int_account_health_scored), in the columns every weekly change has.
    Tiers are scored at month ends and on as_of_date, so the change is dated as_of_date
    and spans the month to date. Amount: the account's ARR on as_of_date.
#}

with

scores as (

    select * from {{ ref('int_account_health_scored') }}

),

windows as (

    select * from {{ ref('int_week_windows_resolved') }}

),

current_scores as (

    select
        scores.*,
        cast({{ dbt.dateadd('day', -1, 'scores.month_start') }} as date) as last_month_end_date

    from scores
    inner join windows
        on scores.evaluation_date = windows.as_of_date

),

changed as (

    select
        *,
        case
            when health_tier = 'red' and coalesce(previous_health_tier, '') <> 'red' then 'turned_red'
            when previous_health_tier = 'red' and health_tier <> 'red' then 'turnaround'
        end as change_type

    from current_scores

),

final as (

    select
        cast(change_type as {{ dbt.type_string() }}) as change_type,
        cast(evaluation_date as date) as event_date,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(arr as decimal(18, 2)) as amount,
        cast(
            {{ dbt.concat([
                "coalesce(previous_health_tier, 'new')",
                "' to '",
                "health_tier",
                "' since '",
                "cast(last_month_end_date as " ~ dbt.type_string() ~ ")",
                "' (score '",
                "cast(cast(round(health_score, 0) as bigint) as " ~ dbt.type_string() ~ ")",
                "')'",
            ]) }} as {{ dbt.type_string() }}
        ) as detail,
        cast(account_id as {{ dbt.type_string() }}) as source_id

    from changed
    where change_type is not null

)

select * from final
