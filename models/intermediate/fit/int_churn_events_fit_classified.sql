{#
    One row per churn event (int_churned_accounts_attributed), with the customer-fit flags
    of seed 003: bad fit when the attributed full cancellation's reason is `bad_fit` or the
    account is not in the ideal customer profile (`is_icp_fit` false; an unknown fit is not
    taken for a bad one), and whether the attributed cancellation used the contract's
    opt-out clause. With the calendar quarter of the churn month. A table: the churn events
    fact and the customer-quarter fit measures read it.
#}

{{ config(materialized='table') }}

with

churns as (

    select * from {{ ref('int_churned_accounts_attributed') }}

),

accounts as (

    select * from {{ ref('int_account_months_advocacy_flagged') }}

),

fit_joined as (

    select
        churns.*,
        accounts.is_icp_fit

    from churns
    left join accounts
        on
            churns.account_id = accounts.account_id
            and churns.month_start = accounts.month_start

),

classified as (

    select
        *,
        churn_reason = 'bad_fit' or coalesce(not is_icp_fit, false) as is_bad_fit,
        cast({{ dbt.date_trunc('quarter', 'month_start') }} as date) as quarter_start

    from fit_joined

),

final as (

    select
        churn_event_id,
        account_id,
        month_start,
        quarter_start,
        spell_start,
        churned_arr,
        churn_reason,
        cancellation_id,
        cancellation_effective_date,
        is_icp_fit,
        is_bad_fit,
        is_opt_out_clause_used

    from classified

)

select * from final
