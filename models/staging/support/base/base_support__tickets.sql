{#
    Every row of raw support_tickets (source support.tickets), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Every raw column arrives as a string: it is cast to its type with dbt.safe_cast,
    text is trimmed and enum values are case-folded to their canonical spelling.
    A typed value that is present (not blank) but does not cast, so safe_cast made it null,
    is flagged by dq_unparseable_value (macro dq_unparseable_value); per the seed, the row is
    set aside as unparseable_value, right after duplicate_key.

    Nothing is filtered or repaired here: stg_support__tickets drops the rows with a
    dq_set_aside_reason and applies the repairs flagged by the dq_ columns.
#}

with

source as (

    select * from {{ source('support', 'tickets') }}

),

renamed as (

    select
        ---------- ids
        {{ dbt.safe_cast('ticket_id', dbt.type_string()) }} as ticket_id,
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,

        ---------- strings
        lower(trim({{ dbt.safe_cast('status', dbt.type_string()) }})) as status,
        lower(trim({{ dbt.safe_cast('priority', dbt.type_string()) }})) as priority,
        lower(trim({{ dbt.safe_cast('channel', dbt.type_string()) }})) as channel,
        trim({{ dbt.safe_cast('category', dbt.type_string()) }}) as category,

        ---------- numerics
        {{ dbt.safe_cast('agent_reply_count', dbt.type_int()) }} as agent_reply_count,
        {{ dbt.safe_cast('reopen_count', dbt.type_int()) }} as reopen_count,

        ---------- timestamps
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ dbt.safe_cast('first_response_at', dbt.type_timestamp()) }} as first_response_at,
        {{ dbt.safe_cast('solved_at', dbt.type_timestamp()) }} as solved_at,

        ---------- data quality: a typed value present but unreadable (rule unparseable_value)
        {{ dq_unparseable_value([
            ('agent_reply_count', dbt.type_int()),
            ('reopen_count', dbt.type_int()),
            ('created_at', dbt.type_timestamp()),
            ('first_response_at', dbt.type_timestamp()),
            ('solved_at', dbt.type_timestamp()),
        ]) }} as dq_unparseable_value

    from source

),

flagged as (

    select
        *,
        row_number() over (
            partition by ticket_id
            order by
                created_at desc,
                account_id desc,
                status desc,
                priority desc,
                channel desc,
                category desc,
                agent_reply_count desc,
                reopen_count desc,
                first_response_at desc,
                solved_at desc
        ) as dq_row_number,
        (
            priority is not null and priority not in ('low', 'normal', 'high', 'urgent')
        ) as dq_invalid_priority,
        (
            status is not null and status not in ('new', 'open', 'pending', 'solved', 'closed')
        ) as dq_invalid_status,
        coalesce(solved_at < created_at, false) as dq_solved_before_created,
        coalesce(agent_reply_count < 0 or reopen_count < 0, false) as dq_negative_count

    from renamed

),

final as (

    select
        ticket_id,
        account_id,
        status,
        priority,
        channel,
        category,
        agent_reply_count,
        reopen_count,
        created_at,
        first_response_at,
        solved_at,
        dq_row_number,
        dq_unparseable_value,
        case
            when dq_row_number > 1 then 'duplicate_key'
            when dq_unparseable_value then 'unparseable_value'
        end as dq_set_aside_reason,
        dq_invalid_priority,
        dq_invalid_status,
        dq_solved_before_created,
        dq_negative_count

    from flagged

)

select * from final
