"""Cohort retention and average customer lifetime on the hand-worked dataset.

`cohort_retention` must match expected/cohort_retention.csv (worked out in
tests/fixtures/handmade/README.md, "Cohort retention and customer lifetime"; the lifetime
column of `nrr_breakdown` is in expected/nrr_breakdown.csv, compared by
test_handmade_dataset.py), and MetricFlow's cohort and lifetime metrics the marts, cohort by
cohort and month by month.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from conftest import Build, SemanticLayer, differences_from_expected, same_value

COHORT_KEYS = ["cohort_month", "months_since_start"]
COHORT_RATES = {"logo_retention", "revenue_retention"}
COHORT_METRICS = {  # metric -> cohort_retention column
    "cohort_logo_retention": "logo_retention",
    "cohort_revenue_retention": "revenue_retention",
    "first_paid_cohort_customers": "cohort_customers",
    "customers": "retained_customers",
    "first_paid_cohort_starting_arr": "cohort_starting_arr",
    "arr": "arr",
}
COHORT_DIMENSION = "account_month__first_paid_month__month"
RATE_TOLERANCE = 1e-12


def _matches(mf_cell: str, value: object) -> bool:
    """mf's CSV cell against a mart value: decimals exactly, floats to RATE_TOLERANCE."""
    return same_value(value, mf_cell, isinstance(value, float), RATE_TOLERANCE)


def test_cohort_retention_matches_hand_worked_values(handmade_build: Build) -> None:
    differences = differences_from_expected(
        handmade_build, "cohort_retention", COHORT_KEYS, COHORT_RATES
    )
    assert not differences, "\n".join(differences)


def test_mf_cohort_metrics_equal_the_mart(
    semantic_layer: SemanticLayer,
    handmade_build: Build,
) -> None:
    """Grouped by first paid month and month, the metrics are the mart's curves."""
    mf_rows = {
        (row[COHORT_DIMENSION][:10], row["metric_time__month"][:10]): row
        for row in semantic_layer.query(
            list(COHORT_METRICS), ["metric_time__month", COHORT_DIMENSION]
        )
    }
    mart_rows = handmade_build.query_dicts("select * from marts.cohort_retention")
    assert len(mart_rows) == len(mf_rows) > 0
    problems = [
        (row["cohort_month"], row["month_start"], metric, column)
        for row in mart_rows
        for metric, column in COHORT_METRICS.items()
        if not _matches(
            mf_rows[(str(row["cohort_month"]), str(row["month_start"]))][metric], row[column]
        )
    ]
    assert not problems, problems


def test_mf_average_customer_lifetime_equals_the_mart(
    semantic_layer: SemanticLayer,
    handmade_build: Build,
) -> None:
    mf_rows = {
        row["metric_time__month"][:10]: row["average_customer_lifetime"]
        for row in semantic_layer.query(["average_customer_lifetime"], ["metric_time__month"])
    }
    mart_rows = handmade_build.query_dicts(
        "select month_start, average_customer_lifetime_years from marts.nrr_breakdown"
    )
    assert mart_rows
    problems = [
        (
            row["month_start"],
            mf_rows[str(row["month_start"])],
            row["average_customer_lifetime_years"],
        )
        for row in mart_rows
        if not _matches(mf_rows[str(row["month_start"])], row["average_customer_lifetime_years"])
    ]
    assert not problems, problems


def test_mf_cohorts_by_segment_add_up_to_the_mart(
    semantic_layer: SemanticLayer,
    handmade_build: Build,
) -> None:
    """A cohort sliced by segment (a fixed attribute of the account) is split, not changed:
    its segments' counts and ARR add up to the cohort's."""
    counts = ["first_paid_cohort_customers", "customers", "first_paid_cohort_starting_arr", "arr"]
    totals: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    segments: set[str] = set()
    for row in semantic_layer.query(
        counts, ["metric_time__month", COHORT_DIMENSION, "account_month__segment"]
    ):
        segments.add(row["account_month__segment"])
        key = (row[COHORT_DIMENSION][:10], row["metric_time__month"][:10])
        for metric in counts:
            totals[key][metric] += Decimal(row[metric] or "0")
    assert len(segments) > 1, "the dataset needs several segments"
    mart_rows = handmade_build.query_dicts("select * from marts.cohort_retention")
    problems = [
        (row["cohort_month"], row["month_start"], metric)
        for row in mart_rows
        for metric in counts
        if totals[(str(row["cohort_month"]), str(row["month_start"]))][metric]
        != Decimal(str(row[COHORT_METRICS[metric]]))
    ]
    assert not problems, problems
