{#
    The ARR forecast of each account, one row per forecast date, month end forecast and
    account that is a customer on the forecast date (int_account_forecast_months_spined),
    each component its own column, cumulative from the forecast date to the month end:
    - confirmed_churn_arr: the cancellations pending on the forecast date
      (int_account_forecast_cancellations_resolved) effective on or before the month end.
      A full one takes the account's whole ARR (partial ones beside it add nothing);
      partial ones add up, never beyond the account's ARR.
    - expected_renewal_churn_arr: the churn probability of the account's tier on the
      forecast date (int_renewal_churn_probabilities_resolved) × the ARR at risk at renewal: Σ ARR of the account's subscriptions
      whose next renewal (int_subscription_forecast_renewals_resolved) is due on or before
      the month end, but never more than the ARR left after confirmed churn (a cancelled
      part is not also expected to churn). Zero once a full cancellation is effective
      (its ARR is all confirmed churn). A tier without a probability (none measured, none
      in the seed) counts 0.
    - weighted_expansion_arr: the weighted ARR of the account's open expansion
      opportunities in the pipeline snapshot of the forecast date whose expected close
      date is after the forecast date and on or before the month end.
    forecast_arr = current_arr − confirmed_churn_arr − expected_renewal_churn_arr
    + weighted_expansion_arr. Amounts in USD, each rounded once to the cent.
#}

{{ config(materialized='table') }}

with

account_months as (

    select * from {{ ref('int_account_forecast_months_spined') }}

),

cancellations as (

    select * from {{ ref('int_account_forecast_cancellations_resolved') }}

),

renewals as (

    select * from {{ ref('int_subscription_forecast_renewals_resolved') }}

),

pipeline as (

    select * from {{ ref('int_expansion_opportunities_snapshotted') }}

),

probabilities as (

    select * from {{ ref('int_renewal_churn_probabilities_resolved') }}

),

cancellations_summed as (

    select
        account_months.forecast_date,
        account_months.month_end,
        account_months.account_id,
        max(case when cancellations.cancellation_type = 'full' then 1 else 0 end) as has_full_cancellation,
        sum(case when cancellations.cancellation_type = 'partial' then cancellations.cancelled_arr else 0 end)
            as partial_cancelled_arr

    from account_months
    inner join cancellations
        on
            account_months.forecast_date = cancellations.forecast_date
            and account_months.account_id = cancellations.account_id
            and account_months.month_end >= cancellations.effective_date
    group by account_months.forecast_date, account_months.month_end, account_months.account_id

),

renewals_summed as (

    select
        account_months.forecast_date,
        account_months.month_end,
        account_months.account_id,
        count(*) as renewals_due,
        sum(renewals.subscription_arr) as renewal_arr_due

    from account_months
    inner join renewals
        on
            account_months.forecast_date = renewals.forecast_date
            and account_months.account_id = renewals.account_id
            and account_months.month_end >= renewals.next_renewal_date
    group by account_months.forecast_date, account_months.month_end, account_months.account_id

),

pipeline_summed as (

    select
        account_months.forecast_date,
        account_months.month_end,
        account_months.account_id,
        sum(pipeline.weighted_arr) as weighted_expansion_arr

    from account_months
    inner join pipeline
        on
            account_months.forecast_date = pipeline.snapshot_date
            and account_months.account_id = pipeline.account_id
            and account_months.forecast_date < pipeline.expected_close_date
            and account_months.month_end >= pipeline.expected_close_date
    group by account_months.forecast_date, account_months.month_end, account_months.account_id

),

confirmed_churn_measured as (

    select
        account_months.*,
        probabilities.churn_probability,
        coalesce(cancellations_summed.has_full_cancellation, 0) = 1 as is_fully_cancelled,
        cast(coalesce(renewals_summed.renewals_due, 0) as integer) as renewals_due,
        cast(round(coalesce(renewals_summed.renewal_arr_due, 0), 2) as decimal(18, 2)) as renewal_arr_due,
        case
            when coalesce(cancellations_summed.has_full_cancellation, 0) = 1 then account_months.current_arr
            when coalesce(cancellations_summed.partial_cancelled_arr, 0) > account_months.current_arr
                then account_months.current_arr
            else coalesce(cancellations_summed.partial_cancelled_arr, 0)
        end as confirmed_churn_arr,
        coalesce(renewals_summed.renewal_arr_due, 0) as renewal_arr_due_unrounded,
        coalesce(pipeline_summed.weighted_expansion_arr, 0) as weighted_expansion_arr

    from account_months
    left join cancellations_summed
        on
            account_months.forecast_date = cancellations_summed.forecast_date
            and account_months.month_end = cancellations_summed.month_end
            and account_months.account_id = cancellations_summed.account_id
    left join renewals_summed
        on
            account_months.forecast_date = renewals_summed.forecast_date
            and account_months.month_end = renewals_summed.month_end
            and account_months.account_id = renewals_summed.account_id
    left join pipeline_summed
        on
            account_months.forecast_date = pipeline_summed.forecast_date
            and account_months.month_end = pipeline_summed.month_end
            and account_months.account_id = pipeline_summed.account_id
    left join probabilities
        on account_months.health_tier = probabilities.health_tier

),

expected_churn_measured as (

    select
        confirmed_churn_measured.*,
        -- the ARR at risk at renewal: the renewals' ARR, never more than the ARR left after
        -- confirmed churn (a cancelled part is not also expected to churn)
        cast(
            round(
                case
                    when confirmed_churn_measured.is_fully_cancelled then 0
                    when
                        confirmed_churn_measured.renewal_arr_due_unrounded
                        > confirmed_churn_measured.current_arr - confirmed_churn_measured.confirmed_churn_arr
                        then
                            confirmed_churn_measured.current_arr
                            - confirmed_churn_measured.confirmed_churn_arr
                    else confirmed_churn_measured.renewal_arr_due_unrounded
                end
                * coalesce(confirmed_churn_measured.churn_probability, 0),
                2
            ) as decimal(18, 2)
        ) as expected_renewal_churn_arr

    from confirmed_churn_measured

),

final as (

    select
        forecast_date,
        month_end,
        horizon_months,
        is_backtest,
        account_id,
        csm_user_id,
        health_tier,
        churn_probability,
        is_fully_cancelled,
        renewals_due,
        renewal_arr_due,
        cast(current_arr as decimal(18, 2)) as current_arr,
        cast(confirmed_churn_arr as decimal(18, 2)) as confirmed_churn_arr,
        expected_renewal_churn_arr,
        cast(weighted_expansion_arr as decimal(18, 2)) as weighted_expansion_arr,
        cast(
            current_arr - confirmed_churn_arr - expected_renewal_churn_arr + weighted_expansion_arr
            as decimal(18, 2)
        ) as forecast_arr,
        cast(actual_arr as decimal(18, 2)) as actual_arr

    from expected_churn_measured

)

select * from final
