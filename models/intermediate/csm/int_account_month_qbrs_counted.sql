{#
    Whether each account was due a business review (QBR) in the calendar quarter holding
    the month, and whether it had one, quarter to date: one row per account and month of
    int_account_months_classified.

    Due rule (cadence per segment from the seed qbr_cadence):
    - the anchor is the account's last QBR completed before the quarter started, or, when
      it never had one, the first day of its first paid month;
    - the QBR is due on anchor + cadence_months, and the account is due a QBR in the
      quarter when that date falls on or before the quarter's last day (an overdue QBR
      stays due quarter after quarter until it happens), and it is a customer on the
      month's evaluation day.
    Completed: a `qbr` activity completed between the quarter's first day and the month's
    evaluation day (quarter to date; the whole quarter in its last month).
#}

{{ config(materialized='table') }}

with

account_months as (

    select * from {{ ref('int_account_months_classified') }}

),

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

cadences as (

    select * from {{ ref('qbr_cadence') }}

),

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

completed_qbrs as (

    select
        account_id,
        cast(completed_at as date) as completed_date

    from activities
    where
        activity_type = 'qbr'
        and completed_at is not null
        and cast(completed_at as date) <= {{ as_of_date() }}

),

quartered as (

    select
        account_months.account_id,
        account_months.month_start,
        account_months.evaluation_date,
        account_months.first_paid_month,
        account_months.is_customer,
        accounts.segment,
        cadences.cadence_months,
        cast({{ dbt.date_trunc('quarter', 'account_months.month_start') }} as date) as quarter_start,
        {{ dbt.last_day('account_months.month_start', 'quarter') }} as quarter_end

    from account_months
    inner join accounts
        on account_months.account_id = accounts.account_id
    left join cadences
        on accounts.segment = cadences.segment

),

last_qbr_before_quarter as (

    select
        quartered.account_id,
        quartered.month_start,
        max(completed_qbrs.completed_date) as last_qbr_before_quarter_date

    from quartered
    inner join completed_qbrs
        on
            quartered.account_id = completed_qbrs.account_id
            and quartered.quarter_start > completed_qbrs.completed_date
    group by quartered.account_id, quartered.month_start

),

qbrs_quarter_to_date as (

    select
        quartered.account_id,
        quartered.month_start,
        count(*) as qbrs_completed_quarter_to_date

    from quartered
    inner join completed_qbrs
        on
            quartered.account_id = completed_qbrs.account_id
            and quartered.quarter_start <= completed_qbrs.completed_date
            and quartered.evaluation_date >= completed_qbrs.completed_date
    group by quartered.account_id, quartered.month_start

),

joined as (

    select
        quartered.*,
        last_qbr_before_quarter.last_qbr_before_quarter_date,
        coalesce(qbrs_quarter_to_date.qbrs_completed_quarter_to_date, 0) as qbrs_completed_quarter_to_date,
        cast(
            {{ dbt.dateadd(
                'month',
                'quartered.cadence_months',
                'coalesce(last_qbr_before_quarter.last_qbr_before_quarter_date, quartered.first_paid_month)'
            ) }} as date
        ) as qbr_due_date

    from quartered
    left join last_qbr_before_quarter
        on
            quartered.account_id = last_qbr_before_quarter.account_id
            and quartered.month_start = last_qbr_before_quarter.month_start
    left join qbrs_quarter_to_date
        on
            quartered.account_id = qbrs_quarter_to_date.account_id
            and quartered.month_start = qbrs_quarter_to_date.month_start

),

final as (

    select
        account_id,
        month_start,
        quarter_start,
        quarter_end,
        evaluation_date,
        segment,
        cadence_months,
        last_qbr_before_quarter_date,
        qbr_due_date,
        qbrs_completed_quarter_to_date,
        coalesce(is_customer and qbr_due_date <= quarter_end, false) as is_qbr_due,
        coalesce(
            is_customer and qbr_due_date <= quarter_end and qbrs_completed_quarter_to_date > 0, false
        ) as is_qbr_completed

    from joined

)

select * from final
