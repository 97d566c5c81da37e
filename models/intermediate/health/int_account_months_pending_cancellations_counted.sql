{#
    The cancellations pending on each customer month's evaluation day (one row per row of
    int_customer_months_windowed), with the one definition both readers share: a
    cancellation is pending on a day when its notice was given on or before that day
    (requested_at) and it takes effect after it (effective_date). The health score reads
    the full ones (a pending full cancellation forces red); the red flag
    confirmed_cancellation reads them all, full and partial, and the earliest notice.

    Where a customer gave full notice twice, the later notice restates the effective date:
    pending_cancellation_effective_date is that of the latest pending full notice.
#}

with

customer_months as (

    select * from {{ ref('int_customer_months_windowed') }}

),

cancellations as (

    select * from {{ ref('stg_crm__cancellations') }}

),

pending as (

    select
        customer_months.account_id,
        customer_months.month_start,
        cancellations.cancellation_id,
        cancellations.cancellation_type,
        cancellations.requested_at,
        cancellations.effective_date

    from customer_months
    inner join cancellations
        on
            customer_months.account_id = cancellations.account_id
            and cast(cancellations.requested_at as date) <= customer_months.evaluation_date
            and customer_months.evaluation_date < cancellations.effective_date

),

full_notices_ranked as (

    select
        account_id,
        month_start,
        effective_date,
        row_number() over (
            partition by account_id, month_start
            order by requested_at desc, cancellation_id desc
        ) as notice_rank

    from pending
    where cancellation_type = 'full'

),

pending_counted as (

    select
        account_id,
        month_start,
        count(*) as pending_cancellations,
        min(cast(requested_at as date)) as first_pending_requested_date

    from pending
    group by account_id, month_start

),

final as (

    select
        customer_months.account_id,
        customer_months.month_start,
        coalesce(pending_counted.pending_cancellations, 0) as pending_cancellations,
        pending_counted.first_pending_requested_date,
        full_notices_ranked.effective_date is not null as has_pending_full_cancellation,
        full_notices_ranked.effective_date as pending_cancellation_effective_date

    from customer_months
    left join pending_counted
        on
            customer_months.account_id = pending_counted.account_id
            and customer_months.month_start = pending_counted.month_start
    left join full_notices_ranked
        on
            customer_months.account_id = full_notices_ranked.account_id
            and customer_months.month_start = full_notices_ranked.month_start
            and full_notices_ranked.notice_rank = 1

)

select * from final
