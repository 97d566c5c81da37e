{#
    The company's CSAT per calendar month and interaction type (support, success,
    onboarding) and over all CSAT responses (`all`), from the first month with a CSAT
    response through the month holding as_of_date. Every month has all four rows; a row
    without responses has 0 responses and a null CSAT and mean score. A CSAT response
    whose interaction type is null counts only in `all`.
#}

with

responses as (

    select * from {{ ref('int_survey_responses_classified') }}

),

months as (

    select * from {{ ref('int_months_spined') }}

),

csat_responses as (

    select * from responses
    where survey_type = 'csat'

),

interaction_types as (

    {{ csat_interaction_types() }}

),

responses_by_type as (

    -- each response once under its own type, and once more under `all`
    select
        month_start,
        interaction_type,
        score,
        is_satisfied

    from csat_responses
    where interaction_type is not null

    union all

    select
        month_start,
        'all' as interaction_type,
        score,
        is_satisfied

    from csat_responses

),

counted as (

    select
        month_start,
        interaction_type,
        count(*) as responses,
        sum(case when is_satisfied then 1 else 0 end) as satisfied_responses,
        avg(cast(score as double)) as avg_score

    from responses_by_type
    group by
        month_start,
        interaction_type

),

first_month as (

    select min(month_start) as first_month_start

    from csat_responses

),

months_and_types_spined as (

    select
        months.month_start,
        interaction_types.interaction_type

    from months
    inner join first_month
        on months.month_start >= first_month.first_month_start
    cross join interaction_types

),

joined as (

    select
        months_and_types_spined.month_start,
        months_and_types_spined.interaction_type,
        coalesce(counted.responses, 0) as responses,
        coalesce(counted.satisfied_responses, 0) as satisfied_responses,
        counted.avg_score

    from months_and_types_spined
    left join counted
        on
            months_and_types_spined.month_start = counted.month_start
            and months_and_types_spined.interaction_type = counted.interaction_type

),

final as (

    select
        month_start,
        cast(interaction_type as {{ dbt.type_string() }}) as interaction_type,
        cast(responses as integer) as responses,
        cast(satisfied_responses as integer) as satisfied_responses,
        {{ csat_from_counts('satisfied_responses', 'responses') }} as csat,
        cast(avg_score as double) as avg_score

    from joined

)

select * from final
