{#
    Every churn event once under every churn reason seen in the data
    (int_churn_event_reasons_spined), with the account and the CSM of fct_churn_events:
    the rows the semantic layer's churn shares by reason are counted over, so that a
    share grouped by reason and by segment, CSM or month divides by all the churn of that
    segment, CSM or month.
#}

with

event_reasons as (

    select * from {{ ref('int_churn_event_reasons_spined') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

owners_joined as (

    select
        event_reasons.*,
        owners.csm_user_id

    from event_reasons
    left join owners
        on
            event_reasons.account_id = owners.account_id
            and event_reasons.month_start = owners.month_start

),

final as (

    select
        cast(churn_event_id as {{ dbt.type_string() }}) as churn_event_id,
        cast(churn_reason as {{ dbt.type_string() }}) as churn_reason,
        is_attributed_reason,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(csm_user_id as {{ dbt.type_string() }}) as csm_user_id,
        month_start,
        cast(churned_arr as decimal(18, 2)) as churned_arr

    from owners_joined

)

select * from final
