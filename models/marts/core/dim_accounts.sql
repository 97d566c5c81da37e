with

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

health as (

    select * from {{ ref('int_account_health_scored') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

months as (

    select * from {{ ref('int_months_spined') }}

),

current_month_rows as (

    select
        account_months.account_id,
        account_months.first_paid_month,
        account_months.arr,
        health.health_score,
        health.health_tier

    from account_months
    left join health
        on
            account_months.account_id = health.account_id
            and account_months.month_start = health.month_start
    where account_months.is_current_month

),

current_owners as (

    select owners.*

    from owners
    inner join months
        on owners.month_start = months.month_start
    where months.is_current_month

),

joined as (

    select
        accounts.account_id,
        accounts.account_name,
        accounts.segment,
        accounts.region,
        accounts.industry,
        accounts.is_icp_fit,
        accounts.is_referenceable,
        current_owners.csm_user_id,
        current_month_rows.first_paid_month,
        coalesce(current_month_rows.arr, 0) as current_arr,
        current_month_rows.health_score,
        current_month_rows.health_tier

    from accounts
    left join current_month_rows
        on accounts.account_id = current_month_rows.account_id
    left join current_owners
        on accounts.account_id = current_owners.account_id

),

final as (

    select
        account_id,
        account_name,
        segment,
        region,
        industry,
        is_icp_fit,
        is_referenceable,
        csm_user_id,
        first_paid_month,
        case
            when first_paid_month is null then 'never_paid'
            when current_arr > 0 then 'active'
            else 'churned'
        end as customer_status,
        cast(current_arr as decimal(18, 2)) as current_arr,
        cast(health_score as decimal(5, 2)) as health_score,
        health_tier

    from joined

)

select * from final
