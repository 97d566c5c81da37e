{#
    One row per month and CSM book (see the model's description for the attribution rule
    and which books get a row). Sums of int_csm_account_months_attributed.
#}

with

account_months as (

    select * from {{ ref('int_csm_account_months_attributed') }}

),

users as (

    select * from {{ ref('stg_crm__users') }}

),

targets as (

    select * from {{ ref('int_kpi_targets_resolved') }}

),

-- seed 000: each CSM's portfolio NRR target (their own row, else their segment's or the
-- company's, per int_kpi_targets_resolved); the Unassigned book has no owner and no target
nrr_targets as (

    select * from targets
    where
        period_grain = 'month'
        and kpi_name = 'nrr'
        and segment is null
        and csm_user_id is not null

),

aggregated as (

    select
        month_start,
        csm_user_id,
        sum(case when is_customer then 1 else 0 end) as customers,
        sum(arr) as arr,
        sum(opening_arr) as opening_arr,
        sum(new_arr) as new_arr,
        sum(reactivation_arr) as reactivation_arr,
        sum(expansion_arr) as expansion_arr,
        sum(contraction_arr) as contraction_arr,
        sum(churned_arr) as churned_arr,
        sum(case when is_in_retention_cohort then 1 else 0 end) as cohort_customers,
        sum(cohort_starting_arr) as starting_arr,
        sum(cohort_ending_arr) as ending_arr,
        sum(cohort_retained_arr) as retained_arr,
        sum(case when is_customer and is_at_risk then 1 else 0 end) as at_risk_customers,
        sum(case when is_customer and is_at_risk then arr else 0 end) as at_risk_arr,
        sum(nps_promoters) as nps_promoters,
        sum(nps_detractors) as nps_detractors,
        sum(nps_responses) as nps_responses,
        sum(case when is_qbr_due then 1 else 0 end) as qbrs_due,
        sum(case when is_qbr_completed then 1 else 0 end) as qbrs_completed,
        sum(goals_achieved) as goals_achieved

    from account_months
    group by month_start, csm_user_id

),

books as (

    -- a book gets a row while it holds a customer, or ARR that moved or is measured in
    -- the retention cohort this month (a CSM whose last customer churned), so that every
    -- sum over books equals the company's
    select * from aggregated
    where customers > 0 or opening_arr > 0 or starting_arr > 0

),

with_nps as (

    select
        *,
        {{ nps_from_counts('nps_promoters', 'nps_detractors', 'nps_responses') }} as nps

    from books

),

with_prior_quarter as (

    select
        with_nps.*,
        prior_quarter.nps as nps_prior_quarter

    from with_nps
    left join with_nps as prior_quarter
        on
            -- null-safe: the Unassigned book (no CSM) is compared with itself too; a plain
            -- `or ... is null` here would make the engine compare every pair of books
            with_nps.csm_user_id is not distinct from prior_quarter.csm_user_id
            and prior_quarter.month_start = {{ dbt.dateadd('month', -3, 'with_nps.month_start') }}

),

final as (

    select
        with_prior_quarter.month_start,
        with_prior_quarter.csm_user_id,
        coalesce(users.full_name, 'Unassigned') as csm_name,
        cast(with_prior_quarter.customers as integer) as customers,
        cast(with_prior_quarter.arr as decimal(18, 2)) as arr,
        cast(with_prior_quarter.starting_arr as decimal(18, 2)) as starting_arr,
        cast(with_prior_quarter.ending_arr as decimal(18, 2)) as ending_arr,
        cast(with_prior_quarter.ending_arr as double)
        / nullif(cast(with_prior_quarter.starting_arr as double), 0) as nrr,
        cast(with_prior_quarter.retained_arr as double)
        / nullif(cast(with_prior_quarter.starting_arr as double), 0) as grr,
        cast(with_prior_quarter.at_risk_customers as integer) as at_risk_customers,
        cast(with_prior_quarter.at_risk_arr as decimal(18, 2)) as at_risk_arr,
        cast(with_prior_quarter.nps as double) as nps,
        cast(with_prior_quarter.nps - with_prior_quarter.nps_prior_quarter as double)
            as nps_change_vs_prior_quarter,
        cast(with_prior_quarter.qbrs_completed as double)
        / nullif(cast(with_prior_quarter.qbrs_due as double), 0) as qbr_completion_rate,
        cast(with_prior_quarter.goals_achieved as integer) as goals_achieved,
        cast(with_prior_quarter.at_risk_customers as double)
        / nullif(cast(with_prior_quarter.customers as double), 0) as at_risk_customer_share,
        cast(with_prior_quarter.opening_arr as decimal(18, 2)) as opening_arr,
        cast(with_prior_quarter.new_arr as decimal(18, 2)) as new_arr,
        cast(with_prior_quarter.reactivation_arr as decimal(18, 2)) as reactivation_arr,
        cast(with_prior_quarter.expansion_arr as decimal(18, 2)) as expansion_arr,
        cast(with_prior_quarter.contraction_arr as decimal(18, 2)) as contraction_arr,
        cast(with_prior_quarter.churned_arr as decimal(18, 2)) as churned_arr,
        cast(with_prior_quarter.cohort_customers as integer) as cohort_customers,
        cast(with_prior_quarter.retained_arr as decimal(18, 2)) as retained_arr,
        cast(with_prior_quarter.nps_responses as integer) as nps_responses,
        cast(with_prior_quarter.qbrs_due as integer) as qbrs_due,
        cast(with_prior_quarter.qbrs_completed as integer) as qbrs_completed,
        cast(nrr_targets.target_value as double) as nrr_target,
        cast(
            {{ kpi_target_status(
                'cast(with_prior_quarter.ending_arr as double) / nullif(cast(with_prior_quarter.starting_arr as double), 0)',
                'nrr_targets.target_value',
                'nrr_targets.direction',
            ) }} as {{ dbt.type_string() }}
        ) as nrr_target_status

    from with_prior_quarter
    left join users
        on with_prior_quarter.csm_user_id = users.user_id
    left join nrr_targets
        on
            with_prior_quarter.csm_user_id = nrr_targets.csm_user_id
            and with_prior_quarter.month_start = nrr_targets.period_start

)

select * from final
