{#
    Relationship signals per customer month (one row per row of int_customer_months_windowed),
    on the evaluation day: the contacts on record (created on or before it), whether a
    decision maker and a promoter are active (created, not yet left), and the decision
    makers who left in the decision-maker window (setting decision_maker_left_window_days,
    ending on the evaluation day). No contact on record leaves the relationship component
    out of the health score.
#}

with

customer_months as (

    select * from {{ ref('int_customer_months_windowed') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

contacts_dated as (

    select
        account_id,
        is_decision_maker,
        is_promoter,
        cast(created_at as date) as created_date,
        cast(left_at as date) as left_date

    from contacts

),

contacts_on_evaluation_day as (

    select
        customer_months.account_id,
        customer_months.month_start,
        contacts_dated.is_decision_maker,
        contacts_dated.is_promoter,
        contacts_dated.left_date is null
        or contacts_dated.left_date > customer_months.evaluation_date as is_active,
        coalesce(
            contacts_dated.left_date >= customer_months.decision_maker_left_window_start
            and contacts_dated.left_date <= customer_months.evaluation_date,
            false
        ) as has_left_in_window

    from customer_months
    inner join contacts_dated
        on
            customer_months.account_id = contacts_dated.account_id
            and customer_months.evaluation_date >= contacts_dated.created_date

),

contacts_counted as (

    select
        account_id,
        month_start,
        count(*) as contacts_on_record,
        max(case when is_decision_maker and is_active then 1 else 0 end) as active_decision_maker_flag,
        max(case when is_promoter and is_active then 1 else 0 end) as active_promoter_flag,
        sum(case when is_decision_maker and has_left_in_window then 1 else 0 end)
            as decision_makers_left_in_window

    from contacts_on_evaluation_day
    group by account_id, month_start

),

final as (

    select
        customer_months.account_id,
        customer_months.month_start,
        coalesce(contacts_counted.contacts_on_record, 0) as contacts_on_record,
        coalesce(contacts_counted.active_decision_maker_flag, 0) = 1 as has_active_decision_maker,
        coalesce(contacts_counted.active_promoter_flag, 0) = 1 as has_active_promoter,
        customer_months.decision_maker_left_window_days,
        coalesce(contacts_counted.decision_makers_left_in_window, 0) as decision_makers_left_in_window

    from customer_months
    left join contacts_counted
        on
            customer_months.account_id = contacts_counted.account_id
            and customer_months.month_start = contacts_counted.month_start

)

select * from final
