{#
    One row per churn event (an account whose ARR went to zero in a month, movement
    `churn`), with its churned ARR, the reason attributed to it (the rule of
    int_churned_accounts_attributed) and the CSM whose book the account-month belongs to
    (the point-in-time rule of int_account_owners_resolved). Churned accounts are always
    CRM accounts (ARR is only counted for them). With seed 003's customer-fit flags
    (int_churn_events_fit_classified): bad fit, and left through the opt-out clause.
#}

with

churns as (

    select * from {{ ref('int_churn_events_fit_classified') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

owners_joined as (

    select
        churns.*,
        owners.csm_user_id

    from churns
    left join owners
        on
            churns.account_id = owners.account_id
            and churns.month_start = owners.month_start

),

final as (

    select
        cast(churn_event_id as {{ dbt.type_string() }}) as churn_event_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(csm_user_id as {{ dbt.type_string() }}) as csm_user_id,
        month_start,
        spell_start,
        cast(churn_reason as {{ dbt.type_string() }}) as churn_reason,
        cast(churned_arr as decimal(18, 2)) as churned_arr,
        cast(cancellation_id as {{ dbt.type_string() }}) as cancellation_id,
        cancellation_effective_date,
        is_bad_fit,
        is_opt_out_clause_used

    from owners_joined

)

select * from final
