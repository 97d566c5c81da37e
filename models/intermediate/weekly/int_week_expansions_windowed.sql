{#
    The `expansion_won` changes of the week: one row per expansion opportunity
    (int_expansion_opportunities_converted) won (stage closed_won) with its closed_at day
    (UTC) in the week (int_week_windows_resolved, both ends inclusive), in the columns every
    weekly change has. amount is the opportunity's ARR in USD at the constant rates (null
    in a currency without a rate); detail its expansion reason (`unknown` when none was
    recorded), marked when CS sourced it.
#}

with

opportunities as (

    select * from {{ ref('int_expansion_opportunities_converted') }}

),

windows as (

    select * from {{ ref('int_week_windows_resolved') }}

),

windowed as (

    select opportunities.*

    from opportunities
    inner join windows
        on opportunities.closed_date between windows.window_start_date and windows.window_end_date
    where opportunities.is_won

),

final as (

    select
        cast('expansion_won' as {{ dbt.type_string() }}) as change_type,
        cast(closed_date as date) as event_date,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(amount_arr as decimal(18, 2)) as amount,
        cast(
            {{ dbt.concat([
                "coalesce(expansion_reason, 'unknown')",
                "case when is_cs_sourced then ', CS-sourced' else '' end",
            ]) }} as {{ dbt.type_string() }}
        ) as detail,
        cast(opportunity_id as {{ dbt.type_string() }}) as source_id

    from windowed

)

select * from final
