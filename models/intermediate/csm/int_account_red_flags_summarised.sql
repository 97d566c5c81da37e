{#
    The red flags raised on each customer at as_of_date (int_account_red_flags_flagged),
    summed up for the attention list: one row per account with a flag other than
    renewal_soon_while_red (the list tells that one by red health and the renewal), with
    how many are raised and how many of them are `act`, their reasons in one text (act
    before watch, each by flag name) and the next step of the first act flag.
#}

with

flags as (

    select * from {{ ref('int_account_red_flags_flagged') }}

),

flags_ordered as (

    select
        *,
        row_number() over (
            partition by account_id
            order by case when severity = 'act' then 0 else 1 end, flag
        ) as flag_order

    from flags
    where flag <> 'renewal_soon_while_red'

),

final as (

    select
        account_id,
        sum(case when severity = 'act' then 1 else 0 end) as act_flag_count,
        count(*) as red_flag_count,
        {{ dbt.listagg('reason', "'; '", 'order by flag_order') }} as red_flag_reasons,
        max(case when flag_order = 1 and severity = 'act' then next_step end) as act_flag_next_step

    from flags_ordered
    group by account_id

)

select * from final
