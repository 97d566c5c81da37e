{#
    The CSM's daily view: one row per customer at as_of_date, ranked within its owner's
    book, with its tier (seed attention_tiers), the specific reasons and the next step:
    the account's next open CTA, else what its first act red flag says to do, else the
    tier's default. See the docs block `csm_attention_ranking` for the tiers and the
    order. A table: the attention list and the weekly priorities read it.
#}

{{ config(materialized='table') }}

with

signals as (

    select * from {{ ref('int_account_health_signals_measured') }}

),

scores as (

    select * from {{ ref('int_account_health_scored') }}

),

flags_listed as (

    select * from {{ ref('int_account_red_flags_summarised') }}

),

rules as (

    select * from {{ ref('red_flag_rules') }}

),

tiers as (

    select * from {{ ref('attention_tiers') }}

),

renewals as (

    select * from {{ ref('int_account_renewals_resolved') }}

),

ctas as (

    select * from {{ ref('int_account_ctas_counted') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

renewal_window as (

    -- "renewal soon" uses the window of the renewal_soon_while_red rule
    select threshold as renewal_window_days
    from rules
    where flag = 'renewal_soon_while_red'

),

customers as (

    -- the signals hold one row per customer and month: its as_of month row
    select
        signals.account_id,
        signals.evaluation_date as as_of_date,
        signals.month_start,
        signals.arr,
        signals.last_cs_touch_date

    from signals
    where signals.is_current_month

),

joined as (

    select
        customers.as_of_date,
        owners.csm_user_id,
        customers.account_id,
        accounts.account_name,
        scores.health_tier,
        scores.health_score,
        scores.previous_health_tier,
        scores.tier_change,
        customers.arr,
        renewals.renewal_date,
        renewals.days_to_renewal,
        customers.last_cs_touch_date as last_activity_date,
        coalesce(ctas.open_cta_count, 0) as open_cta_count,
        coalesce(ctas.overdue_cta_count, 0) as overdue_cta_count,
        ctas.next_cta_due_date,
        ctas.next_cta_subject,
        flags_listed.act_flag_next_step,
        coalesce(flags_listed.red_flag_count, 0) as red_flag_count,
        coalesce(flags_listed.act_flag_count, 0) as act_flag_count,
        flags_listed.red_flag_reasons,
        coalesce(scores.health_tier = 'red', false) as is_red,
        coalesce(scores.tier_change = 'slip', false) as has_slipped,
        coalesce(ctas.overdue_cta_count, 0) > 0 as has_overdue_cta,
        coalesce(renewals.days_to_renewal <= renewal_window.renewal_window_days, false) as is_renewal_soon

    from customers
    inner join accounts
        on customers.account_id = accounts.account_id
    -- a rules seed without the row leaves the window unknown (no "renewal soon"), not the list empty
    left join renewal_window
        on 1 = 1
    left join owners
        on
            customers.account_id = owners.account_id
            and customers.month_start = owners.month_start
    left join scores
        on
            customers.account_id = scores.account_id
            and customers.month_start = scores.month_start
    left join renewals
        on customers.account_id = renewals.account_id
    left join ctas
        on customers.account_id = ctas.account_id
    left join flags_listed
        on customers.account_id = flags_listed.account_id

),

tiered as (

    select
        *,
        case
            when is_red and is_renewal_soon then 1
            when is_red then 2
            when act_flag_count > 0 or has_slipped then 3
            when is_renewal_soon then 4
            else 5
        end as attention_tier,
        -- what needs doing besides the renewal: act flags, a slip, overdue CTAs
        act_flag_count
        + case when has_slipped then 1 else 0 end
        + case when has_overdue_cta then 1 else 0 end as issue_count,
        {{ labels_listed([
            "case when is_red then " ~ dbt.concat(["'red health (score '", "cast(cast(round(health_score, 0) as bigint) as " ~ dbt.type_string() ~ ")", "')'"]) ~ " end",
            "case when has_slipped then " ~ dbt.concat(["'health slipped from '", "previous_health_tier", "' to '", "health_tier"]) ~ " end",
            "case when is_renewal_soon then " ~ dbt.concat(["'renewal in '", "cast(days_to_renewal as " ~ dbt.type_string() ~ ")", "' days'"]) ~ " end",
            "case when has_overdue_cta then " ~ dbt.concat(["cast(overdue_cta_count as " ~ dbt.type_string() ~ ")", "' overdue CTA(s)'"]) ~ " end",
            "red_flag_reasons",
        ], separator='; ') }} as reasons_listed

    from joined

),

ranked as (

    select
        *,
        row_number() over (
            partition by csm_user_id
            order by
                attention_tier asc,
                case when attention_tier in (2, 3) then issue_count else 0 end desc,
                case when renewal_date is null then 1 else 0 end asc,
                renewal_date asc,
                arr desc,
                account_id asc
        ) as priority_rank

    from tiered

),

final as (

    select
        ranked.as_of_date,
        ranked.csm_user_id,
        ranked.account_id,
        ranked.account_name,
        ranked.health_tier,
        cast(ranked.arr as decimal(18, 2)) as arr,
        ranked.renewal_date,
        ranked.last_activity_date,
        cast(ranked.open_cta_count as integer) as open_cta_count,
        cast(ranked.priority_rank as integer) as priority_rank,
        -- null when there is nothing to say
        nullif(ranked.reasons_listed, '') as attention_reasons,
        cast(ranked.attention_tier as integer) as attention_tier,
        tiers.attention_tier_name,
        coalesce(ranked.next_cta_subject, ranked.act_flag_next_step, tiers.next_step) as next_step,
        case
            when ranked.next_cta_subject is not null then 'open_cta'
            when ranked.act_flag_next_step is not null then 'red_flag'
            when tiers.next_step is not null then 'tier'
        end as next_step_source,
        ranked.health_score,
        ranked.previous_health_tier,
        cast(ranked.days_to_renewal as integer) as days_to_renewal,
        cast(ranked.overdue_cta_count as integer) as overdue_cta_count,
        ranked.next_cta_due_date,
        cast(ranked.red_flag_count as integer) as red_flag_count,
        cast(ranked.issue_count as integer) as issue_count

    from ranked
    left join tiers
        on ranked.attention_tier = tiers.attention_tier

)

select * from final
