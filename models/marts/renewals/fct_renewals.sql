{#
    One row per subscription renewal due by as_of_date (int_subscription_renewals_resolved):
    its account, billing interval, renewal date and month, the subscription's part of the
    account's ARR before the renewal, the ARR of it kept after, and whether the account
    renewed; with the CSM who owned the account at the end of the month before the renewal
    date's month (the point-in-time rule of int_account_owners_resolved). The renewal rate
    and renewal ARR rate of the semantic layer are ratios of sums over these rows, so they
    slice by month, billing interval, CSM and (through the account entity) segment.
#}

with

renewals as (

    select * from {{ ref('int_subscription_renewals_resolved') }}

),

owners as (

    select * from {{ ref('int_account_owners_resolved') }}

),

joined_to_owners as (

    select
        renewals.*,
        owners.csm_user_id

    from renewals
    left join owners
        on
            renewals.account_id = owners.account_id
            and owners.month_start = {{ dbt.dateadd('month', -1, 'renewals.month_start') }}

),

final as (

    select
        cast(subscription_id as {{ dbt.type_string() }}) as subscription_id,
        cast(renewal_number as integer) as renewal_number,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(csm_user_id as {{ dbt.type_string() }}) as csm_user_id,
        cast(billing_interval_months as integer) as billing_interval_months,
        cast(renewal_date as date) as renewal_date,
        cast(month_start as date) as month_start,
        cast(account_arr_before as decimal(18, 2)) as account_arr_before,
        cast(account_arr_after as decimal(18, 2)) as account_arr_after,
        cast(arr_before as decimal(18, 2)) as arr_before,
        cast(arr_renewed as decimal(18, 2)) as arr_renewed,
        is_renewed

    from joined_to_owners

)

select * from final
