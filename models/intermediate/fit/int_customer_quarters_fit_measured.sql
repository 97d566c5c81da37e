{#
    One row per account and calendar quarter in which the account was a customer at some
    point (ARR above zero at the end of a month of the quarter, or at the end of the month
    before one: a customer that churns in the quarter's first month is in it), through the
    quarter holding as_of_date (quarter to date). Per seed 003's customer-fit metrics:

    - whether the account had a subscription with an opt-out clause in the quarter (its
      term overlapping the quarter: contract start on or before the quarter's last day,
      capped at as_of_date, and not ended by the quarter's first day), or left through one
      in it (a customer that used the clause had one, whatever billing says): the
      denominator of the opt-out usage rate;
    - its churn events in the quarter (int_churn_events_fit_classified): all of them, the
      bad-fit ones and those through the opt-out clause, each with its churned ARR.

    An account churning twice in a quarter is two lost deals. A table: the customer-quarter
    fit fact and customer_fit_quarterly read it.
#}

{{ config(materialized='table') }}

with

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

),

billing_customers as (

    select * from {{ ref('stg_billing__customers') }}

),

churn_events as (

    select * from {{ ref('int_churn_events_fit_classified') }}

),

customer_quarters as (

    select distinct
        account_id,
        cast({{ dbt.date_trunc('quarter', 'month_start') }} as date) as quarter_start

    from account_months
    where opening_arr > 0 or arr > 0

),

quarters_bounded as (

    select
        *,
        quarter_start = cast({{ dbt.date_trunc('quarter', as_of_date()) }} as date)
            as is_quarter_to_date,
        case
            when quarter_start = cast({{ dbt.date_trunc('quarter', as_of_date()) }} as date)
                then {{ as_of_date() }}
            else cast({{ dbt.last_day(dbt.dateadd('month', 2, 'quarter_start'), 'month') }} as date)
        end as quarter_last_day

    from customer_quarters

),

opt_out_subscriptions as (

    select
        billing_customers.account_id,
        subscriptions.contract_start_date,
        subscriptions.ended_at

    from subscriptions
    inner join billing_customers
        on subscriptions.billing_customer_id = billing_customers.billing_customer_id
    where subscriptions.has_opt_out_clause and billing_customers.account_id is not null

),

quarters_with_opt_out_clause as (

    select distinct
        quarters_bounded.account_id,
        quarters_bounded.quarter_start

    from quarters_bounded
    inner join opt_out_subscriptions
        on
            quarters_bounded.account_id = opt_out_subscriptions.account_id
            and quarters_bounded.quarter_last_day >= opt_out_subscriptions.contract_start_date
            and (
                opt_out_subscriptions.ended_at is null
                or quarters_bounded.quarter_start < opt_out_subscriptions.ended_at
            )

),

churn_events_summed as (

    select
        account_id,
        quarter_start,
        count(*) as churned_deals,
        sum(churned_arr) as churned_arr,
        sum(case when is_bad_fit then 1 else 0 end) as bad_fit_churned_deals,
        sum(case when is_bad_fit then churned_arr else 0 end) as bad_fit_churned_arr,
        sum(case when is_opt_out_clause_used then 1 else 0 end) as opt_out_churned_deals,
        sum(case when is_opt_out_clause_used then churned_arr else 0 end) as opt_out_churned_arr

    from churn_events
    group by account_id, quarter_start

),

joined as (

    select
        quarters_bounded.account_id,
        quarters_bounded.quarter_start,
        quarters_bounded.is_quarter_to_date,
        quarters_with_opt_out_clause.account_id is not null as has_opt_out_clause_subscription,
        coalesce(churn_events_summed.churned_deals, 0) as churned_deals,
        coalesce(churn_events_summed.churned_arr, 0) as churned_arr,
        coalesce(churn_events_summed.bad_fit_churned_deals, 0) as bad_fit_churned_deals,
        coalesce(churn_events_summed.bad_fit_churned_arr, 0) as bad_fit_churned_arr,
        coalesce(churn_events_summed.opt_out_churned_deals, 0) as opt_out_churned_deals,
        coalesce(churn_events_summed.opt_out_churned_arr, 0) as opt_out_churned_arr

    from quarters_bounded
    left join quarters_with_opt_out_clause
        on
            quarters_bounded.account_id = quarters_with_opt_out_clause.account_id
            and quarters_bounded.quarter_start = quarters_with_opt_out_clause.quarter_start
    left join churn_events_summed
        on
            quarters_bounded.account_id = churn_events_summed.account_id
            and quarters_bounded.quarter_start = churn_events_summed.quarter_start

),

final as (

    select
        account_id,
        quarter_start,
        is_quarter_to_date,
        has_opt_out_clause_subscription or opt_out_churned_deals > 0 as has_opt_out_clause,
        has_opt_out_clause_subscription,
        cast(churned_deals as integer) as churned_deals,
        cast(churned_arr as decimal(18, 2)) as churned_arr,
        cast(bad_fit_churned_deals as integer) as bad_fit_churned_deals,
        cast(bad_fit_churned_arr as decimal(18, 2)) as bad_fit_churned_arr,
        cast(opt_out_churned_deals as integer) as opt_out_churned_deals,
        cast(opt_out_churned_arr as decimal(18, 2)) as opt_out_churned_arr

    from joined

)

select * from final
