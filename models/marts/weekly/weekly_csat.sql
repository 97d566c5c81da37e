{#
    CSAT of the week's interactions, for the weekly CS staff meeting: one row per
    interaction type (support, success, onboarding) and over all CSAT responses (`all`),
    counting the valid CSAT responses (int_survey_responses_classified, where the
    satisfied band 4-5 is written) submitted in the week (int_week_windows_resolved: the
    `week_window_days` days ending on as_of_date, both ends inclusive). Always four rows: a
    type without responses has 0 responses and a null CSAT and mean score. A CSAT response
    whose interaction type is null counts only in `all`, as in csat_monthly. See the docs
    block `week_window`.
#}

with

responses as (

    select * from {{ ref('int_survey_responses_classified') }}

),

windows as (

    select * from {{ ref('int_week_windows_resolved') }}

),

week_csat_responses as (

    select responses.*

    from responses
    inner join windows
        on responses.submitted_date between windows.window_start_date and windows.window_end_date
    where responses.survey_type = 'csat'

),

interaction_types as (

    {{ csat_interaction_types() }}

),

responses_by_type as (

    -- each response once under its own type, and once more under `all`
    select
        interaction_type,
        score,
        is_satisfied

    from week_csat_responses
    where interaction_type is not null

    union all

    select
        'all' as interaction_type,
        score,
        is_satisfied

    from week_csat_responses

),

counted as (

    select
        interaction_type,
        count(*) as responses,
        sum(case when is_satisfied then 1 else 0 end) as satisfied_responses,
        avg(cast(score as double)) as avg_score

    from responses_by_type
    group by interaction_type

),

joined as (

    select
        windows.as_of_date,
        windows.window_start_date,
        windows.window_end_date,
        interaction_types.interaction_type,
        coalesce(counted.responses, 0) as responses,
        coalesce(counted.satisfied_responses, 0) as satisfied_responses,
        counted.avg_score

    from windows
    cross join interaction_types
    left join counted
        on interaction_types.interaction_type = counted.interaction_type

),

final as (

    select
        cast(as_of_date as date) as as_of_date,
        cast(window_start_date as date) as window_start_date,
        cast(window_end_date as date) as window_end_date,
        cast(interaction_type as {{ dbt.type_string() }}) as interaction_type,
        cast(responses as integer) as responses,
        cast(satisfied_responses as integer) as satisfied_responses,
        {{ csat_from_counts('satisfied_responses', 'responses') }} as csat,
        cast(avg_score as double) as avg_score

    from joined

)

select * from final
