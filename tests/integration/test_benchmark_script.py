"""scripts/benchmark.py: its help, and one small run end to end (two dbt builds, ~40 s)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT_DIR

BENCHMARK = PROJECT_DIR / "scripts" / "benchmark.py"


def run_benchmark(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCHMARK), *args],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_help_lists_the_options() -> None:
    completed = run_benchmark("--help")
    assert completed.returncode == 0, completed.stderr
    for option in (
        "--preset",
        "--accounts",
        "--months",
        "--format",
        "--end-date",
        "--work-dir",
        "--keep",
        "--top",
        "--json",
        "--growth",
    ):
        assert option in completed.stdout


def test_spill_is_measured_as_the_size_of_the_files_under_the_temporary_directory(
    tmp_path: Path,
) -> None:
    sys.path.insert(0, str(PROJECT_DIR / "scripts"))
    try:
        from bench.dbt_runs import directory_mib
    finally:
        sys.path.remove(str(PROJECT_DIR / "scripts"))
    assert directory_mib(tmp_path / "absent.tmp") == 0
    (tmp_path / "db.tmp" / "nested").mkdir(parents=True)
    (tmp_path / "db.tmp" / "spill_0.block").write_bytes(b"x" * 2**20)
    (tmp_path / "db.tmp" / "nested" / "spill_1.block").write_bytes(b"x" * 2**19)
    assert directory_mib(tmp_path / "db.tmp") == 1.5


def test_growth_and_accounts_together_are_refused() -> None:
    completed = run_benchmark("--growth", "10,20", "--accounts", "10")
    assert completed.returncode == 2
    assert "--growth takes positive numbers of accounts, instead of --accounts" in completed.stderr


def test_non_empty_work_dir_is_refused(tmp_path: Path) -> None:
    (tmp_path / "something").write_text("x", encoding="utf-8")
    completed = run_benchmark("--work-dir", str(tmp_path))
    assert completed.returncode == 1
    assert "not empty" in completed.stderr


@pytest.fixture(scope="module")
def small_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[subprocess.CompletedProcess[str], Path, Path]:
    tmp = tmp_path_factory.mktemp("benchmark")
    work_dir, json_path = tmp / "work", tmp / "figures.json"
    completed = run_benchmark(
        "--accounts",
        "15",
        "--months",
        "6",
        "--top",
        "5",
        "--work-dir",
        str(work_dir),
        "--json",
        str(json_path),
    )
    return completed, work_dir, json_path


def test_small_run_prints_both_runs_and_the_comparison(small_run) -> None:
    completed, _, _ = small_run
    assert completed.returncode == 0, completed.stdout + completed.stderr
    out = completed.stdout
    assert "15 accounts, 6 months up to 2025-06-30" in out
    assert "format csv" in out
    assert "first run (fresh database) (as_of_date 2025-06-29)" in out
    assert "second run (one more day, same database) (as_of_date 2025-06-30)" in out
    assert out.count("slowest 5 nodes:") == 2
    assert out.count(" MiB (DuckDB's temporary files)") == 2
    assert "second run (one more day): " in out and " s first (" in out
    floor = re.search(r"DuckDB, no dbt\): ([\d.]+) s; the run took ([\d.]+)× its floor", out)
    assert floor, out
    assert float(floor.group(1)) > 0 and float(floor.group(2)) > 0
    # its statements: the models, data tests, seeds and snapshots the run executed
    assert "model:table" in out and "test " in out.split("floor by kind:")[1]


def test_small_run_writes_the_figures_as_json(small_run) -> None:
    completed, _, json_path = small_run
    assert completed.returncode == 0, completed.stdout + completed.stderr
    figures = json.loads(json_path.read_text(encoding="utf-8"))
    dataset = figures["dataset"]
    assert (dataset["accounts"], dataset["months"], dataset["file_format"]) == (15, 6, "csv")
    assert 0 < dataset["usage_events_rows_last_day"] < dataset["usage_events_rows"]
    first, second = figures["runs"]
    floor = figures["comparison"]["floor"]
    assert floor["statements"] >= second["counts"]["model"] + second["counts"]["test"]
    for run in (first, second):
        assert "unit_test" not in run["counts"]  # CI's, not the scheduled run's
        assert run["wall_seconds"] > 0 and run["peak_rss_mib"] > 50
        assert "peak_temp_mib" in run
        assert run["counts"]["model"] > 0 and run["counts"]["test"] > 0
        # exposures are reported as "no-op": dbt has nothing to run for them
        assert all(
            node["status"] in ("success", "pass", "warn", "skipped", "no-op")
            for node in run["nodes"]
        )
    assert (first["as_of_date"], second["as_of_date"]) == ("2025-06-29", "2025-06-30")
    assert figures["comparison"]["speedup"] > 0


def test_previous_day_lacks_only_the_last_days_events(small_run) -> None:
    completed, work_dir, json_path = small_run
    assert completed.returncode == 0, completed.stdout + completed.stderr
    full, previous = work_dir / "raw", work_dir / "raw-previous-day"
    events = "usage_events.csv"
    others = sorted(path.name for path in full.iterdir() if path.name != events)
    assert sorted(path.name for path in previous.iterdir() if path.name != events) == others
    assert all((previous / name).is_symlink() for name in others)
    kept = [
        line
        for line in (full / events).read_text(encoding="utf-8").splitlines()
        if not line.rsplit(",", 1)[-1].startswith("2025-06-30")
    ]
    assert (previous / events).read_text(encoding="utf-8").splitlines() == kept
    last_day = json.loads(json_path.read_text(encoding="utf-8"))["dataset"][
        "usage_events_rows_last_day"
    ]
    assert len((full / events).read_text(encoding="utf-8").splitlines()) - len(kept) == last_day
