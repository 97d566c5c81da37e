{#
    The `survey_response` changes of the week: one row per valid NPS or CSAT response
    (int_survey_responses_classified, where the score bands are written) submitted on a day
    (UTC) in the week (int_week_windows_resolved, both ends inclusive), in the columns every
    weekly change has. No amount; detail the survey, the score, the interaction surveyed
    (CSAT) and the class on the KPI's scale, e.g. `csat 5 onboarding (satisfied)`,
    `nps 6 (detractor)`.
#}

with

responses as (

    select * from {{ ref('int_survey_responses_classified') }}

),

windows as (

    select * from {{ ref('int_week_windows_resolved') }}

),

windowed as (

    select responses.*

    from responses
    inner join windows
        on responses.submitted_date between windows.window_start_date and windows.window_end_date

),

classed as (

    select
        *,
        case
            when survey_type = 'nps' then nps_category
            when is_satisfied then 'satisfied'
            else 'not satisfied'
        end as response_class

    from windowed

),

final as (

    select
        cast('survey_response' as {{ dbt.type_string() }}) as change_type,
        cast(submitted_date as date) as event_date,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(null as decimal(18, 2)) as amount,
        cast(
            {{ dbt.concat([
                "survey_type",
                "' '",
                dbt.cast('score', dbt.type_string()),
                "coalesce(' ' || interaction_type, '')",
                "' ('",
                "response_class",
                "')'",
            ]) }} as {{ dbt.type_string() }}
        ) as detail,
        cast(response_id as {{ dbt.type_string() }}) as source_id

    from classed

)

select * from final
