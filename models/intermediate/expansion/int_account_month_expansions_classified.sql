{#
    Each expansion movement (an account-month whose movement is `expansion`) classified as
    at renewal or mid-contract, per the docs block kpi_upsell_rate_mid_contract: at renewal
    when one of the account's subscriptions has a renewal date within renewal_window_days
    (seed upsell_settings) before or after the last day of the month; mid-contract
    otherwise. The current month is judged against its calendar last day too.
#}

with

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

renewals as (

    select * from {{ ref('int_subscription_renewals_spined') }}

),

settings as (

    select * from {{ ref('upsell_settings') }}

),

renewal_window as (

    select {{ dbt.safe_cast('value', 'integer') }} as renewal_window_days
    from settings
    where setting = 'renewal_window_days'

),

expansions as (

    select
        account_id,
        month_start,
        month_end,
        expansion_arr

    from account_months
    where movement_type = 'expansion'

),

renewals_near_month_end as (

    select
        expansions.account_id,
        expansions.month_start,
        count(*) as renewals_in_window

    from expansions
    inner join renewals
        on expansions.account_id = renewals.account_id
    cross join renewal_window
    where
        renewals.renewal_date
        between {{ dbt.dateadd('day', '-renewal_window.renewal_window_days', 'expansions.month_end') }}
        and {{ dbt.dateadd('day', 'renewal_window.renewal_window_days', 'expansions.month_end') }}
    group by expansions.account_id, expansions.month_start

),

final as (

    select
        expansions.account_id,
        expansions.month_start,
        expansions.month_end,
        expansions.expansion_arr,
        renewals_near_month_end.account_id is not null as is_at_renewal,
        renewals_near_month_end.account_id is null as is_mid_contract

    from expansions
    left join renewals_near_month_end
        on
            expansions.account_id = renewals_near_month_end.account_id
            and expansions.month_start = renewals_near_month_end.month_start

)

select * from final
