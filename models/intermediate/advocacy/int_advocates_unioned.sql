{#
    The people on seed 000's advocacy lists as of as_of_date, one row per list and person,
    before the account filter: contacts created on or before as_of_date that are
    promoters (`is_promoter`, and still at the customer: `left_at` null or after
    as_of_date), have a testimonial in use (`has_testimonial`) or are ambassadors
    (`is_ambassador`), each list on its own rows (a contact on two lists has two rows); and
    the power users of int_usage_power_users_flagged (person: the product user, no name).
    The advocates mart keeps those of accounts that are customers at as_of_date.
#}

with

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

power_users as (

    select * from {{ ref('int_usage_power_users_flagged') }}

),

current_contacts as (

    select
        *,
        left_at is null or cast(left_at as date) > {{ as_of_date() }} as is_still_at_customer

    from contacts
    where cast(created_at as date) <= {{ as_of_date() }}

),

contact_lists as (

    select
        'promoter' as list_name,
        account_id,
        contact_id as person_id,
        full_name as person_name,
        email

    from current_contacts
    where is_promoter and is_still_at_customer

    union all

    select
        'testimonial' as list_name,
        account_id,
        contact_id as person_id,
        full_name as person_name,
        email

    from current_contacts
    where has_testimonial

    union all

    select
        'ambassador' as list_name,
        account_id,
        contact_id as person_id,
        full_name as person_name,
        email

    from current_contacts
    where is_ambassador

),

power_user_list as (

    select
        'power_user' as list_name,
        account_id,
        user_id as person_id,
        cast(null as {{ dbt.type_string() }}) as person_name,
        email

    from power_users
    where is_power_user

),

final as (

    select * from contact_lists
    union all
    select * from power_user_list

)

select * from final
