{#
    The ARR forecast account by account: one row per customer on as_of_date and month end
    of the forecast (the `forecast_months` month ends after as_of_date), with the
    components of int_account_arr_forecasts_measured, the account's health tier and its
    CSM on as_of_date. Summed per month end it is arr_forecast; the semantic layer slices
    it by CSM and, through the account entity, by segment and region.
#}

with

account_forecasts as (

    select * from {{ ref('int_account_arr_forecasts_measured') }}

),

final as (

    select
        cast(forecast_date as date) as as_of_date,
        cast(month_end as date) as month_end,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(csm_user_id as {{ dbt.type_string() }}) as csm_user_id,
        cast(health_tier as {{ dbt.type_string() }}) as health_tier,
        cast(churn_probability as double) as churn_probability,
        is_fully_cancelled,
        cast(renewal_arr_due as decimal(18, 2)) as renewal_arr_due,
        cast(current_arr as decimal(18, 2)) as current_arr,
        cast(confirmed_churn_arr as decimal(18, 2)) as confirmed_churn_arr,
        cast(expected_renewal_churn_arr as decimal(18, 2)) as expected_renewal_churn_arr,
        cast(weighted_expansion_arr as decimal(18, 2)) as weighted_expansion_arr,
        cast(forecast_arr as decimal(18, 2)) as forecast_arr

    from account_forecasts
    where not is_backtest

)

select * from final
