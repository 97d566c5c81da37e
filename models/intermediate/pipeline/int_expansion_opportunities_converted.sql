{#
    One row per expansion opportunity (opportunity_type `expansion`) of a CRM account, in
    its current state (crm_opportunities), with its amount in USD at the constant rates
    (seed fx_rates_to_usd) and, while open, the probability of its stage (seed
    expansion_stage_probabilities) and its weighted amount; the account's owning CSM at
    as_of_date; and whether it is expected to close within the near and far windows (seed
    pipeline_settings): expected_close_date after as_of_date and at most that many days
    after it (false once closed). See the docs block kpi_weighted_expansion_pipeline.

    amount_arr and weighted_arr are each rounded once, from the unrounded USD amount.
    Nothing is left out: an opportunity of an account unknown to the CRM (counted by the
    data-quality model as orphan_account_id) keeps its row, with no CSM, so that it shows;
    one in a currency without a rate keeps its row with a null amount (it counts as an
    opportunity, adds nothing to the sums). Reading stg_crm__accounts to drop orphans would
    give that staging view more readers than dbt-bouncer allows.
#}

{{ config(materialized='table') }}

with

opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

fx_rates as (

    select * from {{ ref('fx_rates_to_usd') }}

),

stage_probabilities as (

    select * from {{ ref('expansion_stage_probabilities') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

settings as (

    select * from {{ ref('pipeline_settings') }}

),

windows as (

    select
        max(case when setting = 'near_close_window_days' then {{ dbt.safe_cast('value', 'integer') }} end)
            as near_close_window_days,
        max(case when setting = 'far_close_window_days' then {{ dbt.safe_cast('value', 'integer') }} end)
            as far_close_window_days

    from settings

),

owners_as_of as (

    select
        account_id,
        csm_user_id

    from owners
    where month_start = cast({{ dbt.date_trunc('month', as_of_date()) }} as date)

),

expansions as (

    select *
    from opportunities
    where opportunity_type = 'expansion'

),

converted as (

    select
        expansions.*,
        stage_probabilities.probability as stage_probability,
        owners_as_of.csm_user_id,
        cast({{ dbt.datediff(as_of_date(), 'expansions.expected_close_date', 'day') }} as {{ dbt.type_bigint() }}) as days_to_expected_close,  -- noqa: LT05
        windows.near_close_window_days,
        windows.far_close_window_days,
        cast(expansions.amount_arr as decimal(38, 6))
        * cast(fx_rates.usd_per_unit as decimal(38, 6)) as amount_arr_usd_unrounded

    from expansions
    left join fx_rates
        on expansions.currency = fx_rates.currency
    left join stage_probabilities
        on expansions.stage = stage_probabilities.stage
    left join owners_as_of
        on expansions.account_id = owners_as_of.account_id
    cross join windows

),

final as (

    select
        opportunity_id,
        account_id,
        csm_user_id,
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
        days_to_expected_close,
        stage not in ('closed_won', 'closed_lost')
        and days_to_expected_close between 1 and near_close_window_days as closes_within_near_window,
        stage not in ('closed_won', 'closed_lost')
        and days_to_expected_close between 1 and far_close_window_days as closes_within_far_window,
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
