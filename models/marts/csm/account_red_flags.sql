{#
    The red flags raised at as_of_date on each customer, with its owning CSM: one row per
    account and flag (see int_account_red_flags_flagged for the rules).
#}

with

flags_raised as (

    select * from {{ ref('int_account_red_flags_flagged') }}

),

flags as (

    select
        *,
        {{ dbt.datediff('first_raised_date', 'as_of_date', 'day') }} as days_raised  -- noqa: LT05

    from flags_raised

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

final as (

    select
        flags.as_of_date,
        flags.account_id,
        accounts.account_name,
        owners.csm_user_id,
        flags.flag,
        flags.first_raised_date,
        cast(flags.days_raised as integer) as days_raised,
        flags.severity,
        flags.reason,
        flags.next_step,
        flags.measured_value,
        flags.sample_size,
        flags.threshold,
        flags.unit,
        flags.flag_description

    from flags
    inner join accounts
        on flags.account_id = accounts.account_id
    left join owners
        on
            flags.account_id = owners.account_id
            and owners.month_start = cast({{ dbt.date_trunc('month', 'flags.as_of_date') }} as date)

)

select * from final
