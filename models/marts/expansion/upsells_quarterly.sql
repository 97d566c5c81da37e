{#
    Seed 003's upsell metrics per calendar quarter, one row per quarter from the first
    with ARR through the quarter holding as_of_date (quarter to date): customers at the start,
    upsold customers and the upsell rate, overall and mid-contract, the upsell ARR, the
    average upsell value and percentage; beside them the expansion revenue rate (all
    expansion ARR of the quarter over the ARR at its start) and the downgrade rate. Rates
    are null when the quarter has no customers at its start; AUV and AUP when it has no
    upsold customer. The same sums as fct_customer_quarters, rolled up.
#}

with

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

customer_quarters as (

    select * from {{ ref('int_customer_quarters_expansion_measured') }}

),

account_months_in_quarters as (

    select
        cast({{ dbt.date_trunc('quarter', 'month_start') }} as date) as quarter_start,
        month_start,
        opening_arr,
        expansion_arr,
        is_current_month

    from account_months

),

quarter_arr_movements as (

    select
        quarter_start,
        sum(case when month_start = quarter_start then opening_arr else 0 end) as starting_arr,
        sum(expansion_arr) as expansion_arr,
        max(case when is_current_month then 1 else 0 end) = 1 as is_quarter_to_date

    from account_months_in_quarters
    group by quarter_start

),

customer_quarters_summed as (

    select
        quarter_start,
        count(*) as customers_at_start,
        sum(case when is_upsold then 1 else 0 end) as upsold_customers,
        sum(case when is_mid_contract_upsold then 1 else 0 end) as mid_contract_upsold_customers,
        sum(case when is_downgraded then 1 else 0 end) as downgraded_customers,
        sum(upsell_arr) as upsell_arr,
        sum(case when is_upsold then quarter_opening_arr else 0 end) as upsold_starting_arr

    from customer_quarters
    group by quarter_start

),

joined as (

    select
        quarter_arr_movements.quarter_start,
        quarter_arr_movements.is_quarter_to_date,
        coalesce(customer_quarters_summed.customers_at_start, 0) as customers_at_start,
        coalesce(customer_quarters_summed.upsold_customers, 0) as upsold_customers,
        coalesce(customer_quarters_summed.mid_contract_upsold_customers, 0) as mid_contract_upsold_customers,
        coalesce(customer_quarters_summed.downgraded_customers, 0) as downgraded_customers,
        coalesce(customer_quarters_summed.upsell_arr, 0) as upsell_arr,
        coalesce(customer_quarters_summed.upsold_starting_arr, 0) as upsold_starting_arr,
        quarter_arr_movements.starting_arr,
        quarter_arr_movements.expansion_arr

    from quarter_arr_movements
    left join customer_quarters_summed
        on quarter_arr_movements.quarter_start = customer_quarters_summed.quarter_start

),

rates_computed as (

    select
        *,
        cast(upsold_customers as double) / nullif(customers_at_start, 0) as upsell_rate,
        cast(mid_contract_upsold_customers as double)
        / nullif(customers_at_start, 0) as mid_contract_upsell_rate,
        cast(upsell_arr as double) / nullif(upsold_customers, 0) as avg_upsell_value,
        cast(upsell_arr as double) / nullif(upsold_starting_arr, 0) as avg_upsell_pct,
        cast(expansion_arr as double) / nullif(starting_arr, 0) as expansion_revenue_rate,
        cast(downgraded_customers as double) / nullif(customers_at_start, 0) as downgrade_rate

    from joined

),

final as (

    select
        quarter_start,
        cast(customers_at_start as integer) as customers_at_start,
        cast(upsold_customers as integer) as upsold_customers,
        upsell_rate,
        cast(mid_contract_upsold_customers as integer) as mid_contract_upsold_customers,
        mid_contract_upsell_rate,
        cast(upsell_arr as decimal(18, 2)) as upsell_arr,
        avg_upsell_value,
        avg_upsell_pct,
        cast(starting_arr as decimal(18, 2)) as starting_arr,
        cast(expansion_arr as decimal(18, 2)) as expansion_arr,
        expansion_revenue_rate,
        cast(downgraded_customers as integer) as downgraded_customers,
        downgrade_rate,
        is_quarter_to_date

    from rates_computed

)

select * from final
