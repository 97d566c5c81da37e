{#
    data_quality_summary has exactly one row per rule of the catalogue, zero counts
    included. Fails with the rules that are missing from the summary or listed twice.
#}

with

summary as (

    select * from {{ ref('data_quality_summary') }}

),

rules as (

    select * from {{ ref('data_quality_rules') }}

),

counted as (

    select
        rules.table_name,
        rules.reason,
        count(summary.reason) as summary_rows

    from rules
    left join summary
        on
            rules.table_name = summary.table_name
            and rules.reason = summary.reason
    group by rules.table_name, rules.reason

)

select * from counted
where summary_rows != 1
