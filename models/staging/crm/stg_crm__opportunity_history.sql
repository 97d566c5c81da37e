{#
    Opportunity change log: a row each time an opportunity's stage, amount or expected close date changes; the state holds until the opportunity's next row.

    One row per (opportunity_id, changed_at): the rows of base_crm__opportunity_history that no set-aside rule of the
    catalogue removed (this table has no repair rule).
#}

with

opportunity_history as (

    select * from {{ ref('base_crm__opportunity_history') }}

),

filtered as (

    select * from opportunity_history
    where dq_set_aside_reason is null

),

final as (

    select
        ---------- ids
        opportunity_id,

        ---------- strings
        stage,

        ---------- numerics
        amount_arr,

        ---------- dates
        expected_close_date,

        ---------- timestamps
        changed_at

    from filtered

)

select * from final
