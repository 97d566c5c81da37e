{#
    What changed this week, for the weekly CS staff meeting: one row per change event in
    the week (int_week_changes_unioned; the week is int_week_windows_resolved, the
    `week_window_days` days ending on as_of_date, both ends inclusive), with the account's
    name (int_account_months_advocacy_flagged, the one reader of the CRM's account
    attributes), its owning CSM at as_of_date (int_account_owners_resolved, the month holding
    as_of_date) and its ARR at as_of_date (int_account_months_classified; 0 for a CRM
    account that is not a paying customer). A change of an account unknown to the CRM (a
    survey response, say) keeps its row with account_id null (as in the facts), so that
    it is in no account's or CSM's list; source_id still names the raw row. See the docs blocks `week_window` and `weekly_change_types`.
#}

with

changes as (

    select * from {{ ref('int_week_changes_unioned') }}

),

windows as (

    select * from {{ ref('int_week_windows_resolved') }}

),

account_attributes as (

    select * from {{ ref('int_account_months_advocacy_flagged') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

accounts as (

    -- every CRM account, by its row of the month holding as_of_date
    select
        account_id,
        account_name

    from account_attributes
    where month_start = cast({{ dbt.date_trunc('month', as_of_date()) }} as date)

),

owners_as_of as (

    select
        account_id,
        csm_user_id

    from owners
    where month_start = cast({{ dbt.date_trunc('month', as_of_date()) }} as date)

),

arr_as_of as (

    select
        account_id,
        arr

    from account_months
    where evaluation_date = {{ as_of_date() }}

),

joined as (

    select
        windows.as_of_date,
        windows.window_start_date,
        windows.window_end_date,
        changes.change_type,
        changes.event_date,
        accounts.account_id,
        accounts.account_name,
        owners_as_of.csm_user_id,
        case when accounts.account_id is not null then coalesce(arr_as_of.arr, 0) end as arr,
        changes.amount,
        changes.detail,
        changes.source_id

    from changes
    cross join windows
    left join accounts
        on changes.account_id = accounts.account_id
    left join owners_as_of
        on changes.account_id = owners_as_of.account_id
    left join arr_as_of
        on changes.account_id = arr_as_of.account_id

),

final as (

    select
        cast(as_of_date as date) as as_of_date,
        cast(window_start_date as date) as window_start_date,
        cast(window_end_date as date) as window_end_date,
        cast(change_type as {{ dbt.type_string() }}) as change_type,
        cast(event_date as date) as event_date,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(account_name as {{ dbt.type_string() }}) as account_name,
        cast(csm_user_id as {{ dbt.type_string() }}) as csm_user_id,
        cast(arr as decimal(18, 2)) as arr,
        cast(amount as decimal(18, 2)) as amount,
        cast(detail as {{ dbt.type_string() }}) as detail,
        cast(source_id as {{ dbt.type_string() }}) as source_id

    from joined

)

select * from final
