"""The scheduled daily run: an incremental build with one more day of usage events gives
exactly what a fresh build of the same data gives, every public mart row for row, also
when the new delivery carries late events, a re-delivered event and a corrected one, and
a CRM account whose events were orphans the day before."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from conftest import Build, build_project, generate

# The new day opens a month, so the late events change the month before it, whose
# evaluation day stays its last day: only the look-back makes the run measure it again.
END_DATE = "2025-07-01"
PREVIOUS_DAY = "2025-06-30"
EVENTS = "usage_events.csv"
ACCOUNTS = "crm_accounts.csv"
# what the daily run reads again: the last `usage_lookback_days` (3) days before the newest
LATE_DAY = "2025-06-29"
# every incremental model, beside the marts
INCREMENTAL_MODELS = (
    "base_usage__events",
    "int_usage_user_days_aggregated",
    "int_usage_account_day_features_aggregated",
    "int_account_months_usage_measured",
    "int_usage_account_day_quality_aggregated",
)


def read_csv_text(path: Path) -> str:
    return f"read_csv('{path}', header = true, all_varchar = true)"


def split_deliveries(full_dir: Path, previous_dir: Path) -> dict[str, int]:
    """The previous day's landing: everything but the last day's events and a few events of
    LATE_DAY (they arrive late, with the last day's delivery). The full landing gains a
    re-delivered copy of an event of the day before the last and a corrected copy (another
    feature, the same event_id and time) of an event of LATE_DAY. The previous day's CRM
    lacks the account with the most events (it reaches the CRM export with the last day),
    so the events of every earlier day change from orphans to an account's."""
    shutil.copytree(full_dir, previous_dir)
    original = full_dir / "original_events.csv"
    (full_dir / EVENTS).rename(original)
    with duckdb.connect() as connection:
        accounts = previous_dir / ACCOUNTS
        connection.execute(
            f"""
            copy (
                select * from {read_csv_text(full_dir / ACCOUNTS)}
                where account_id != (
                    select account_id from {read_csv_text(original)}
                    group by account_id order by count(*) desc, account_id limit 1
                )
            ) to '{accounts}' (header, delimiter ',')
            """
        )
        occurred = "try_cast(occurred_at as timestamp)"
        connection.execute(
            f"""
            copy (
                select * from {read_csv_text(original)}
                -- an occurred_at that does not parse (rule unparseable_value) lands every day
                where {occurred} is null
                    or ({occurred} < date '{END_DATE}'
                        and not ({occurred} >= date '{LATE_DAY}'
                            and {occurred} < date '{LATE_DAY}' + 1 and event_id like '%7'))
            ) to '{previous_dir / EVENTS}' (header, delimiter ',')
            """
        )
        connection.execute(
            f"""
            copy (
                select * from {read_csv_text(original)}
                union all
                (select * from {read_csv_text(original)}
                 where {occurred} >= date '{END_DATE}' - 1 and {occurred} < date '{END_DATE}'
                 order by event_id limit 1)
                union all
                (select * replace ('corrected_' || coalesce(feature, '') as feature)
                 from {read_csv_text(original)}
                 where {occurred} >= date '{LATE_DAY}' and {occurred} < date '{LATE_DAY}' + 1
                 order by event_id limit 1)
            ) to '{full_dir / EVENTS}' (header, delimiter ',')
            """
        )
        late = connection.execute(
            f"select count(*) from {read_csv_text(original)} where {occurred} >= date '{LATE_DAY}'"
            f" and {occurred} < date '{LATE_DAY}' + 1 and event_id like '%7'"
        ).fetchone()
    original.unlink()
    return {"late": late[0] if late else 0}


def every_mart(build: Build) -> dict[str, list[str]]:
    """Each table of schema marts and each incremental model, its rows sorted."""
    tables = [
        name
        for (name,) in build.query(
            "select table_schema || '.' || table_name from information_schema.tables "
            f"where table_schema = 'marts' or table_name in {INCREMENTAL_MODELS} order by 1"
        )
    ]
    # usage_loaded_through records the newest usage day when a month was measured: a
    # month the daily run did not need to measure again keeps the previous day's
    columns = {
        table: "* exclude (usage_loaded_through)" for table in tables if "usage_measured" in table
    }
    return {
        table: sorted(map(repr, build.query(f"select {columns.get(table, '*')} from {table}")))
        for table in tables
    }


def test_daily_incremental_run_equals_a_fresh_build(tmp_path: Path) -> None:
    full_dir = tmp_path / "raw_full"
    generate(
        full_dir,
        "--accounts", "30", "--months", "6", "--end-date", END_DATE,
        "--seed", "5", "--dirty-share", "0.02",
    )  # fmt: skip
    counts = split_deliveries(full_dir, tmp_path / "raw_previous")
    assert counts["late"] > 0, "no late events: pick another LATE_DAY filter"

    daily = tmp_path / "daily"
    first = build_project(tmp_path / "raw_previous", PREVIOUS_DAY, daily)
    before = first.query("select count(*) from staging.base_usage__events")[0][0]
    orphans = (
        "select affected_rows from marts.data_quality_summary "
        "where table_name = 'usage_events' and reason = 'orphan_account_id'"
    )
    orphans_before = first.query(orphans)[0][0]
    second = build_project(full_dir, END_DATE, daily)
    fresh = build_project(full_dir, END_DATE, tmp_path / "fresh")

    after = second.query("select count(*) from staging.base_usage__events")[0][0]
    assert after > before + counts["late"], "the new day and the late events were not loaded"
    duplicates = "select count(*) from staging.base_usage__events where dq_set_aside_reason = "
    assert second.query(duplicates + "'duplicate_key'")[0][0] >= 2  # re-delivered, corrected
    # the account that arrived turned its events of every earlier day from orphans
    assert orphans_before > second.query(orphans)[0][0] + counts["late"]
    incremental, rebuilt = every_mart(second), every_mart(fresh)
    assert len(rebuilt) > 50 + len(INCREMENTAL_MODELS) - 1 and incremental.keys() == rebuilt.keys()
    assert {t for t in rebuilt if incremental[t] != rebuilt[t]} == set()
