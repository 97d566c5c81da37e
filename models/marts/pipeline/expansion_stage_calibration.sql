{#
    The stage calibration of the expansion pipeline, per the docs block
    kpi_expansion_stage_win_rate: one row per open stage of seed
    expansion_stage_probabilities, with the seed's probability beside the share of the
    closed expansion opportunities that went through the stage that closed won. The win
    rate is null for a stage no closed opportunity went through.
#}

with

stage_probabilities as (

    select * from {{ ref('expansion_stage_probabilities') }}

),

opportunity_stages as (

    select * from {{ ref('int_expansion_opportunity_stages_deduplicated') }}

),

stages_counted as (

    select
        stage,
        count(*) as closed_opportunities,
        sum(case when is_won then 1 else 0 end) as won_opportunities

    from opportunity_stages
    group by stage

),

final as (

    select
        stage_probabilities.stage,
        stage_probabilities.stage_order,
        stage_probabilities.probability as stage_probability,
        cast(coalesce(stages_counted.closed_opportunities, 0) as integer) as closed_opportunities,
        cast(coalesce(stages_counted.won_opportunities, 0) as integer) as won_opportunities,
        cast(stages_counted.won_opportunities as double)
        / nullif(stages_counted.closed_opportunities, 0) as win_rate,
        -- subtracted on decimals, so 5 of 5 won against 0.80 is exactly 0.2
        cast(
            (
                stages_counted.won_opportunities
                - stage_probabilities.probability * stages_counted.closed_opportunities
            )
            / nullif(stages_counted.closed_opportunities, 0)
            as double
        ) as win_rate_minus_probability

    from stage_probabilities
    left join stages_counted
        on stage_probabilities.stage = stages_counted.stage

)

select * from final
