"""Renewal marts and the downgrade-to-churn fact on the hand-worked dataset.

renewals_monthly must equal the values worked out by hand in
tests/fixtures/handmade/README.md ("Renewals …") and written to expected/renewals_monthly.csv.
Counts and money are compared exactly; rates to 1e-9; an empty field means null. The atomic
fact fct_renewals sums to the mart, and `mf query` by month and billing interval returns the
mart's numbers. The fixture's two contractions (A002 2025-01, A003 2025-03) have windows
still open at as_of_date, so the downgrade-to-churn rate has nothing to report; the unit
tests carry its formula.
"""

from __future__ import annotations

from conftest import Build, SemanticLayer, differences_from_expected, same_value

FLOAT_COLUMNS = {"renewal_rate", "renewal_arr_rate"}


def test_renewals_monthly_matches_hand_worked_values(handmade_build: Build) -> None:
    differences = differences_from_expected(
        handmade_build,
        "renewals_monthly",
        ["month_start", "billing_interval_months"],
        FLOAT_COLUMNS,
    )
    assert not differences, "\n".join(differences)


def test_renewals_monthly_is_the_renewal_fact_summed(handmade_build: Build) -> None:
    """The rollup and the atomic fact the semantic layer reads hold the same counts and ARR."""
    differences = handmade_build.query(
        """
        with fact as (
            select
                month_start,
                billing_interval_months,
                count(*) as due,
                sum(case when is_renewed then 1 else 0 end) as renewed,
                sum(arr_before) as arr_due,
                sum(arr_renewed) as arr_renewed
            from marts.fct_renewals
            group by month_start, billing_interval_months
        )
        select coalesce(monthly.month_start, fact.month_start)
        from marts.renewals_monthly as monthly
        full outer join fact
            on monthly.month_start = fact.month_start
            and monthly.billing_interval_months = fact.billing_interval_months
        where monthly.month_start is null
           or fact.month_start is null
           or fact.due <> monthly.renewals_due
           or fact.renewed <> monthly.renewals_renewed
           or fact.arr_due <> monthly.arr_due
           or fact.arr_renewed <> monthly.arr_renewed
        """
    )
    assert differences == []


def test_lost_renewals_are_the_three_losses(handmade_build: Build) -> None:
    """A004 (2024-09-20), A005 (2024-10-01) and A006 (2025-06-10) are the only lost renewals;
    A001's two monthly subscriptions renew separately on the same day, each with its own ARR."""
    lost = handmade_build.query(
        "select account_id, renewal_date, arr_before from marts.fct_renewals"
        " where not is_renewed order by renewal_date"
    )
    assert [(account, str(day), str(arr)) for account, day, arr in lost] == [
        ("A004", "2024-09-20", "9600.00"),
        ("A005", "2024-10-01", "3149.69"),
        ("A006", "2025-06-10", "12960.00"),
    ]
    same_day = handmade_build.query(
        "select subscription_id, arr_before, account_arr_before from marts.fct_renewals"
        " where account_id = 'A001' and renewal_date = '2024-08-01' order by subscription_id"
    )
    assert [(sub, str(arr), str(total)) for sub, arr, total in same_day] == [
        ("S001A", "12000.00", "14400.00"),
        ("S001B", "2400.00", "14400.00"),
    ]


def test_downgrade_windows_are_still_open_at_as_of_date(handmade_build: Build) -> None:
    rows = handmade_build.query(
        "select account_id, cast(month_start as varchar), cast(contraction_arr as varchar),"
        " cast(window_end_date as varchar), is_window_closed, is_churned_in_window"
        " from marts.fct_downgrades order by month_start"
    )
    assert rows == [
        ("A002", "2025-01-01", "2203.20", "2025-07-31", False, False),
        ("A003", "2025-03-01", "2667.00", "2025-09-30", False, False),
    ]


RENEWAL_COLUMNS = {
    "renewals_due": "renewals_due",
    "renewals_renewed": "renewals_renewed",
    "renewal_rate": "renewal_rate",
    "renewal_arr_due": "arr_due",
    "renewal_arr_renewed": "arr_renewed",
    "renewal_arr_rate": "renewal_arr_rate",
}


def test_mf_query_by_month_and_billing_interval_equals_renewals_monthly(
    semantic_layer: SemanticLayer, handmade_build: Build
) -> None:
    group_by = ["metric_time__month", "renewal__billing_interval_months"]
    mf_rows = {
        (row[group_by[0]][:10], row[group_by[1]]): row
        for row in semantic_layer.query(list(RENEWAL_COLUMNS), group_by)
    }
    mart_rows = {
        (str(row["month_start"]), str(row["billing_interval_months"])): row
        for row in handmade_build.query_dicts("select * from marts.renewals_monthly")
    }
    assert len(mart_rows) == 26
    assert sorted(mf_rows) == sorted(mart_rows)
    differences = [
        f"{key} {metric}: mf {mf_rows[key][metric]!r}, mart {column} {row[column]!r}"
        for key, row in sorted(mart_rows.items())
        for metric, column in RENEWAL_COLUMNS.items()
        if not same_value(row[column], mf_rows[key][metric], isinstance(row[column], float))
    ]
    assert not differences, differences


def test_mf_downgrade_to_churn_rate_has_no_closed_window_in_the_fixture(
    semantic_layer: SemanticLayer,
) -> None:
    """The fact holds two contractions with open windows: no month has a rate (null, not 0)."""
    rows = semantic_layer.query(
        ["downgrade_to_churn_rate", "downgrades_with_closed_window"], ["metric_time__month"]
    )
    assert {row["metric_time__month"][:10] for row in rows} == {"2025-01-01", "2025-03-01"}
    assert all(row["downgrades_with_closed_window"] in {"0", "0.0"} for row in rows), rows
    assert all(row["downgrade_to_churn_rate"] == "" for row in rows), rows
