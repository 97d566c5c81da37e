{#
    Sentiment signals per customer month (one row per row of int_customer_months_windowed):
    the account's NPS responses in the NPS window and its CSAT responses (any interaction
    type) in the CSAT window, both ending on the evaluation day, and the NPS and CSAT they
    make (macros nps_from_counts and csat_from_counts; null without a response). The
    windows' lengths (settings nps_window_days, csat_window_days) are carried beside.
#}

with

customer_months as (

    select * from {{ ref('int_customer_months_windowed') }}

),

survey_responses as (

    select * from {{ ref('stg_surveys__responses') }}

),

responses_dated as (

    select
        account_id,
        survey_type,
        score,
        cast(submitted_at as date) as submitted_date

    from survey_responses
    where survey_type in ('nps', 'csat') and score is not null

),

responses_windowed as (

    select
        customer_months.account_id,
        customer_months.month_start,
        responses_dated.score,
        responses_dated.survey_type = 'nps'
        and responses_dated.submitted_date >= customer_months.nps_window_start as is_nps_in_window,
        responses_dated.survey_type = 'csat'
        and responses_dated.submitted_date >= customer_months.csat_window_start as is_csat_in_window

    from customer_months
    inner join responses_dated
        on
            customer_months.account_id = responses_dated.account_id
            and customer_months.evaluation_date >= responses_dated.submitted_date
            and responses_dated.submitted_date
            >= least(customer_months.nps_window_start, customer_months.csat_window_start)

),

responses_counted as (

    select
        account_id,
        month_start,
        sum(case when is_nps_in_window then 1 else 0 end) as nps_responses_in_window,
        sum(case when is_nps_in_window and score >= 9 then 1 else 0 end) as nps_promoters_in_window,
        sum(case when is_nps_in_window and score <= 6 then 1 else 0 end) as nps_detractors_in_window,
        sum(case when is_csat_in_window then 1 else 0 end) as csat_responses_in_window,
        sum(case when is_csat_in_window and score >= 4 then 1 else 0 end) as csat_satisfied_in_window

    from responses_windowed
    group by account_id, month_start

),

joined as (

    select
        customer_months.account_id,
        customer_months.month_start,
        customer_months.nps_window_days,
        customer_months.csat_window_days,
        coalesce(responses_counted.nps_responses_in_window, 0) as nps_responses_in_window,
        coalesce(responses_counted.nps_promoters_in_window, 0) as nps_promoters_in_window,
        coalesce(responses_counted.nps_detractors_in_window, 0) as nps_detractors_in_window,
        coalesce(responses_counted.csat_responses_in_window, 0) as csat_responses_in_window,
        coalesce(responses_counted.csat_satisfied_in_window, 0) as csat_satisfied_in_window

    from customer_months
    left join responses_counted
        on
            customer_months.account_id = responses_counted.account_id
            and customer_months.month_start = responses_counted.month_start

),

final as (

    select
        account_id,
        month_start,
        nps_window_days,
        nps_responses_in_window,
        nps_promoters_in_window,
        nps_detractors_in_window,
        {{ nps_from_counts(
            'nps_promoters_in_window', 'nps_detractors_in_window', 'nps_responses_in_window'
        ) }} as nps_in_window,
        csat_window_days,
        csat_responses_in_window,
        csat_satisfied_in_window,
        {{ csat_from_counts('csat_satisfied_in_window', 'csat_responses_in_window') }} as csat_in_window

    from joined

)

select * from final
