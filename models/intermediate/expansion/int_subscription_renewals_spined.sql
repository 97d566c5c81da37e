{#
    The renewal dates of each subscription, one row per subscription and renewal date, per
    the docs block kpi_upsell_rate_mid_contract: contract_start_date plus every whole
    multiple (1, 2, …) of billing_interval_months, up to and including
    current_term_end_date. The contract start itself is not a renewal. Subscriptions of
    billing customers without a CRM account are left out.

    The multiples are numbered off the month spine (one number per month since
    revenue_spine_start_date), which has at least as many months as any subscription in
    the data has renewals. A table: several expansion and renewal models read it.
#}

{{ config(materialized='table') }}

with

subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

),

billing_customers as (

    select * from {{ ref('stg_billing__customers') }}

),

months as (

    select * from {{ ref('int_months_spined') }}

),

terms_of_accounts as (

    select
        subscriptions.subscription_id,
        billing_customers.account_id,
        subscriptions.billing_interval_months,
        subscriptions.contract_start_date,
        subscriptions.current_term_end_date

    from subscriptions
    inner join billing_customers
        on subscriptions.billing_customer_id = billing_customers.billing_customer_id
    where
        billing_customers.account_id is not null
        and subscriptions.billing_interval_months > 0
        and subscriptions.contract_start_date is not null
        and subscriptions.current_term_end_date is not null

),

renewal_numbers as (

    select row_number() over (order by month_start) as renewal_number
    from months

),

renewals_spined as (

    select
        terms_of_accounts.subscription_id,
        terms_of_accounts.account_id,
        terms_of_accounts.billing_interval_months,
        renewal_numbers.renewal_number,
        terms_of_accounts.current_term_end_date,
        cast(
            {{ dbt.dateadd(
                'month',
                'renewal_numbers.renewal_number * terms_of_accounts.billing_interval_months',
                'terms_of_accounts.contract_start_date',
            ) }} as date
        ) as renewal_date

    from terms_of_accounts
    cross join renewal_numbers

),

final as (

    select
        subscription_id,
        account_id,
        billing_interval_months,
        renewal_number,
        renewal_date

    from renewals_spined
    where renewal_date <= current_term_end_date

)

select * from final
