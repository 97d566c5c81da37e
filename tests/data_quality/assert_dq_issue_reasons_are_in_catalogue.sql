{#
    Every (table_name, reason) that the data-quality model produces must be a rule of the
    catalogue (seed data_quality_rules), with the action the catalogue gives it. Fails with
    the unknown pairs: a model invented a reason code, or a rule was renamed on one side only.
#}

with

issues as (

    select * from {{ ref('int_data_quality_issues_unioned') }}

),

rules as (

    select * from {{ ref('data_quality_rules') }}

),

produced as (

    select distinct
        table_name,
        reason

    from issues

)

select produced.table_name, produced.reason
from produced
where not exists (
    select 1
    from rules
    where
        rules.table_name = produced.table_name
        and rules.reason = produced.reason
)
