{#
    One row per upsold customer-quarter and each expansion reason named in the quarter
    (int_customer_quarter_upsell_reasons_attributed), has_reason marking the reasons of the
    customer itself (`unknown` when no closed-won expansion opportunity of the quarter
    names one), with the CSM who owned the account at the quarter's start. The semantic
    layer's reason share is Σ has_reason / rows, per reason; segment and region come from
    dim_accounts through the account entity.
#}

with

reasons as (

    select * from {{ ref('int_customer_quarter_upsell_reasons_attributed') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

joined as (

    select
        reasons.*,
        owners.csm_user_id

    from reasons
    left join owners
        on
            reasons.account_id = owners.account_id
            and owners.month_start = {{ dbt.dateadd('month', -1, 'reasons.quarter_start') }}

),

final as (

    select
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(quarter_start as date) as quarter_start,
        cast(expansion_reason as {{ dbt.type_string() }}) as expansion_reason,
        has_reason,
        cast(csm_user_id as {{ dbt.type_string() }}) as csm_user_id

    from joined

)

select * from final
