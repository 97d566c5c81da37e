"""The ad-hoc analyses (analyses/*.sql) compile and answer their question.

Each analysis is compiled by dbt (`dbt compile --select resource_type:analysis`, into a
directory of its own) and its SQL run on the database of the hand-worked build (session
fixture `handmade_build`, as of 2025-06-15), so a reference to a missing model or column
fails here. The answers are checked against the hand-worked dataset
(tests/fixtures/handmade/raw): the health tier of each account month, read off
fct_account_months, and the activities and cancellations of the raw files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import PROJECT_DIR, Build, run_dbt

AS_OF = "2025-06-15"
ANALYSES = sorted(path.stem for path in (PROJECT_DIR / "analyses").glob("*.sql"))


def compile_analyses(build: Build, work_dir: Path, extra_vars: str = "") -> dict[str, str]:
    """Each analysis's SQL, compiled for `build`'s dataset with `extra_vars` (`key: value, …`).

    dbt writes to a database of its own in `work_dir` (the on-run-start hook registers the
    raw files there) that bears the same name as the build's, `cs_analytics`, so the compiled
    relation names resolve in the build's database.
    """
    compiled = run_dbt(
        ["compile", "--select", "resource_type:analysis"],
        build.raw_dir,
        AS_OF,
        work_dir,
        extra_vars,
    )
    assert compiled.returncode == 0, compiled.output[-4000:]
    compiled_dir = compiled.target_dir / "compiled" / "cs_analytics" / "analyses"
    return {path.stem: path.read_text(encoding="utf-8") for path in compiled_dir.glob("*.sql")}


@pytest.fixture(scope="module")
def compiled(handmade_build: Build, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return compile_analyses(handmade_build, tmp_path_factory.mktemp("analyses"))


@pytest.fixture(scope="module")
def compiled_for_a_period(
    handmade_build: Build, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    return compile_analyses(
        handmade_build,
        tmp_path_factory.mktemp("analyses_period"),
        "churned_from: '2024-10-01', churned_to: '2025-05-01', "
        "months_from: '2025-01-01', months_to: '2025-06-01'",
    )


@pytest.mark.parametrize("analysis", ANALYSES)
def test_analysis_runs_and_answers(
    handmade_build: Build, compiled: dict[str, str], analysis: str
) -> None:
    assert handmade_build.query_dicts(compiled[analysis])


def test_churn_post_mortem_tells_each_churn(
    handmade_build: Build, compiled: dict[str, str]
) -> None:
    """A004 was red from its first month until it left for price (no CS activity logged
    then); A005 had turned yellow again when it left through the opt-out clause for a
    product gap, a call after its red months; A006 turned red the month before it left for
    a competitor (C005, which superseded C006), a call the day after notice."""
    found = {
        row["account_id"]: (
            row["churn_month"],
            row["churn_reason"],
            row["opt_out_clause_used"],
            row["red_months"],
            row["red_since"],
            row["last_health_tier"],
            row["last_activity_type"],
            row["last_activity_completed_at"],
            row["open_ctas_at_churn"],
        )
        for row in handmade_build.query_dicts(compiled["churn_post_mortem"])
    }
    assert found == {
        "A004": (dt.date(2024, 9, 1), "price", False, 8, dt.date(2024, 1, 1), "red", None, None, 0),
        "A005": (
            dt.date(2024, 10, 1),
            "product_gap",
            True,
            2,
            None,
            "yellow",
            "call",
            dt.datetime(2024, 9, 10, 11, 30),
            0,
        ),
        "A006": (
            dt.date(2025, 6, 1),
            "competitor",
            False,
            1,
            dt.date(2025, 5, 1),
            "red",
            "call",
            dt.datetime(2025, 5, 21, 9, 45),
            0,
        ),
    }


def test_churn_post_mortem_keeps_the_period(
    handmade_build: Build, compiled_for_a_period: dict[str, str]
) -> None:
    churns = handmade_build.query_dicts(compiled_for_a_period["churn_post_mortem"])
    assert [(row["account_id"], row["churn_month"]) for row in churns] == [
        ("A005", dt.date(2024, 10, 1))
    ]


def test_health_red_versus_actions_by_hand(handmade_build: Build, compiled: dict[str, str]) -> None:
    """Six red episodes. Acted on: A002 twice (QBRs, then an email and a CTA) and A005 (a
    call), all recovered; A006 (a call), churned; A003 (a meeting, two CTAs), still red.
    Not acted on: A004, red for eight months, churned."""
    found = {
        (row["received_cs_action"], row["outcome"]): (
            row["episodes"],
            row["red_accounts"],
            row["share_of_group"],
        )
        for row in handmade_build.query_dicts(compiled["health_red_versus_actions"])
    }
    assert found == {
        (True, "recovered"): (3, 2, pytest.approx(3 / 5)),
        (True, "churned"): (1, 1, pytest.approx(1 / 5)),
        (True, "still_red"): (1, 1, pytest.approx(1 / 5)),
        (False, "churned"): (1, 1, pytest.approx(1.0)),
    }


def test_csm_book_size_versus_churn_agrees_with_csm_portfolios(
    handmade_build: Build, compiled: dict[str, str]
) -> None:
    """Books summed from csm_portfolios (its own lineage) over the 18 months of the data;
    Priya Natarajan (U002) lost A004, A005 and A006, Tom Becker (U003) nobody."""
    portfolios = {
        csm: (
            customer_months / 18,
            churned_arr,
            contraction_arr,
            (churned_arr + contraction_arr) / opening_arr,
        )
        for csm, customer_months, churned_arr, contraction_arr, opening_arr in handmade_build.query(
            "select csm_user_id, sum(customers), sum(churned_arr), sum(contraction_arr), sum(opening_arr)"
            " from marts.csm_portfolios group by csm_user_id"
        )
    }
    books = handmade_build.query_dicts(compiled["csm_book_size_versus_churn"])
    assert {row["csm_user_id"]: row["churned_customers"] for row in books} == {"U002": 3, "U003": 0}
    assert {row["csm_user_id"]: row["book_size_rank"] for row in books} == {"U002": 1, "U003": 2}
    for row in books:
        avg_customers, churned_arr, contraction_arr, rate = portfolios[row["csm_user_id"]]
        assert float(row["avg_customers"]) == pytest.approx(avg_customers)
        assert (row["churned_arr"], row["contraction_arr"]) == (churned_arr, contraction_arr)
        assert float(row["gross_revenue_churn_rate"]) == pytest.approx(float(rate))


def test_csm_book_size_versus_churn_keeps_the_period(
    handmade_build: Build, compiled_for_a_period: dict[str, str]
) -> None:
    """January to June 2025: six months, and A006 (June) the only churn."""
    [(u002_customer_months,)] = handmade_build.query(
        "select sum(customers) from marts.csm_portfolios where csm_user_id = 'U002'"
        " and month_start between date '2025-01-01' and date '2025-06-01'"
    )
    books = {
        row["csm_user_id"]: row
        for row in handmade_build.query_dicts(compiled_for_a_period["csm_book_size_versus_churn"])
    }
    assert books["U002"]["churned_customers"] == 1
    assert float(books["U002"]["avg_customers"]) == pytest.approx(u002_customer_months / 6)
