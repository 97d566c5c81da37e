{#
    The dates the ARR forecast is made on and the month ends it forecasts, one row per
    forecast date and month end:
    - the forecast itself: made on as_of_date, for each of the next `forecast_months`
      month ends strictly after it (setting of forecast_settings, default 12; at most 60);
    - the backtest: made on each past month end E before as_of_date, for the month end
      `backtest_horizon_months` after it (default 3), only where that month end is on or
      before as_of_date, so that its actual ARR is known.
    horizon_months numbers the month ends after the forecast date (1 = the first).
#}

{{ config(materialized='table') }}

with

months as (

    select * from {{ ref('int_months_spined') }}

),

settings as (

    select * from {{ ref('int_forecast_settings_pivoted') }}

),

future_spine as (

    {{ dbt.date_spine(
        datepart='month',
        start_date=dbt.date_trunc('month', as_of_date()),
        end_date=dbt.dateadd('month', 62, dbt.date_trunc('month', as_of_date())),
    ) }}

),

future_month_ends as (

    select cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, 'date_month')) }} as date) as month_end
    from future_spine

),

forecast_month_ends_numbered as (

    select
        month_end,
        row_number() over (order by month_end) as horizon_months

    from future_month_ends
    where month_end > {{ as_of_date() }}

),

forecast_dates as (

    select
        cast({{ as_of_date() }} as date) as forecast_date,
        forecast_month_ends_numbered.month_end,
        forecast_month_ends_numbered.horizon_months,
        false as is_backtest

    from forecast_month_ends_numbered
    cross join settings
    where forecast_month_ends_numbered.horizon_months <= settings.forecast_months

),

backtest_dates as (

    select
        months.month_end as forecast_date,
        cast(
            {{ dbt.dateadd(
                'day', -1, dbt.dateadd('month', 'settings.backtest_horizon_months + 1', 'months.month_start')
            ) }} as date
        ) as month_end,
        settings.backtest_horizon_months as horizon_months,
        true as is_backtest

    from months
    cross join settings
    where months.month_end < {{ as_of_date() }}

),

final as (

    select * from forecast_dates
    union all
    select * from backtest_dates
    where month_end <= {{ as_of_date() }}

)

select * from final
