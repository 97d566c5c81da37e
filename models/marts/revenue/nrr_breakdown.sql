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

rates_calculated as (

    select
        *,
        cast(ending_arr as double) / nullif(starting_arr, 0) as nrr,
        cast(retained_arr as double) / nullif(starting_arr, 0) as grr

    from summed_by_month

),

year_ago_joined as (

    -- the same month a year before, for the reports' "against last year" (null in the first year)
    select
        rates_calculated.*,
        year_ago.nrr as nrr_year_ago,
        year_ago.grr as grr_year_ago

    from rates_calculated
    left join rates_calculated as year_ago
        on year_ago.month_start = {{ dbt.dateadd('month', -12, 'rates_calculated.month_start') }}

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
        nrr,
        grr,
        cast(retained_customers as double) / nullif(cohort_customers, 0) as logo_retention_rate,
        -- 1 / annual logo churn = 1 / (1 − retained / cohort) = cohort / (cohort − retained)
        cast(cohort_customers as double)
        / nullif(cohort_customers - retained_customers, 0) as average_customer_lifetime_years,
        nrr_year_ago,
        grr_year_ago,
        nrr - nrr_year_ago as nrr_change_vs_year_ago,
        grr - grr_year_ago as grr_change_vs_year_ago

    from year_ago_joined

)

select * from final
