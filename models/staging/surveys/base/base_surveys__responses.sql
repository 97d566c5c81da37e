{#
    Every row of raw survey_responses (source surveys.responses), typed and normalised, with its
    data-quality flags (rules of the seed data_quality_rules for this table).

    Every raw column arrives as a string: it is cast to its type with dbt.safe_cast,
    text is trimmed and enum values are case-folded to their canonical spelling.
    A typed value that is present (not blank) but does not cast, so safe_cast made it null,
    is flagged by dq_unparseable_value (macro dq_unparseable_value); per the seed, the row is
    set aside as unparseable_value, right after duplicate_key.

    Nothing is filtered or repaired here: stg_surveys__responses drops the rows with a
    dq_set_aside_reason and applies the repairs flagged by the dq_ columns.
#}

with

source as (

    select * from {{ source('surveys', 'responses') }}

),

renamed as (

    select
        ---------- ids
        {{ dbt.safe_cast('response_id', dbt.type_string()) }} as response_id,
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,
        {{ dbt.safe_cast('contact_id', dbt.type_string()) }} as contact_id,

        ---------- strings
        lower(trim({{ dbt.safe_cast('survey_type', dbt.type_string()) }})) as survey_type,
        lower(trim({{ dbt.safe_cast('interaction_type', dbt.type_string()) }})) as interaction_type,
        {{ dbt.safe_cast('comment', dbt.type_string()) }} as comment,  -- noqa: RF04

        ---------- numerics
        {{ dbt.safe_cast('score', dbt.type_int()) }} as score,

        ---------- timestamps
        {{ dbt.safe_cast('submitted_at', dbt.type_timestamp()) }} as submitted_at,

        ---------- data quality: a typed value present but unreadable (rule unparseable_value)
        {{ dq_unparseable_value([
            ('score', dbt.type_int()),
            ('submitted_at', dbt.type_timestamp()),
        ]) }} as dq_unparseable_value

    from source

),

flagged as (

    select
        *,
        row_number() over (
            partition by response_id
            order by
                submitted_at desc,
                account_id desc,
                contact_id desc,
                survey_type desc,
                interaction_type desc,
                comment desc,
                score desc
        ) as dq_row_number

    from renamed

),

final as (

    select
        response_id,
        account_id,
        contact_id,
        survey_type,
        interaction_type,
        comment,
        score,
        submitted_at,
        dq_row_number,
        dq_unparseable_value,
        case
            when dq_row_number > 1 then 'duplicate_key'
            when dq_unparseable_value then 'unparseable_value'
            when survey_type is null or survey_type not in ('nps', 'csat')
                then 'invalid_survey_type'
            when
                (survey_type = 'nps' and (score < 0 or score > 10))
                or (survey_type = 'csat' and (score < 1 or score > 5))
                then 'score_out_of_range'
        end as dq_set_aside_reason

    from flagged

)

select * from final
