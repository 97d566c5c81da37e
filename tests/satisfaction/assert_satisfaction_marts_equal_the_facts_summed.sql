{#
    nps_monthly and csat_monthly are the monthly sums of fct_survey_responses: for every
    month, the NPS counts (responses, promoters, passives, detractors) and, per interaction
    type and for `all`, the CSAT counts (responses, satisfied) equal those of the fact's
    rows, and a month or type without rows in the fact has zero responses in the mart. A
    fact that loses or repeats responses (an account or owner join that drops or fans out
    rows) or a mart that miscounts fails, with one row per month (and type) that disagrees.
#}

with

responses as (

    select * from {{ ref('fct_survey_responses') }}

),

nps_monthly as (

    select * from {{ ref('nps_monthly') }}

),

csat_monthly as (

    select * from {{ ref('csat_monthly') }}

),

nps_summed as (

    select
        month_start,
        count(*) as responses,
        sum(case when score >= 9 then 1 else 0 end) as promoters,
        sum(case when score between 7 and 8 then 1 else 0 end) as passives,
        sum(case when score <= 6 then 1 else 0 end) as detractors

    from responses
    where survey_type = 'nps'
    group by month_start

),

csat_responses_by_type as (

    select
        month_start,
        interaction_type,
        score

    from responses
    where survey_type = 'csat' and interaction_type is not null

    union all

    select
        month_start,
        'all' as interaction_type,
        score

    from responses
    where survey_type = 'csat'

),

csat_summed as (

    select
        month_start,
        interaction_type,
        count(*) as responses,
        sum(case when score >= 4 then 1 else 0 end) as satisfied_responses

    from csat_responses_by_type
    group by month_start, interaction_type

),

nps_compared as (

    select
        coalesce(nps_monthly.month_start, nps_summed.month_start) as month_start,
        'nps' as interaction_type,
        nps_monthly.responses as mart_responses,
        coalesce(nps_summed.responses, 0) as fact_responses

    from nps_monthly
    full outer join nps_summed
        on nps_monthly.month_start = nps_summed.month_start
    where
        nps_monthly.month_start is null
        or nps_monthly.responses <> coalesce(nps_summed.responses, 0)
        or nps_monthly.promoters <> coalesce(nps_summed.promoters, 0)
        or nps_monthly.passives <> coalesce(nps_summed.passives, 0)
        or nps_monthly.detractors <> coalesce(nps_summed.detractors, 0)

),

csat_compared as (

    select
        coalesce(csat_monthly.month_start, csat_summed.month_start) as month_start,
        coalesce(csat_monthly.interaction_type, csat_summed.interaction_type) as interaction_type,
        csat_monthly.responses as mart_responses,
        coalesce(csat_summed.responses, 0) as fact_responses

    from csat_monthly
    full outer join csat_summed
        on
            csat_monthly.month_start = csat_summed.month_start
            and csat_monthly.interaction_type = csat_summed.interaction_type
    where
        csat_monthly.month_start is null
        or csat_monthly.responses <> coalesce(csat_summed.responses, 0)
        or csat_monthly.satisfied_responses <> coalesce(csat_summed.satisfied_responses, 0)

),

final as (

    select * from nps_compared
    union all
    select * from csat_compared

)

select * from final
