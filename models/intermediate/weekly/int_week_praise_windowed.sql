{#
    The `praise_received` changes of the week: one row per feedback of type `praise`
    (stg_crm__feedback) with its created_at day (UTC) in the week
    (int_week_windows_resolved, both ends inclusive), in the columns every weekly change
    has. No amount; detail the feature praised (`general` when none was named).
#}

with

feedback as (

    select * from {{ ref('stg_crm__feedback') }}

),

windows as (

    select * from {{ ref('int_week_windows_resolved') }}

),

windowed as (

    select feedback.*

    from feedback
    inner join windows
        on
            cast(feedback.created_at as date)
            between windows.window_start_date and windows.window_end_date
    where feedback.feedback_type = 'praise'

),

final as (

    select
        cast('praise_received' as {{ dbt.type_string() }}) as change_type,
        cast(created_at as date) as event_date,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(null as decimal(18, 2)) as amount,
        cast(coalesce(feature, 'general') as {{ dbt.type_string() }}) as detail,
        cast(feedback_id as {{ dbt.type_string() }}) as source_id

    from windowed

)

select * from final
