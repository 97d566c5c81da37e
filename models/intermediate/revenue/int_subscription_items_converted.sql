{#
    Subscription item spans of CRM accounts with their annual recurring revenue in USD.

    ARR of one item row = quantity × unit_amount × (1 − discount_percent / 100)
    × (12 / billing_interval_months) × usd_per_unit, kept unrounded: rounding happens once,
    per account and month, in int_account_months_spined. Every factor is a decimal
    multiplication (12 / interval is a whole number for 1, 3, 6 and 12 months), so the
    result is exact to the cent on every engine.

    Items whose subscription, billing customer, account, FX rate or billing interval is
    missing or invalid are left out here; int_billing_quality_rules_counted counts them.
#}

{{ config(materialized='table') }}

with

subscription_items as (

    select * from {{ ref('stg_billing__subscription_items') }}

),

subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

),

billing_customers as (

    select * from {{ ref('stg_billing__customers') }}

),

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

fx_rates as (

    select * from {{ ref('fx_rates_to_usd') }}

),

joined_to_accounts as (

    select
        subscription_items.subscription_item_id,
        subscription_items.subscription_id,
        billing_customers.billing_customer_id,
        billing_customers.account_id,
        subscription_items.product,
        subscription_items.plan_code,
        billing_customers.currency,
        subscriptions.billing_interval_months,
        subscription_items.quantity,
        subscription_items.unit_amount,
        subscription_items.discount_percent,
        fx_rates.usd_per_unit,
        subscription_items.valid_from,
        subscription_items.valid_to

    from subscription_items
    inner join subscriptions
        on subscription_items.subscription_id = subscriptions.subscription_id
    inner join billing_customers
        on subscriptions.billing_customer_id = billing_customers.billing_customer_id
    inner join accounts
        on billing_customers.account_id = accounts.account_id
    inner join fx_rates
        on billing_customers.currency = fx_rates.currency

    where subscriptions.billing_interval_months in (1, 3, 6, 12)

),

annualised as (

    select
        *,
        cast(
            -- every factor is widened first: a narrower intermediate product can overflow
            cast(quantity as decimal(38, 0))
            * cast(unit_amount as decimal(38, 2))
            * cast(100 - discount_percent as decimal(38, 4))
            * cast(0.01 as decimal(38, 2))
            * cast(12 / billing_interval_months as decimal(38, 0))
            * cast(usd_per_unit as decimal(38, 6))
            as decimal(38, 12)
        ) as arr_usd_unrounded

    from joined_to_accounts

)

select * from annualised
