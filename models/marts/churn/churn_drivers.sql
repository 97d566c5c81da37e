{#
    Why customers left: one row per month with churn and churn reason, counting the
    month's churned customers (movement `churn`) and their churned ARR under the primary
    reason of the account's `full` cancellation (the rule of int_churned_accounts_attributed),
    or `unknown` when there is none. Every reason seen in any month has a row in every month
    with churn (zero when no churn that month had it), so the month totals carried on each
    row add up over months whatever the reason. Shares are fractions of the month's churn
    and sum to 1 per month.
#}

with

churns as (

    select * from {{ ref('int_churned_accounts_attributed') }}

),

months_with_churn as (

    select distinct month_start

    from churns

),

reasons_seen as (

    select distinct churn_reason

    from churns

),

months_by_reasons as (

    select
        months_with_churn.month_start,
        reasons_seen.churn_reason

    from months_with_churn
    cross join reasons_seen

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

zeros_filled as (

    select
        months_by_reasons.month_start,
        months_by_reasons.churn_reason,
        coalesce(summed_by_reason.churned_customers, 0) as churned_customers,
        coalesce(summed_by_reason.churned_arr, 0) as churned_arr

    from months_by_reasons
    left join summed_by_reason
        on
            months_by_reasons.month_start = summed_by_reason.month_start
            and months_by_reasons.churn_reason = summed_by_reason.churn_reason

),

month_totals_added as (

    select
        *,
        sum(churned_customers) over (partition by month_start) as month_churned_customers,
        sum(churned_arr) over (partition by month_start) as month_churned_arr

    from zeros_filled

),

shares_calculated as (

    select
        *,
        cast(churned_customers as double) / nullif(month_churned_customers, 0) as pct_of_churned_customers,
        cast(churned_arr as double) / nullif(month_churned_arr, 0) as pct_of_churned_arr

    from month_totals_added

),

final as (

    select
        month_start,
        cast(churn_reason as {{ dbt.type_string() }}) as churn_reason,
        cast(churned_customers as integer) as churned_customers,
        cast(churned_arr as decimal(18, 2)) as churned_arr,
        pct_of_churned_customers,
        pct_of_churned_arr,
        cast(month_churned_customers as integer) as month_churned_customers,
        cast(month_churned_arr as decimal(18, 2)) as month_churned_arr

    from shares_calculated

)

select * from final
