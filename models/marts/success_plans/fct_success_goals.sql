{#
    One row per success-plan goal created up to as_of_date (int_success_goals_classified),
    with whether the customer agreed to it and its outcome as of as_of_date (achieved,
    missed, cancelled or open, and open past its due date), and the CSM whose book it
    counts in: the owner of the account at the end of the evaluation day of the month its
    outcome was settled (achieved, or due for a missed goal), or of the as_of month for a
    goal still open or cancelled: the CSM who answers for the result (the point-in-time
    rule of int_account_owners_resolved). A goal of an account unknown to the CRM keeps
    its row, with no CSM.
#}

with

goals as (

    select * from {{ ref('int_success_goals_classified') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

owner_months as (

    select
        *,
        cast({{ dbt.date_trunc('month', as_of_date()) }} as date) as as_of_month

    from goals

),

owners_joined as (

    select
        owner_months.*,
        owners.csm_user_id

    from owner_months
    left join owners
        on
            owner_months.account_id = owners.account_id
            and coalesce(owner_months.outcome_month, owner_months.as_of_month) = owners.month_start

),

final as (

    select
        cast(goal_id as {{ dbt.type_string() }}) as goal_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(csm_user_id as {{ dbt.type_string() }}) as csm_user_id,
        cast(objective as {{ dbt.type_string() }}) as objective,
        cast(status as {{ dbt.type_string() }}) as status,
        cast(outcome as {{ dbt.type_string() }}) as outcome,
        is_agreed,
        is_cancelled,
        is_achieved,
        is_missed,
        is_open_past_due,
        created_at,
        agreed_at,
        achieved_at,
        created_date,
        agreed_date,
        due_date,
        outcome_date

    from owners_joined

)

select * from final
