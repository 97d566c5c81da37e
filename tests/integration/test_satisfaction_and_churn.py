"""Satisfaction and churn-driver marts on the hand-worked dataset.

nps_monthly, csat_monthly and churn_drivers must equal the values worked out by hand in
tests/fixtures/handmade/README.md ("Satisfaction and churn drivers") and written to
expected/*.csv. Counts and money are compared exactly; NPS, CSAT, mean scores and shares
to 1e-9; an empty field means null (conftest.differences_from_expected).
"""

from __future__ import annotations

import pytest

from conftest import Build, differences_from_expected

# mart -> the columns that identify a row
MART_KEYS = {
    "nps_monthly": ["month_start"],
    "csat_monthly": ["month_start", "interaction_type"],
    "churn_drivers": ["month_start", "churn_reason"],
}
# compared with a tolerance: not every value terminates (100 / 3)
FLOAT_COLUMNS = {"nps", "csat", "avg_score", "pct_of_churned_customers", "pct_of_churned_arr"}


@pytest.mark.parametrize("mart", sorted(MART_KEYS))
def test_mart_matches_hand_worked_values(handmade_build: Build, mart: str) -> None:
    differences = differences_from_expected(handmade_build, mart, MART_KEYS[mart], FLOAT_COLUMNS)
    assert not differences, "\n".join(differences)


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
    assert rows == [
        ("A004", "price", "C001"),
        ("A005", "product_gap", "C002"),
        ("A006", "competitor", "C005"),
    ]


def test_churn_events_carry_reason_arr_and_book(handmade_build: Build) -> None:
    """fct_churn_events: one row per churn of the hand-worked dataset, with the attributed
    reason and the book of the account's owner at the churn month's end (every churned
    account was Priya's, U002)."""
    rows = handmade_build.query(
        "select account_id, churn_reason, cancellation_id, csm_user_id from marts.fct_churn_events"
        " order by month_start"
    )
    assert rows == [
        ("A004", "price", "C001", "U002"),
        ("A005", "product_gap", "C002", "U002"),
        ("A006", "competitor", "C005", "U002"),
    ]


def test_survey_responses_follow_the_owner_at_the_month_end(handmade_build: Build) -> None:
    """Every valid response up to as_of_date is one row (R057, 2025-06-15 18:00, is the last);
    A001's responses count for Priya (U002) up to September 2024 and for Tom (U003) from
    October 2024, when it moved (R027, submitted on 2024-10-01 before the 09:00 move, too)."""
    [(responses, last)] = handmade_build.query(
        "select count(*), max(response_id) from marts.fct_survey_responses"
    )
    assert (responses, last) == (57, "R057")
    owners = dict(
        handmade_build.query(
            "select response_id, csm_user_id from marts.fct_survey_responses where account_id = 'A001'"
        )
    )
    assert owners["R019"] == "U002" and owners["R027"] == "U003" and owners["R057"] == "U003"
