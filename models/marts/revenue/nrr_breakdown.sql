with

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

first_month as (

    select min(month_start) as first_month_start

    from account_months

),

summed_by_month as (

    -- cohort columns are 0 for accounts outside the month's trailing-twelve-month cohort
    select
        account_months.month_start,
        sum(case when account_months.is_in_retention_cohort then 1 else 0 end) as cohort_customers,
        sum(case when account_months.is_retained_cohort_customer then 1 else 0 end) as retained_customers,
        sum(account_months.cohort_starting_arr) as starting_arr,
        sum(account_months.cohort_expansion_arr) as expansion_arr,
        sum(account_months.cohort_contraction_arr) as contraction_arr,
        sum(account_months.cohort_churned_arr) as churned_arr,
        sum(account_months.cohort_ending_arr) as ending_arr,
        sum(account_months.cohort_retained_arr) as retained_arr

    from account_months
    cross join first_month
    -- only months with a month twelve months before them in the data
    where account_months.month_start >= {{ dbt.dateadd('month', 12, 'first_month.first_month_start') }}
    group by account_months.month_start

),

final as (

    select
        month_start,
        cast(cohort_customers as integer) as cohort_customers,
        cast(retained_customers as integer) as retained_customers,
        cast(starting_arr as decimal(18, 2)) as starting_arr,
        cast(expansion_arr as decimal(18, 2)) as expansion_arr,
        cast(contraction_arr as decimal(18, 2)) as contraction_arr,
        cast(churned_arr as decimal(18, 2)) as churned_arr,
        cast(ending_arr as decimal(18, 2)) as ending_arr,
        cast(ending_arr as double) / nullif(starting_arr, 0) as nrr,
        cast(retained_arr as double) / nullif(starting_arr, 0) as grr,
        cast(retained_customers as double) / nullif(cohort_customers, 0) as logo_retention_rate,
        -- 1 / annual logo churn = 1 / (1 − retained / cohort) = cohort / (cohort − retained)
        cast(cohort_customers as double)
        / nullif(cohort_customers - retained_customers, 0) as average_customer_lifetime_years

    from summed_by_month

)

select * from final
