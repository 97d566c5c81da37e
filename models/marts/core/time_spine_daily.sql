{#
    MetricFlow's time spine: one row per day from the var `revenue_spine_start_date` through
    the end of the year after the one holding `as_of_date`. MetricFlow joins metrics to it
    to roll months up to quarters and years and to fill periods without rows.
#}

with

spine as (

    {{ dbt.date_spine(
        datepart='day',
        start_date="cast('" ~ var('revenue_spine_start_date') ~ "' as date)",
        end_date=dbt.dateadd('year', 2, dbt.date_trunc('year', as_of_date())),
    ) }}

),

final as (

    select cast(date_day as date) as date_day

    from spine

)

select * from final
