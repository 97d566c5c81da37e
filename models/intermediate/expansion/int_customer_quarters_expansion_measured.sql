{#
    One row per account and calendar quarter in which the account was a customer at the
    start (ARR above zero in the month before the quarter's first month), through the
    quarter holding as_of_date (quarter to date). Per the docs blocks kpi_upsell_rate and
    kpi_upsell_rate_mid_contract: the account upsold in the quarter when it has at least
    one expansion movement in a month of the quarter; its upsell ARR is the sum of that
    expansion ARR; it upsold mid-contract when one of those expansions is mid-contract. An
    account that became a customer inside the quarter has no row, even if it expanded.
    Also whether it contracted (downgraded) in the quarter.

    A table: the fact fct_customer_quarters, upsells_quarterly and the upsell reasons read it.
#}

{{ config(materialized='table') }}

with

account_months as (

    select * from {{ ref('int_account_months_expansion_classified') }}

),

account_months_in_quarters as (

    select
        account_id,
        cast({{ dbt.date_trunc('quarter', 'month_start') }} as date) as quarter_start,
        month_start,
        opening_arr,
        expansion_arr,
        contraction_arr,
        is_current_month,
        coalesce(expansion_timing = 'mid_contract', false) as is_mid_contract_expansion

    from account_months

),

customers_at_quarter_start as (

    select
        account_id,
        quarter_start,
        opening_arr as quarter_opening_arr

    from account_months_in_quarters
    where month_start = quarter_start and opening_arr > 0

),

quarter_movements_summed as (

    select
        account_id,
        quarter_start,
        sum(expansion_arr) as upsell_arr,
        sum(case when is_mid_contract_expansion then expansion_arr else 0 end) as mid_contract_upsell_arr,
        sum(contraction_arr) as contraction_arr,
        max(case when is_mid_contract_expansion then 1 else 0 end) = 1 as is_mid_contract_upsold,
        max(case when is_current_month then 1 else 0 end) = 1 as is_quarter_to_date

    from account_months_in_quarters
    group by account_id, quarter_start

),

final as (

    select
        customers_at_quarter_start.account_id,
        customers_at_quarter_start.quarter_start,
        customers_at_quarter_start.quarter_opening_arr,
        cast(quarter_movements_summed.upsell_arr as decimal(18, 2)) as upsell_arr,
        cast(quarter_movements_summed.mid_contract_upsell_arr as decimal(18, 2)) as mid_contract_upsell_arr,
        cast(quarter_movements_summed.contraction_arr as decimal(18, 2)) as contraction_arr,
        quarter_movements_summed.upsell_arr > 0 as is_upsold,
        quarter_movements_summed.is_mid_contract_upsold,
        quarter_movements_summed.contraction_arr > 0 as is_downgraded,
        quarter_movements_summed.is_quarter_to_date

    from customers_at_quarter_start
    inner join quarter_movements_summed
        on
            customers_at_quarter_start.account_id = quarter_movements_summed.account_id
            and customers_at_quarter_start.quarter_start = quarter_movements_summed.quarter_start

)

select * from final
