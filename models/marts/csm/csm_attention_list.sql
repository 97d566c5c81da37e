{#
    The CSM's daily view: one row per customer at as_of_date, ranked within its owner's
    book (int_customers_attention_ranked). See the docs block `csm_attention_ranking`.
#}

with

ranked as (

    select * from {{ ref('int_customers_attention_ranked') }}

),

final as (

    select
        as_of_date,
        csm_user_id,
        account_id,
        account_name,
        health_tier,
        arr,
        renewal_date,
        last_activity_date,
        open_cta_count,
        priority_rank,
        attention_reasons,
        attention_tier,
        attention_tier_name,
        next_step,
        next_step_source,
        health_score,
        previous_health_tier,
        days_to_renewal,
        overdue_cta_count,
        next_cta_due_date,
        red_flag_count,
        issue_count

    from ranked

)

select * from final
