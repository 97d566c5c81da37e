{#
    Seed 003's upsell trends: one row per calendar quarter and expansion reason
    (`unknown` included) named by the quarter's upsold customers, per the docs block
    kpi_upsell_reasons. The share is over the quarter's upsold customers, so a customer
    with two reasons counts under both and the shares may add up to more than 1. A reason
    is a trend when its share is above trend_min_share (seed upsell_settings). Quarters
    without upsold customers have no rows. The same sums as fct_upsell_reasons.
#}

with

reasons as (

    select * from {{ ref('int_customer_quarter_upsell_reasons_attributed') }}

),

settings as (

    select * from {{ ref('upsell_settings') }}

),

trend_threshold as (

    select {{ dbt.safe_cast('value', 'decimal(9, 4)') }} as trend_min_share
    from settings
    where setting = 'trend_min_share'

),

reason_customers_counted as (

    select
        quarter_start,
        expansion_reason,
        sum(case when has_reason then 1 else 0 end) as upsold_customers,
        count(*) as quarter_upsold_customers

    from reasons
    group by quarter_start, expansion_reason

),

shares_computed as (

    select
        reason_customers_counted.*,
        cast(reason_customers_counted.upsold_customers as double)
        / reason_customers_counted.quarter_upsold_customers as share_of_upsold_customers,
        trend_threshold.trend_min_share

    from reason_customers_counted
    cross join trend_threshold

),

final as (

    select
        quarter_start,
        cast(expansion_reason as {{ dbt.type_string() }}) as expansion_reason,
        cast(upsold_customers as integer) as upsold_customers,
        cast(quarter_upsold_customers as integer) as quarter_upsold_customers,
        share_of_upsold_customers,
        share_of_upsold_customers > trend_min_share as is_trend

    from shares_computed

)

select * from final
