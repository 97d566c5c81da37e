{#
    One row per expansion opportunity (opportunity_type `expansion`) of a CRM account, in
    its current state (crm_opportunities), with its amount in USD at the constant rates
    (seed fx_rates_to_usd) and, while open, the probability of its stage (seed
    expansion_stage_probabilities) and its weighted amount. See the docs block
    kpi_weighted_expansion_pipeline.

    amount_arr and weighted_arr are each rounded once, from the unrounded USD amount.
    Opportunities of unknown accounts are left out (counted by the data-quality model as
    orphan_account_id); an opportunity in a currency without a rate keeps its row with a
    null amount (it counts as an opportunity, adds nothing to the sums).
#}

{{ config(materialized='table') }}

with

opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

fx_rates as (

    select * from {{ ref('fx_rates_to_usd') }}

),

stage_probabilities as (

    select * from {{ ref('expansion_stage_probabilities') }}

),

expansions as (

    select opportunities.*

    from opportunities
    inner join accounts
        on opportunities.account_id = accounts.account_id
    where opportunities.opportunity_type = 'expansion'

),

converted as (

    select
        expansions.*,
        stage_probabilities.probability as stage_probability,
        cast(expansions.amount_arr as decimal(38, 6))
        * cast(fx_rates.usd_per_unit as decimal(38, 6)) as amount_arr_usd_unrounded

    from expansions
    left join fx_rates
        on expansions.currency = fx_rates.currency
    left join stage_probabilities
        on expansions.stage = stage_probabilities.stage

),

final as (

    select
        opportunity_id,
        account_id,
        owner_user_id,
        stage,
        currency,
        expansion_reason,
        amount_arr as amount_arr_local,
        cast(round(amount_arr_usd_unrounded, 2) as decimal(18, 2)) as amount_arr,
        stage_probability,
        cast(
            round(amount_arr_usd_unrounded * cast(stage_probability as decimal(38, 6)), 2)
            as decimal(18, 2)
        ) as weighted_arr,
        expected_close_date,
        cast(created_at as date) as created_date,
        cast(closed_at as date) as closed_date,
        stage not in ('closed_won', 'closed_lost') as is_open,
        stage = 'closed_won' as is_won,
        is_cs_sourced,
        created_at,
        closed_at

    from converted

)

select * from final
