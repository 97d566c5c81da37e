{#
    The data-quality report: one row per rule of the catalogue (seed data_quality_rules),
    with the number of raw rows it set aside, repaired or excluded downstream in this run
    and the size of the raw table. Rules that caught nothing are listed with zero, so the
    report always shows every rule; a reason caught that the catalogue lacks is left out
    here (the test assert_dq_issue_reasons_are_in_catalogue fails on it).
#}

with

quality_rules as (

    select * from {{ ref('int_data_quality_rules_unioned') }}

),

catalogue_rules as (

    select * from quality_rules
    where is_in_catalogue

),

final as (

    select
        {{ dbt.safe_cast('table_name', dbt.type_string()) }} as table_name,
        {{ dbt.safe_cast('reason', dbt.type_string()) }} as reason,
        {{ dbt.safe_cast('action', dbt.type_string()) }} as action,  -- noqa: RF04
        {{ dbt.safe_cast('rule', dbt.type_string()) }} as rule,  -- noqa: RF04
        {{ dbt.safe_cast('affected_rows', dbt.type_bigint()) }} as affected_rows,
        {{ dbt.safe_cast('source_rows', dbt.type_bigint()) }} as source_rows

    from catalogue_rules

)

select * from final
