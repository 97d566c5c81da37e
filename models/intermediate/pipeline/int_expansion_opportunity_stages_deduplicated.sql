{#
    The open stages each closed expansion opportunity went through, per the docs block
    kpi_expansion_stage_win_rate: one row per expansion opportunity that now stands
    closed_won or closed_lost (int_expansion_opportunities_converted) and each open stage
    (seed expansion_stage_probabilities) of its crm_opportunity_history rows, however many
    rows it had in the stage. A stage skipped is not there; an opportunity without history
    has no rows.
#}

{{ config(materialized='table') }}

with

opportunities as (

    select * from {{ ref('int_expansion_opportunities_converted') }}

),

history as (

    select * from {{ ref('stg_crm__opportunity_history') }}

),

stage_probabilities as (

    select * from {{ ref('expansion_stage_probabilities') }}

),

closed_opportunities as (

    select
        opportunity_id,
        account_id,
        csm_user_id,
        is_won,
        closed_date

    from opportunities
    where stage in ('closed_won', 'closed_lost')

),

stages_visited as (

    select distinct
        history.opportunity_id,
        history.stage

    from history
    inner join stage_probabilities
        on history.stage = stage_probabilities.stage

),

final as (

    select
        closed_opportunities.opportunity_id,
        stages_visited.stage,
        closed_opportunities.account_id,
        closed_opportunities.csm_user_id,
        closed_opportunities.is_won,
        closed_opportunities.closed_date

    from closed_opportunities
    inner join stages_visited
        on closed_opportunities.opportunity_id = stages_visited.opportunity_id

)

select * from final
