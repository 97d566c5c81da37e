"""Builds on data that is empty, dirty or malformed.

- empty: every raw file holds only its header; the build succeeds and the marts are empty.
- dirty: the generator injects faults of every kind in the data-quality catalogue and
  writes how many (`_injected_faults.csv`); the data-quality mart counts exactly those.
  This dataset is written as Parquet, so the Parquet reader is exercised end to end.
- malformed input stops the run early with a message naming the problem.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES_DIR, Build, build_project, generate, run_dbt

HANDMADE_RAW = FIXTURES_DIR / "handmade" / "raw"
PUBLIC_MARTS = ["fct_account_months", "arr_bridge", "nrr_breakdown", "dim_accounts", "dim_csms"]


def write_header_only_copy(source_dir: Path, target_dir: Path) -> None:
    target_dir.mkdir(parents=True, exist_ok=True)
    for path in sorted(source_dir.glob("*.csv")):
        header = path.read_text(encoding="utf-8").splitlines()[0]
        (target_dir / path.name).write_text(header + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def empty_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    work = tmp_path_factory.mktemp("empty")
    write_header_only_copy(HANDMADE_RAW, work / "raw")
    return build_project(work / "raw", "2025-06-15", work)


@pytest.fixture(scope="session")
def dirty_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    work = tmp_path_factory.mktemp("dirty")
    generate(
        work / "raw",
        "--accounts",
        "80",
        "--months",
        "18",
        "--end-date",
        "2025-06-30",
        "--seed",
        "11",
        "--dirty-share",
        "0.02",
        "--format",
        "parquet",
    )
    return build_project(work / "raw", "2025-06-30", work)


@pytest.mark.parametrize("mart", PUBLIC_MARTS)
def test_empty_dataset_builds_empty_marts(empty_build: Build, mart: str) -> None:
    assert empty_build.query(f"select count(*) from marts.{mart}") == [(0,)]


def test_empty_dataset_reports_no_issues(empty_build: Build) -> None:
    rules = empty_build.query("select count(*), sum(affected_rows) from marts.data_quality_summary")
    assert rules[0][0] > 0 and rules[0][1] == 0


def freshness_statuses(build: Build) -> dict[str, str]:
    """`dbt source freshness`'s status of each checked raw table, from its sources.json."""
    results = json.loads((build.target_dir / "sources.json").read_text(encoding="utf-8"))
    return {r["unique_id"].split(".", 2)[2]: r["status"] for r in results["results"]}


def test_empty_dataset_is_fresh_and_a_dated_one_is_judged_by_its_rows(
    empty_build: Build, tmp_path: Path
) -> None:
    """Header-only files are valid empty tables: never stale. Rows, but none dated by
    as_of_date: infinitely old (the scheduled run would not publish)."""
    raw = empty_build.raw_dir
    empty = run_dbt(["source", "freshness"], raw, "2025-06-15", tmp_path / "empty")
    assert empty.returncode == 0, empty.output[-3000:]
    statuses = freshness_statuses(empty)
    assert len(statuses) == 16 and set(statuses.values()) == {"pass"}
    dated = tmp_path / "raw"
    shutil.copytree(raw, dated)
    shutil.copy(HANDMADE_RAW / "usage_events.csv", dated / "usage_events.csv")
    before = run_dbt(["source", "freshness"], dated, "2020-01-01", tmp_path / "dated")
    assert before.returncode == 1
    assert {k: v for k, v in freshness_statuses(before).items() if v != "pass"} == {
        "usage.events": "error"
    }


def read_manifest(raw_dir: Path) -> dict[tuple[str, str], int]:
    with (raw_dir / "_injected_faults.csv").open(newline="", encoding="utf-8") as handle:
        return {
            (row["table_name"], row["reason"]): int(row["rows"])
            for row in csv.DictReader(handle)
            if int(row["rows"]) > 0
        }


def test_dirty_dataset_counts_exactly_the_injected_faults(dirty_build: Build) -> None:
    injected = read_manifest(dirty_build.raw_dir)
    counted = {
        (table, reason): rows
        for table, reason, rows in dirty_build.query(
            "select table_name, reason, affected_rows from marts.data_quality_summary where affected_rows > 0"
        )
    }
    assert injected, "the generator injected no faults"
    assert counted == injected


def test_dirty_dataset_covers_every_rule(dirty_build: Build) -> None:
    rules = {
        tuple(row)
        for row in dirty_build.query("select table_name, reason from reference.data_quality_rules")
    }
    assert set(read_manifest(dirty_build.raw_dir)) == rules


def test_dirty_dataset_keeps_the_bridge_balanced(dirty_build: Build) -> None:
    assert dirty_build.query(
        """
        select count(*) from marts.arr_bridge
        where opening_arr + new_arr + reactivation_arr + expansion_arr
              - contraction_arr - churned_arr <> closing_arr
        """
    ) == [(0,)]
    assert dirty_build.query("select count(*) from marts.arr_bridge")[0][0] > 12


def test_missing_raw_file_is_a_clear_error(tmp_path: Path) -> None:
    write_header_only_copy(HANDMADE_RAW, tmp_path / "raw")
    (tmp_path / "raw" / "support_tickets.csv").unlink()
    result = run_dbt(["run", "--select", "dim_csms"], tmp_path / "raw", "2025-06-15", tmp_path)
    assert result.returncode != 0
    assert "Raw table 'support_tickets' has no file in" in result.output


def test_missing_raw_column_is_a_clear_error(tmp_path: Path) -> None:
    write_header_only_copy(HANDMADE_RAW, tmp_path / "raw")
    accounts = tmp_path / "raw" / "crm_accounts.csv"
    header = accounts.read_text(encoding="utf-8").strip().split(",")
    accounts.write_text(",".join(c for c in header if c != "segment") + "\n", encoding="utf-8")
    result = run_dbt(["run", "--select", "dim_csms"], tmp_path / "raw", "2025-06-15", tmp_path)
    assert result.returncode != 0
    assert "lacks required column(s): segment" in result.output


def test_a_column_twice_in_another_case_is_a_clear_error(tmp_path: Path) -> None:
    """Names are lower-cased in the raw view, so `segment` and `SEGMENT` would collide."""
    write_header_only_copy(HANDMADE_RAW, tmp_path / "raw")
    accounts = tmp_path / "raw" / "crm_accounts.csv"
    header = accounts.read_text(encoding="utf-8").strip()
    accounts.write_text(header + ",SEGMENT\n", encoding="utf-8")
    result = run_dbt(["run", "--select", "dim_csms"], tmp_path / "raw", "2025-06-15", tmp_path)
    assert result.returncode != 0
    assert f"Raw file {accounts} has the column 'segment' twice" in result.output
    assert "rename or drop one of them" in result.output


def test_malformed_as_of_date_is_a_clear_error(tmp_path: Path) -> None:
    write_header_only_copy(HANDMADE_RAW, tmp_path / "raw")
    result = run_dbt(
        ["run", "--select", "int_months_spined"], tmp_path / "raw", "15/06/2025", tmp_path
    )
    assert result.returncode != 0
    assert "as_of_date must be a date written YYYY-MM-DD" in result.output


def test_extra_raw_columns_are_ignored(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(HANDMADE_RAW, raw)
    accounts = raw / "crm_accounts.csv"
    lines = accounts.read_text(encoding="utf-8").splitlines()
    accounts.write_text(
        "\n".join([lines[0] + ",exported_by"] + [line + ",etl" for line in lines[1:]]) + "\n",
        encoding="utf-8",
    )
    build = build_project(raw, "2025-06-15", tmp_path)
    assert build.query("select count(*) from marts.dim_accounts")[0][0] == len(lines) - 1


def test_unparseable_values_do_not_stop_the_build(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(HANDMADE_RAW, raw)
    accounts = raw / "crm_accounts.csv"
    lines = accounts.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    first = lines[1].split(",")
    first[header.index("updated_at")] = "last tuesday"
    accounts.write_text("\n".join([lines[0], ",".join(first), *lines[2:]]) + "\n", encoding="utf-8")
    build = build_project(raw, "2025-06-15", tmp_path)
    assert build.query("select count(*) from marts.dim_accounts")[0][0] == len(lines) - 1
    assert "not_null_stg_crm__accounts_updated_at" in build.output
    # counted, not silently null: crm_accounts keeps the row with the value null (repaired)
    assert build.query(
        "select action, affected_rows from marts.data_quality_summary "
        "where table_name = 'crm_accounts' and reason = 'unparseable_value'"
    ) == [("repaired", 1)]
