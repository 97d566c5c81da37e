{#
    One row per account-month with a `contraction` movement (a customer whose ARR went down
    without going to zero; int_account_months_classified), per the docs block
    kpi_downgrade_to_churn_rate: whether the account churned (a `churn` movement) in one of
    the downgrade_churn_window_months (seed upsell_settings, default 6) months after it,
    and whether that window has closed by as_of_date (the last month of the window has
    ended on or before as_of_date). With the CSM who owned the account at the end of the
    contraction month. The semantic layer's downgrade-to-churn rate counts closed windows
    only.
#}

with

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

settings as (

    select * from {{ ref('upsell_settings') }}

),

churn_window as (

    select {{ dbt.safe_cast('value', 'integer') }} as window_months
    from settings
    where setting = 'downgrade_churn_window_months'

),

contractions as (

    select
        account_months.account_id,
        account_months.month_start,
        account_months.opening_arr,
        account_months.contraction_arr,
        churn_window.window_months,
        cast(
            {{ dbt.dateadd('month', 'churn_window.window_months', 'account_months.month_start') }}
            as date
        ) as window_last_month_start

    from account_months
    -- a left join: without the setting, window_months is null and the contract's
    -- not_null constraint names it, rather than the fact going quietly empty
    left join churn_window on 1 = 1
    where account_months.movement_type = 'contraction'

),

churns_in_window_counted as (

    select
        contractions.account_id,
        contractions.month_start,
        count(*) as churns_in_window

    from contractions
    inner join account_months as later_months
        on
            contractions.account_id = later_months.account_id
            and contractions.month_start < later_months.month_start
            and contractions.window_last_month_start >= later_months.month_start
    where later_months.movement_type = 'churn'
    group by contractions.account_id, contractions.month_start

),

final as (

    select
        cast(contractions.account_id as {{ dbt.type_string() }}) as account_id,
        cast(contractions.month_start as date) as month_start,
        cast(owners.csm_user_id as {{ dbt.type_string() }}) as csm_user_id,
        cast(contractions.opening_arr as decimal(18, 2)) as opening_arr,
        cast(contractions.contraction_arr as decimal(18, 2)) as contraction_arr,
        cast(contractions.window_months as integer) as window_months,
        cast(
            {{ dbt.last_day('contractions.window_last_month_start', 'month') }} as date
        ) as window_end_date,
        cast(
            {{ dbt.last_day('contractions.window_last_month_start', 'month') }} as date
        ) <= {{ as_of_date() }} as is_window_closed,
        churns_in_window_counted.account_id is not null as is_churned_in_window

    from contractions
    left join churns_in_window_counted
        on
            contractions.account_id = churns_in_window_counted.account_id
            and contractions.month_start = churns_in_window_counted.month_start
    left join owners
        on
            contractions.account_id = owners.account_id
            and contractions.month_start = owners.month_start

)

select * from final
