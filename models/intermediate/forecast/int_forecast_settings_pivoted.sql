{#
    The ARR forecast's configuration as one row of typed columns, from the seed
    forecast_settings: the forecast's length in month ends, the backtest's horizon, the
    share of ARR of a partial cancellation whose items are not known, and the backtest's
    accuracy tolerance. A setting missing from the seed is null here, and a not_null test
    names it. A table: the forecast dates, the cancellations and the backtest mart read it.
#}

{{ config(materialized='table') }}

with

settings as (

    select * from {{ ref('forecast_settings') }}

),

settings_typed as (

    select
        setting,
        {{ dbt.safe_cast('value', 'integer') }} as as_integer,
        {{ dbt.safe_cast('value', 'decimal(18, 6)') }} as as_decimal

    from settings

),

final as (

    select
        max(case when setting = 'forecast_months' then as_integer end) as forecast_months,
        max(case when setting = 'backtest_horizon_months' then as_integer end) as backtest_horizon_months,
        max(case when setting = 'partial_cancellation_arr_share' then as_decimal end)
            as partial_cancellation_arr_share,
        max(case when setting = 'backtest_accuracy_tolerance' then as_decimal end)
            as backtest_accuracy_tolerance

    from settings_typed

)

select * from final
