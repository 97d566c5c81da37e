"""The scheduled daily run: an incremental build with one more day of usage events gives
exactly what a fresh build of the same data gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from conftest import build_project, generate

END_DATE = "2025-06-30"
CHECKS = {
    "events": "select count(*), count(distinct event_id), max(occurred_at) from staging.base_usage__events",
    "staged": "select count(*) from staging.stg_usage__events",
    "quality": "select table_name, reason, affected_rows from marts.data_quality_summary order by 1, 2",
}


def drop_last_day_of_events(full_dir: Path, previous_dir: Path) -> None:
    shutil.copytree(full_dir, previous_dir)
    events = previous_dir / "usage_events.csv"
    with duckdb.connect() as connection:
        connection.execute(
            f"""
            copy (
                select * from read_csv('{full_dir / "usage_events.csv"}', header = true, all_varchar = true)
                -- an occurred_at that does not parse (rule unparseable_value) lands every day
                where try_cast(occurred_at as timestamp) is null
                    or try_cast(occurred_at as timestamp) < date '{END_DATE}'
            ) to '{events}' (header, delimiter ',')
            """
        )


def test_daily_incremental_run_equals_a_fresh_build(tmp_path: Path) -> None:
    full_dir = tmp_path / "raw_full"
    generate(
        full_dir,
        "--accounts",
        "30",
        "--months",
        "6",
        "--end-date",
        END_DATE,
        "--seed",
        "5",
        "--dirty-share",
        "0.02",
    )
    drop_last_day_of_events(full_dir, tmp_path / "raw_previous")

    daily = tmp_path / "daily"
    first = build_project(tmp_path / "raw_previous", "2025-06-29", daily)
    before = first.query(CHECKS["events"])[0][0]
    second = build_project(full_dir, END_DATE, daily)
    fresh = build_project(full_dir, END_DATE, tmp_path / "fresh")

    assert second.query(CHECKS["events"])[0][0] > before, "the new day was not loaded"
    for name, sql in CHECKS.items():
        assert second.query(sql) == fresh.query(sql), name
