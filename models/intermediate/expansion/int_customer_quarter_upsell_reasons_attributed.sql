{#
    The reasons of each upsell, per the docs block kpi_upsell_reasons: one row per upsold
    customer-quarter (int_customer_quarters_expansion_measured) and expansion_reason of
    its `closed_won` expansion opportunities closed (closed_at, on or before as_of_date)
    in the quarter. A customer with several reasons has several rows; an upsold customer
    with no such opportunity (or only ones without a reason) has one row under `unknown`.
#}

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

reasons_attributed as (

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

final as (

    select
        account_id,
        quarter_start,
        expansion_reason

    from reasons_attributed

)

select * from final
