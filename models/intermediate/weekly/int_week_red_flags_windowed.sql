{#
    The `red_flag_raised` changes of the week: one row per red flag raised on a customer
    at as_of_date (int_account_red_flags_flagged) whose current raise began in the week
    (int_week_windows_resolved, both ends inclusive), in the columns every weekly change
    has. Month-end rules are evaluated at month ends and on as_of_date: one not raised at
    the last month end begins on as_of_date.
#}

with

flags as (

    select * from {{ ref('int_account_red_flags_flagged') }}

),

windows as (

    select * from {{ ref('int_week_windows_resolved') }}

),

windowed as (

    select flags.*
    from flags
    inner join windows
        on flags.first_raised_date between windows.window_start_date and windows.window_end_date

),

final as (

    select
        cast('red_flag_raised' as {{ dbt.type_string() }}) as change_type,
        cast(first_raised_date as date) as event_date,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(null as decimal(18, 2)) as amount,
        cast(
            {{ dbt.concat(["flag", "' ('", "severity", "'): '", "reason"]) }} as {{ dbt.type_string() }}
        ) as detail,
        cast({{ dbt.concat(["account_id", "'/'", "flag"]) }} as {{ dbt.type_string() }}) as source_id

    from windowed

)

select * from final
