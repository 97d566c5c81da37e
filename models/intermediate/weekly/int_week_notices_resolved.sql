{#
    The `notice_given` changes of the week: one row per cancellation notice given in the
    week (int_week_cancellations_windowed), in the columns every weekly change has. amount
    is the ARR the notice takes away as the ARR forecast counts it on as_of_date
    (int_account_forecast_cancellations_resolved, forecast_date = as_of_date: a full notice
    the account's ARR, a partial one its ending items or the partial share). Null when the
    notice is no longer pending at as_of_date (it took effect in the week, or a later full
    notice superseded it) or the account has no ARR. detail: the type, the effective date
    and the reason (and the product gap, if any). A table: three views (base, staging,
    int_week_cancellations_windowed) are chained above it already.
#}

{{ config(materialized='table') }}

with

cancellations as (

    select * from {{ ref('int_week_cancellations_windowed') }}

),

forecast_cancellations as (

    select * from {{ ref('int_account_forecast_cancellations_resolved') }}

),

pending_at_as_of as (

    select
        cancellation_id,
        cancelled_arr

    from forecast_cancellations
    where forecast_date = {{ as_of_date() }}

),

resolved as (

    select
        cancellations.*,
        pending_at_as_of.cancelled_arr

    from cancellations
    left join pending_at_as_of
        on cancellations.cancellation_id = pending_at_as_of.cancellation_id

),

final as (

    select
        cast('notice_given' as {{ dbt.type_string() }}) as change_type,
        cast(requested_date as date) as event_date,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(cancelled_arr as decimal(18, 2)) as amount,
        cast(
            {{ dbt.concat([
                "coalesce(cancellation_type, 'unknown')",
                "' notice, effective '",
                "coalesce(" ~ dbt.cast('effective_date', dbt.type_string()) ~ ", 'unknown')",
                "': '",
                "coalesce(primary_reason, 'no reason given')",
                "coalesce(' (' || product_gap_feature || ')', '')",
            ]) }} as {{ dbt.type_string() }}
        ) as detail,
        cast(cancellation_id as {{ dbt.type_string() }}) as source_id

    from resolved

)

select * from final
