{#
    Every valid survey response submitted on or before as_of_date (with a readable score
    and submission time), with its month and its class on the KPI's scale, so that NPS and
    CSAT are counts over one model:
    - NPS (0-10): promoter 9-10, passive 7-8, detractor 0-6;
    - CSAT (1-5): satisfied 4-5.
    Responses of accounts unknown to the CRM stay in (company-level survey KPIs count every
    valid response; account-level facts join to accounts and leave them out).
#}

with

responses as (

    select * from {{ ref('stg_surveys__responses') }}

),

dated as (

    select
        *,
        cast(submitted_at as date) as submitted_date,
        cast({{ dbt.date_trunc('month', 'submitted_at') }} as date) as month_start

    from responses

),

filtered as (

    -- a response from after the evaluation date does not exist yet as of that date; one
    -- whose score or time could not be read (null after the typed cast) is on no scale
    select * from dated
    where
        submitted_date <= {{ as_of_date() }}
        and score is not null

),

classified as (

    select
        *,
        case
            when survey_type <> 'nps' then null
            when score >= 9 then 'promoter'
            when score >= 7 then 'passive'
            else 'detractor'
        end as nps_category,
        survey_type = 'csat' and score >= 4 as is_satisfied

    from filtered

),

final as (

    select
        response_id,
        account_id,
        contact_id,
        survey_type,
        interaction_type,
        score,
        nps_category,
        is_satisfied,
        submitted_at,
        submitted_date,
        month_start

    from classified

)

select * from final
