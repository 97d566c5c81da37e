{#
    Seed 003's repeated product gaps as of as_of_date: one row per feature that a customer
    named as a product gap in the trailing window (setting product_gap_window_months,
    default 12 months; int_account_product_gaps_resolved): the customers that named it,
    their share of the customers in the window (null when there were none), how many of
    them churned since and the ARR they took (lost), how many are still customers and
    their current ARR (at risk). A feature named only by prospects has no row.
#}

with

product_gaps as (

    select * from {{ ref('int_account_product_gaps_resolved') }}

),

summed as (

    select
        as_of_date,
        feature,
        count(*) as customers,
        max(window_customers) as window_customers,
        sum(case when is_churned then 1 else 0 end) as churned_customers,
        sum(lost_arr) as lost_arr,
        sum(case when is_at_risk then 1 else 0 end) as at_risk_customers,
        sum(at_risk_arr) as at_risk_arr

    from product_gaps
    group by as_of_date, feature

),

final as (

    select
        cast(as_of_date as date) as as_of_date,
        cast(feature as {{ dbt.type_string() }}) as feature,
        cast(customers as integer) as customers,
        cast(cast(customers as double) / nullif(window_customers, 0) as double) as pct_of_customers,
        cast(churned_customers as integer) as churned_customers,
        cast(lost_arr as decimal(18, 2)) as lost_arr,
        cast(at_risk_customers as integer) as at_risk_customers,
        cast(at_risk_arr as decimal(18, 2)) as at_risk_arr,
        cast(window_customers as integer) as window_customers

    from summed

)

select * from final
