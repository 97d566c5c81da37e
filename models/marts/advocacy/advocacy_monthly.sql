{#
    Seed 003's advocacy and referral KPIs per month, one row per month from the first with
    ARR through the month of as_of_date: customers at the month's end, the referenceable
    ones (CRM `is_referenceable`, its current value) and their share; the customers that
    took part in the referral programme in the trailing window (a referral or an
    ambassador; int_account_months_advocacy_flagged) and their share; the referral
    opportunities created, closed and won in the month, the conversion rate (won / closed,
    null when none closed) and the won ARR; and the referral pipeline open at the month's
    end (its current amounts). Shares are null without customers.
#}

with

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

accounts as (

    select * from {{ ref('int_account_months_advocacy_flagged') }}

),

referrals as (

    select * from {{ ref('int_referral_opportunities_converted') }}

),

customer_months as (

    select
        account_months.month_start,
        account_months.evaluation_date,
        account_months.is_customer,
        account_months.is_customer and accounts.is_referenceable as is_referenceable_customer,
        account_months.is_customer and accounts.is_referral_participant as is_participant_customer

    from account_months
    inner join accounts
        on
            account_months.account_id = accounts.account_id
            and account_months.month_start = accounts.month_start

),

months_summed as (

    select
        month_start,
        max(evaluation_date) as evaluation_date,
        sum(case when is_customer then 1 else 0 end) as customers,
        sum(case when is_referenceable_customer then 1 else 0 end) as referenceable_customers,
        sum(case when is_participant_customer then 1 else 0 end) as referral_participants

    from customer_months
    group by month_start

),

created_summed as (

    select
        created_month as month_start,
        count(*) as referral_opportunities_created

    from referrals
    group by created_month

),

closed_summed as (

    select
        closed_month as month_start,
        count(*) as referral_opportunities_closed,
        sum(case when is_won then 1 else 0 end) as referral_opportunities_won,
        sum(case when is_won then amount_arr else 0 end) as referral_won_arr

    from referrals
    where is_closed and closed_month is not null
    group by closed_month

),

pipeline_at_month_end as (

    select
        months_summed.month_start,
        sum(referrals.amount_arr) as referral_pipeline_arr

    from months_summed
    inner join referrals
        on
            months_summed.evaluation_date >= referrals.created_date
            and (not referrals.is_closed or months_summed.evaluation_date < referrals.closed_date)
    group by months_summed.month_start

),

joined as (

    select
        months_summed.*,
        coalesce(created_summed.referral_opportunities_created, 0) as referral_opportunities_created,
        coalesce(closed_summed.referral_opportunities_closed, 0) as referral_opportunities_closed,
        coalesce(closed_summed.referral_opportunities_won, 0) as referral_opportunities_won,
        coalesce(closed_summed.referral_won_arr, 0) as referral_won_arr,
        coalesce(pipeline_at_month_end.referral_pipeline_arr, 0) as referral_pipeline_arr

    from months_summed
    left join created_summed
        on months_summed.month_start = created_summed.month_start
    left join closed_summed
        on months_summed.month_start = closed_summed.month_start
    left join pipeline_at_month_end
        on months_summed.month_start = pipeline_at_month_end.month_start

),

final as (

    select
        cast(month_start as date) as month_start,
        cast(customers as integer) as customers,
        cast(referenceable_customers as integer) as referenceable_customers,
        cast(cast(referenceable_customers as double) / nullif(customers, 0) as double)
            as referenceable_customer_share,
        cast(referral_participants as integer) as referral_participants,
        cast(cast(referral_participants as double) / nullif(customers, 0) as double)
            as referral_participation_rate,
        cast(referral_opportunities_created as integer) as referral_opportunities_created,
        cast(referral_opportunities_closed as integer) as referral_opportunities_closed,
        cast(referral_opportunities_won as integer) as referral_opportunities_won,
        cast(
            cast(referral_opportunities_won as double) / nullif(referral_opportunities_closed, 0) as double
        ) as referral_conversion_rate,
        cast(referral_won_arr as decimal(18, 2)) as referral_won_arr,
        cast(referral_pipeline_arr as decimal(18, 2)) as referral_pipeline_arr

    from joined

)

select * from final
