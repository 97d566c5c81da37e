"""The hand-worked dataset: marts must match the values worked out by hand to the cent.

tests/fixtures/handmade/README.md tells each account's story and works the numbers out;
expected/*.csv hold them. Money is compared exactly; rates to 1e-9; empty means null.
"""

from __future__ import annotations

import pytest

from conftest import Build, differences_from_expected

# mart -> the columns that identify a row
MART_KEYS = {
    "fct_account_months": ["account_id", "month_start"],
    "arr_bridge": ["month_start"],
    "nrr_breakdown": ["month_start"],
    "dim_accounts": ["account_id"],
}
RATE_COLUMNS = {
    "logo_churn_rate",
    "gross_revenue_churn_rate",
    "net_revenue_churn_rate",
    "quick_ratio",
    "nrr",
    "grr",
    "logo_retention_rate",
}


@pytest.mark.parametrize("mart", sorted(MART_KEYS))
def test_mart_matches_hand_worked_values(handmade_build: Build, mart: str) -> None:
    differences = differences_from_expected(handmade_build, mart, MART_KEYS[mart], RATE_COLUMNS)
    assert not differences, "\n".join(differences)


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
