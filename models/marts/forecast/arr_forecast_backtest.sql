{#
    How good is the ARR forecast? One row per past month end E whose forecast horizon
    (`backtest_horizon_months` month ends after it, default 3) has ended by as_of_date: the
    forecast made as of E for that month end, component by component, against the actual
    ARR of the same accounts (the customers on E) on that month end. error = forecast −
    actual; error_pct = error / actual (null when the actual is zero); accurate when
    |error_pct| ≤ `backtest_accuracy_tolerance` (forecast_settings, default 5 %).
#}

with

forecast_dates as (

    select * from {{ ref('int_forecast_dates_spined') }}

),

account_forecasts as (

    select * from {{ ref('int_account_arr_forecasts_measured') }}

),

settings as (

    select * from {{ ref('int_forecast_settings_pivoted') }}

),

forecast_dates_summed as (

    select
        forecast_date,
        count(*) as customers,
        sum(current_arr) as current_arr,
        sum(confirmed_churn_arr) as confirmed_churn_arr,
        sum(expected_renewal_churn_arr) as expected_renewal_churn_arr,
        sum(weighted_expansion_arr) as weighted_expansion_arr,
        sum(forecast_arr) as forecast_arr,
        sum(actual_arr) as actual_arr

    from account_forecasts
    where is_backtest
    group by forecast_date

),

errors_measured as (

    select
        forecast_dates.forecast_date,
        forecast_dates.month_end,
        coalesce(forecast_dates_summed.customers, 0) as customers,
        coalesce(forecast_dates_summed.current_arr, 0) as current_arr,
        coalesce(forecast_dates_summed.confirmed_churn_arr, 0) as confirmed_churn_arr,
        coalesce(forecast_dates_summed.expected_renewal_churn_arr, 0) as expected_renewal_churn_arr,
        coalesce(forecast_dates_summed.weighted_expansion_arr, 0) as weighted_expansion_arr,
        coalesce(forecast_dates_summed.forecast_arr, 0) as forecast_arr,
        coalesce(forecast_dates_summed.actual_arr, 0) as actual_arr,
        coalesce(forecast_dates_summed.forecast_arr, 0) - coalesce(forecast_dates_summed.actual_arr, 0)
            as error_arr,
        settings.backtest_accuracy_tolerance

    from forecast_dates
    cross join settings
    inner join forecast_dates_summed
        on forecast_dates.forecast_date = forecast_dates_summed.forecast_date
    where forecast_dates.is_backtest

),

final as (

    select
        cast(forecast_date as date) as forecast_date,
        cast(month_end as date) as month_end,
        cast(customers as integer) as customers,
        cast(current_arr as decimal(18, 2)) as current_arr,
        cast(confirmed_churn_arr as decimal(18, 2)) as confirmed_churn_arr,
        cast(expected_renewal_churn_arr as decimal(18, 2)) as expected_renewal_churn_arr,
        cast(weighted_expansion_arr as decimal(18, 2)) as weighted_expansion_arr,
        cast(forecast_arr as decimal(18, 2)) as forecast_arr,
        cast(actual_arr as decimal(18, 2)) as actual_arr,
        cast(error_arr as decimal(18, 2)) as error_arr,
        cast(error_arr as double) / nullif(cast(actual_arr as double), 0) as error_pct,
        case
            when actual_arr <> 0
                then
                    abs(cast(error_arr as double) / cast(actual_arr as double)) <= backtest_accuracy_tolerance
        end as is_accurate

    from errors_measured

)

select * from final
