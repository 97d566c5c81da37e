#!/usr/bin/env python3
"""Benchmark the dbt project: generate data, time a full build, then a daily incremental build.

Steps:

1. Generate a dataset with scripts/generate_demo_data.py (timed).
2. Derive a "previous day" landing directory: the same files (symlinks), except
   usage_events, rewritten without the events of the last day (occurred_at >= end date).
3. First run: `dbt build` into a fresh DuckDB database on the previous-day directory,
   with as_of_date = end date - 1 day.
4. Second run: `dbt build` on the full directory with as_of_date = end date, into the same
   database: the scheduled daily run, where incremental models process only the new days.
5. The floor of the second run: the same run's compiled SQL executed directly in DuckDB,
   without dbt, on a copy of the database as it was before the run (scripts/bench/floor.py);
   the report prints the daily run's time as a multiple of it.

Both builds leave out unit tests (CI runs them), as the scheduled run does. With
`--growth 1000,5000,20000` steps 1 to 5 run at each number of accounts (usage events grow
in proportion) and a table of the curve closes the report.

For each run the script records the wall time and the peak resident memory of the dbt
process, the peak size of DuckDB's temporary files (what it spilled to disk beyond its
memory limit), and reads per-node timings from the run's run_results.json. It prints
each step's part of the report as soon as the step is done (and writes the figures as
JSON with --json, after each scale), so a step that fails keeps the figures of those
before it. It exits 1, printing the end of dbt's log, when a step fails.

Example: .venv/bin/python scripts/benchmark.py --preset demo

The steps live in scripts/bench/: dataset.py (1, 2), dbt_runs.py (3, 4), floor.py (5),
report.py.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path

from bench.common import BenchmarkError, progress
from bench.dataset import (
    DatasetFigures,
    count_rows,
    derive_previous_day_dir,
    generate_dataset,
    resolve_scale,
    usage_events_file,
)
from bench.dbt_runs import run_dbt_build
from bench.floor import measure_floor, snapshot_database
from bench.report import (
    ScaleFigures,
    comparison,
    figures_as_json,
    format_comparison,
    format_floor,
    format_growth,
    format_header,
    format_run,
)

DEFAULT_END_DATE = "2025-06-30"
DEFAULT_FORMAT = {"demo": "csv", "large": "parquet"}


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        description=(
            "Time `dbt build` of the project on generated data: a full build on the "
            "data up to the day before --end-date, then the scheduled daily build with "
            "one more day of data into the same database (incremental models process "
            "only the new days). Reports wall time, peak memory and the slowest nodes."
        ),
    )
    parser.add_argument(
        "--preset",
        choices=sorted(DEFAULT_FORMAT),
        default="demo",
        help="dataset size passed to the generator (default: demo)",
    )
    parser.add_argument("--accounts", type=int, help="override the preset's number of accounts")
    parser.add_argument("--months", type=int, help="override the preset's months of history")
    parser.add_argument(
        "--format",
        dest="file_format",
        choices=["csv", "parquet"],
        help="raw file format (default: csv for demo, parquet for large)",
    )
    parser.add_argument(
        "--end-date",
        type=date.fromisoformat,
        default=date.fromisoformat(DEFAULT_END_DATE),
        help=f"last day of generated data, YYYY-MM-DD (default: {DEFAULT_END_DATE}, "
        "fixed so figures are reproducible)",
    )
    parser.add_argument(
        "--growth",
        type=lambda text: [int(part) for part in text.split(",")],
        help="comma-separated numbers of accounts, e.g. 1000,5000,20000: run every step at "
        "each and print the growth of the first build, the daily run and its floor",
    )
    parser.add_argument("--seed", type=int, help="generator seed (default: the generator's own)")
    parser.add_argument(
        "--work-dir",
        type=Path,
        help="directory for data, database and dbt artefacts; must be empty or "
        "absent, and is kept (default: a temporary directory, removed at "
        "the end unless --keep)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary work directory")
    parser.add_argument(
        "--top", type=int, default=15, help="slowest nodes to list per run (default: 15)"
    )
    parser.add_argument(
        "--json", dest="json_path", type=Path, help="also write all figures as JSON to this file"
    )
    args = parser.parse_args(argv)
    if args.file_format is None:
        args.file_format = DEFAULT_FORMAT[args.preset]
    if args.growth and (args.accounts or min(args.growth) < 1):
        parser.error("--growth takes positive numbers of accounts, instead of --accounts")
    for option in ("accounts", "months", "top"):
        value = getattr(args, option)
        if value is not None and value < 1:
            parser.error(f"--{option} must be at least 1")
    return args


def prepare_work_dir(requested: Path | None) -> tuple[Path, bool]:
    """Return the work directory and whether it is a temporary one (to remove at the end)."""
    if requested is None:
        return Path(tempfile.mkdtemp(prefix="cs-benchmark-")), True
    work_dir = requested.resolve()
    if work_dir.exists() and any(work_dir.iterdir()):
        raise BenchmarkError(f"--work-dir {work_dir} is not empty; give an empty or new directory")
    work_dir.mkdir(parents=True, exist_ok=True)
    return work_dir, False


def report(lines: list[str]) -> None:
    """Print part of the report as soon as its step is done, so a later failure keeps it."""
    print("\n".join(lines), flush=True)


def measure_scale(args: argparse.Namespace, work_dir: Path) -> ScaleFigures:
    """Steps 1 to 5 at one scale, in work_dir; the report of the scale is printed."""
    full_dir = work_dir / "raw"
    previous_dir = work_dir / "raw-previous-day"
    db_path = work_dir / "cs_analytics.duckdb"

    generation_seconds = generate_dataset(args, full_dir)
    last_day_rows = derive_previous_day_dir(full_dir, previous_dir, args.end_date, args.file_format)
    accounts, months = resolve_scale(args)
    dataset = DatasetFigures(
        preset=args.preset,
        accounts=accounts,
        months=months,
        end_date=args.end_date.isoformat(),
        file_format=args.file_format,
        usage_events_rows=count_rows(usage_events_file(full_dir, args.file_format)),
        usage_events_rows_last_day=last_day_rows,
        generation_seconds=generation_seconds,
    )
    # One landing folder, as in production: a link to the previous day's files, then to the
    # next day's, so both runs give dbt the same vars (a new var would make it parse again).
    landing = work_dir / "landing"
    landing.symlink_to(previous_dir, target_is_directory=True)
    first = run_dbt_build(
        "first run (fresh database)",
        landing,
        args.end_date - timedelta(days=1),
        db_path,
        work_dir / "run-1",
    )
    report(format_header(dataset) + format_run(first, args.top))
    before_second = snapshot_database(db_path, work_dir / "floor")
    landing.unlink()
    landing.symlink_to(full_dir, target_is_directory=True)
    second = run_dbt_build(
        "second run (one more day, same database)",
        landing,
        args.end_date,
        db_path,
        work_dir / "run-2",
    )
    report(format_run(second, args.top))
    floor = measure_floor(
        before_second,
        work_dir / "run-2" / "target",
        landing,
        landing,
        os.environ.get("CS_DUCKDB_MEMORY_LIMIT", "4GB"),
    )
    before_second.unlink()
    compared = comparison(first, second) | {"floor": asdict(floor)}

    report(format_comparison(compared) + format_floor(second, floor))
    return ScaleFigures(dataset, first, second, floor, compared)


def benchmark(args: argparse.Namespace, work_dir: Path) -> None:
    """Run every step in work_dir (once, or once per --growth scale) and print the report."""
    scales: list[ScaleFigures] = []
    for accounts in args.growth or [args.accounts]:
        args.accounts = accounts
        scale_dir = work_dir / f"accounts-{accounts}" if args.growth else work_dir
        scales.append(measure_scale(args, scale_dir))
        if args.json_path:  # after each scale, so a later scale's failure keeps it
            write_json(args.json_path, scales, growth=bool(args.growth))
        if args.growth:
            shutil.rmtree(scale_dir, ignore_errors=True)  # each scale's data is gigabytes
    if args.growth:
        report(format_growth(scales))


def write_json(path: Path, scales: list[ScaleFigures], growth: bool) -> None:
    """The figures of the scales measured so far: one object, or a list with --growth."""
    path.parent.mkdir(parents=True, exist_ok=True)
    figures = [
        figures_as_json(scale.dataset, [scale.first, scale.second], scale.compared)
        for scale in scales
    ]
    path.write_text(
        json.dumps(figures if growth else figures[0], indent=2) + "\n", encoding="utf-8"
    )
    progress(f"figures written to {path}")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: 0 on success, 1 when a step fails."""
    args = parse_args(argv)
    try:
        work_dir, temporary = prepare_work_dir(args.work_dir)
    except BenchmarkError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    progress(f"work directory: {work_dir}")
    try:
        benchmark(args, work_dir)
    except BenchmarkError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        if temporary and not args.keep:
            shutil.rmtree(work_dir, ignore_errors=True)
        else:
            progress(f"kept {work_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
