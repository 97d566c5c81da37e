{#
    The executive scorecard's customer-fit and advocacy KPIs per calendar quarter, long
    (seed 003's bad-fit churn, repeated product gaps, opt-out clause usage and referenceable
    customers), each by the rule of its own mart:

    - from int_customer_quarters_fit_measured, the sums of customer_fit_quarterly:
      `bad_fit_churned_customers` (deals lost) and `bad_fit_churned_arr`, `opt_out_rate`
      (customers lost through the opt-out clause over the customers with one; null without
      one) and `opt_out_churned_arr`;
    - from int_account_product_gaps_resolved, the sums of product_gaps, measured as of
      as_of_date and so in its quarter only: `product_gap_customers__<feature>`,
      `product_gap_lost_arr__<feature>` and `product_gap_at_risk_arr__<feature>`;
    - from int_account_months_classified and int_account_months_advocacy_flagged (the CRM's
      referenceable flag per account-month), advocacy_monthly's
      referenceable customer share of the quarter's last month (the month holding
      as_of_date in the current quarter): `referenceable_customer_share`, null without
      customers.
#}

{{ config(materialized='table') }}

with

customer_quarters as (

    select * from {{ ref('int_customer_quarters_fit_measured') }}

),

product_gaps as (

    select * from {{ ref('int_account_product_gaps_resolved') }}

),

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

account_attributes as (

    select * from {{ ref('int_account_months_advocacy_flagged') }}

),

fit_summed as (

    select
        quarter_start,
        sum(bad_fit_churned_deals) as bad_fit_churned_customers,
        sum(bad_fit_churned_arr) as bad_fit_churned_arr,
        sum(case when has_opt_out_clause then 1 else 0 end) as customers_with_opt_out_clause,
        sum(opt_out_churned_deals) as opt_out_churned_customers,
        sum(opt_out_churned_arr) as opt_out_churned_arr

    from customer_quarters
    group by quarter_start

),

product_gaps_summed as (

    select
        cast({{ dbt.date_trunc('quarter', 'as_of_date') }} as date) as quarter_start,
        feature,
        count(*) as customers,
        sum(lost_arr) as lost_arr,
        sum(at_risk_arr) as at_risk_arr

    from product_gaps
    group by
        cast({{ dbt.date_trunc('quarter', 'as_of_date') }} as date),
        feature

),

last_months as (

    select
        cast({{ dbt.date_trunc('quarter', 'month_start') }} as date) as quarter_start,
        max(month_start) as month_start

    from account_months
    group by cast({{ dbt.date_trunc('quarter', 'month_start') }} as date)

),

referenceable_summed as (

    select
        last_months.quarter_start,
        sum(case when account_months.is_customer then 1 else 0 end) as customers,
        sum(
            case when account_months.is_customer and account_attributes.is_referenceable then 1 else 0 end
        ) as referenceable_customers

    from account_months
    inner join last_months
        on account_months.month_start = last_months.month_start
    inner join account_attributes
        on
            account_months.account_id = account_attributes.account_id
            and account_months.month_start = account_attributes.month_start
    group by last_months.quarter_start

),

kpis_unpivoted as (

    select
        quarter_start,
        'bad_fit_churned_customers' as kpi_name,
        cast(bad_fit_churned_customers as double) as value  -- noqa: RF04
    from fit_summed

    union all

    select
        quarter_start,
        'bad_fit_churned_arr' as kpi_name,
        cast(bad_fit_churned_arr as double) as value  -- noqa: RF04
    from fit_summed

    union all

    select
        quarter_start,
        'opt_out_rate' as kpi_name,
        cast(opt_out_churned_customers as double)
        / nullif(customers_with_opt_out_clause, 0) as value  -- noqa: RF04
    from fit_summed

    union all

    select
        quarter_start,
        'opt_out_churned_arr' as kpi_name,
        cast(opt_out_churned_arr as double) as value  -- noqa: RF04
    from fit_summed

    union all

    select
        quarter_start,
        {{ dbt.concat(["'product_gap_customers__'", 'feature']) }} as kpi_name,
        cast(customers as double) as value  -- noqa: RF04
    from product_gaps_summed

    union all

    select
        quarter_start,
        {{ dbt.concat(["'product_gap_lost_arr__'", 'feature']) }} as kpi_name,
        cast(lost_arr as double) as value  -- noqa: RF04
    from product_gaps_summed

    union all

    select
        quarter_start,
        {{ dbt.concat(["'product_gap_at_risk_arr__'", 'feature']) }} as kpi_name,
        cast(at_risk_arr as double) as value  -- noqa: RF04
    from product_gaps_summed

    union all

    select
        quarter_start,
        'referenceable_customer_share' as kpi_name,
        cast(referenceable_customers as double) / nullif(customers, 0) as value  -- noqa: RF04
    from referenceable_summed

),

final as (

    select
        quarter_start,
        cast(kpi_name as {{ dbt.type_string() }}) as kpi_name,
        cast(value as double) as value  -- noqa: RF04

    from kpis_unpivoted

)

select * from final
