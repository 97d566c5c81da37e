{#
    The ARR forecast backtest account by account: one row per past month end E of
    arr_forecast_backtest and account that was a customer on E, with the forecast made as
    of E for the month end `backtest_horizon_months` after it, component by component, the
    account's actual ARR then and the error (forecast − actual). Summed per E it is
    arr_forecast_backtest; the semantic layer's forecast error slices by CSM (owner on E)
    and, through the account entity, segment and region.
#}

with

account_forecasts as (

    select * from {{ ref('int_account_arr_forecasts_measured') }}

),

final as (

    select
        cast(forecast_date as date) as forecast_date,
        cast(month_end as date) as month_end,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(csm_user_id as {{ dbt.type_string() }}) as csm_user_id,
        cast(health_tier as {{ dbt.type_string() }}) as health_tier,
        cast(current_arr as decimal(18, 2)) as current_arr,
        cast(confirmed_churn_arr as decimal(18, 2)) as confirmed_churn_arr,
        cast(expected_renewal_churn_arr as decimal(18, 2)) as expected_renewal_churn_arr,
        cast(weighted_expansion_arr as decimal(18, 2)) as weighted_expansion_arr,
        cast(forecast_arr as decimal(18, 2)) as forecast_arr,
        cast(actual_arr as decimal(18, 2)) as actual_arr,
        cast(forecast_arr - actual_arr as decimal(18, 2)) as error_arr

    from account_forecasts
    where is_backtest

)

select * from final
