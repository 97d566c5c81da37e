{#
    The open expansion pipeline at as_of_date, per the docs block
    kpi_weighted_expansion_pipeline: one row per expansion opportunity whose current stage
    is not closed_won / closed_lost, created on or before as_of_date, with its amount in
    USD at the constant rates, its stage probability (seed expansion_stage_probabilities)
    and weighted amount, the account's owning CSM at as_of_date, and whether it is expected
    to close within the near and far windows (seed pipeline_settings, 30 and 90 days).
#}

with

opportunities as (

    select * from {{ ref('int_expansion_opportunities_converted') }}

),

open_opportunities as (

    select *
    from opportunities
    where
        is_open
        and created_date <= {{ as_of_date() }}

),

final as (

    select
        {{ as_of_date() }} as as_of_date,
        opportunity_id,
        account_id,
        csm_user_id,
        stage,
        amount_arr,
        stage_probability,
        weighted_arr,
        expected_close_date,
        is_cs_sourced,
        days_to_expected_close,
        closes_within_near_window,
        closes_within_far_window

    from open_opportunities

)

select * from final
