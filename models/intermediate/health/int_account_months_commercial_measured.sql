{#
    Commercial signals per customer month (one row per row of int_customer_months_windowed):
    the customer month itself (its evaluation day, ARR and paid seats, passed on from the
    spine so that int_account_health_signals_measured starts from here) and the ARR lost to
    contraction in the contraction window (this month and the ones before it, setting
    contraction_window_months), summed from int_account_months_classified.
    The pending cancellations, the other commercial signal, are counted in
    int_account_months_pending_cancellations_counted.
#}

with

customer_months as (

    select * from {{ ref('int_customer_months_windowed') }}

),

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

contraction_summed as (

    select
        customer_months.account_id,
        customer_months.month_start,
        sum(account_months.contraction_arr) as contraction_arr_in_window

    from customer_months
    inner join account_months
        on
            customer_months.account_id = account_months.account_id
            and customer_months.contraction_window_first_month <= account_months.month_start
            and customer_months.month_start >= account_months.month_start
    group by customer_months.account_id, customer_months.month_start

),

final as (

    select
        customer_months.account_id,
        customer_months.month_start,
        customer_months.evaluation_date,
        customer_months.is_current_month,
        customer_months.first_paid_month,
        customer_months.arr,
        customer_months.paid_seats,
        customer_months.contraction_window_months,
        coalesce(contraction_summed.contraction_arr_in_window, 0) as contraction_arr_in_window

    from customer_months
    left join contraction_summed
        on
            customer_months.account_id = contraction_summed.account_id
            and customer_months.month_start = contraction_summed.month_start

)

select * from final
