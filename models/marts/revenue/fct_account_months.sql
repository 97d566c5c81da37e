with

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

health as (

    select * from {{ ref('int_account_health_scored') }}

),

accounts as (

    select * from {{ ref('int_account_months_advocacy_flagged') }}

),

joined as (

    select
        account_months.account_id,
        account_months.month_start,
        account_months.opening_arr,
        account_months.arr,
        account_months.movement_type,
        account_months.new_arr,
        account_months.reactivation_arr,
        account_months.expansion_arr,
        account_months.contraction_arr,
        account_months.churned_arr,
        account_months.is_opening_customer,
        account_months.is_customer,
        account_months.arr_12_months_ago,
        account_months.is_in_retention_cohort,
        account_months.is_retained_cohort_customer,
        account_months.cohort_starting_arr,
        account_months.cohort_ending_arr,
        account_months.cohort_expansion_arr,
        account_months.cohort_contraction_arr,
        account_months.cohort_churned_arr,
        account_months.cohort_retained_arr,
        owners.csm_user_id,
        health.health_score,
        health.health_tier,
        accounts.segment,
        accounts.region,
        accounts.is_referenceable,
        accounts.is_referral_participant,
        account_months.is_current_month,
        account_months.evaluation_date,
        account_months.first_paid_month,
        account_months.months_since_first_paid,
        account_months.first_paid_arr

    from account_months
    inner join accounts
        on
            account_months.account_id = accounts.account_id
            and account_months.month_start = accounts.month_start
    left join owners
        on
            account_months.account_id = owners.account_id
            and account_months.month_start = owners.month_start
    left join health
        on
            account_months.account_id = health.account_id
            and account_months.month_start = health.month_start

),

final as (

    select
        account_id,
        month_start,
        opening_arr,
        arr,
        movement_type,
        new_arr,
        reactivation_arr,
        expansion_arr,
        contraction_arr,
        churned_arr,
        csm_user_id,
        segment,
        region,
        -- scored for customer months only (null once the account has no ARR)
        cast(health_score as decimal(5, 2)) as health_score,
        health_tier,
        is_opening_customer,
        is_customer,
        is_customer and is_referenceable as is_referenceable_customer,
        is_customer and is_referral_participant as is_referral_participant_customer,
        arr_12_months_ago,
        is_in_retention_cohort,
        is_retained_cohort_customer,
        cohort_starting_arr,
        cohort_ending_arr,
        cohort_expansion_arr,
        cohort_contraction_arr,
        cohort_churned_arr,
        cohort_retained_arr,
        is_current_month,
        evaluation_date,
        first_paid_month,
        months_since_first_paid,
        first_paid_arr

    from joined

)

select * from final
