{#
    The 90-day expansion forecast accuracy, per the docs block
    kpi_expansion_forecast_accuracy: one row per month end E before as_of_date with the
    full horizon behind it (E + forecast_horizon_days on or before as_of_date, seed
    pipeline_settings), from the month the first expansion opportunity was created. The
    forecast is the weighted pipeline open at the end of E
    (int_expansion_opportunities_snapshotted) expected to close in (E, E + horizon]; the
    actual is the ARR of the expansion opportunities closed won in that window. error_pct =
    (forecast - actual) / actual and is_accurate = |forecast - actual| <= tolerance ×
    actual (compared on decimals, so an error of exactly the tolerance is accurate); both
    null when the actual is zero.
#}

with

months as (

    select * from {{ ref('int_months_spined') }}

),

snapshots as (

    select * from {{ ref('int_expansion_opportunities_snapshotted') }}

),

opportunities as (

    select * from {{ ref('int_expansion_opportunities_converted') }}

),

settings as (

    select * from {{ ref('pipeline_settings') }}

),

forecast_settings as (

    select
        max(case when setting = 'forecast_horizon_days' then {{ dbt.safe_cast('value', 'integer') }} end)
            as horizon_days,
        max(
            case
                when setting = 'forecast_accuracy_tolerance'
                    then {{ dbt.safe_cast('value', 'decimal(9, 6)') }}
            end
        ) as tolerance

    from settings

),

first_opportunity_month as (

    select cast({{ dbt.date_trunc('month', 'min(created_date)') }} as date) as month_start
    from opportunities

),

month_ends as (

    select
        months.month_end,
        cast({{ dbt.dateadd('day', 'forecast_settings.horizon_days', 'months.month_end') }} as date)
            as horizon_end,
        forecast_settings.tolerance

    from months
    cross join forecast_settings
    inner join first_opportunity_month
        on months.month_start >= first_opportunity_month.month_start
    where
        not months.is_current_month
        and {{ dbt.dateadd('day', 'forecast_settings.horizon_days', 'months.month_end') }}
        <= {{ as_of_date() }}

),

forecasts as (

    select
        month_ends.month_end,
        sum(snapshots.weighted_arr) as forecast_arr

    from month_ends
    inner join snapshots
        on
            month_ends.month_end = snapshots.snapshot_date
            and month_ends.month_end < snapshots.expected_close_date
            and month_ends.horizon_end >= snapshots.expected_close_date
    group by month_ends.month_end

),

actuals as (

    select
        month_ends.month_end,
        sum(opportunities.amount_arr) as actual_arr

    from month_ends
    inner join opportunities
        on
            month_ends.month_end < opportunities.closed_date
            and month_ends.horizon_end >= opportunities.closed_date
    where opportunities.is_won
    group by month_ends.month_end

),

compared as (

    select
        month_ends.month_end,
        month_ends.tolerance,
        cast(coalesce(forecasts.forecast_arr, 0) as decimal(18, 2)) as forecast_arr,
        cast(coalesce(actuals.actual_arr, 0) as decimal(18, 2)) as actual_arr

    from month_ends
    left join forecasts
        on month_ends.month_end = forecasts.month_end
    left join actuals
        on month_ends.month_end = actuals.month_end

),

final as (

    select
        month_end,
        forecast_arr,
        actual_arr,
        cast(forecast_arr - actual_arr as double)
        / nullif(cast(actual_arr as double), 0) as error_pct,
        case
            when actual_arr <> 0 then abs(forecast_arr - actual_arr) <= tolerance * actual_arr
        end as is_accurate

    from compared

)

select * from final
