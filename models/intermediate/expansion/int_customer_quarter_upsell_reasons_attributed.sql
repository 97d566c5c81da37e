{#
    The reasons of each upsell, per the docs block kpi_upsell_reasons: one row per upsold
    customer-quarter (int_customer_quarters_expansion_measured) and each expansion reason
    named in that quarter by any upsold customer (`unknown` included), with has_reason
    true when the customer itself has a `closed_won` expansion opportunity with that
    reason closed (closed_at, on or before as_of_date) in the quarter. An upsold customer
    with no such opportunity (or only ones without a reason) has `unknown`. So for each
    quarter and reason, the rows are the quarter's upsold customers and has_reason marks
    those that count under it: share = Σ has_reason / rows, in the mart and the semantic
    layer alike, and a customer may count under several reasons.

    A table: fct_upsell_reasons, upsell_reasons_quarterly and the executive scorecard read it.
#}

{{ config(materialized='table') }}

with

customer_quarters as (

    select * from {{ ref('int_customer_quarters_expansion_measured') }}

),

opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

won_expansions as (

    select
        account_id,
        expansion_reason,
        cast({{ dbt.date_trunc('quarter', 'closed_at') }} as date) as quarter_start

    from opportunities
    where
        opportunity_type = 'expansion'
        and stage = 'closed_won'
        and expansion_reason is not null
        and cast(closed_at as date) <= {{ as_of_date() }}

),

upsold_customer_quarters as (

    select
        account_id,
        quarter_start

    from customer_quarters
    where is_upsold

),

customer_reasons as (

    select distinct
        upsold_customer_quarters.account_id,
        upsold_customer_quarters.quarter_start,
        coalesce(won_expansions.expansion_reason, 'unknown') as expansion_reason

    from upsold_customer_quarters
    left join won_expansions
        on
            upsold_customer_quarters.account_id = won_expansions.account_id
            and upsold_customer_quarters.quarter_start = won_expansions.quarter_start

),

quarter_reasons as (

    select distinct
        quarter_start,
        expansion_reason

    from customer_reasons

),

reasons_attributed as (

    select
        upsold_customer_quarters.account_id,
        upsold_customer_quarters.quarter_start,
        quarter_reasons.expansion_reason,
        customer_reasons.account_id is not null as has_reason

    from upsold_customer_quarters
    inner join quarter_reasons
        on upsold_customer_quarters.quarter_start = quarter_reasons.quarter_start
    left join customer_reasons
        on
            upsold_customer_quarters.account_id = customer_reasons.account_id
            and upsold_customer_quarters.quarter_start = customer_reasons.quarter_start
            and quarter_reasons.expansion_reason = customer_reasons.expansion_reason

),

final as (

    select
        account_id,
        quarter_start,
        expansion_reason,
        has_reason

    from reasons_attributed

)

select * from final
