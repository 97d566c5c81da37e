{#
    One row per referral opportunity (lead_source `referral`) created up to as_of_date, in
    its current state (int_referral_opportunities_converted): amount in USD, the referring
    customer, when it was created and closed, and whether it is open, closed and won at
    as_of_date. The atomic fact of the referral KPIs: referral pipeline (open ARR), won ARR
    by close month and conversion rate (won / closed) are sums over these rows.
#}

with

referrals as (

    select * from {{ ref('int_referral_opportunities_converted') }}

),

final as (

    select
        cast(opportunity_id as {{ dbt.type_string() }}) as opportunity_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(referrer_account_id as {{ dbt.type_string() }}) as referrer_account_id,
        cast(owner_user_id as {{ dbt.type_string() }}) as owner_user_id,
        cast(opportunity_type as {{ dbt.type_string() }}) as opportunity_type,
        cast(stage as {{ dbt.type_string() }}) as stage,  -- noqa: RF04
        cast(amount_arr as decimal(18, 2)) as amount_arr,
        cast(created_date as date) as created_date,
        cast(created_month as date) as created_month,
        cast(closed_date as date) as closed_date,
        cast(closed_month as date) as closed_month,
        is_open,
        is_closed,
        is_won

    from referrals

)

select * from final
