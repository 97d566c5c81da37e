{#
    The executive scorecard's drivers of churn per calendar quarter, long: one row per
    quarter with churn and churn reason, `churn_share_of_customers__<reason>` = the
    quarter's churned customers attributed to the reason over all its churned customers
    (the churn_share_of_customers metric and churn_drivers.pct_of_churned_customers, over
    a quarter). From int_churn_event_reasons_spined, where every churn event stands once
    under every reason seen, so each reason's rows of a quarter are all of its churn
    events; the shares of a quarter sum to 1. Quarters without churn have no rows.
#}

{{ config(materialized='table') }}

with

event_reasons as (

    select * from {{ ref('int_churn_event_reasons_spined') }}

),

reasons_counted as (

    select
        cast({{ dbt.date_trunc('quarter', 'month_start') }} as date) as quarter_start,
        churn_reason,
        sum(case when is_attributed_reason then 1 else 0 end) as reason_churned_customers,
        count(*) as quarter_churned_customers

    from event_reasons
    group by
        cast({{ dbt.date_trunc('quarter', 'month_start') }} as date),
        churn_reason

),

final as (

    select
        quarter_start,
        cast({{ dbt.concat(["'churn_share_of_customers__'", 'churn_reason']) }} as {{ dbt.type_string() }})
            as kpi_name,
        cast(reason_churned_customers as double)
        / nullif(quarter_churned_customers, 0) as value  -- noqa: RF04

    from reasons_counted

)

select * from final
