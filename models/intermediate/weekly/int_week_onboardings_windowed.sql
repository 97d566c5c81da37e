{#
    The `onboarding_completed` changes of the week: one row per onboarding
    (stg_crm__onboardings) with its completed_at day (UTC) in the week
    (int_week_windows_resolved, both ends inclusive), in the columns every weekly change
    has. No amount; detail the target go-live date the completion is read against.
#}

with

onboardings as (

    select * from {{ ref('stg_crm__onboardings') }}

),

windows as (

    select * from {{ ref('int_week_windows_resolved') }}

),

windowed as (

    select onboardings.*

    from onboardings
    inner join windows
        on
            cast(onboardings.completed_at as date)
            between windows.window_start_date and windows.window_end_date

),

final as (

    select
        cast('onboarding_completed' as {{ dbt.type_string() }}) as change_type,
        cast(completed_at as date) as event_date,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(null as decimal(18, 2)) as amount,
        cast(
            {{ dbt.concat([
                "'target go-live '",
                "coalesce(" ~ dbt.cast('target_go_live_date', dbt.type_string()) ~ ", 'unknown')",
            ]) }} as {{ dbt.type_string() }}
        ) as detail,
        cast(onboarding_id as {{ dbt.type_string() }}) as source_id

    from windowed

)

select * from final
