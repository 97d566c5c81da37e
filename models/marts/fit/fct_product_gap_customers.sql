{#
    One row per account and feature that the account named as a product gap in the
    trailing window ending on as_of_date (int_account_product_gaps_resolved: product_gap
    feedback or a cancellation naming the feature, of an account that was a customer in
    the window), with whether it churned since (its lost ARR) or is still a customer (its
    ARR at risk), and the CSM who owns it at as_of_date (the point-in-time rule of
    int_account_owners_resolved, month of as_of_date). The semantic layer's product-gap
    KPIs are sums over these rows, grouped by feature: an account that named two features
    is on two rows, so totals over features count it twice.
#}

with

product_gaps as (

    select * from {{ ref('int_account_product_gaps_resolved') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

joined as (

    select
        product_gaps.*,
        owners.csm_user_id

    from product_gaps
    left join owners
        on
            product_gaps.account_id = owners.account_id
            and owners.month_start = cast({{ dbt.date_trunc('month', 'product_gaps.as_of_date') }} as date)

),

final as (

    select
        cast(as_of_date as date) as as_of_date,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(feature as {{ dbt.type_string() }}) as feature,
        cast(csm_user_id as {{ dbt.type_string() }}) as csm_user_id,
        cast(first_logged_date as date) as first_logged_date,
        cast(last_logged_date as date) as last_logged_date,
        cast(mentions as integer) as mentions,
        is_churned,
        is_at_risk,
        cast(lost_arr as decimal(18, 2)) as lost_arr,
        cast(at_risk_arr as decimal(18, 2)) as at_risk_arr

    from joined

)

select * from final
