"""Cohort retention and average customer lifetime on the hand-worked dataset.

`cohort_retention` must match expected/cohort_retention.csv (worked out in
tests/fixtures/handmade/README.md, "Cohort retention and customer lifetime"), the lifetime
column of `nrr_breakdown` its hand-worked values, and MetricFlow's cohort and lifetime
metrics the marts, cohort by cohort and month by month.
"""

from __future__ import annotations

from decimal import Decimal

from test_semantic_layer import SemanticLayer, semantic_layer  # noqa: F401 (the fixture)

from conftest import Build, differences_from_expected

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
# month -> years: cohort customers / (cohort − retained customers) of nrr_breakdown
LIFETIME_BY_MONTH = {
    "2025-01-01": Decimal(6),
    "2025-02-01": Decimal(7),
    "2025-03-01": Decimal(8),
    "2025-04-01": Decimal(8),
    "2025-05-01": Decimal(9),
    "2025-06-01": Decimal("4.5"),
}


def _matches(mf_cell: str, value: object) -> bool:
    if value is None or mf_cell in ("", "None"):
        return value is None and mf_cell in ("", "None")
    if isinstance(value, float):
        return abs(float(mf_cell) - value) <= RATE_TOLERANCE
    return Decimal(mf_cell) == Decimal(str(value))


def test_cohort_retention_matches_hand_worked_values(handmade_build: Build) -> None:
    differences = differences_from_expected(
        handmade_build, "cohort_retention", COHORT_KEYS, COHORT_RATES
    )
    assert not differences, "\n".join(differences)


def test_average_customer_lifetime_matches_hand_worked_values(handmade_build: Build) -> None:
    got = {
        str(row["month_start"]): row["average_customer_lifetime_years"]
        for row in handmade_build.query_dicts(
            "select month_start, average_customer_lifetime_years from marts.nrr_breakdown"
        )
    }
    assert set(got) == set(LIFETIME_BY_MONTH)
    for month, years in LIFETIME_BY_MONTH.items():
        assert abs(Decimal(str(got[month])) - years) <= Decimal("1e-12"), (month, got[month])


def test_mf_cohort_metrics_equal_the_mart(
    semantic_layer: SemanticLayer,  # noqa: F811 (the imported fixture)
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
    semantic_layer: SemanticLayer,  # noqa: F811 (the imported fixture)
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
