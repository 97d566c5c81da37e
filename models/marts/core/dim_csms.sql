with

users as (

    select * from {{ ref('stg_crm__users') }}

),

assignments as (

    select * from {{ ref('stg_crm__account_assignments') }}

),

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

owners_ever as (

    -- the same validity rule as ownership resolution: the assigned account must exist
    select distinct assignments.csm_user_id

    from assignments
    inner join accounts
        on assignments.account_id = accounts.account_id

),

final as (

    select
        users.user_id as csm_user_id,
        users.full_name,
        users.email,
        users.manager_user_id,
        users.is_active,
        users.role

    from users
    inner join owners_ever
        on users.user_id = owners_ever.csm_user_id

)

select * from final
