{#
    One row per cancellation notice (stg_crm__cancellations) given in the week
    (int_week_windows_resolved): its requested_at day (UTC) between window_start_date and
    window_end_date (as_of_date), both inclusive. Full and partial notices alike, whether
    they are still pending at as_of_date or already took effect. The first step of the
    `notice_given` change; int_week_notices_resolved adds the ARR they take away.
#}

with

cancellations as (

    select * from {{ ref('stg_crm__cancellations') }}

),

windows as (

    select * from {{ ref('int_week_windows_resolved') }}

),

dated as (

    select
        *,
        cast(requested_at as date) as requested_date

    from cancellations

),

windowed as (

    select dated.*

    from dated
    inner join windows
        on dated.requested_date between windows.window_start_date and windows.window_end_date

),

final as (

    select
        cancellation_id,
        account_id,
        cancellation_type,
        primary_reason,
        product_gap_feature,
        requested_date,
        effective_date

    from windowed

)

select * from final
