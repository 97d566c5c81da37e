{#
    The account attributes of the advocacy and fit KPIs per CRM account and month: one row
    per account of stg_crm__accounts and month of int_months_spined, with its name, segment,
    region, ideal-customer-profile fit and referenceable flag (the CRM's current values,
    read here once for the account-month fact, the advocacy mart and the churn fit flags),
    and its referral participation (seed 003): in the trailing window of months ending with
    the month (setting referral_participation_window_months of advocacy_settings, default
    12: the month and the 11 before it) it referred an opportunity (it is the
    opportunity's referrer_account_id, whatever the lead source; created on or before the
    month's evaluation day, the month's last day or as_of_date) or had an ambassador
    contact (`is_ambassador`, created on or before the evaluation day and not gone before
    the window's first day). Whether the account is a customer is decided where the row is
    joined to the account months.
#}

{{ config(materialized='table') }}

with

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

months as (

    select * from {{ ref('int_months_spined') }}

),

settings as (

    select * from {{ ref('int_advocacy_settings_pivoted') }}

),

month_windows as (

    select
        months.month_start,
        months.evaluation_date,
        cast(
            {{ dbt.dateadd(
                'month', '1 - settings.referral_participation_window_months', 'months.month_start'
            ) }} as date
        ) as window_start

    from months
    cross join settings

),

referrals as (

    select
        referrer_account_id as account_id,
        cast(created_at as date) as created_date

    from opportunities
    where referrer_account_id is not null

),

ambassadors as (

    select
        account_id,
        cast(created_at as date) as created_date,
        cast(left_at as date) as left_date

    from contacts
    where is_ambassador

),

referrals_in_window as (

    select
        referrals.account_id,
        month_windows.month_start,
        count(*) as referrals_in_window

    from month_windows
    inner join referrals
        on
            month_windows.window_start <= referrals.created_date
            and month_windows.evaluation_date >= referrals.created_date
    group by referrals.account_id, month_windows.month_start

),

ambassadors_in_window as (

    select
        ambassadors.account_id,
        month_windows.month_start,
        count(*) as ambassadors_in_window

    from month_windows
    inner join ambassadors
        on
            month_windows.evaluation_date >= ambassadors.created_date
            and (ambassadors.left_date is null or month_windows.window_start <= ambassadors.left_date)
    group by ambassadors.account_id, month_windows.month_start

),

participation as (

    select
        coalesce(referrals_in_window.account_id, ambassadors_in_window.account_id) as account_id,
        coalesce(referrals_in_window.month_start, ambassadors_in_window.month_start) as month_start,
        coalesce(referrals_in_window.referrals_in_window, 0) as referrals_in_window,
        coalesce(ambassadors_in_window.ambassadors_in_window, 0) as ambassadors_in_window

    from referrals_in_window
    full outer join ambassadors_in_window
        on
            referrals_in_window.account_id = ambassadors_in_window.account_id
            and referrals_in_window.month_start = ambassadors_in_window.month_start

),

account_months as (

    select
        accounts.account_id,
        accounts.account_name,
        accounts.segment,
        accounts.region,
        accounts.is_icp_fit,
        accounts.is_referenceable,
        month_windows.month_start

    from accounts
    cross join month_windows

),

final as (

    select
        account_months.account_id,
        account_months.month_start,
        account_months.account_name,
        account_months.segment,
        account_months.region,
        account_months.is_icp_fit,
        coalesce(account_months.is_referenceable, false) as is_referenceable,
        cast(coalesce(participation.referrals_in_window, 0) as integer) as referrals_in_window,
        cast(coalesce(participation.ambassadors_in_window, 0) as integer) as ambassadors_in_window,
        participation.account_id is not null as is_referral_participant

    from account_months
    left join participation
        on
            account_months.account_id = participation.account_id
            and account_months.month_start = participation.month_start

)

select * from final
