{#
    Seed 000's promoter workflow: one row per person on an advocacy list at as_of_date and
    the list (int_advocates_unioned): promoters still at the customer, contacts with a
    testimonial in use, ambassadors, and power users (the product users active on at
    least N days and using at least M features in the last 30 days; settings in
    advocacy_settings). Only people of accounts that are customers at as_of_date (ARR above
    zero in its month); each with the account's ARR and health tier then
    (int_account_health_scored) and the CSM who owns it (int_account_owners_resolved). A
    person on two lists has a row on each.
#}

with

advocates as (

    select * from {{ ref('int_advocates_unioned') }}

),

health as (

    select * from {{ ref('int_account_health_scored') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

current_customers as (

    select
        account_id,
        arr,
        health_tier

    from health
    where
        month_start = cast({{ dbt.date_trunc('month', as_of_date()) }} as date)
        and arr > 0

),

current_owners as (

    select
        account_id,
        csm_user_id

    from owners
    where month_start = cast({{ dbt.date_trunc('month', as_of_date()) }} as date)

),

joined as (

    select
        advocates.list_name,
        advocates.account_id,
        advocates.person_id,
        advocates.person_name,
        advocates.email,
        current_customers.arr as account_arr,
        current_customers.health_tier,
        current_owners.csm_user_id

    from advocates
    inner join current_customers
        on advocates.account_id = current_customers.account_id
    left join current_owners
        on advocates.account_id = current_owners.account_id

),

final as (

    select
        {{ as_of_date() }} as as_of_date,
        cast(list_name as {{ dbt.type_string() }}) as list_name,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(person_id as {{ dbt.type_string() }}) as person_id,
        cast(person_name as {{ dbt.type_string() }}) as person_name,
        cast(email as {{ dbt.type_string() }}) as email,
        cast(account_arr as decimal(18, 2)) as account_arr,
        cast(health_tier as {{ dbt.type_string() }}) as health_tier,
        cast(csm_user_id as {{ dbt.type_string() }}) as csm_user_id

    from joined

)

select * from final
