{#
    The company's Net Promoter Score per calendar month, from the first month with an NPS
    response through the month holding as_of_date. Months without responses are kept, with
    0 responses and a null NPS (never 0).
#}

with

responses as (

    select * from {{ ref('int_survey_responses_classified') }}

),

months as (

    select * from {{ ref('int_months_spined') }}

),

nps_responses as (

    select * from responses
    where survey_type = 'nps'

),

counted_by_month as (

    select
        month_start,
        count(*) as responses,
        sum(case when nps_category = 'promoter' then 1 else 0 end) as promoters,
        sum(case when nps_category = 'passive' then 1 else 0 end) as passives,
        sum(case when nps_category = 'detractor' then 1 else 0 end) as detractors

    from nps_responses
    group by month_start

),

first_month as (

    select min(month_start) as first_month_start

    from counted_by_month

),

months_spined as (

    select months.month_start

    from months
    inner join first_month
        on months.month_start >= first_month.first_month_start

),

joined as (

    select
        months_spined.month_start,
        coalesce(counted_by_month.responses, 0) as responses,
        coalesce(counted_by_month.promoters, 0) as promoters,
        coalesce(counted_by_month.passives, 0) as passives,
        coalesce(counted_by_month.detractors, 0) as detractors

    from months_spined
    left join counted_by_month
        on months_spined.month_start = counted_by_month.month_start

),

final as (

    select
        month_start,
        cast(responses as integer) as responses,
        cast(promoters as integer) as promoters,
        cast(passives as integer) as passives,
        cast(detractors as integer) as detractors,
        {{ nps_from_counts('promoters', 'detractors', 'responses') }} as nps

    from joined

)

select * from final
