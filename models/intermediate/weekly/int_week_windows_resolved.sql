{#
    The week of the weekly CS staff meeting as one row: the `week_window_days` (seed
    weekly_settings, 7) days ending on as_of_date, both ends inclusive. window_start_date
    is the first day in the window (as_of_date - 6 for 7 days), window_end_date is
    as_of_date itself, as the health score's trailing windows count (the evaluation day
    is in). An event is in the week when its day (UTC) is between the two; an event on
    as_of_date - 7 is out. A missing setting gives null dates (no event is in the week), and
    a not_null test names it. A table: every weekly change model reads it.
#}

{{ config(materialized='table') }}

with

settings as (

    select * from {{ ref('weekly_settings') }}

),

pivoted as (

    select
        max(
            case when setting = 'week_window_days' then {{ dbt.safe_cast('value', 'integer') }} end
        ) as window_days,
        max(
            case when setting = 'priorities_per_csm' then {{ dbt.safe_cast('value', 'integer') }} end
        ) as priorities_per_csm

    from settings

),

resolved as (

    select
        window_days,
        priorities_per_csm,
        cast({{ as_of_date() }} as date) as as_of_date,
        cast({{ dbt.dateadd('day', '1 - window_days', as_of_date()) }} as date) as window_start_date,
        cast({{ as_of_date() }} as date) as window_end_date

    from pivoted

),

final as (

    select
        as_of_date,
        window_start_date,
        window_end_date,
        cast(window_days as integer) as window_days,
        cast(priorities_per_csm as integer) as priorities_per_csm

    from resolved

)

select * from final
