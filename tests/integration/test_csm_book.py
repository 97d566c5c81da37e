"""The CSM's book on the hand-worked dataset: csm_portfolios, csm_attention_list,
csm_open_actions, account_red_flags, and the CRM snapshots that keep what the source
overwrites.

tests/fixtures/handmade/README.md ("CSM books") works the portfolio numbers out by hand;
expected/csm_portfolios.csv holds them. Money is compared exactly, rates to 1e-9, empty
means null.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

from conftest import FIXTURES_DIR, Build, differences_from_expected, run_dbt

EXPECTED = FIXTURES_DIR / "handmade" / "expected" / "csm_portfolios.csv"
RATE_COLUMNS = {"nrr", "grr", "qbr_completion_rate"}
KEYS = ["month_start", "csm_user_id"]


def render(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


def same(column: str, actual: Any, expected: str) -> bool:
    if expected == "" or actual is None:
        return expected == "" and actual is None
    if column in RATE_COLUMNS:
        return abs(float(actual) - float(expected)) <= 1e-9
    if isinstance(actual, (Decimal, int, float)):
        return Decimal(str(actual)) == Decimal(expected)
    return render(actual) == expected


def test_csm_portfolios_match_hand_worked_values(handmade_build: Build) -> None:
    with EXPECTED.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns = list(reader.fieldnames or [])
        expected_rows = list(reader)
    months = sorted({row["month_start"] for row in expected_rows})
    actual_rows = handmade_build.query_dicts(
        f"select {', '.join(columns)} from marts.csm_portfolios "
        f"where month_start in ({', '.join(repr(m) for m in months)}) order by 1, 2"
    )
    expected_by_key = {tuple(row[k] for k in KEYS): row for row in expected_rows}
    actual_by_key = {tuple(render(row[k]) for k in KEYS): row for row in actual_rows}
    # every book of the expected months is there, and no other
    assert sorted(actual_by_key) == sorted(expected_by_key)
    mismatches = [
        f"{key} {column}: got {render(actual_by_key[key][column])!r}, expected {expected[column]!r}"
        for key, expected in sorted(expected_by_key.items())
        for column in columns
        if not same(column, actual_by_key[key][column], expected[column])
    ]
    assert not mismatches, "\n".join(mismatches)


def test_books_add_up_to_the_company_every_month(handmade_build: Build) -> None:
    differences = handmade_build.query(
        """
        with books as (
            select month_start, sum(customers) as customers, sum(arr) as arr,
                   sum(starting_arr) as starting_arr, sum(ending_arr) as ending_arr
            from marts.csm_portfolios group by month_start
        )
        select bridge.month_start, books.customers, bridge.closing_customers,
               books.arr, bridge.closing_arr, books.starting_arr, nrr.starting_arr,
               books.ending_arr, nrr.ending_arr
        from marts.arr_bridge as bridge
        left join books on bridge.month_start = books.month_start
        left join marts.nrr_breakdown as nrr on bridge.month_start = nrr.month_start
        where books.customers is distinct from bridge.closing_customers
           or books.arr is distinct from bridge.closing_arr
           or (nrr.month_start is not null and (
                books.starting_arr <> nrr.starting_arr or books.ending_arr <> nrr.ending_arr))
        """
    )
    assert differences == []
    assert handmade_build.query("select count(distinct month_start) from marts.csm_portfolios") == [
        (18,)
    ]


def test_portfolio_is_one_row_per_month_and_book(handmade_build: Build) -> None:
    assert (
        handmade_build.query(
            "select month_start, csm_user_id, count(*) from marts.csm_portfolios "
            "group by all having count(*) > 1"
        )
        == []
    )
    # A001 moved to U003 on 2024-10-01: U003 holds three customers in September, four in October
    assert handmade_build.query(
        "select month_start, customers from marts.csm_portfolios where csm_user_id = 'U003' "
        "and month_start in ('2024-09-01', '2024-10-01') order by 1"
    ) == [(dt.date(2024, 9, 1), 3), (dt.date(2024, 10, 1), 4)]


def test_attention_list_lists_each_customer_with_its_dashboard_columns(
    handmade_build: Build,
) -> None:
    """One row per customer on 2025-06-15 in its owner's book (A005, A006 churned; A009,
    A010 never paid), with renewal (earliest active term end), last CS touch and open CTAs
    as worked in the README's activity table."""
    rows = handmade_build.query(
        "select account_id, csm_user_id, renewal_date, last_activity_date, open_cta_count "
        "from marts.csm_attention_list order by account_id"
    )
    day = dt.date
    assert rows == [
        ("A001", "U003", day(2025, 7, 1), day(2025, 6, 10), 1),
        ("A002", "U002", day(2026, 1, 15), day(2025, 5, 30), 1),
        ("A003", "U003", day(2025, 9, 10), day(2025, 5, 12), 2),
        ("A004", "U002", day(2025, 7, 5), day(2025, 2, 6), 1),
        ("A007", "U002", day(2025, 7, 1), day(2025, 6, 2), 0),
        ("A008", "U003", day(2025, 7, 15), day(2025, 6, 12), 0),
        ("A011", "U002", day(2025, 7, 1), day(2025, 5, 14), 1),
        ("A012", "U003", day(2025, 7, 1), day(2025, 3, 17), 0),
    ]
    ranks = handmade_build.query(
        "select csm_user_id, list(priority_rank order by priority_rank) "
        "from marts.csm_attention_list group by 1 order by 1"
    )
    assert ranks == [("U002", [1, 2, 3, 4]), ("U003", [1, 2, 3, 4])]


def test_attention_list_tiers_and_reasons_match_hand_worked_values(handmade_build: Build) -> None:
    """Tiers, ranks and the specific reasons worked in the fixture README ("The attention
    list and open actions"): only A003 (red, renewing in 87 days) and A004 (an act flag,
    onboarding late) are in the top tiers; overdue CTAs and watch flags are reasons only."""
    differences = differences_from_expected(
        handmade_build, "csm_attention_list", ["csm_user_id", "priority_rank"], set()
    )
    assert not differences, "\n".join(differences)


def test_open_actions_are_ranked_by_due_date_then_priority(handmade_build: Build) -> None:
    differences = differences_from_expected(
        handmade_build, "csm_open_actions", ["csm_user_id", "action_rank"], set()
    )
    assert not differences, "\n".join(differences)


def test_red_flags_need_their_minimum_sample(handmade_build: Build) -> None:
    """A002's and A007's NPS rest on one detractor each (-100) and A002's CSAT on one
    response (0): under the minimum sample of three, so no poor_feedback flag is raised.
    A003 has three superusers, two of them inactive: not all, so no superuser_inactive."""
    assert handmade_build.query(
        "select count(*) from marts.account_red_flags "
        "where flag in ('poor_feedback_nps', 'poor_feedback_csat', 'superuser_inactive')"
    ) == [(0,)]
    assert handmade_build.query(
        "select account_id, flag, severity, reason from marts.account_red_flags "
        "where account_id = 'A003' order by flag"
    ) == [
        ("A003", "renewal_soon_while_red", "act", "red and renewing in 87 days"),
        ("A003", "support_overload", "act", "8 tickets per 10 paid seats"),
        ("A003", "usage_drop", "act", "usage at 19% of its baseline"),
    ]


def test_dated_red_flags_on_hand_worked_data(handmade_build: Build) -> None:
    """A004: last touch 2025-02-06, 129 days before as_of, raised since 02-06 + 90 days;
    A012: last touch exactly 90 days before, raised from as_of_date itself. No cancellation
    is pending on 2025-06-15 (A006's took effect on 06-10)."""
    assert handmade_build.query(
        "select account_id, first_raised_date, measured_value, threshold from marts.account_red_flags "
        "where flag = 'no_cs_activity' order by account_id"
    ) == [
        ("A004", dt.date(2025, 5, 7), 129.0, 90.0),
        ("A012", dt.date(2025, 6, 15), 90.0, 90.0),
    ]
    assert handmade_build.query(
        "select count(*) from marts.account_red_flags where flag = 'confirmed_cancellation'"
    ) == [(0,)]


def test_snapshots_keep_values_the_crm_overwrites(tmp_path: Path) -> None:
    """Two scheduled runs: the second sees a segment change and a decision maker who is no
    longer one; both snapshots keep the old version, closed, beside the new one."""
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES_DIR / "handmade" / "raw", raw)
    work = tmp_path / "work"
    select = [
        "--select",
        "+snap_crm__accounts",
        "+snap_crm__contacts",
        "--indirect-selection",
        "cautious",
    ]

    first = run_dbt(["build", *select], raw, "2025-06-15", work)
    assert first.returncode == 0, first.output[-4000:]

    accounts = (raw / "crm_accounts.csv").read_text(encoding="utf-8").splitlines()
    accounts = [
        line.replace(",Enterprise,EMEA,", ",Mid-Market,EMEA,").replace(
            "2025-01-20 11:00:00", "2025-06-16 08:00:00"
        )
        if line.startswith("A002,")
        else line
        for line in accounts
    ]
    (raw / "crm_accounts.csv").write_text("\n".join(accounts) + "\n", encoding="utf-8")
    contacts = (raw / "crm_contacts.csv").read_text(encoding="utf-8").splitlines()
    contacts = [
        line.replace(",VP Operations,true,", ",VP Operations,false,")
        if line.startswith("K001,")
        else line
        for line in contacts
    ]
    (raw / "crm_contacts.csv").write_text("\n".join(contacts) + "\n", encoding="utf-8")

    second = run_dbt(["snapshot"], raw, "2025-06-16", work)
    assert second.returncode == 0, second.output[-4000:]

    assert second.query(
        "select segment, dbt_valid_to is null from snapshots.snap_crm__accounts "
        "where account_id = 'A002' order by dbt_valid_from"
    ) == [("Enterprise", False), ("Mid-Market", True)]
    assert second.query(
        "select is_decision_maker, dbt_valid_to is null from snapshots.snap_crm__contacts "
        "where contact_id = 'K001' order by dbt_valid_from"
    ) == [(True, False), (False, True)]
    # untouched records keep a single, current version
    assert second.query(
        "select count(*), count(dbt_valid_to) from snapshots.snap_crm__accounts where account_id <> 'A002'"
    ) == [(11, 0)]
