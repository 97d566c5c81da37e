{#
    One row per churn (account x month with movement_type = 'churn'), attributed to the
    primary reason of one `full` cancellation of the account, or to 'unknown'.

    Attribution rule: among the account's `full` cancellations whose effective_date lies in
    the paid spell that the churn ended - on or after the first day of the spell's first
    month (the account's latest `new` or `reactivation` month up to the churn month) and on
    or before the last day of the churn month - take the one with the latest effective_date,
    then the latest requested_at, then a specific reason before 'other' (a copy of a record
    whose invalid reason staging repaired to 'other' must not win over the original), then
    the greatest cancellation_id. No such cancellation: 'unknown'. Partial cancellations never explain a churn. Cancellations of accounts
    unknown to the CRM cannot match a churned account, so they are left out.
    Whether the chosen cancellation used a contractual opt-out clause is carried beside it
    (false when no cancellation explains the churn, or the flag is unreadable).
#}

with

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

cancellations as (

    select * from {{ ref('stg_crm__cancellations') }}

),

churns as (

    select
        account_id,
        month_start,
        month_end,
        first_paid_month,
        churned_arr

    from account_months
    where movement_type = 'churn'

),

spell_starts as (

    select
        account_id,
        month_start as spell_start

    from account_months
    where movement_type in ('new', 'reactivation')

),

churns_with_spell as (

    -- the paid spell a churn ends began in the latest new or reactivation month before it
    -- (an account's first row is always `new`, so there is one; first_paid_month is a fallback)
    select
        churns.account_id,
        churns.month_start,
        churns.month_end,
        churns.churned_arr,
        coalesce(max(spell_starts.spell_start), churns.first_paid_month) as spell_start

    from churns
    left join spell_starts
        on
            churns.account_id = spell_starts.account_id
            and churns.month_start > spell_starts.spell_start

    group by
        churns.account_id,
        churns.month_start,
        churns.month_end,
        churns.first_paid_month,
        churns.churned_arr

),

full_cancellations as (

    select
        cancellation_id,
        account_id,
        primary_reason,
        opt_out_clause_used,
        effective_date,
        requested_at

    from cancellations
    where cancellation_type = 'full'

),

candidates_ranked as (

    select
        churns_with_spell.account_id,
        churns_with_spell.month_start,
        full_cancellations.cancellation_id,
        full_cancellations.primary_reason,
        full_cancellations.opt_out_clause_used,
        full_cancellations.effective_date,
        row_number() over (
            partition by churns_with_spell.account_id, churns_with_spell.month_start
            order by
                full_cancellations.effective_date desc,
                full_cancellations.requested_at desc,
                case when full_cancellations.primary_reason = 'other' then 1 else 0 end,
                full_cancellations.cancellation_id desc
        ) as candidate_rank

    from churns_with_spell
    inner join full_cancellations
        on
            churns_with_spell.account_id = full_cancellations.account_id
            and churns_with_spell.spell_start <= full_cancellations.effective_date
            and churns_with_spell.month_end >= full_cancellations.effective_date

),

chosen as (

    select * from candidates_ranked
    where candidate_rank = 1

),

attributed as (

    select
        churns_with_spell.account_id,
        churns_with_spell.month_start,
        churns_with_spell.spell_start,
        churns_with_spell.churned_arr,
        chosen.cancellation_id,
        chosen.effective_date as cancellation_effective_date,
        coalesce(chosen.primary_reason, 'unknown') as churn_reason,
        coalesce(chosen.opt_out_clause_used, false) as is_opt_out_clause_used

    from churns_with_spell
    left join chosen
        on
            churns_with_spell.account_id = chosen.account_id
            and churns_with_spell.month_start = chosen.month_start

),

final as (

    select
        {{ dbt.concat(['account_id', "'-'", dbt.cast('month_start', dbt.type_string())]) }} as churn_event_id,
        account_id,
        month_start,
        spell_start,
        churned_arr,
        churn_reason,
        cancellation_id,
        cancellation_effective_date,
        is_opt_out_clause_used

    from attributed

)

select * from final
