"""The ARR forecast and its backtest on the hand-worked dataset.

arr_forecast and arr_forecast_backtest must equal the values worked out by hand in
tests/fixtures/handmade/README.md ("ARR forecast") and written to expected/*.csv. Money is
compared exactly; error_pct to 1e-9; an empty field means null. The account facts summed
are the marts, and `mf query` by month returns the marts' numbers.
"""

from __future__ import annotations

import pytest

from conftest import Build, SemanticLayer, differences_from_expected, same_value

# mart -> the columns that identify a row
MART_KEYS = {
    "arr_forecast": ["month_end"],
    "arr_forecast_backtest": ["forecast_date"],
}
FLOAT_COLUMNS = {"error_pct"}
COMPONENTS = [
    "current_arr",
    "confirmed_churn_arr",
    "expected_renewal_churn_arr",
    "weighted_expansion_arr",
    "forecast_arr",
]


@pytest.mark.parametrize("mart", sorted(MART_KEYS))
def test_mart_matches_hand_worked_values(handmade_build: Build, mart: str) -> None:
    differences = differences_from_expected(handmade_build, mart, MART_KEYS[mart], FLOAT_COLUMNS)
    assert not differences, "\n".join(differences)


@pytest.mark.parametrize(
    ("mart", "fact", "key", "columns"),
    [
        ("arr_forecast", "fct_account_arr_forecasts", "month_end", COMPONENTS),
        (
            "arr_forecast_backtest",
            "fct_account_arr_forecast_backtests",
            "forecast_date",
            [*COMPONENTS, "actual_arr", "error_arr"],
        ),
    ],
)
def test_the_account_fact_summed_is_the_mart(
    handmade_build: Build, mart: str, fact: str, key: str, columns: list[str]
) -> None:
    """The rollup and the atomic fact the semantic layer reads hold the same sums."""
    sums = ", ".join(f"sum({column}) as {column}" for column in columns)
    differs = " or ".join(f"coalesce(fact.{column}, 0) <> rollup.{column}" for column in columns)
    differences = handmade_build.query(
        f"""
        with fact as (select {key}, {sums} from marts.{fact} group by {key})
        select rollup.{key}
        from marts.{mart} as rollup
        left join fact on rollup.{key} = fact.{key}
        where {differs}
        """
    )
    assert differences == []
    assert handmade_build.query(f"select count(*) from marts.{mart}")[0][0] > 0


def test_a_partial_cancellation_is_not_also_expected_to_churn(handmade_build: Build) -> None:
    """As of 2024-12-31, A002 (red) has given notice of a partial cancellation (2,203.20 of
    its 11,016.00) and renews on 2025-01-15: only the 8,812.80 left is at risk,
    8,812.80 × 5 / 13 = 3,389.54."""
    rows = handmade_build.query(
        "select confirmed_churn_arr, expected_renewal_churn_arr"
        " from marts.fct_account_arr_forecast_backtests"
        " where account_id = 'A002' and forecast_date = date '2024-12-31'"
    )
    assert [tuple(str(value) for value in row) for row in rows] == [("2203.20", "3389.54")]


# (metrics, mart, the mart's date column, metric -> mart column, float columns)
MF_CHECKS: list[tuple[list[str], str, str, dict[str, str], set[str]]] = [
    (
        [
            "arr_forecast",
            "arr_forecast_current_arr",
            "arr_forecast_confirmed_churn",
            "arr_forecast_expected_renewal_churn",
            "arr_forecast_weighted_expansion",
        ],
        "arr_forecast",
        "month_end",
        {
            "arr_forecast": "forecast_arr",
            "arr_forecast_current_arr": "current_arr",
            "arr_forecast_confirmed_churn": "confirmed_churn_arr",
            "arr_forecast_expected_renewal_churn": "expected_renewal_churn_arr",
            "arr_forecast_weighted_expansion": "weighted_expansion_arr",
        },
        set(),
    ),
    (
        [
            "arr_forecast_error",
            "backtest_forecast_arr",
            "backtest_actual_arr",
            "backtest_error_arr",
        ],
        "arr_forecast_backtest",
        "forecast_date",
        {
            "arr_forecast_error": "error_pct",
            "backtest_forecast_arr": "forecast_arr",
            "backtest_actual_arr": "actual_arr",
            "backtest_error_arr": "error_arr",
        },
        {"error_pct"},
    ),
]


@pytest.mark.parametrize(("metrics", "mart", "date_column", "columns", "floats"), MF_CHECKS)
def test_mf_query_by_month_equals_the_mart(
    semantic_layer: SemanticLayer,
    handmade_build: Build,
    metrics: list[str],
    mart: str,
    date_column: str,
    columns: dict[str, str],
    floats: set[str],
) -> None:
    mf_rows = {
        row["metric_time__month"][:7]: row
        for row in semantic_layer.query(metrics, ["metric_time__month"])
    }
    mart_rows = {
        str(row[date_column])[:7]: row
        for row in handmade_build.query_dicts(f"select * from marts.{mart}")
    }
    assert mart_rows, f"{mart}: nothing compared"
    differences = [
        f"{month} {metric}: mf {mf_rows[month][metric]!r}, mart {column} {row[column]!r}"
        for month, row in sorted(mart_rows.items())
        for metric, column in columns.items()
        if month not in mf_rows
        or not same_value(row[column], mf_rows[month][metric], column in floats)
    ]
    assert not differences, differences
