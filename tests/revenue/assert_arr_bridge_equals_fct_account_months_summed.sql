{#
    arr_bridge and fct_account_months read the same account-months by different paths (the
    bridge never waits on health): every month of the bridge is the fact summed, ARR and
    customer counts, and neither has a month the other lacks. Fails on an account-month the
    fact drops or repeats (a join), or a bridge sum that drifts from the fact.
#}

with

account_months_summed as (

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
        sum(case when is_customer then 1 else 0 end) as closing_customers

    from {{ ref('fct_account_months') }}
    group by month_start

),

bridge as (

    select * from {{ ref('arr_bridge') }}

)

select
    coalesce(bridge.month_start, account_months_summed.month_start) as month_start,
    bridge.closing_arr,
    account_months_summed.closing_arr as fct_closing_arr,
    bridge.closing_customers,
    account_months_summed.closing_customers as fct_closing_customers

from bridge
full outer join account_months_summed
    on bridge.month_start = account_months_summed.month_start
where
    bridge.month_start is null
    or account_months_summed.month_start is null
    or bridge.opening_arr <> account_months_summed.opening_arr
    or bridge.new_arr <> account_months_summed.new_arr
    or bridge.reactivation_arr <> account_months_summed.reactivation_arr
    or bridge.expansion_arr <> account_months_summed.expansion_arr
    or bridge.contraction_arr <> account_months_summed.contraction_arr
    or bridge.churned_arr <> account_months_summed.churned_arr
    or bridge.closing_arr <> account_months_summed.closing_arr
    or bridge.opening_customers <> account_months_summed.opening_customers
    or bridge.closing_customers <> account_months_summed.closing_customers
