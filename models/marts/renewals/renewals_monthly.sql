{#
    Renewals per calendar month of the renewal date and billing interval, one row per month
    and billing interval with renewals due by as_of_date (the current month to date):
    renewals due and renewed and the renewal rate; the ARR due (Σ ARR before) and renewed
    (Σ least(ARR after, ARR before), per subscription part) and the renewal ARR rate. Per
    the docs blocks kpi_renewal_rate and kpi_renewal_arr_rate; the same sums as
    fct_renewals, rolled up. Rates are null when nothing is due.
#}

with

renewals as (

    select * from {{ ref('int_subscription_renewals_resolved') }}

),

renewals_summed as (

    select
        month_start,
        billing_interval_months,
        count(*) as renewals_due,
        sum(case when is_renewed then 1 else 0 end) as renewals_renewed,
        sum(arr_before) as arr_due,
        sum(arr_renewed) as arr_renewed

    from renewals
    group by month_start, billing_interval_months

),

rates_computed as (

    select
        *,
        cast(renewals_renewed as double) / nullif(renewals_due, 0) as renewal_rate,
        cast(arr_renewed as double) / nullif(arr_due, 0) as renewal_arr_rate

    from renewals_summed

),

final as (

    select
        cast(month_start as date) as month_start,
        cast(billing_interval_months as integer) as billing_interval_months,
        cast(renewals_due as integer) as renewals_due,
        cast(renewals_renewed as integer) as renewals_renewed,
        renewal_rate,
        cast(arr_due as decimal(18, 2)) as arr_due,
        cast(arr_renewed as decimal(18, 2)) as arr_renewed,
        renewal_arr_rate

    from rates_computed

)

select * from final
