{#
    Every account-month of int_account_months_classified attributed to a CSM book by ONE
    point-in-time rule: the account-month belongs to the CSM who owned the account at the
    end of the month's evaluation day (the month's last day, or as_of_date in the current
    month; int_account_owners_resolved). Every measure of the month follows it: ARR,
    movements and retention-cohort ARR, health, the QBR due and done, goals achieved and
    NPS responses, even when they happened before a mid-month reassignment. csm_user_id is
    null where nobody owned the account then (the `Unassigned` book).

    NPS responses: the trailing quarter, i.e. NPS responses submitted from the first day of
    the month two months before through the evaluation day (April 1 to June 30 for June).
    Goals achieved: success-plan goals with status `achieved` whose achieved_at falls in the
    month (up to the evaluation day).
#}

with

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

scores as (

    select * from {{ ref('int_account_health_scored') }}

),

qbrs as (

    select * from {{ ref('int_account_month_qbrs_counted') }}

),

goals as (

    select * from {{ ref('stg_crm__success_goals') }}

),

responses as (

    select * from {{ ref('int_survey_responses_classified') }}

),

goals_achieved as (

    select
        account_months.account_id,
        account_months.month_start,
        count(*) as goals_achieved

    from account_months
    inner join goals
        on
            account_months.account_id = goals.account_id
            and cast(goals.achieved_at as date) >= account_months.month_start
            and cast(goals.achieved_at as date) <= account_months.evaluation_date
    where goals.status = 'achieved'
    group by account_months.account_id, account_months.month_start

),

nps_trailing_quarter as (

    select
        account_months.account_id,
        account_months.month_start,
        sum(case when responses.nps_category = 'promoter' then 1 else 0 end) as nps_promoters,
        sum(case when responses.nps_category = 'detractor' then 1 else 0 end) as nps_detractors,
        count(*) as nps_responses

    from account_months
    inner join responses
        on
            account_months.account_id = responses.account_id
            and {{ dbt.dateadd('month', -2, 'account_months.month_start') }} <= responses.submitted_date
            and account_months.evaluation_date >= responses.submitted_date
    where responses.survey_type = 'nps'
    group by account_months.account_id, account_months.month_start

),

final as (

    select
        account_months.account_id,
        account_months.month_start,
        account_months.evaluation_date,
        owners.csm_user_id,
        account_months.is_opening_customer,
        account_months.is_customer,
        account_months.opening_arr,
        account_months.arr,
        account_months.new_arr,
        account_months.reactivation_arr,
        account_months.expansion_arr,
        account_months.contraction_arr,
        account_months.churned_arr,
        account_months.is_in_retention_cohort,
        account_months.cohort_starting_arr,
        account_months.cohort_ending_arr,
        account_months.cohort_retained_arr,
        scores.health_tier,
        coalesce(scores.health_tier = 'red', false) as is_at_risk,
        coalesce(qbrs.is_qbr_due, false) as is_qbr_due,
        coalesce(qbrs.is_qbr_completed, false) as is_qbr_completed,
        coalesce(goals_achieved.goals_achieved, 0) as goals_achieved,
        coalesce(nps_trailing_quarter.nps_promoters, 0) as nps_promoters,
        coalesce(nps_trailing_quarter.nps_detractors, 0) as nps_detractors,
        coalesce(nps_trailing_quarter.nps_responses, 0) as nps_responses

    from account_months
    left join owners
        on
            account_months.account_id = owners.account_id
            and account_months.month_start = owners.month_start
    left join scores
        on
            account_months.account_id = scores.account_id
            and account_months.month_start = scores.month_start
    left join qbrs
        on
            account_months.account_id = qbrs.account_id
            and account_months.month_start = qbrs.month_start
    left join goals_achieved
        on
            account_months.account_id = goals_achieved.account_id
            and account_months.month_start = goals_achieved.month_start
    left join nps_trailing_quarter
        on
            account_months.account_id = nps_trailing_quarter.account_id
            and account_months.month_start = nps_trailing_quarter.month_start

)

select * from final
