{#
    One row per customer at the start of a calendar quarter and the quarter
    (int_customer_quarters_expansion_measured): whether it upsold in the quarter, overall
    and mid-contract, its upsell ARR, and whether it downgraded; with the CSM who owned
    it at the quarter's start (end of the month before, the point-in-time rule of
    int_account_owners_resolved). The semantic layer's upsell KPIs are ratios of sums over
    these rows, so they slice by quarter, CSM and (through the account entity and
    dim_accounts) segment and region.
#}

with

customer_quarters as (

    select * from {{ ref('int_customer_quarters_expansion_measured') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

joined as (

    select
        customer_quarters.*,
        owners.csm_user_id

    from customer_quarters
    left join owners
        on
            customer_quarters.account_id = owners.account_id
            and owners.month_start = {{ dbt.dateadd('month', -1, 'customer_quarters.quarter_start') }}

),

final as (

    select
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(quarter_start as date) as quarter_start,
        cast(csm_user_id as {{ dbt.type_string() }}) as csm_user_id,
        cast(quarter_opening_arr as decimal(18, 2)) as quarter_opening_arr,
        cast(upsell_arr as decimal(18, 2)) as upsell_arr,
        cast(mid_contract_upsell_arr as decimal(18, 2)) as mid_contract_upsell_arr,
        cast(contraction_arr as decimal(18, 2)) as contraction_arr,
        is_upsold,
        is_mid_contract_upsold,
        is_downgraded,
        is_quarter_to_date

    from joined

)

select * from final
