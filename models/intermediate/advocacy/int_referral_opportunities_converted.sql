{#
    One row per referral opportunity (lead_source `referral`, any opportunity type) created
    on or before as_of_date, in its current state (crm_opportunities), with its amount in
    USD at the constant rates (seed fx_rates_to_usd; null in a currency without a rate:
    it counts as an opportunity and adds nothing to the sums), the day and month it was
    created and closed, and whether it is closed, won, and open at as_of_date (not
    closed, or closed only after it). A deal in a closed stage without a close time is
    closed, with no close month. Nothing is left out: an opportunity of an account unknown
    to the CRM keeps its row. A table: the referral fact and the monthly mart read it.
#}

{{ config(materialized='table') }}

with

opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

fx_rates as (

    select * from {{ ref('fx_rates_to_usd') }}

),

referrals as (

    select
        *,
        cast(created_at as date) as created_date,
        case when stage in ('closed_won', 'closed_lost') then cast(closed_at as date) end as closed_date,
        stage in ('closed_won', 'closed_lost') as is_closed_stage

    from opportunities
    where lead_source = 'referral' and cast(created_at as date) <= {{ as_of_date() }}

),

converted as (

    select
        referrals.*,
        cast(
            round(
                cast(referrals.amount_arr as decimal(38, 6))
                * cast(fx_rates.usd_per_unit as decimal(38, 6)),
                2
            ) as decimal(18, 2)
        ) as amount_arr_usd,
        referrals.is_closed_stage
        and coalesce(referrals.closed_date <= {{ as_of_date() }}, true) as is_closed

    from referrals
    left join fx_rates
        on referrals.currency = fx_rates.currency

),

final as (

    select
        opportunity_id,
        account_id,
        referrer_account_id,
        owner_user_id,
        opportunity_type,
        stage,
        currency,
        amount_arr_usd as amount_arr,
        created_date,
        cast({{ dbt.date_trunc('month', 'created_date') }} as date) as created_month,
        case when is_closed then closed_date end as closed_date,
        case
            when is_closed then cast({{ dbt.date_trunc('month', 'closed_date') }} as date)
        end as closed_month,
        is_closed,
        is_closed and stage = 'closed_won' as is_won,
        not is_closed as is_open

    from converted

)

select * from final
