{#
    One row per valid NPS or CSAT response submitted up to as_of_date
    (int_survey_responses_classified), with its class on the KPI's scale and the CSM whose
    book the account-month belongs to (the point-in-time rule of
    int_account_owners_resolved). A response of an account unknown to the CRM stays (the
    company's NPS and CSAT count it) with account_id null, so that it is in no account's,
    segment's or CSM's numbers.
#}

with

responses as (

    select * from {{ ref('int_survey_responses_classified') }}

),

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

accounts_and_owners_joined as (

    select
        responses.*,
        accounts.account_id as crm_account_id,
        owners.csm_user_id

    from responses
    left join accounts
        on responses.account_id = accounts.account_id
    left join owners
        on
            responses.account_id = owners.account_id
            and responses.month_start = owners.month_start

),

final as (

    select
        cast(response_id as {{ dbt.type_string() }}) as response_id,
        cast(crm_account_id as {{ dbt.type_string() }}) as account_id,
        cast(csm_user_id as {{ dbt.type_string() }}) as csm_user_id,
        cast(contact_id as {{ dbt.type_string() }}) as contact_id,
        cast(survey_type as {{ dbt.type_string() }}) as survey_type,
        cast(interaction_type as {{ dbt.type_string() }}) as interaction_type,
        cast(score as integer) as score,
        cast(nps_category as {{ dbt.type_string() }}) as nps_category,
        is_satisfied,
        submitted_at,
        submitted_date,
        month_start

    from accounts_and_owners_joined

)

select * from final
