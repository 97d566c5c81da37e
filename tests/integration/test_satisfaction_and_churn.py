"""Satisfaction and churn-driver marts on the hand-worked dataset.

nps_monthly, csat_monthly and churn_drivers must equal the values worked out by hand in
tests/fixtures/handmade/README.md ("Satisfaction and churn drivers") and written to
expected/*.csv. Counts and money are compared exactly; NPS, CSAT, mean scores and shares
to 1e-9; an empty field means null. Same comparison as test_handmade_dataset.py.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from conftest import FIXTURES_DIR, Build

EXPECTED_DIR = FIXTURES_DIR / "handmade" / "expected"

# mart -> the columns that identify a row
MART_KEYS = {
    "nps_monthly": ["month_start"],
    "csat_monthly": ["month_start", "interaction_type"],
    "churn_drivers": ["month_start", "churn_reason"],
}
# compared with a tolerance: not every value terminates (100 / 3)
FLOAT_COLUMNS = {"nps", "csat", "avg_score", "pct_of_churned_customers", "pct_of_churned_arr"}


def read_expected(mart: str) -> tuple[list[str], list[dict[str, str]]]:
    with (EXPECTED_DIR / f"{mart}.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def normalise(value: Any) -> str:
    """Render a database value the way the expected CSVs write it."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


def same_value(column: str, actual: Any, expected: str) -> bool:
    if expected == "" or actual is None:
        return expected == "" and actual is None
    if column in FLOAT_COLUMNS:
        return abs(float(actual) - float(expected)) <= 1e-9
    if isinstance(actual, (Decimal, int, float)) and not isinstance(actual, bool):
        return Decimal(str(actual)) == Decimal(expected)
    return normalise(actual) == expected


@pytest.mark.parametrize("mart", sorted(MART_KEYS))
def test_mart_matches_hand_worked_values(handmade_build: Build, mart: str) -> None:
    columns, expected_rows = read_expected(mart)
    keys = MART_KEYS[mart]
    actual_rows = handmade_build.query_dicts(
        f"select {', '.join(columns)} from marts.{mart} order by {', '.join(keys)}"
    )
    expected_by_key = {tuple(row[k] for k in keys): row for row in expected_rows}
    actual_by_key = {tuple(normalise(row[k]) for k in keys): row for row in actual_rows}
    assert len(actual_by_key) == len(actual_rows), f"{mart}: duplicate keys"
    assert sorted(actual_by_key) == sorted(expected_by_key), f"{mart}: rows differ by key"

    mismatches = [
        f"{key} {column}: got {normalise(actual[column])!r}, expected {expected[column]!r}"
        for key, expected in sorted(expected_by_key.items())
        for actual in [actual_by_key[key]]
        for column in columns
        if not same_value(column, actual[column], expected[column])
    ]
    assert not mismatches, f"{mart}:\n" + "\n".join(mismatches)


def test_nps_is_not_the_difference_of_counts(handmade_build: Build) -> None:
    """April 2024: 2 promoters, 3 passives, 1 detractor → 16.7, not 1 (nor 33.3 without passives)."""
    [(responses, promoters, passives, detractors, nps)] = handmade_build.query(
        "select responses, promoters, passives, detractors, nps from marts.nps_monthly"
        " where month_start = date '2024-04-01'"
    )
    assert (responses, promoters, passives, detractors) == (6, 2, 3, 1)
    assert nps == pytest.approx(100 * (2 - 1) / 6)


def test_churn_drivers_count_every_churned_customer(handmade_build: Build) -> None:
    """The reasons of a month add up to the bridge's churned customers and churned ARR."""
    differences = handmade_build.query(
        """
        with drivers as (
            select month_start, sum(churned_customers) as customers, sum(churned_arr) as arr
            from marts.churn_drivers group by month_start
        )
        select bridge.month_start, bridge.churned_customers, drivers.customers
        from marts.arr_bridge as bridge
        full outer join drivers on bridge.month_start = drivers.month_start
        where coalesce(bridge.churned_customers, 0) <> coalesce(drivers.customers, 0)
           or coalesce(bridge.churned_arr, 0) <> coalesce(drivers.arr, 0)
        """
    )
    assert differences == []


def test_churn_is_attributed_to_the_latest_full_cancellation(handmade_build: Build) -> None:
    """A006 has two full cancellations (C006 effective 06-01, C005 effective 06-10): C005 wins."""
    rows = handmade_build.query(
        "select account_id, churn_reason, cancellation_id"
        " from intermediate.int_churned_accounts_attributed order by month_start"
    )
    assert rows == [("A004", "price", "C001"), ("A005", "product_gap", "C002"), ("A006", "competitor", "C005")]
