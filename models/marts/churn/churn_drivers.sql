{#
    Why customers left: one row per month with churn and churn reason, counting the
    month's churned customers (movement `churn`) and their churned ARR under the primary
    reason of the account's `full` cancellation (the rule of int_churned_accounts_attributed),
    or `unknown` when there is none. Read off int_churn_event_reasons_spined, where every
    churn event stands once under every reason seen in the data: a reason's row counts the
    events attributed to it, and all of the month's events (the month totals carried on each
    row, so they add up over months whatever the reason). Every reason seen has a row in
    every month with churn (zero when no churn that month had it). Shares are fractions of
    the month's churn and sum to 1 per month.
#}

with

event_reasons as (

    select * from {{ ref('int_churn_event_reasons_spined') }}

),

summed_by_reason as (

    select
        month_start,
        churn_reason,
        sum(case when is_attributed_reason then 1 else 0 end) as churned_customers,
        sum(case when is_attributed_reason then churned_arr else 0 end) as churned_arr,
        count(*) as month_churned_customers,
        sum(churned_arr) as month_churned_arr

    from event_reasons
    group by
        month_start,
        churn_reason

),

shares_calculated as (

    select
        *,
        cast(churned_customers as double) / nullif(month_churned_customers, 0) as pct_of_churned_customers,
        cast(churned_arr as double) / nullif(month_churned_arr, 0) as pct_of_churned_arr

    from summed_by_reason

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
