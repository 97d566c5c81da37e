{#
    One row per forecast date, month end forecast (int_forecast_dates_spined) and account
    that is a customer on the forecast date (ARR above zero on it): the accounts a forecast
    is about, with what is known of them on the forecast date, point in time:
    - current_arr: the account's ARR on the forecast date (as_of_date, or the past month
      end of a backtest row);
    - health_tier: the account's tier that day;
    - csm_user_id: the CSM who owned the account at the end of that day.
    And actual_arr: the same account's ARR on the month end forecast, once it is known
    (month end on or before as_of_date; 0 when the account has no ARR then), else null.
    New customers after the forecast date are not in it: the forecast leaves new business out.
#}

{{ config(materialized='table') }}

with

forecast_dates as (

    select * from {{ ref('int_forecast_dates_spined') }}

),

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

scored as (

    select * from {{ ref('int_account_health_scored') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

customers_on_forecast_date as (

    select
        forecast_dates.forecast_date,
        forecast_dates.month_end,
        forecast_dates.horizon_months,
        forecast_dates.is_backtest,
        account_months.account_id,
        account_months.month_start as forecast_month_start,
        account_months.arr as current_arr

    from forecast_dates
    inner join account_months
        on forecast_dates.forecast_date = account_months.evaluation_date
    where account_months.arr > 0

),

actuals_joined as (

    select
        customers_on_forecast_date.*,
        case
            when customers_on_forecast_date.month_end <= {{ as_of_date() }}
                then coalesce(actual_months.arr, 0)
        end as actual_arr

    from customers_on_forecast_date
    left join account_months as actual_months
        on
            customers_on_forecast_date.account_id = actual_months.account_id
            and customers_on_forecast_date.month_end = actual_months.evaluation_date

),

final as (

    select
        actuals_joined.forecast_date,
        actuals_joined.month_end,
        actuals_joined.horizon_months,
        actuals_joined.is_backtest,
        actuals_joined.account_id,
        owners.csm_user_id,
        scored.health_tier,
        actuals_joined.current_arr,
        actuals_joined.actual_arr

    from actuals_joined
    left join scored
        on
            actuals_joined.account_id = scored.account_id
            and actuals_joined.forecast_month_start = scored.month_start
    left join owners
        on
            actuals_joined.account_id = owners.account_id
            and actuals_joined.forecast_month_start = owners.month_start

)

select * from final
