{#
    Each account-month with its expansion, if any, classified as at renewal or
    mid-contract, per the docs block kpi_upsell_rate_mid_contract: an `expansion` movement
    is at renewal when one of the account's subscriptions has a renewal date within
    renewal_window_days (seed upsell_settings) before or after the last day of the month;
    mid-contract otherwise. The current month is judged against its calendar last day too.
    expansion_timing is null in months without an expansion. One row per account-month of
    int_account_months_classified, with the ARR movements the quarterly upsell model sums.
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
        month_end

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
        account_months.account_id,
        account_months.month_start,
        account_months.month_end,
        account_months.is_current_month,
        account_months.movement_type,
        account_months.opening_arr,
        account_months.expansion_arr,
        account_months.contraction_arr,
        case
            when account_months.movement_type <> 'expansion' then null
            when renewals_near_month_end.account_id is not null then 'at_renewal'
            else 'mid_contract'
        end as expansion_timing

    from account_months
    left join renewals_near_month_end
        on
            account_months.account_id = renewals_near_month_end.account_id
            and account_months.month_start = renewals_near_month_end.month_start

)

select * from final
