{#
    Each account-month's ARR movement against the month before, per the docs block arr_movement_type:
    exactly one of new, reactivation, churn, expansion, contraction, flat, tested in that
    order, with its amount in the matching column (all others 0), so that for every
    account and month: arr = opening_arr + new + reactivation + expansion − contraction − churned.

    Also the account's place in the trailing-twelve-month retention cohort of the month
    (the closed cohort of the docs block kpi_retention_cohort): an account is in month M's cohort when its
    ARR in M−12 was above zero; start = ARR in M−12, end = ARR in M. The cohort columns are
    0 outside the cohort, so NRR and GRR are plain sums over accounts.

    And its place in its first-paid-month cohort (the docs block kpi_cohort_logo_retention):
    the months since its first paid month, and its ARR in that month, the cohort's month 0.

    A table: the revenue marts, the health signals, churn attribution and the CSM books all
    read it.
#}

{{ config(materialized='table') }}

with

account_months as (

    select * from {{ ref('int_account_months_spined') }}

),

compared_with_prior_month as (

    select
        *,
        cast(
            coalesce(lag(arr) over (partition by account_id order by month_start), 0)
            as decimal(18, 2)
        ) as opening_arr,
        -- rows are contiguous per account, so 12 rows back is 12 months back;
        -- null when the account had no ARR row then (it was not yet a customer)
        coalesce(
            lag(arr, 12) over (partition by account_id order by month_start), 0
        ) as arr_12_months_ago

    from account_months

),

placed_in_first_paid_cohort as (

    select
        *,
        cast(
            {{ dbt.datediff('first_paid_month', 'month_start', 'month') }}
            as integer
        ) as months_since_first_paid,
        max(
            case when month_start = first_paid_month then arr end
        ) over (partition by account_id) as first_paid_arr

    from compared_with_prior_month

),

classified as (

    select
        *,
        case
            when opening_arr = 0 and arr > 0 and month_start = first_paid_month then 'new'
            when opening_arr = 0 and arr > 0 then 'reactivation'
            when opening_arr > 0 and arr = 0 then 'churn'
            when opening_arr > 0 and arr > opening_arr then 'expansion'
            when opening_arr > 0 and arr < opening_arr then 'contraction'
            else 'flat'
        end as movement_type,
        arr_12_months_ago > 0 as is_in_retention_cohort

    from placed_in_first_paid_cohort

),

final as (

    select
        account_id,
        month_start,
        month_end,
        evaluation_date,
        is_current_month,
        first_paid_month,
        opening_arr,
        arr,
        opening_arr > 0 as is_opening_customer,
        arr > 0 as is_customer,
        movement_type,
        cast(case when movement_type = 'new' then arr else 0 end as decimal(18, 2)) as new_arr,
        cast(
            case when movement_type = 'reactivation' then arr else 0 end as decimal(18, 2)
        ) as reactivation_arr,
        cast(
            case when movement_type = 'expansion' then arr - opening_arr else 0 end as decimal(18, 2)
        ) as expansion_arr,
        cast(
            case when movement_type = 'contraction' then opening_arr - arr else 0 end as decimal(18, 2)
        ) as contraction_arr,
        cast(case when movement_type = 'churn' then opening_arr else 0 end as decimal(18, 2)) as churned_arr,
        cast(arr_12_months_ago as decimal(18, 2)) as arr_12_months_ago,
        is_in_retention_cohort,
        is_in_retention_cohort and arr > 0 as is_retained_cohort_customer,
        cast(
            case when is_in_retention_cohort then arr_12_months_ago else 0 end as decimal(18, 2)
        ) as cohort_starting_arr,
        cast(case when is_in_retention_cohort then arr else 0 end as decimal(18, 2)) as cohort_ending_arr,
        cast(
            case
                when is_in_retention_cohort and arr > arr_12_months_ago then arr - arr_12_months_ago
                else 0
            end as decimal(18, 2)
        ) as cohort_expansion_arr,
        cast(
            case
                when is_in_retention_cohort and arr > 0 and arr < arr_12_months_ago
                    then arr_12_months_ago - arr
                else 0
            end as decimal(18, 2)
        ) as cohort_contraction_arr,
        cast(
            case when is_in_retention_cohort and arr = 0 then arr_12_months_ago else 0 end as decimal(18, 2)
        ) as cohort_churned_arr,
        cast(
            case when is_in_retention_cohort then least(arr, arr_12_months_ago) else 0 end as decimal(18, 2)
        ) as cohort_retained_arr,
        months_since_first_paid,
        cast(first_paid_arr as decimal(18, 2)) as first_paid_arr

    from classified

)

select * from final
