{#
    Why customers left: one row per month with churn and churn reason, counting the
    month's churned customers (movement `churn`) and their churned ARR under the primary
    reason of the account's `full` cancellation (the rule of int_churned_accounts_attributed),
    or `unknown` when there is none. Shares are fractions of the month's churn and sum to 1
    per month.
#}

with

churns as (

    select * from {{ ref('int_churned_accounts_attributed') }}

),

summed_by_reason as (

    select
        month_start,
        churn_reason,
        count(*) as churned_customers,
        sum(churned_arr) as churned_arr

    from churns
    group by
        month_start,
        churn_reason

),

shares_calculated as (

    select
        *,
        cast(churned_customers as double)
        / nullif(sum(churned_customers) over (partition by month_start), 0) as pct_of_churned_customers,
        cast(churned_arr as double)
        / nullif(sum(churned_arr) over (partition by month_start), 0) as pct_of_churned_arr

    from summed_by_reason

),

final as (

    select
        month_start,
        cast(churn_reason as {{ dbt.type_string() }}) as churn_reason,
        cast(churned_customers as integer) as churned_customers,
        cast(churned_arr as decimal(18, 2)) as churned_arr,
        pct_of_churned_customers,
        pct_of_churned_arr

    from shares_calculated

)

select * from final
