{#
    Each CSM's priorities for the week (seed 000's weekly staff meeting: "no more than
    three"): the first `priorities_per_csm` (seed weekly_settings, 3) customers of the
    CSM's attention list that are in its top tiers (1 to 3: at risk, or an act red flag or
    a slip), with why and the next step. Fewer rows for a CSM with fewer such customers;
    none for the unassigned customers. See the docs block `csm_weekly_priorities`.
#}

with

ranked as (

    select * from {{ ref('int_customers_attention_ranked') }}

),

windows as (

    select * from {{ ref('int_week_windows_resolved') }}

),

prioritised as (

    -- the list ranks the top tiers first, so a book's first ranks are its priorities
    select
        ranked.*,
        windows.window_start_date,
        windows.window_end_date

    from ranked
    inner join windows
        on ranked.priority_rank <= windows.priorities_per_csm
    where
        ranked.attention_tier <= 3
        and ranked.csm_user_id is not null

),

final as (

    select
        as_of_date,
        window_start_date,
        window_end_date,
        csm_user_id,
        priority_rank as priority,
        account_id,
        account_name,
        health_tier,
        arr,
        renewal_date,
        attention_tier,
        attention_tier_name,
        attention_reasons,
        next_step,
        next_step_source

    from prioritised

)

select * from final
