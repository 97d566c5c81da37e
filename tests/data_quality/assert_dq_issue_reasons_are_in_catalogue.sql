{#
    Every (table_name, reason) that the data-quality models produce must be a rule of the
    catalogue (seed data_quality_rules), with the action the catalogue gives it. Fails with
    the unknown pairs: a base model or the registry (config.meta.data_quality of the source
    tables) invented a reason code, or a rule was renamed on one side only. The registry's
    reasons are produced even when they caught nothing, so a typo fails on any data.
#}

with

issues as (

    select * from {{ ref('int_data_quality_rules_unioned') }}

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
