{#
    One row per account and calendar quarter in which the account was a customer at some
    point (int_customer_quarters_fit_measured), through the quarter holding as_of_date
    (quarter to date): whether it had a subscription with an opt-out clause (or left
    through one), and its churn events in the quarter, all, bad-fit and through the opt-out
    clause, with their churned ARR. With the CSM who owned it in the quarter's first month
    (the point-in-time rule of int_account_owners_resolved). The semantic layer's opt-out
    usage rate is a ratio of sums over these rows, so it slices by quarter, CSM and
    (through the account entity) segment and region.
#}

with

customer_quarters as (

    select * from {{ ref('int_customer_quarters_fit_measured') }}

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
            and customer_quarters.quarter_start = owners.month_start

),

final as (

    select
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(quarter_start as date) as quarter_start,
        cast(csm_user_id as {{ dbt.type_string() }}) as csm_user_id,
        has_opt_out_clause,
        cast(churned_deals as integer) as churned_deals,
        cast(churned_arr as decimal(18, 2)) as churned_arr,
        cast(bad_fit_churned_deals as integer) as bad_fit_churned_deals,
        cast(bad_fit_churned_arr as decimal(18, 2)) as bad_fit_churned_arr,
        cast(opt_out_churned_deals as integer) as opt_out_churned_deals,
        cast(opt_out_churned_arr as decimal(18, 2)) as opt_out_churned_arr,
        is_quarter_to_date

    from joined

)

select * from final
