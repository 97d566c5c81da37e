{#
    The atomic fact of the stage win rate (docs block kpi_expansion_stage_win_rate): one
    row per closed expansion opportunity (closed_won or closed_lost) and each open stage it
    went through (crm_opportunity_history), with whether it was won, its close date, its
    account and the account's owning CSM at as_of_date. Win rate of a stage = Σ is_won /
    rows, by stage, close month, segment or CSM.
#}

with

opportunity_stages as (

    select * from {{ ref('int_expansion_opportunity_stages_deduplicated') }}

),

final as (

    select
        opportunity_id,
        stage,
        account_id,
        csm_user_id,
        closed_date,
        is_won

    from opportunity_stages

)

select * from final
