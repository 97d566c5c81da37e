{#
    Onboarding (seed 000's new-customer workflow, seed 002): one row per month in which
    onboardings started or were due (target go-live date in the month and on or before
    as_of_date), from int_onboardings_classified.
    - By month of start: onboardings started, the median and 75th percentile of the time
      to first value in days (continuous, interpolated; macro percentile_cont) over those
      with a first value by as_of_date, the ones still without first value (counted, never
      dropped), and those without a sales handover or a decision maker involved.
    - By month of the target go-live date: onboardings due, those completed (finished and
      signed off, by as_of_date, on time or not), the completion rate (completed / due,
      null when none is due) and the late ones (not completed on or before the target
      date, once it has passed).
    Onboardings of accounts unknown to the CRM are counted: they were onboarded.
#}

with

onboardings as (

    select * from {{ ref('int_onboardings_classified') }}

),

started_aggregated as (

    select
        month_start,
        count(*) as onboardings_started,
        {{ percentile_cont('ttfv_days', 0.5) }} as median_ttfv_days,
        {{ percentile_cont('ttfv_days', 0.75) }} as p75_ttfv_days,
        sum(case when has_first_value then 0 else 1 end) as started_without_first_value,
        sum(case when is_without_sales_handover then 1 else 0 end) as without_sales_handover,
        sum(case when is_without_decision_maker then 1 else 0 end) as without_decision_maker

    from onboardings
    group by month_start

),

due_aggregated as (

    select
        target_go_live_month as month_start,
        count(*) as onboardings_due,
        sum(case when is_completed then 1 else 0 end) as onboardings_completed,
        sum(case when is_late then 1 else 0 end) as late_onboardings

    from onboardings
    where is_due
    group by target_go_live_month

),

months_joined as (

    select
        coalesce(started_aggregated.month_start, due_aggregated.month_start) as month_start,
        coalesce(started_aggregated.onboardings_started, 0) as onboardings_started,
        started_aggregated.median_ttfv_days,
        started_aggregated.p75_ttfv_days,
        coalesce(started_aggregated.started_without_first_value, 0) as started_without_first_value,
        coalesce(due_aggregated.onboardings_due, 0) as onboardings_due,
        coalesce(due_aggregated.onboardings_completed, 0) as onboardings_completed,
        coalesce(due_aggregated.late_onboardings, 0) as late_onboardings,
        coalesce(started_aggregated.without_sales_handover, 0) as without_sales_handover,
        coalesce(started_aggregated.without_decision_maker, 0) as without_decision_maker

    from started_aggregated
    full outer join due_aggregated
        on started_aggregated.month_start = due_aggregated.month_start

),

final as (

    select
        cast(month_start as date) as month_start,
        cast(onboardings_started as integer) as onboardings_started,
        cast(median_ttfv_days as double) as median_ttfv_days,
        cast(p75_ttfv_days as double) as p75_ttfv_days,
        cast(started_without_first_value as integer) as started_without_first_value,
        cast(onboardings_due as integer) as onboardings_due,
        cast(onboardings_completed as integer) as onboardings_completed,
        cast(
            case
                when onboardings_due > 0 then cast(onboardings_completed as double) / onboardings_due
            end as double
        ) as completion_rate,
        cast(late_onboardings as integer) as late_onboardings,
        cast(without_sales_handover as integer) as without_sales_handover,
        cast(without_decision_maker as integer) as without_decision_maker

    from months_joined

)

select * from final
