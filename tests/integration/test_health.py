"""Customer health end to end: the hand-worked health of the hand-made dataset, the health
distribution, the daily incremental usage aggregates, and the backtest on demo data.

Hand-worked health, as of 2025-06-15 (the June 2025 evaluation day; default settings of
seeds/health_score_settings.csv and weights usage 30, engagement 10, sentiment 25, support
10, relationship 10, commercial 15). Each input is scaled linearly between its two bounds
(`_zero_at` → 0, `_full_at` → 100, clamped); a component is the mean of its available
inputs; the score is the weighted mean of the available components.

A003 Corvid Media (10 core seats, ARR 13,335.00)
  usage: the recent window is 2025-05-17 … 06-15, the prior window 2025-02-16 … 05-16.
    Users A003-U03 and A003-U04 are active every third day → 2 active users, 20 active
    days × 2 events = 40 events. Before: the two superusers U01/U02 daily until 04-30
    (74 days each) plus U03…U08 every third day → 640 events. Trend = 40 / (640 / 3) =
    0.1875 → 0 (≤ 0.5). Utilisation 2 / 10 = 0.2 → (0.2 − 0.1) / 0.5 = 20. Breadth:
    dashboards and reports, 2 / 5 = 0.4 → 0. Usage = (20 + 0 + 0) / 3 = 6.67.
  engagement: last touch 2025-05-12 (workshop), 34 days → (90 − 34) / 60 = 93.33; goal
    G005 was never agreed → goals 0. Engagement = 46.67.
  sentiment: NPS 180 days = R044 (7, passive) → NPS 0 → 50; CSAT 90 days = R049 (5) →
    100 → 100. Sentiment 75.
  support (90 days from 2025-03-18): 8 tickets (T008…T015) for 10 seats = 8 per 10 seats
    → 0; urgent 3 (T009, T011, T013) → 0; reopened 2 (T009, T012) → 1 − 2/3 = 33.33.
    Support 11.11.
  relationship: decision maker K006 active, no promoter → 60.
  commercial: contraction in March, outside April–June → 100.
  Score = (30 × 6.67 + 10 × 46.67 + 25 × 75 + 10 × 11.11 + 10 × 60 + 15 × 100) / 100
        = (200.1 + 466.7 + 1875 + 111.1 + 600 + 1500) / 100 = 47.53 → red (< 50).

A002 Bergmann Logistik (8 core seats, ARR 8,812.80)
  usage: 4 users every third day in both windows: 80 events against 240 → trend 1.0 →
    100; utilisation 4 / 8 = 0.5 → 80; breadth 2 / 5 → 0. Usage 60.
  engagement: last touch 2025-05-30 (email), 16 days → 100; goal G003 agreed 2024-11-01
    and achieved 2025-06-05 → 50 + 50 = 100. Engagement 100.
  sentiment: NPS R035 (5, detractor) → −100 → 0; CSAT R051 (1) → 0. Sentiment 0.
  support: 2 tickets (T005, T006) for 8 seats = 2.5 per 10 → (3 − 2.5) / 2.5 = 20; no
    urgent → 100; none reopened → 100. Support 73.33.
  relationship: the decision maker K004 left on 2025-05-20 and nobody else is one or a
    promoter → 0 − 30, floored at 0.
  commercial: the contraction was in January → 100.
  Score = (1800 + 1000 + 0 + 733.3 + 0 + 1500) / 100 = 50.33 → yellow; in May it was
  47.83 (red: no touch yet in the last 16 days, goals 50), so June is a turnaround.

A007 Globex Holdings (33 core seats: 31 + 2, ARR 15,928.28): no product user at all (no
  usage tracking), so usage is missing and its weight is shared out.
  engagement: last touch 2025-06-02 (meeting), 13 days → 100; G007 agreed 2025-01-20 and
    achieved 06-12, G006 achieved 03-28 (agreed before the window) → 50 + 50 × min(1, 2/1)
    = 100. Engagement 100.
  sentiment: NPS R046 (6, detractor) → 0; CSAT R050 (4) → 100. Sentiment 50.
  support: 2 tickets (T024, T025) for 33 seats = 0.606 per 10 → (3 − 0.606) / 2.5 =
    95.76; no urgent, none reopened → 98.59.
  relationship: decision maker and promoters active → 100. commercial → 100.
  Score = (10 × 100 + 25 × 50 + 10 × 98.59 + 10 × 100 + 15 × 100) / (10 + 25 + 10 + 10 + 15)
        = 5735.9 / 70 = 81.94 → green.

A012 Lumen Schools has no contact on record: relationship is missing, the other five make
  83.33 (green).

The other accounts and May 2025 are in expected/health_account_months.csv; an independent
script recomputed every row from raw/*.csv and the seeds (0 differences).
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from conftest import FIXTURES_DIR, Build, build_project, generate, run_dbt

EXPECTED_DIR = FIXTURES_DIR / "handmade" / "expected"
SCORE_COLUMNS = [
    "usage_score",
    "engagement_score",
    "sentiment_score",
    "support_score",
    "relationship_score",
    "commercial_score",
    "health_score",
]


def read_expected(name: str) -> list[dict[str, str]]:
    with open(EXPECTED_DIR / name, newline="") as handle:
        return list(csv.DictReader(handle))


def as_number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    return float(value)


def assert_close(actual: Any, expected: str, label: str, tolerance: float = 1e-9) -> None:
    expected_value = as_number(expected)
    actual_value = as_number(actual)
    if expected_value is None or actual_value is None:
        assert actual_value is None and expected_value is None, (
            f"{label}: {actual!r} != {expected!r}"
        )
    else:
        assert abs(actual_value - expected_value) <= tolerance, (
            f"{label}: {actual!r} != {expected!r}"
        )


# ---------------------------------------------------------------- hand-made dataset


def test_health_scores_match_the_hand_worked_values(handmade_build: Build) -> None:
    expected = read_expected("health_account_months.csv")
    rows = handmade_build.query_dicts(
        """
        select
            account_id, cast(month_start as varchar) as month_start, arr,
            usage_score, engagement_score, sentiment_score, support_score,
            relationship_score, commercial_score, components_available,
            health_score, health_tier, previous_health_tier, tier_change
        from intermediate.int_account_health_scored
        where month_start in (date '2025-05-01', date '2025-06-01')
        order by month_start, account_id
        """
    )
    assert [(r["account_id"], r["month_start"]) for r in rows] == [
        (e["account_id"], e["month_start"]) for e in expected
    ]
    for row, exp in zip(rows, expected, strict=True):
        key = f"{row['account_id']} {row['month_start']}"
        assert_close(row["arr"], exp["arr"], f"{key} arr")
        for column in SCORE_COLUMNS:
            assert_close(row[column], exp[column], f"{key} {column}", tolerance=0.005)
        for column in [
            "components_available",
            "health_tier",
            "previous_health_tier",
            "tier_change",
        ]:
            assert (row[column] or "") == exp[column], f"{key} {column}"


def test_a003_signals_are_measured_on_the_as_of_date(handmade_build: Build) -> None:
    (row,) = handmade_build.query_dicts(
        """
        select * from intermediate.int_account_health_signals_measured
        where account_id = 'A003' and month_start = date '2025-06-01'
        """
    )
    assert str(row["evaluation_date"]) == "2025-06-15"
    assert row["paid_seats"] == 10
    assert (
        row["active_users_in_recent_window"],
        row["events_in_recent_window"],
        row["events_in_prior_window"],
    ) == (2, 40, 640)
    assert row["usage_trend_ratio"] == pytest.approx(0.1875)
    assert (row["core_features_used_in_recent_window"], row["core_features_total"]) == (2, 5)
    assert (row["superusers"], row["inactive_superusers"]) == (3, 2)
    assert str(row["last_cs_touch_date"]) == "2025-05-12" and row["days_since_last_cs_touch"] == 34
    assert (
        row["tickets_in_window"],
        row["urgent_tickets_in_window"],
        row["reopened_tickets_in_window"],
    ) == (8, 3, 2)
    assert row["tickets_per_10_seats_in_window"] == pytest.approx(8.0)
    assert (row["nps_responses_in_window"], row["nps_in_window"]) == (1, 0.0)
    assert (row["csat_responses_in_window"], row["csat_in_window"]) == (1, 100.0)
    assert row["has_active_decision_maker"] and not row["has_active_promoter"]
    assert not row["has_pending_full_cancellation"]


def test_missing_sources_are_flagged_not_scored_zero(handmade_build: Build) -> None:
    rows = {
        r["account_id"]: r
        for r in handmade_build.query_dicts(
            """
            select s.account_id, s.is_usage_tracked, s.active_users_in_recent_window, s.contacts_on_record,
                h.usage_score, h.relationship_score
            from intermediate.int_account_health_signals_measured as s
            inner join intermediate.int_account_health_scored as h
                on s.account_id = h.account_id and s.month_start = h.month_start
            where s.month_start = date '2025-06-01'
            """
        )
    }
    # A007 has no product user: usage not tracked, not zero
    assert (
        not rows["A007"]["is_usage_tracked"]
        and rows["A007"]["active_users_in_recent_window"] is None
    )
    assert rows["A007"]["usage_score"] is None
    # A012 has no contact on record
    assert rows["A012"]["contacts_on_record"] == 0 and rows["A012"]["relationship_score"] is None
    # before the usage tracker started (2025-01-01) nobody has a usage score
    (before,) = handmade_build.query(
        "select count(usage_score) from intermediate.int_account_health_scored where month_start < date '2025-01-01'"
    )
    assert before == (0,)


def test_pending_full_cancellation_forces_red(handmade_build: Build) -> None:
    rows = handmade_build.query_dicts(
        """
        select account_id, cast(month_start as varchar) as month_start, health_tier, is_tier_forced_red,
            cast(pending_cancellation_effective_date as varchar) as effective
        from intermediate.int_account_health_scored
        inner join intermediate.int_account_health_signals_measured using (account_id, month_start)
        where has_pending_full_cancellation
        order by 1, 2
        """
    )
    # A004 gave notice 2024-08-28 for 09-20; A006 on 05-12 and again on 05-20 (the later
    # notice, effective 06-10, supersedes the first); A005 gave notice in its churn month
    assert rows == [
        {
            "account_id": "A004",
            "month_start": "2024-08-01",
            "health_tier": "red",
            "is_tier_forced_red": True,
            "effective": "2024-09-20",
        },
        {
            "account_id": "A006",
            "month_start": "2025-05-01",
            "health_tier": "red",
            "is_tier_forced_red": True,
            "effective": "2025-06-10",
        },
    ]


def test_health_distribution_matches_the_hand_worked_values(handmade_build: Build) -> None:
    expected = read_expected("health_distribution.csv")
    rows = handmade_build.query_dicts(
        """
        select cast(month_start as varchar) as month_start, health_tier, customers, arr,
            pct_of_customers, pct_of_arr, customers_change_vs_prior_month
        from marts.health_distribution
        where month_start in (date '2025-05-01', date '2025-06-01')
        order by month_start, tier_order
        """
    )
    assert len(rows) == len(expected)
    for row, exp in zip(rows, expected, strict=True):
        key = f"{row['month_start']} {row['health_tier']}"
        assert (row["month_start"], row["health_tier"]) == (exp["month_start"], exp["health_tier"])
        assert row["customers"] == int(exp["customers"]), key
        assert_close(row["arr"], exp["arr"], f"{key} arr")
        assert_close(row["pct_of_customers"], exp["pct_of_customers"], f"{key} pct_of_customers")
        assert_close(row["pct_of_arr"], exp["pct_of_arr"], f"{key} pct_of_arr")
        assert row["customers_change_vs_prior_month"] == int(
            exp["customers_change_vs_prior_month"]
        ), key


def test_health_distribution_partitions_the_customers_every_month(handmade_build: Build) -> None:
    mismatches = handmade_build.query(
        """
        with tiers as (
            select month_start, count(*) as tier_rows, sum(customers) as customers, sum(arr) as arr
            from marts.health_distribution group by month_start
        ),
        company as (
            select month_start, closing_customers, closing_arr from marts.arr_bridge
        )
        select * from tiers full outer join company using (month_start)
        where tier_rows is distinct from 3 or customers is distinct from closing_customers
            or arr is distinct from closing_arr
        """
    )
    assert mismatches == []


# ---------------------------------------------------------------- the scheduled daily run


def test_daily_usage_aggregates_equal_a_fresh_build(tmp_path: Path) -> None:
    raw_full = FIXTURES_DIR / "handmade" / "raw"
    raw_previous = tmp_path / "raw_previous"
    shutil.copytree(raw_full, raw_previous)
    with duckdb.connect() as connection:
        connection.execute(
            f"""
            copy (
                select * from read_csv('{raw_full / "usage_events.csv"}', header = true, all_varchar = true)
                where cast(occurred_at as timestamp) < date '2025-06-14'
            ) to '{raw_previous / "usage_events.csv"}' (header, delimiter ',')
            """
        )
    selection = [
        "build",
        "--select",
        "+int_account_months_usage_measured",
        "--resource-type",
        "model",
        "--resource-type",
        "seed",
    ]
    daily = tmp_path / "daily"
    for raw_dir, as_of in [(raw_previous, "2025-06-13"), (raw_full, "2025-06-15")]:
        result = run_dbt(selection, raw_dir, as_of, daily)
        assert result.returncode == 0, result.output[-4000:]
    fresh = run_dbt(selection, raw_full, "2025-06-15", tmp_path / "fresh")
    assert fresh.returncode == 0, fresh.output[-4000:]
    checks = [
        "select account_id, user_id, activity_date, events from intermediate.int_usage_user_days_aggregated order by 1, 2, 3",
        "select * from intermediate.int_usage_account_day_features_aggregated order by 1, 2, 3",
        # usage_loaded_through: the newest usage day when a month was measured; a month
        # the daily run did not need to measure again keeps the previous day's
        (
            "select * exclude (usage_loaded_through)"
            " from intermediate.int_account_months_usage_measured order by 1, 2"
        ),
    ]
    for sql in checks:
        daily_rows = Build(raw_full, daily / "cs_analytics.duckdb", daily / "target", 0, "").query(
            sql
        )
        assert daily_rows == fresh.query(sql), sql
    (days,) = fresh.query(
        "select count(distinct activity_date) from intermediate.int_usage_user_days_aggregated"
    )
    assert days[0] > 100


# ---------------------------------------------------------------- does the score work?


@pytest.fixture(scope="module")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    work = tmp_path_factory.mktemp("health_demo")
    raw = work / "raw"
    generate(raw, "--accounts", "300", "--months", "36", "--end-date", "2025-06-30")
    return build_project(raw, "2025-06-30", work / "build")


def test_backtest_red_churns_several_times_more_than_green(demo_build: Build) -> None:
    pooled = {
        tier: (customers, churned, lost)
        for tier, customers, churned, lost in demo_build.query(
            """
            select health_tier, sum(customers), sum(churned_customers), sum(churned_or_contracted_customers)
            from marts.health_score_backtest group by health_tier
            """
        )
    }
    rate = {tier: churned / customers for tier, (customers, churned, _) in pooled.items()}
    loss_rate = {tier: lost / customers for tier, (customers, _, lost) in pooled.items()}
    assert pooled["red"][0] >= 100 and pooled["green"][0] >= 1000, pooled
    # the ordering the score is for, with the docs block's threshold (red ≥ 2 × green)
    assert rate["red"] >= 2 * rate["green"], rate
    assert rate["green"] <= rate["yellow"] <= rate["red"], rate
    assert loss_rate["green"] <= loss_rate["yellow"] <= loss_rate["red"], loss_rate
    # the score works without the cancellations it is told about, too
    (without_forced,) = demo_build.query(
        """
        with scored as (
            select s.account_id, s.month_start, s.health_tier,
                max(case when m.movement_type = 'churn' then 1 else 0 end) as churned
            from intermediate.int_account_health_scored as s
            inner join intermediate.int_account_months_classified as m
                on s.account_id = m.account_id
                and m.month_start > s.month_start
                and m.month_start <= s.month_start + interval 3 month
            where not s.is_tier_forced_red and s.month_start <= date '2025-03-01'
            group by 1, 2, 3
        )
        select
            avg(case when health_tier = 'red' then churned end),
            avg(case when health_tier = 'green' then churned end)
        from scored
        """
    )
    assert without_forced[0] >= 2 * without_forced[1], without_forced


def test_demo_health_distribution_is_plausible(demo_build: Build) -> None:
    (shares,) = demo_build.query(
        """
        select
            sum(case when health_tier = 'green' then customers end) * 1.0 / sum(customers),
            sum(case when health_tier = 'red' then customers end) * 1.0 / sum(customers)
        from marts.health_distribution
        """
    )
    green, red = shares
    assert 0.4 <= green <= 0.85 and 0.03 <= red <= 0.25, shares
