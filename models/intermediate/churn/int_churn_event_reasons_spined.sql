{#
    Every churn event (int_churned_accounts_attributed) once under every churn reason seen
    in the data, `unknown` included: is_attributed_reason is true on the one row whose
    reason is the event's own. The grain the churn shares by reason need: a group of rows
    of one reason still holds every churn event of the group, so the share's numerator
    (attributed rows) and denominator (all rows) come from the same rows, however the
    events are sliced (month, segment, CSM).

    A table: churn_drivers, fct_churn_event_reasons and the executive scorecard read it.
#}

{{ config(materialized='table') }}

with

churns as (

    select * from {{ ref('int_churned_accounts_attributed') }}

),

reasons_seen as (

    select distinct churn_reason

    from churns

),

spined as (

    select
        churns.churn_event_id,
        reasons_seen.churn_reason,
        churns.churn_reason = reasons_seen.churn_reason as is_attributed_reason,
        churns.account_id,
        churns.month_start,
        churns.churned_arr

    from churns
    cross join reasons_seen

),

final as (

    select
        churn_event_id,
        churn_reason,
        is_attributed_reason,
        account_id,
        month_start,
        churned_arr

    from spined

)

select * from final
