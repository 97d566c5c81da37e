with

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

summed_by_month as (

    select
        month_start,
        sum(opening_arr) as opening_arr,
        sum(new_arr) as new_arr,
        sum(reactivation_arr) as reactivation_arr,
        sum(expansion_arr) as expansion_arr,
        sum(contraction_arr) as contraction_arr,
        sum(churned_arr) as churned_arr,
        sum(arr) as closing_arr,
        sum(case when is_opening_customer then 1 else 0 end) as opening_customers,
        sum(case when movement_type = 'new' then 1 else 0 end) as new_customers,
        sum(case when movement_type = 'reactivation' then 1 else 0 end) as reactivated_customers,
        sum(case when movement_type = 'churn' then 1 else 0 end) as churned_customers,
        sum(case when is_customer then 1 else 0 end) as closing_customers

    from account_months
    group by month_start

),

rates_calculated as (

    select
        *,
        cast(churned_customers as double) / nullif(opening_customers, 0) as logo_churn_rate,
        cast(churned_arr + contraction_arr as double) / nullif(opening_arr, 0) as gross_revenue_churn_rate,
        cast(churned_arr + contraction_arr - expansion_arr - reactivation_arr as double)
        / nullif(opening_arr, 0) as net_revenue_churn_rate,
        cast(new_arr + expansion_arr + reactivation_arr as double)
        / nullif(churned_arr + contraction_arr, 0) as quick_ratio

    from summed_by_month

),

final as (

    select
        month_start,
        cast(opening_arr as decimal(18, 2)) as opening_arr,
        cast(new_arr as decimal(18, 2)) as new_arr,
        cast(reactivation_arr as decimal(18, 2)) as reactivation_arr,
        cast(expansion_arr as decimal(18, 2)) as expansion_arr,
        cast(contraction_arr as decimal(18, 2)) as contraction_arr,
        cast(churned_arr as decimal(18, 2)) as churned_arr,
        cast(closing_arr as decimal(18, 2)) as closing_arr,
        cast(opening_customers as integer) as opening_customers,
        cast(new_customers as integer) as new_customers,
        cast(reactivated_customers as integer) as reactivated_customers,
        cast(churned_customers as integer) as churned_customers,
        cast(closing_customers as integer) as closing_customers,
        logo_churn_rate,
        gross_revenue_churn_rate,
        net_revenue_churn_rate,
        quick_ratio

    from rates_calculated

)

select * from final
