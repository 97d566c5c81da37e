{#
    Each account's next renewal date at as_of_date: the earliest current_term_end_date, on
    or after as_of_date, of the subscriptions with status `active` of its billing
    customers. One row per account with such a subscription. Billing holds only the
    current term, so this is the renewal as known today (a past month is judged against
    it too). A table: the month-end red flags and the attention list read it.
#}

{{ config(materialized='table') }}

with

subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

),

billing_customers as (

    select * from {{ ref('stg_billing__customers') }}

),

active_terms as (

    select
        billing_customers.account_id,
        subscriptions.current_term_end_date

    from subscriptions
    inner join billing_customers
        on subscriptions.billing_customer_id = billing_customers.billing_customer_id
    where
        subscriptions.status = 'active'
        and billing_customers.account_id is not null
        and subscriptions.current_term_end_date >= {{ as_of_date() }}

),

next_renewals as (

    select
        account_id,
        min(current_term_end_date) as renewal_date,
        {{ as_of_date() }} as as_of_date

    from active_terms
    group by account_id

),

final as (

    select
        account_id,
        renewal_date,
        -- the rendered date_diff is longer than it reads here
        {{ dbt.datediff('as_of_date', 'renewal_date', 'day') }} as days_to_renewal  -- noqa: LT05

    from next_renewals

)

select * from final
