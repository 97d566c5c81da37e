"""Expansion pipeline and forecast marts on the hand-worked dataset.

expansion_pipeline, expansion_forecast_accuracy and expansion_stage_calibration must equal
the values worked out by hand in tests/fixtures/handmade/README.md ("Expansion pipeline and
forecast") and written to expected/*.csv. Money and counts are compared exactly; rates to
1e-9; an empty field means null. `mf query` of each new metric returns the marts' numbers
(or, for the CS-sourced share, which no mart rolls up, the numbers worked out by hand).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import Build, SemanticLayer, differences_from_expected, same_value

# mart -> the columns that identify a row
MART_KEYS = {
    "expansion_pipeline": ["opportunity_id"],
    "expansion_forecast_accuracy": ["month_end"],
    "expansion_stage_calibration": ["stage"],
}
FLOAT_COLUMNS = {"error_pct", "win_rate", "win_rate_minus_probability"}


@pytest.mark.parametrize("mart", sorted(MART_KEYS))
def test_mart_matches_hand_worked_values(handmade_build: Build, mart: str) -> None:
    differences = differences_from_expected(handmade_build, mart, MART_KEYS[mart], FLOAT_COLUMNS)
    assert not differences, "\n".join(differences)


def test_snapshots_read_the_history_row_in_force(handmade_build: Build) -> None:
    """The point-in-time state differs from the current one: O003 was committed at 2,400
    expected 2024-11-15 on 2024-09-30 (it closed won at 2,160 on 2024-11-01); O008 was a
    proposal expected 2025-05-30 on 2025-04-30 (committed, 2025-07-01 now); O012 has no
    history and stands in its current state from its creation (2025-06-12) on."""
    rows = handmade_build.query(
        "select opportunity_id, cast(snapshot_date as varchar), stage, amount_arr,"
        " cast(expected_close_date as varchar), csm_user_id"
        " from intermediate.int_expansion_opportunities_snapshotted"
        " where (opportunity_id = 'O003' and snapshot_date = date '2024-09-30')"
        " or (opportunity_id = 'O008' and snapshot_date = date '2025-04-30')"
        " or opportunity_id = 'O012' order by opportunity_id"
    )
    assert rows == [
        ("O003", "2024-09-30", "committed", Decimal("2400.00"), "2024-11-15", "U002"),
        ("O008", "2025-04-30", "proposal_sent", Decimal("4320.00"), "2025-05-30", "U002"),
        ("O012", "2025-06-15", "signal_identified", Decimal("1000.00"), "2025-09-30", "U002"),
    ]


def test_snapshots_at_as_of_date_are_the_pipeline(handmade_build: Build) -> None:
    """With a history that agrees with the current rows, the snapshot at as_of_date is the
    open pipeline itself."""
    columns = "opportunity_id, stage, amount_arr, weighted_arr, expected_close_date, csm_user_id"
    snapshot = (
        f"select {columns} from intermediate.int_expansion_opportunities_snapshotted"
        " where snapshot_date = date '2025-06-15'"
    )
    pipeline = f"select {columns} from marts.expansion_pipeline"
    differences = handmade_build.query(
        f"({snapshot} except {pipeline}) union all ({pipeline} except {snapshot})"
    )
    assert differences == []


@pytest.mark.parametrize("window", ["near", "far"])
def test_mf_weighted_pipeline_by_window_equals_the_mart(
    semantic_layer: SemanticLayer, handmade_build: Build, window: str
) -> None:
    """30-day weighted pipeline 3,456 + 1,500 = 4,956; 90-day 4,956 + 5,400 = 10,356."""
    flag = f"closes_within_{window}_window"
    dimension = f"expansion_opportunity__{flag}"
    mf_rows = {
        row[dimension].lower(): Decimal(row["weighted_expansion_pipeline"])
        for row in semantic_layer.query(["weighted_expansion_pipeline"], [dimension])
    }
    mart = handmade_build.query(
        f"select sum(case when {flag} then weighted_arr else 0 end) from marts.expansion_pipeline"
    )[0][0]
    assert (
        mf_rows["true"] == mart == {"near": Decimal("4956.00"), "far": Decimal("10356.00")}[window]
    )


def test_mf_cs_sourced_share_by_close_month(semantic_layer: SemanticLayer) -> None:
    """Closed-won expansions by close month (README): 2024-04 O004 5,079.37 (sales);
    2024-11 O003 2,160 (CS); 2025-01 O001 3,000 (CS); 2025-03 O002 3,600 (sales);
    2025-04 O005 2,880 (CS); 2025-06 O101 1,800 (CS; won in the week, see "Weekly changes")."""
    rows = semantic_layer.query(
        ["won_expansion_arr", "cs_sourced_expansion_arr", "cs_sourced_expansion_share"],
        ["metric_time__month"],
    )
    got = {
        row["metric_time__month"][:7]: (
            row["won_expansion_arr"],
            row["cs_sourced_expansion_arr"],
            row["cs_sourced_expansion_share"],
        )
        for row in rows
        if row["metric_time__month"] and Decimal(row["won_expansion_arr"] or 0) != 0
    }
    expected = {
        "2024-04": ("5079.37", "0", "0"),
        "2024-11": ("2160", "2160", "1"),
        "2025-01": ("3000", "3000", "1"),
        "2025-03": ("3600", "0", "0"),
        "2025-04": ("2880", "2880", "1"),
        "2025-06": ("1800", "1800", "1"),
    }
    assert sorted(got) == sorted(expected)
    for month, (won, cs_sourced, share) in expected.items():
        assert Decimal(got[month][0]) == Decimal(won), month
        assert Decimal(got[month][1]) == Decimal(cs_sourced), month
        assert same_value(got[month][2], share, is_float=True), month


def test_mf_forecast_accuracy_equals_the_mart(
    semantic_layer: SemanticLayer, handmade_build: Build
) -> None:
    """By year: 2024 has 8 scored month ends, 3 accurate (0.375); 2025 has 2, none accurate."""
    mf_rows = {
        row["metric_time__year"][:4]: row
        for row in semantic_layer.query(
            ["expansion_forecast_accuracy", "scored_forecast_month_ends"], ["metric_time__year"]
        )
    }
    mart_rows = handmade_build.query(
        "select cast(year(month_end) as varchar), count(is_accurate),"
        " avg(case when is_accurate then 1.0 when not is_accurate then 0.0 end)"
        " from marts.expansion_forecast_accuracy group by 1 order by 1"
    )
    assert mart_rows == [("2024", 8, 0.375), ("2025", 2, 0.0)]
    for year, scored, accuracy in mart_rows:
        assert int(mf_rows[year]["scored_forecast_month_ends"]) == scored
        assert same_value(mf_rows[year]["expansion_forecast_accuracy"], str(accuracy), True)


def test_mf_stage_win_rate_equals_the_mart(
    semantic_layer: SemanticLayer, handmade_build: Build
) -> None:
    dimension = "expansion_opportunity_stage__stage"
    mf_rows = {
        row[dimension]: row
        for row in semantic_layer.query(
            ["expansion_stage_win_rate", "closed_stage_opportunities"], [dimension]
        )
    }
    mart_rows = handmade_build.query_dicts("select * from marts.expansion_stage_calibration")
    assert len(mart_rows) == 4
    for row in mart_rows:
        mf_row = mf_rows[row["stage"]]
        assert int(mf_row["closed_stage_opportunities"]) == row["closed_opportunities"]
        assert same_value(row["win_rate"], mf_row["expansion_stage_win_rate"], True), row
