"""Expansion and upsell marts on the hand-worked dataset.

upsells_quarterly and upsell_reasons_quarterly must equal the values worked out by hand in
tests/fixtures/handmade/README.md ("Expansion and upsells") and written to expected/*.csv.
Counts and money are compared exactly; rates to 1e-9; an empty field means null.
"""

from __future__ import annotations

import pytest

from conftest import Build, differences_from_expected

# mart -> the columns that identify a row
MART_KEYS = {
    "upsells_quarterly": ["quarter_start"],
    "upsell_reasons_quarterly": ["quarter_start", "expansion_reason"],
}
FLOAT_COLUMNS = {
    "upsell_rate",
    "mid_contract_upsell_rate",
    "avg_upsell_value",
    "avg_upsell_pct",
    "expansion_revenue_rate",
    "downgrade_rate",
    "share_of_upsold_customers",
}


@pytest.mark.parametrize("mart", sorted(MART_KEYS))
def test_mart_matches_hand_worked_values(handmade_build: Build, mart: str) -> None:
    differences = differences_from_expected(handmade_build, mart, MART_KEYS[mart], FLOAT_COLUMNS)
    assert not differences, "\n".join(differences)


def test_upsells_quarterly_are_the_customer_quarter_fact_summed(handmade_build: Build) -> None:
    """The rollup and the atomic fact the semantic layer reads hold the same counts and ARR."""
    differences = handmade_build.query(
        """
        with fact as (
            select
                quarter_start,
                count(*) as customers,
                sum(case when is_upsold then 1 else 0 end) as upsold,
                sum(case when is_mid_contract_upsold then 1 else 0 end) as mid_contract,
                sum(upsell_arr) as upsell_arr
            from marts.fct_customer_quarters
            group by quarter_start
        )
        select quarterly.quarter_start
        from marts.upsells_quarterly as quarterly
        left join fact on quarterly.quarter_start = fact.quarter_start
        where coalesce(fact.customers, 0) <> quarterly.customers_at_start
           or coalesce(fact.upsold, 0) <> quarterly.upsold_customers
           or coalesce(fact.mid_contract, 0) <> quarterly.mid_contract_upsold_customers
           or coalesce(fact.upsell_arr, 0) <> quarterly.upsell_arr
        """
    )
    assert differences == []


def test_every_expansion_of_a_monthly_plan_is_at_renewal(handmade_build: Build) -> None:
    """Every account that expanded in the hand-worked data has a monthly subscription, which
    renews within 30 days of every month end: no expansion there is mid-contract."""
    rows = handmade_build.query(
        "select account_id, expansion_timing"
        " from intermediate.int_account_months_expansion_classified"
        " where expansion_timing is not null order by month_start"
    )
    assert rows == [
        ("A007", "at_renewal"),
        ("A005", "at_renewal"),
        ("A001", "at_renewal"),
        ("A006", "at_renewal"),
        ("A001", "at_renewal"),
        ("A008", "at_renewal"),
    ]
