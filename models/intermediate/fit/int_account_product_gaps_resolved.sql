{#
    Seed 003's repeated product gaps, as of as_of_date: one row per account and feature that
    the account named as a product gap in the trailing window (setting
    product_gap_window_months of the seed customer_fit_settings, default 12 months ending
    on as_of_date): `product_gap` feedback on the feature created in the window, or a
    cancellation (full or partial) naming it as `product_gap_feature` requested in it. Only
    accounts that were customers in one of the window's months (ARR above zero at the end
    of one of its months, or of the month before one) count; a prospect's feedback does not.

    Each row says whether the account is still a customer (ARR above zero in the month of
    as_of_date: its current ARR is at risk) or has churned (its ARR before its latest churn
    is lost). Beside it, on every row, the number of customers in the window: the
    denominator of the share of customers. A table: the product-gap fact and mart read it.
#}

{{ config(materialized='table') }}

with

feedback as (

    select * from {{ ref('stg_crm__feedback') }}

),

cancellations as (

    select * from {{ ref('stg_crm__cancellations') }}

),

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

settings as (

    select * from {{ ref('customer_fit_settings') }}

),

window_bounds as (

    select
        cast({{ dbt.dateadd('month', '-1 * window_months', as_of_date()) }} as date) as window_after,
        cast(
            {{ dbt.dateadd('month', '1 - window_months', dbt.date_trunc('month', as_of_date())) }} as date
        ) as first_window_month

    from (
        select
            max(
                case
                    when setting = 'product_gap_window_months'
                        then {{ dbt.safe_cast('value', 'integer') }}
                end
            ) as window_months

        from settings
    ) as pivoted

),

gap_mentions as (

    select
        account_id,
        feature,
        cast(created_at as date) as logged_date

    from feedback
    where feedback_type = 'product_gap' and feature is not null

    union all

    select
        account_id,
        product_gap_feature as feature,
        cast(requested_at as date) as logged_date

    from cancellations
    where product_gap_feature is not null

),

mentions_in_window as (

    select
        gap_mentions.account_id,
        gap_mentions.feature,
        min(gap_mentions.logged_date) as first_logged_date,
        max(gap_mentions.logged_date) as last_logged_date,
        count(*) as mentions

    from gap_mentions
    cross join window_bounds
    where
        gap_mentions.logged_date > window_bounds.window_after
        and gap_mentions.logged_date <= {{ as_of_date() }}
    group by gap_mentions.account_id, gap_mentions.feature

),

window_customers as (

    select distinct account_months.account_id

    from account_months
    cross join window_bounds
    where
        account_months.month_start >= window_bounds.first_window_month
        and (account_months.opening_arr > 0 or account_months.arr > 0)

),

current_arr as (

    select
        account_id,
        arr

    from account_months
    where is_current_month

),

latest_churns as (

    select
        account_id,
        churned_arr,
        row_number() over (partition by account_id order by month_start desc) as churn_rank

    from account_months
    where movement_type = 'churn'

),

joined as (

    select
        mentions_in_window.*,
        coalesce(current_arr.arr, 0) > 0 as is_customer,
        coalesce(current_arr.arr, 0) as current_arr,
        latest_churns.churned_arr as last_churned_arr

    from mentions_in_window
    inner join window_customers
        on mentions_in_window.account_id = window_customers.account_id
    left join current_arr
        on mentions_in_window.account_id = current_arr.account_id
    left join latest_churns
        on
            mentions_in_window.account_id = latest_churns.account_id
            and latest_churns.churn_rank = 1

),

final as (

    select
        {{ as_of_date() }} as as_of_date,
        joined.account_id,
        joined.feature,
        joined.first_logged_date,
        joined.last_logged_date,
        cast(joined.mentions as integer) as mentions,
        not joined.is_customer as is_churned,
        joined.is_customer as is_at_risk,
        cast(
            case when joined.is_customer then 0 else coalesce(joined.last_churned_arr, 0) end
            as decimal(18, 2)
        ) as lost_arr,
        cast(case when joined.is_customer then joined.current_arr else 0 end as decimal(18, 2))
            as at_risk_arr,
        cast((select count(*) from window_customers) as integer) as window_customers

    from joined

)

select * from final
