{#
    Every row of raw crm_opportunities (source crm.opportunities), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Every raw column arrives as a string: it is cast to its type with dbt.safe_cast,
    text is trimmed and enum values are case-folded to their canonical spelling.
    A typed value that is present (not blank) but does not cast, so safe_cast made it null,
    is flagged by dq_unparseable_value (macro dq_unparseable_value); per the seed, the row is
    set aside as unparseable_value, right after duplicate_key.

    Nothing is filtered or repaired here: stg_crm__opportunities drops the rows with a
    dq_set_aside_reason and applies the repairs flagged by the dq_ columns.
#}

with

source as (

    select * from {{ source('crm', 'opportunities') }}

),

renamed as (

    select
        ---------- ids
        {{ dbt.safe_cast('opportunity_id', dbt.type_string()) }} as opportunity_id,
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,
        {{ dbt.safe_cast('owner_user_id', dbt.type_string()) }} as owner_user_id,
        {{ dbt.safe_cast('referrer_account_id', dbt.type_string()) }} as referrer_account_id,

        ---------- strings
        lower(trim({{ dbt.safe_cast('opportunity_type', dbt.type_string()) }})) as opportunity_type,
        lower(trim({{ dbt.safe_cast('stage', dbt.type_string()) }})) as stage,  -- noqa: RF04
        upper(trim({{ dbt.safe_cast('currency', dbt.type_string()) }})) as currency,
        lower(trim({{ dbt.safe_cast('expansion_reason', dbt.type_string()) }})) as expansion_reason,
        lower(trim({{ dbt.safe_cast('lead_source', dbt.type_string()) }})) as lead_source,

        ---------- numerics
        {{ dbt.safe_cast('amount_arr', "decimal(18, 2)") }} as amount_arr,

        ---------- booleans
        {{ dbt.safe_cast('is_cs_sourced', dbt.type_boolean()) }} as is_cs_sourced,

        ---------- dates
        {{ dbt.safe_cast('expected_close_date', "date") }} as expected_close_date,

        ---------- timestamps
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ dbt.safe_cast('closed_at', dbt.type_timestamp()) }} as closed_at,

        ---------- data quality: a typed value present but unreadable (rule unparseable_value)
        {{ dq_unparseable_value([
            ('amount_arr', 'decimal(18, 2)'),
            ('is_cs_sourced', dbt.type_boolean()),
            ('expected_close_date', 'date'),
            ('created_at', dbt.type_timestamp()),
            ('closed_at', dbt.type_timestamp()),
        ]) }} as dq_unparseable_value

    from source

),

flagged as (

    select
        *,
        row_number() over (
            partition by opportunity_id
            order by
                created_at desc,
                account_id desc,
                owner_user_id desc,
                referrer_account_id desc,
                opportunity_type desc,
                stage desc,
                currency desc,
                expansion_reason desc,
                lead_source desc,
                amount_arr desc,
                is_cs_sourced desc,
                expected_close_date desc,
                closed_at desc
        ) as dq_row_number

    from renamed

),

final as (

    select
        opportunity_id,
        account_id,
        owner_user_id,
        referrer_account_id,
        opportunity_type,
        stage,
        currency,
        expansion_reason,
        lead_source,
        amount_arr,
        is_cs_sourced,
        expected_close_date,
        created_at,
        closed_at,
        dq_row_number,
        dq_unparseable_value,
        case
            when dq_row_number > 1 then 'duplicate_key'
            when dq_unparseable_value then 'unparseable_value'
            when
                opportunity_type is null
                or opportunity_type not in ('new_business', 'expansion', 'renewal')
                then 'invalid_opportunity_type'
            when
                stage is null
                or stage not in (
                    'signal_identified', 'conversation_initiated', 'proposal_sent', 'committed',
                    'closed_won', 'closed_lost'
                )
                then 'invalid_stage'
            when amount_arr < 0
                then 'negative_amount_arr'
        end as dq_set_aside_reason

    from flagged

)

select * from final
