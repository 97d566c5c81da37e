{#
    Referral participation per account and month (seed 003, "referral participation"):
    one row per account and month in which the account, in the trailing window of months
    ending with that month (setting referral_participation_window_months of
    advocacy_settings, default 12: the month and the 11 before it), referred an opportunity
    (it is the opportunity's referrer_account_id, whatever the lead source; created on or
    before the month's evaluation day, the month's last day or as_of_date) or had an
    ambassador contact (`is_ambassador`, created on or before the evaluation day and not
    gone before the window's first day). Only accounts with either have rows; whether they
    are customers is decided where the row is joined to the account months.
#}

{{ config(materialized='table') }}

with

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

final as (

    select
        coalesce(referrals_in_window.account_id, ambassadors_in_window.account_id) as account_id,
        coalesce(referrals_in_window.month_start, ambassadors_in_window.month_start) as month_start,
        cast(coalesce(referrals_in_window.referrals_in_window, 0) as integer) as referrals_in_window,
        cast(coalesce(ambassadors_in_window.ambassadors_in_window, 0) as integer) as ambassadors_in_window

    from referrals_in_window
    full outer join ambassadors_in_window
        on
            referrals_in_window.account_id = ambassadors_in_window.account_id
            and referrals_in_window.month_start = ambassadors_in_window.month_start

)

select * from final
