{#
    The owning CSM of each account at the end of each month's evaluation day (the month's
    last day, or as_of_date in the current month), from the first month the account had
    an owner. An assignment lasts from its assigned_at until the account's next one;
    assignments of unknown accounts or CSMs are left out (counted as data-quality issues).
#}

{{ config(materialized='table') }}

with

assignments as (

    select * from {{ ref('stg_crm__account_assignments') }}

),

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

users as (

    select * from {{ ref('stg_crm__users') }}

),

months as (

    select * from {{ ref('int_months_spined') }}

),

valid_assignments as (

    select assignments.*

    from assignments
    inner join accounts
        on assignments.account_id = accounts.account_id
    inner join users
        on assignments.csm_user_id = users.user_id

),

windowed as (

    select
        account_id,
        csm_user_id,
        assigned_at as owned_from,
        lead(assigned_at) over (
            partition by account_id
            order by assigned_at, assignment_id
        ) as owned_until

    from valid_assignments

),

months_with_cutoff as (

    -- ownership is read at the very end of the evaluation day
    select
        month_start,
        cast({{ dbt.dateadd('day', 1, 'evaluation_date') }} as timestamp) as owner_cutoff_at

    from months

),

final as (

    select
        windowed.account_id,
        months_with_cutoff.month_start,
        windowed.csm_user_id

    from windowed
    inner join months_with_cutoff
        on
            windowed.owned_from < months_with_cutoff.owner_cutoff_at
            and (
                windowed.owned_until is null
                or windowed.owned_until >= months_with_cutoff.owner_cutoff_at
            )

)

select * from final
