{#
    One row per data-quality rule: the per-source counts unioned. Every raw table of the
    registry must be counted by one of the models read here (checked when compiling).
#}

{%- do data_quality_assert_every_table_counted() %}

with

crm_core as (

    select * from {{ ref('int_crm_core_quality_rules_counted') }}

),

crm_success as (

    select * from {{ ref('int_crm_success_quality_rules_counted') }}

),

billing as (

    select * from {{ ref('int_billing_quality_rules_counted') }}

),

usage as (

    select * from {{ ref('int_usage_quality_rules_counted') }}

),

surveys as (

    select * from {{ ref('int_surveys_quality_rules_counted') }}

),

support as (

    select * from {{ ref('int_support_quality_rules_counted') }}

),

unioned as (

    select * from crm_core
    union all
    select * from crm_success
    union all
    select * from billing
    union all
    select * from usage
    union all
    select * from surveys
    union all
    select * from support

),

final as (

    select
        table_name,
        reason,
        action,
        rule,
        is_in_catalogue,
        affected_rows,
        source_rows

    from unioned

)

select * from final
