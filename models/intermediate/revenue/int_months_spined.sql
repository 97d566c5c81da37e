{#
    One row per calendar month from the var `revenue_spine_start_date` through the month
    holding `as_of_date`, with the day on which each month's ARR is measured.
#}

{{ config(materialized='table') }}

with

spine as (

    {{ dbt.date_spine(
        datepart='month',
        start_date="cast('" ~ var('revenue_spine_start_date') ~ "' as date)",
        end_date=dbt.dateadd('month', 1, dbt.date_trunc('month', as_of_date())),
    ) }}

),

months_with_bounds as (

    select
        cast(date_month as date) as month_start,
        cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, 'date_month')) }} as date) as month_end

    from spine

),

final as (

    select
        month_start,
        month_end,
        -- ARR is measured on the month's last day, or on as_of_date in the current month
        least(month_end, {{ as_of_date() }}) as evaluation_date,
        month_end >= {{ as_of_date() }} as is_current_month

    from months_with_bounds

)

select * from final
