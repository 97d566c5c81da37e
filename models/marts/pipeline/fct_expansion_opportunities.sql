{#
    The atomic fact of the expansion pipeline KPIs: one row per expansion opportunity of a
    CRM account created on or before as_of_date, in its current state: stage, amount in USD
    at the constant rates, stage probability and weighted amount while open, expected close
    date and its windows (seed pipeline_settings), close date and outcome, whether CS
    sourced it, and the account's owning CSM at as_of_date. The semantic layer sums the
    weighted pipeline by expected close date and the closed-won ARR by close date, sliced
    by segment, region and CSM through the account and csm entities.
#}

with

opportunities as (

    select * from {{ ref('int_expansion_opportunities_converted') }}

),

created_by_as_of as (

    select *
    from opportunities
    where created_date <= {{ as_of_date() }}

),

final as (

    select
        opportunity_id,
        account_id,
        csm_user_id,
        stage,
        expansion_reason,
        amount_arr,
        stage_probability,
        weighted_arr,
        expected_close_date,
        closes_within_near_window,
        closes_within_far_window,
        created_date,
        closed_date,
        is_open,
        is_won,
        is_cs_sourced

    from created_by_as_of

)

select * from final
