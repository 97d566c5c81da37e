{#
    The twelve-month ARR forecast (seeds 000 and 002), one row per month end in the
    `forecast_months` month ends after as_of_date: today's ARR, less the confirmed
    cancellations effective by then, less the expected churn of the renewals due by then,
    plus the weighted expansion pipeline expected to close by then; each component
    cumulative to the month end. New business is not in it. The account rows it sums are
    fct_account_arr_forecasts.
#}

with

forecast_dates as (

    select * from {{ ref('int_forecast_dates_spined') }}

),

account_forecasts as (

    select * from {{ ref('int_account_arr_forecasts_measured') }}

),

month_ends_summed as (

    select
        month_end,
        sum(current_arr) as current_arr,
        sum(confirmed_churn_arr) as confirmed_churn_arr,
        sum(expected_renewal_churn_arr) as expected_renewal_churn_arr,
        sum(weighted_expansion_arr) as weighted_expansion_arr,
        sum(forecast_arr) as forecast_arr

    from account_forecasts
    where not is_backtest
    group by month_end

),

final as (

    select
        cast(forecast_dates.forecast_date as date) as as_of_date,
        cast(forecast_dates.month_end as date) as month_end,
        cast(coalesce(month_ends_summed.current_arr, 0) as decimal(18, 2)) as current_arr,
        cast(coalesce(month_ends_summed.confirmed_churn_arr, 0) as decimal(18, 2)) as confirmed_churn_arr,
        cast(coalesce(month_ends_summed.expected_renewal_churn_arr, 0) as decimal(18, 2))
            as expected_renewal_churn_arr,
        cast(coalesce(month_ends_summed.weighted_expansion_arr, 0) as decimal(18, 2))
            as weighted_expansion_arr,
        cast(coalesce(month_ends_summed.forecast_arr, 0) as decimal(18, 2)) as forecast_arr

    from forecast_dates
    left join month_ends_summed
        on forecast_dates.month_end = month_ends_summed.month_end
    where not forecast_dates.is_backtest

)

select * from final
