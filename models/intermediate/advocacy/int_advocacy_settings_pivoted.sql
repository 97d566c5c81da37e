{#
    The advocacy lists' and referral KPIs' configuration as one row of typed columns, from
    the seed advocacy_settings: the power-user window in days, the distinct active days (N)
    and distinct features (M) a power user needs in it, and the months over which referral
    participation is counted. A setting missing from the seed is null here, and a not_null
    test names it. A table: the power users and the referral participation read it.
#}

{{ config(materialized='table') }}

with

settings as (

    select * from {{ ref('advocacy_settings') }}

),

settings_typed as (

    select
        setting,
        {{ dbt.safe_cast('value', 'integer') }} as as_integer

    from settings

),

final as (

    select
        max(case when setting = 'power_user_window_days' then as_integer end) as power_user_window_days,
        max(case when setting = 'power_user_min_active_days' then as_integer end)
            as power_user_min_active_days,
        max(case when setting = 'power_user_min_features' then as_integer end) as power_user_min_features,
        max(case when setting = 'referral_participation_window_months' then as_integer end)
            as referral_participation_window_months

    from settings_typed

)

select * from final
