{#
    The expansion pipeline as it stood at the end of each snapshot day: one row per
    expansion opportunity (int_expansion_opportunities_converted) and snapshot_date at
    which it was open. The snapshot days are the evaluation days of int_months_spined:
    every month end strictly before as_of_date, from the first month of the spine, and
    as_of_date itself.

    The state on a day is the crm_opportunity_history row in force at the end of that day
    (the latest changed_at before the next midnight): its stage, amount and expected close
    date. An opportunity with no history row in force on a day it already existed
    (created_at on or before the day: no history at all, or only later rows) takes its
    current crm_opportunities row as its state that day, the best that is known. An
    opportunity is open on the day when that stage is not closed_won / closed_lost and its
    closed_at (if any) is after the day. Amounts in USD at the constant rate of the
    opportunity's currency, each rounded once; the stage probability is the seed's
    (expansion_stage_probabilities). csm_user_id is the account's owner at the end of the
    day (int_account_owners_resolved), null when the account had none.
#}

{{ config(materialized='table') }}

with

opportunities as (

    select * from {{ ref('int_expansion_opportunities_converted') }}

),

history as (

    select * from {{ ref('stg_crm__opportunity_history') }}

),

months as (

    select * from {{ ref('int_months_spined') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

fx_rates as (

    select * from {{ ref('fx_rates_to_usd') }}

),

stage_probabilities as (

    select * from {{ ref('expansion_stage_probabilities') }}

),

history_of_opportunities as (

    select
        history.opportunity_id,
        history.stage,
        history.amount_arr,
        history.expected_close_date,
        history.changed_at

    from history
    inner join opportunities
        on history.opportunity_id = opportunities.opportunity_id

),

first_changes as (

    select
        opportunity_id,
        min(changed_at) as first_changed_at

    from history_of_opportunities
    group by opportunity_id

),

snapshot_days as (

    -- a state is read at the very end of the day: before the next midnight
    select
        month_start,
        evaluation_date as snapshot_date,
        cast({{ dbt.dateadd('day', 1, 'evaluation_date') }} as timestamp) as cutoff_at

    from months

),

opportunity_days as (

    select
        opportunities.opportunity_id,
        opportunities.account_id,
        opportunities.currency,
        opportunities.is_cs_sourced,
        opportunities.stage as current_stage,
        opportunities.amount_arr_local as current_amount_arr,
        opportunities.expected_close_date as current_expected_close_date,
        snapshot_days.month_start,
        snapshot_days.snapshot_date,
        snapshot_days.cutoff_at

    from opportunities
    left join first_changes
        on opportunities.opportunity_id = first_changes.opportunity_id
    inner join snapshot_days
        on
            (
                opportunities.created_at < snapshot_days.cutoff_at
                or first_changes.first_changed_at < snapshot_days.cutoff_at
            )
            and (
                opportunities.closed_at is null
                or opportunities.closed_at >= snapshot_days.cutoff_at
            )

),

states_ranked as (

    -- every history row changed before the cutoff, the latest first: a plain equi-join
    -- with one inequality, which stays linear (a null-or-later range condition made
    -- DuckDB compare every opportunity day with every history row)
    select
        opportunity_days.*,
        history_of_opportunities.stage as history_stage,
        history_of_opportunities.amount_arr as history_amount_arr,
        history_of_opportunities.expected_close_date as history_expected_close_date,
        row_number() over (
            partition by opportunity_days.opportunity_id, opportunity_days.snapshot_date
            order by history_of_opportunities.changed_at desc
        ) as state_rank

    from opportunity_days
    left join history_of_opportunities
        on
            opportunity_days.opportunity_id = history_of_opportunities.opportunity_id
            and opportunity_days.cutoff_at > history_of_opportunities.changed_at

),

states_in_force as (

    select
        opportunity_id,
        account_id,
        currency,
        is_cs_sourced,
        month_start,
        snapshot_date,
        coalesce(history_stage, current_stage) as stage,  -- noqa: RF04
        coalesce(history_amount_arr, current_amount_arr) as amount_arr_local,
        coalesce(history_expected_close_date, current_expected_close_date) as expected_close_date

    from states_ranked
    where state_rank = 1

),

open_states_converted as (

    select
        states_in_force.*,
        stage_probabilities.probability as stage_probability,
        cast(states_in_force.amount_arr_local as decimal(38, 6))
        * cast(fx_rates.usd_per_unit as decimal(38, 6)) as amount_arr_usd_unrounded

    from states_in_force
    left join fx_rates
        on states_in_force.currency = fx_rates.currency
    left join stage_probabilities
        on states_in_force.stage = stage_probabilities.stage
    where states_in_force.stage not in ('closed_won', 'closed_lost')

),

final as (

    select
        open_states_converted.snapshot_date,
        open_states_converted.opportunity_id,
        open_states_converted.account_id,
        open_states_converted.stage,
        open_states_converted.stage_probability,
        cast(round(open_states_converted.amount_arr_usd_unrounded, 2) as decimal(18, 2)) as amount_arr,
        cast(
            round(
                open_states_converted.amount_arr_usd_unrounded
                * cast(open_states_converted.stage_probability as decimal(38, 6)),
                2
            ) as decimal(18, 2)
        ) as weighted_arr,
        open_states_converted.expected_close_date,
        open_states_converted.is_cs_sourced,
        owners.csm_user_id

    from open_states_converted
    left join owners
        on
            open_states_converted.account_id = owners.account_id
            and open_states_converted.month_start = owners.month_start

)

select * from final
