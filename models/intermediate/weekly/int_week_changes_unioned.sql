{#
    What changed in the week (int_week_windows_resolved: the days ending on as_of_date),
    one row per change event, all change types in one list: one branch per change type,
    each a model giving the same six columns in the same order (change_type, event_date,
    account_id, amount, detail, source_id; amount null where the change has no ARR). To add
    a change type, write its model with these columns and add one branch below, with the
    explicit column list. Accounts, owners and ARR are joined once, in weekly_changes.
#}

{{ config(materialized='table') }}

with

notices as (

    select * from {{ ref('int_week_notices_resolved') }}

),

expansions as (

    select * from {{ ref('int_week_expansions_windowed') }}

),

onboardings as (

    select * from {{ ref('int_week_onboardings_windowed') }}

),

praise as (

    select * from {{ ref('int_week_praise_windowed') }}

),

survey_responses as (

    select * from {{ ref('int_week_survey_responses_windowed') }}

),

red_flags as (

    select * from {{ ref('int_week_red_flags_windowed') }}

),

health_tiers as (

    select * from {{ ref('int_week_health_tiers_classified') }}

),

unioned as (

    select
        change_type,
        event_date,
        account_id,
        amount,
        detail,
        source_id
    from notices

    union all

    select
        change_type,
        event_date,
        account_id,
        amount,
        detail,
        source_id
    from expansions

    union all

    select
        change_type,
        event_date,
        account_id,
        amount,
        detail,
        source_id
    from onboardings

    union all

    select
        change_type,
        event_date,
        account_id,
        amount,
        detail,
        source_id
    from praise

    union all

    select
        change_type,
        event_date,
        account_id,
        amount,
        detail,
        source_id
    from survey_responses

    union all

    select
        change_type,
        event_date,
        account_id,
        amount,
        detail,
        source_id
    from red_flags

    union all

    select
        change_type,
        event_date,
        account_id,
        amount,
        detail,
        source_id
    from health_tiers

),

final as (

    select
        change_type,
        event_date,
        account_id,
        amount,
        detail,
        source_id

    from unioned

)

select * from final
