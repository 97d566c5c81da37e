"""The hand-worked dataset: marts must match the values worked out by hand to the cent.

tests/fixtures/handmade/README.md tells each account's story and works the numbers out;
expected/*.csv hold them. Money is compared exactly; rates to 1e-9; empty means null.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES_DIR, Build

EXPECTED_DIR = FIXTURES_DIR / "handmade" / "expected"

# mart -> the columns that identify a row
MART_KEYS = {
    "fct_account_months": ["account_id", "month_start"],
    "arr_bridge": ["month_start"],
    "nrr_breakdown": ["month_start"],
    "dim_accounts": ["account_id"],
}
RATE_COLUMNS = {
    "logo_churn_rate", "gross_revenue_churn_rate", "net_revenue_churn_rate", "quick_ratio",
    "nrr", "grr", "logo_retention_rate",
}


def read_expected(mart: str) -> tuple[list[str], list[dict[str, str]]]:
    with (EXPECTED_DIR / f"{mart}.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def normalise(value: Any) -> str:
    """Render a database value the way the expected CSVs write it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


def same_value(column: str, actual: Any, expected: str) -> bool:
    if expected == "" or actual is None:
        return expected == "" and actual is None
    if column in RATE_COLUMNS:
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
    assert sorted(actual_by_key) == sorted(expected_by_key), f"{mart}: rows differ by key"

    mismatches = [
        f"{key} {column}: got {normalise(actual[column])!r}, expected {expected[column]!r}"
        for key, expected in sorted(expected_by_key.items())
        for actual in [actual_by_key[key]]
        for column in columns
        if not same_value(column, actual[column], expected[column])
    ]
    assert not mismatches, f"{mart}:\n" + "\n".join(mismatches)


def test_bridge_balances_every_month(handmade_build: Build) -> None:
    unbalanced = handmade_build.query(
        """
        select month_start from marts.arr_bridge
        where opening_arr + new_arr + reactivation_arr + expansion_arr
              - contraction_arr - churned_arr <> closing_arr
        """
    )
    assert unbalanced == []


def test_hand_worked_dataset_is_clean(handmade_build: Build) -> None:
    issues = handmade_build.query(
        "select table_name, reason, affected_rows from marts.data_quality_summary where affected_rows > 0"
    )
    assert issues == []
