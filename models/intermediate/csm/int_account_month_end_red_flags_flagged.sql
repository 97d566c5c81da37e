{#
    The red flags of the month-end rules raised on each customer at as_of_date: one row
    per account and flag, with the value measured on the as_of day (and the sample behind
    it), the rule's threshold (seed red_flag_rules) and the day the current, unbroken
    raise began. The rules are evaluated month by month in
    int_account_months_red_flags_flagged; first_raised_date is the evaluation day of the
    first month of the run of consecutive raised months that ends in the as_of month
    (month granularity: a flag raised on the 3rd shows the month's last day).
    int_account_red_flags_flagged adds the dated rules (int_account_dated_red_flags_flagged).
    See the docs block `red_flag_rules`.
#}

with

months_raised as (

    select * from {{ ref('int_account_months_red_flags_flagged') }}

),

rules as (

    select * from {{ ref('red_flag_rules') }}

),

raised_months as (

    -- consecutive raised months share run_key (month number minus position in the run)
    select
        *,
        12 * extract(year from month_start) + extract(month from month_start)
        - row_number() over (
            partition by account_id, flag
            order by month_start
        ) as run_key

    from months_raised

),

runs as (

    select
        account_id,
        flag,
        run_key,
        min(evaluation_date) as first_raised_date

    from raised_months
    group by account_id, flag, run_key

),

final as (

    select
        raised_months.account_id,
        raised_months.flag,
        runs.first_raised_date,
        raised_months.measured_value,
        raised_months.sample_size,
        raised_months.threshold,
        rules.unit,
        rules.severity,
        rules.reason_template,
        rules.next_step,
        rules.description as flag_description

    from raised_months
    inner join rules
        on raised_months.flag = rules.flag
    inner join runs
        on
            raised_months.account_id = runs.account_id
            and raised_months.flag = runs.flag
            and raised_months.run_key = runs.run_key
    where raised_months.is_current_month

)

select * from final
