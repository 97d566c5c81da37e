{#
    Churn post-mortem. Question: for the accounts that churned in a period, how did their
    health move on the way out, when did the CS team last work with them, what was still
    open, and why did they say they left?

    One row per churn (an account whose ARR went to zero, movement `churn` of
    fct_account_months), with:
    - the reason: the primary reason of the full cancellation attributed to the churn (the
      rule behind churn_drivers; `unknown` without one), the missing feature of a product
      gap, whether an opt-out clause was used, and when notice was given;
    - the health trajectory over the paid spell that ended: the tier of each month, oldest
      first, the months spent red, the month the account turned red for the last time
      (`red_since`, null when its last paid month was not red: the churn came without a
      red warning), and the score and tier of its last paid month;
    - the CS team's last completed activity (any type) by the churn month's evaluation day,
      and the CTAs still open on that day.

    Red flags are computed on as_of_date only (marts.account_red_flags), so a churned account
    has none left to show: the red months of its health trajectory stand in for them.

    Period: the optional vars `churned_from` and `churned_to` (YYYY-MM-DD) bound the month of
    churn; without them every churn is listed.

    Run it after a build, with the build's vars:
        dbt show --select churn_post_mortem --limit 100 --vars '{churned_from: 2025-01-01, ...}'
    or `dbt compile --select churn_post_mortem` and run the SQL it writes to
    target/compiled/cs_analytics/analyses/churn_post_mortem.sql against the database.
#}

{%- set churned_from = var('churned_from', none) -%}
{%- set churned_to = var('churned_to', none) -%}

with

account_months as (

    select * from {{ ref('fct_account_months') }}

),

churn_attributions as (

    select * from {{ ref('fct_churn_events') }}

),

cancellations as (

    select * from {{ ref('stg_crm__cancellations') }}

),

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

accounts as (

    select * from {{ ref('dim_accounts') }}

),

csms as (

    select * from {{ ref('dim_csms') }}

),

period_bounds as (

    select
        cast({{ dbt.string_literal(churned_from) if churned_from else 'null' }} as date) as churned_from,
        cast({{ dbt.string_literal(churned_to) if churned_to else 'null' }} as date) as churned_to

),

churns_in_period as (

    select
        account_months.account_id,
        account_months.month_start as churn_month,
        account_months.evaluation_date as churn_evaluation_date,
        account_months.churned_arr

    from account_months
    cross join period_bounds
    where
        account_months.movement_type = 'churn'
        and (period_bounds.churned_from is null or account_months.month_start >= period_bounds.churned_from)
        and (period_bounds.churned_to is null or account_months.month_start <= period_bounds.churned_to)

),

churns_attributed as (

    select
        churns_in_period.*,
        churn_attributions.spell_start,
        churn_attributions.churn_reason,
        cancellations.product_gap_feature,
        cancellations.opt_out_clause_used,
        cancellations.requested_at as notice_requested_at

    from churns_in_period
    inner join churn_attributions
        on
            churns_in_period.account_id = churn_attributions.account_id
            and churns_in_period.churn_month = churn_attributions.month_start
    left join cancellations
        on churn_attributions.cancellation_id = cancellations.cancellation_id

),

spell_months_joined as (

    select
        churns_attributed.account_id,
        churns_attributed.churn_month,
        account_months.month_start,
        account_months.health_tier

    from churns_attributed
    inner join account_months
        on
            churns_attributed.account_id = account_months.account_id
            and churns_attributed.spell_start <= account_months.month_start
            and churns_attributed.churn_month > account_months.month_start

),

health_trajectories_summarised as (

    select
        account_id,
        churn_month,
        count(*) as paid_months,
        cast(sum(case when health_tier = 'red' then 1 else 0 end) as integer) as red_months,
        max(case when coalesce(health_tier, 'unscored') != 'red' then month_start end) as last_not_red_month,
        {{ dbt.listagg("coalesce(health_tier, 'unscored')", "' > '", 'order by month_start') }}
            as health_tier_path

    from spell_months_joined
    group by
        account_id,
        churn_month

),

red_streaks_dated as (

    select
        spell_months_joined.account_id,
        spell_months_joined.churn_month,
        min(spell_months_joined.month_start) as red_since

    from spell_months_joined
    inner join health_trajectories_summarised
        on
            spell_months_joined.account_id = health_trajectories_summarised.account_id
            and spell_months_joined.churn_month = health_trajectories_summarised.churn_month
    where
        spell_months_joined.health_tier = 'red'
        and (
            health_trajectories_summarised.last_not_red_month is null
            or spell_months_joined.month_start > health_trajectories_summarised.last_not_red_month
        )
    group by
        spell_months_joined.account_id,
        spell_months_joined.churn_month

),

last_paid_months_joined as (

    select
        churns_attributed.account_id,
        churns_attributed.churn_month,
        account_months.csm_user_id,
        account_months.health_score as last_health_score,
        account_months.health_tier as last_health_tier

    from churns_attributed
    inner join account_months
        on
            churns_attributed.account_id = account_months.account_id
            and account_months.month_start
            = cast({{ dbt.dateadd('month', -1, 'churns_attributed.churn_month') }} as date)

),

completed_activities_ranked as (

    select
        churns_attributed.account_id,
        churns_attributed.churn_month,
        activities.activity_type,
        activities.completed_at,
        row_number() over (
            partition by churns_attributed.account_id, churns_attributed.churn_month
            order by activities.completed_at desc, activities.activity_id desc
        ) as recency_rank

    from churns_attributed
    inner join activities
        on
            churns_attributed.account_id = activities.account_id
            and churns_attributed.churn_evaluation_date >= cast(activities.completed_at as date)

),

open_ctas_counted as (

    select
        churns_attributed.account_id,
        churns_attributed.churn_month,
        count(*) as open_ctas_at_churn

    from churns_attributed
    inner join activities
        on
            churns_attributed.account_id = activities.account_id
            and activities.activity_type = 'cta'
            and churns_attributed.churn_evaluation_date >= cast(activities.created_at as date)
            and (
                activities.completed_at is null
                or churns_attributed.churn_evaluation_date < cast(activities.completed_at as date)
            )
    group by
        churns_attributed.account_id,
        churns_attributed.churn_month

),

final as (

    select
        churns_attributed.account_id,
        accounts.account_name,
        accounts.segment,
        accounts.is_icp_fit,
        last_paid_months_joined.csm_user_id,
        csms.full_name as csm_name,
        churns_attributed.churn_month,
        churns_attributed.churned_arr,
        churns_attributed.churn_reason,
        churns_attributed.product_gap_feature,
        churns_attributed.opt_out_clause_used,
        churns_attributed.notice_requested_at,
        churns_attributed.spell_start,
        health_trajectories_summarised.paid_months,
        health_trajectories_summarised.red_months,
        red_streaks_dated.red_since,
        health_trajectories_summarised.health_tier_path,
        last_paid_months_joined.last_health_score,
        last_paid_months_joined.last_health_tier,
        completed_activities_ranked.completed_at as last_activity_completed_at,
        completed_activities_ranked.activity_type as last_activity_type,
        coalesce(open_ctas_counted.open_ctas_at_churn, 0) as open_ctas_at_churn

    from churns_attributed
    left join accounts
        on churns_attributed.account_id = accounts.account_id
    left join health_trajectories_summarised
        on
            churns_attributed.account_id = health_trajectories_summarised.account_id
            and churns_attributed.churn_month = health_trajectories_summarised.churn_month
    left join red_streaks_dated
        on
            churns_attributed.account_id = red_streaks_dated.account_id
            and churns_attributed.churn_month = red_streaks_dated.churn_month
    left join last_paid_months_joined
        on
            churns_attributed.account_id = last_paid_months_joined.account_id
            and churns_attributed.churn_month = last_paid_months_joined.churn_month
    left join csms
        on last_paid_months_joined.csm_user_id = csms.csm_user_id
    left join completed_activities_ranked
        on
            churns_attributed.account_id = completed_activities_ranked.account_id
            and churns_attributed.churn_month = completed_activities_ranked.churn_month
            and completed_activities_ranked.recency_rank = 1
    left join open_ctas_counted
        on
            churns_attributed.account_id = open_ctas_counted.account_id
            and churns_attributed.churn_month = open_ctas_counted.churn_month

)

select * from final
