{#
    Logo and revenue retention curves by first-paid-month cohort, per the docs blocks
    kpi_cohort_logo_retention and kpi_cohort_revenue_retention: one row per cohort and month
    since it, from month 0 through the month of as_of_date. Every account has a row in
    every month from its first paid month on, so the cohort's size is its row count in any
    of its months, and month 0 is 100 % by construction.
#}

with

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

summed_by_cohort_month as (

    select
        first_paid_month as cohort_month,
        months_since_first_paid as months_since_start,
        month_start,
        count(*) as cohort_customers,
        sum(case when is_customer then 1 else 0 end) as retained_customers,
        sum(first_paid_arr) as cohort_starting_arr,
        sum(arr) as arr

    from account_months
    group by
        first_paid_month,
        months_since_first_paid,
        month_start

),

final as (

    select
        cohort_month,
        cast(months_since_start as integer) as months_since_start,
        month_start,
        cast(cohort_customers as integer) as cohort_customers,
        cast(retained_customers as integer) as retained_customers,
        cast(retained_customers as double) / nullif(cohort_customers, 0) as logo_retention,
        cast(cohort_starting_arr as decimal(18, 2)) as cohort_starting_arr,
        cast(arr as decimal(18, 2)) as arr,
        cast(arr as double) / nullif(cohort_starting_arr, 0) as revenue_retention

    from summed_by_cohort_month

)

select * from final
