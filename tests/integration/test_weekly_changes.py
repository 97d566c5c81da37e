"""Weekly changes and the week's CSAT on the hand-worked dataset.

weekly_changes and weekly_csat must equal the values worked out by hand in
tests/fixtures/handmade/README.md ("Weekly changes") and written to expected/. Money compares
exactly, CSAT and mean scores to 1e-9; an empty field means null. The semantic layer's `csat`
metric, filtered to the week's days, returns the mart's `all` row: how a BI tool gets the
week's CSAT without the mart.
"""

from __future__ import annotations

import csv

from conftest import Build, SemanticLayer, differences_from_expected, same_value


def test_weekly_changes_match_hand_worked_values(handmade_build: Build) -> None:
    differences = differences_from_expected(
        handmade_build, "weekly_changes", ["change_type", "source_id"], set()
    )
    assert not differences, "\n".join(differences)


def test_weekly_csat_matches_hand_worked_values(handmade_build: Build) -> None:
    differences = differences_from_expected(
        handmade_build, "weekly_csat", ["interaction_type"], {"csat", "avg_score"}
    )
    assert not differences, "\n".join(differences)


def test_week_boundaries(handmade_build: Build) -> None:
    """F102 (praise on 2025-06-08 23:30, as_of_date - 7) is out; R057 (2025-06-15 18:00,
    on as_of_date) is in; every change type of the week is there at least once."""
    rows = handmade_build.query(
        "select change_type, source_id from marts.weekly_changes order by 1, 2"
    )
    sources = {source for _, source in rows}
    assert "F102" not in sources
    assert "R057" in sources
    assert {change_type for change_type, _ in rows} == {
        "notice_given",
        "expansion_won",
        "onboarding_completed",
        "praise_received",
        "survey_response",
        "red_flag_raised",
        "turnaround",
    }


def test_mf_csat_over_the_week_equals_weekly_csat(
    semantic_layer: SemanticLayer, handmade_build: Build
) -> None:
    [(start, end, csat, responses, satisfied)] = handmade_build.query(
        "select cast(window_start_date as varchar), cast(window_end_date as varchar), csat,"
        " responses, satisfied_responses from marts.weekly_csat where interaction_type = 'all'"
    )
    day = "{{ TimeDimension('metric_time', 'day') }}"
    out = semantic_layer.project_dir / "target" / "week_csat.csv"
    completed = semantic_layer.run(
        "query",
        "--metrics",
        "csat,csat_responses,csat_satisfied_responses",
        "--where",
        f"{day} >= '{start}' and {day} <= '{end}'",
        "--csv",
        str(out),
    )
    assert completed.returncode == 0 and out.exists(), completed.stdout[-4000:]
    with out.open(newline="", encoding="utf-8") as handle:
        [row] = list(csv.DictReader(handle))
    assert same_value(csat, row["csat"], True), (row, csat)
    assert int(row["csat_responses"]) == responses == 2
    assert int(row["csat_satisfied_responses"]) == satisfied == 1


def test_each_csm_takes_at_most_three_top_tier_priorities(handmade_build: Build) -> None:
    """README "The attention list and open actions": only A004 (U002, tier 3) and A003
    (U003, tier 1) are in the top tiers, so each CSM has one priority, with its next step
    (the account's next open CTA)."""
    assert handmade_build.query(
        "select csm_user_id, priority, account_id, attention_tier, next_step "
        "from marts.csm_weekly_priorities order by 1, 2"
    ) == [
        ("U002", 1, "A004", 3, "Re-engage after the reactivation"),
        ("U003", 1, "A003", 1, "Follow up on the seat reduction"),
    ]
