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

For each run the script records the wall time and the peak resident memory of the dbt
process, and reads per-node timings from the run's run_results.json. It prints a report
(and writes it as JSON with --json). It exits 1, printing the end of dbt's log, when a
step fails.

Example: .venv/bin/python scripts/benchmark.py --preset demo
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[1]
GENERATOR = PROJECT_DIR / "scripts" / "generate_demo_data.py"
DBT = Path(sys.executable).parent / "dbt"
USAGE_EVENTS_TABLE = "usage_events"
DEFAULT_END_DATE = "2025-06-30"
DEFAULT_FORMAT = {"demo": "csv", "large": "parquet"}
LOG_TAIL_LINES = 40
NAME_WIDTH = 72  # longer node names (generated test names) are cut in the table
PLURALS = {
    "model": "models",
    "seed": "seeds",
    "snapshot": "snapshots",
    "test": "data tests",
    "unit_test": "unit tests",
    "operation": "hooks",
}


class BenchmarkError(Exception):
    """A step failed; the message (with any log excerpt) is printed and the script exits 1."""


@dataclass(frozen=True)
class NodeTiming:
    """One node of a dbt run, as recorded in run_results.json."""

    unique_id: str
    name: str
    resource_type: str
    materialized: str | None
    status: str
    seconds: float

    @property
    def kind(self) -> str:
        """Resource type, with the materialization for models (e.g. `model:incremental`)."""
        if self.resource_type == "model" and self.materialized:
            return f"model:{self.materialized}"
        return self.resource_type


@dataclass
class RunFigures:
    """What one `dbt build` cost."""

    label: str
    raw_dir: str
    as_of_date: str
    wall_seconds: float
    peak_rss_mib: float
    threads: int | None
    counts: dict[str, int]
    statuses: dict[str, int]
    nodes: list[NodeTiming] = field(default_factory=list)


@dataclass
class DatasetFigures:
    """The generated dataset and how long it took to write."""

    preset: str
    accounts: int | None
    months: int | None
    end_date: str
    file_format: str
    usage_events_rows: int
    usage_events_rows_last_day: int
    generation_seconds: float


# ---------------------------------------------------------------------------- arguments


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
    for option in ("accounts", "months", "top"):
        value = getattr(args, option)
        if value is not None and value < 1:
            parser.error(f"--{option} must be at least 1")
    return args


# ---------------------------------------------------------------------------- helpers


def progress(message: str) -> None:
    """Print a progress line on stderr (the report goes to stdout)."""
    print(f"[benchmark] {message}", file=sys.stderr, flush=True)


def tail(text: str, lines: int = LOG_TAIL_LINES) -> str:
    """The last `lines` lines of text."""
    return "\n".join(text.rstrip().splitlines()[-lines:])


def sql_string(value: str | Path) -> str:
    """A SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def prepare_work_dir(requested: Path | None) -> tuple[Path, bool]:
    """Return the work directory and whether it is a temporary one (to remove at the end)."""
    if requested is None:
        return Path(tempfile.mkdtemp(prefix="cs-benchmark-")), True
    work_dir = requested.resolve()
    if work_dir.exists() and any(work_dir.iterdir()):
        raise BenchmarkError(f"--work-dir {work_dir} is not empty; give an empty or new directory")
    work_dir.mkdir(parents=True, exist_ok=True)
    return work_dir, False


# ---------------------------------------------------------------------------- dataset


def resolve_scale(args: argparse.Namespace) -> tuple[int | None, int | None]:
    """Accounts and months of the run: the overrides, else the preset's (None if unknown)."""
    try:
        sys.path.insert(0, str(GENERATOR.parent))
        from demo_data.config import PRESETS  # the generator's own presets

        preset = PRESETS.get(args.preset, {})
    except ImportError:
        preset = {}
    finally:
        sys.path.remove(str(GENERATOR.parent))
    return args.accounts or preset.get("accounts"), args.months or preset.get("months")


def generate_dataset(args: argparse.Namespace, out_dir: Path) -> float:
    """Run the generator into out_dir; return its wall time in seconds."""
    command = [
        sys.executable,
        str(GENERATOR),
        "--out",
        str(out_dir),
        "--preset",
        args.preset,
        "--end-date",
        args.end_date.isoformat(),
        "--format",
        args.file_format,
    ]
    for option, value in (
        ("--accounts", args.accounts),
        ("--months", args.months),
        ("--seed", args.seed),
    ):
        if value is not None:
            command += [option, str(value)]
    progress("generating data: " + " ".join(command[2:]))
    started = time.perf_counter()
    completed = subprocess.run(
        command, cwd=PROJECT_DIR, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise BenchmarkError(
            f"the generator failed (exit {completed.returncode}):\n"
            + tail(completed.stdout + completed.stderr)
        )
    return seconds


def usage_events_file(raw_dir: Path, file_format: str) -> Path:
    """The usage_events file of a landing directory (it must exist)."""
    path = raw_dir / f"{USAGE_EVENTS_TABLE}.{file_format}"
    if not path.is_file():
        raise BenchmarkError(f"the generator wrote no {path.name} in {raw_dir}")
    return path


def reader_sql(path: Path) -> str:
    """A DuckDB table function reading a raw file as it lands (CSV: every column a string)."""
    if path.suffix == ".parquet":
        return f"read_parquet({sql_string(path)})"
    return (
        f"read_csv({sql_string(path)}, header = true, all_varchar = true, "
        "delim = ',', quote = '\"', escape = '\"')"
    )


def count_rows(path: Path) -> int:
    """Rows in a raw file."""
    with duckdb.connect() as connection:
        return connection.sql(f"select count(*) from {reader_sql(path)}").fetchone()[0]


def derive_previous_day_dir(
    full_dir: Path, previous_dir: Path, end_date: date, file_format: str
) -> int:
    """Write the landing directory as it stood a day earlier; return the rows left out.

    Every file is a symlink to the full directory's, except usage_events, rewritten without
    the events that occurred on or after end_date (rows whose occurred_at does not parse are
    kept: they land every day). The format and the values are unchanged.
    """
    previous_dir.mkdir(parents=True, exist_ok=True)
    events = usage_events_file(full_dir, file_format)
    for path in sorted(full_dir.iterdir()):
        if path != events:
            (previous_dir / path.name).symlink_to(path)
    occurred = "try_cast(occurred_at as timestamp)"
    keep = f"{occurred} is null or {occurred} < timestamp {sql_string(end_date.isoformat())}"
    target = previous_dir / events.name
    options = "format parquet" if file_format == "parquet" else "format csv, header true"
    with duckdb.connect() as connection:
        connection.execute(
            f"copy (select * from {reader_sql(events)} where {keep}) to {sql_string(target)} ({options})"
        )
    return count_rows(events) - count_rows(target)


# ---------------------------------------------------------------------------- dbt runs


def dbt_command(raw_dir: Path, as_of_date: date) -> list[str]:
    """The `dbt build` command line for one landing directory and evaluation date."""
    dbt_vars = f"{{raw_data_dir: {sql_string(raw_dir)}, as_of_date: '{as_of_date.isoformat()}'}}"
    return [
        str(DBT),
        "build",
        "--profiles-dir",
        str(PROJECT_DIR),
        "--project-dir",
        str(PROJECT_DIR),
        "--vars",
        dbt_vars,
    ]


def read_peak_rss_mib(pid: int) -> float | None:
    """The process's own resident high-water mark (VmHWM) in MiB, or None once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def run_measured(
    command: list[str], env: dict[str, str], log_path: Path
) -> tuple[int, float, float]:
    """Run a command with output to log_path; return (exit code, wall seconds, peak RSS MiB).

    The peak is the dbt process's own high-water mark (VmHWM), sampled from /proc every
    0.1 s while it runs. ru_maxrss from wait4 is not used: on Linux a forked child starts
    from its parent's high-water mark, so it would report this script's own peak (it
    rewrites tens of millions of events with DuckDB) instead of dbt's.
    """
    with log_path.open("w", encoding="utf-8") as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        peak_mib = 0.0
        try:
            while process.poll() is None:
                sample = read_peak_rss_mib(process.pid)
                if sample is not None:
                    peak_mib = max(peak_mib, sample)
                time.sleep(0.1)
        except BaseException:
            process.kill()
            process.wait()
            raise
        seconds = time.perf_counter() - started
    return process.returncode, seconds, peak_mib


def read_materializations(target_dir: Path) -> dict[str, str]:
    """unique_id -> materialization of every model, from the run's manifest.json."""
    manifest_path = target_dir / "manifest.json"
    if not manifest_path.is_file():
        return {}
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    return {
        unique_id: node.get("config", {}).get("materialized")
        for unique_id, node in manifest.get("nodes", {}).items()
        if node.get("resource_type") == "model"
    }


def read_node_timings(target_dir: Path) -> list[NodeTiming]:
    """Every node of run_results.json, slowest first."""
    results_path = target_dir / "run_results.json"
    if not results_path.is_file():
        raise BenchmarkError(f"dbt wrote no {results_path}")
    materializations = read_materializations(target_dir)
    nodes = []
    for result in json.loads(results_path.read_text(encoding="utf-8"))["results"]:
        unique_id = result["unique_id"]
        resource_type, _, rest = unique_id.partition(".")
        name = rest.split(".", 1)[1] if "." in rest else rest  # drop the package name
        nodes.append(
            NodeTiming(
                unique_id=unique_id,
                name=name,
                resource_type=resource_type,
                materialized=materializations.get(unique_id),
                status=str(result.get("status")),
                seconds=float(result.get("execution_time") or 0.0),
            )
        )
    return sorted(nodes, key=lambda node: (-node.seconds, node.unique_id))


def run_dbt_build(
    label: str, raw_dir: Path, as_of_date: date, db_path: Path, run_dir: Path
) -> RunFigures:
    """`dbt build` into db_path; its artefacts and log go to run_dir."""
    run_dir.mkdir(parents=True, exist_ok=True)
    target_dir = run_dir / "target"
    env = {
        **os.environ,
        "CS_DUCKDB_PATH": str(db_path),
        "DBT_TARGET_PATH": str(target_dir),
        "DBT_LOG_PATH": str(run_dir / "logs"),
        "DBT_PROJECT_DIR": str(PROJECT_DIR),
    }
    log_path = run_dir / "dbt.log"
    progress(f"{label}: dbt build, as_of_date {as_of_date}, raw_data_dir {raw_dir}")
    returncode, seconds, peak_mib = run_measured(dbt_command(raw_dir, as_of_date), env, log_path)
    if returncode != 0:
        raise BenchmarkError(
            f"{label}: dbt build failed (exit {returncode}); last lines of {log_path}:\n"
            + tail(log_path.read_text(encoding="utf-8", errors="replace"))
        )
    nodes = read_node_timings(target_dir)
    threads = re.search(
        r"Concurrency: (\d+) threads", log_path.read_text(encoding="utf-8", errors="replace")
    )
    return RunFigures(
        label=label,
        raw_dir=str(raw_dir),
        as_of_date=as_of_date.isoformat(),
        wall_seconds=seconds,
        peak_rss_mib=peak_mib,
        threads=int(threads.group(1)) if threads else None,
        counts=dict(Counter(node.resource_type for node in nodes)),
        statuses=dict(Counter(node.status for node in nodes)),
        nodes=nodes,
    )


# ---------------------------------------------------------------------------- report


def machine_figures() -> dict[str, Any]:
    """Cores, memory and versions of the machine the benchmark ran on."""
    try:
        memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        memory_gib = None
    return {
        "cpu_count": os.cpu_count(),
        "memory_gib": memory_gib,
        "system": platform.system(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "duckdb_memory_limit": os.environ.get("CS_DUCKDB_MEMORY_LIMIT", "profile default"),
    }


def format_header(dataset: DatasetFigures) -> list[str]:
    """Scale, machine and generation time."""
    machine = machine_figures()
    memory = f"{machine['memory_gib']:.1f} GiB" if machine["memory_gib"] else "? GiB"
    scale = (
        f"preset {dataset.preset}, {dataset.accounts or '?'} accounts, "
        f"{dataset.months or '?'} months up to {dataset.end_date}"
    )
    return [
        "dbt build benchmark",
        "===================",
        f"scale:        {scale}",
        (
            f"usage_events: {dataset.usage_events_rows:,} rows "
            f"({dataset.usage_events_rows_last_day:,} on the last day), format {dataset.file_format}"
        ),
        (
            f"machine:      {machine['cpu_count']} cores, {memory} RAM, "
            f"{machine['system']} {machine['machine']}, "
            f"Python {machine['python']}, DuckDB {machine['duckdb']} "
            f"(memory limit: {machine['duckdb_memory_limit']})"
        ),
        f"generation:   {dataset.generation_seconds:.1f} s",
    ]


def shorten(name: str, width: int = NAME_WIDTH) -> str:
    """name, cut to width characters with an ellipsis."""
    return name if len(name) <= width else name[: width - 1] + "…"


def format_run(run: RunFigures, top: int) -> list[str]:
    """Wall time, memory, node counts and the slowest nodes of one run."""
    counts = ", ".join(
        f"{count} {PLURALS.get(kind, kind)}" for kind, count in sorted(run.counts.items())
    )
    statuses = ", ".join(f"{count} {status}" for status, count in sorted(run.statuses.items()))
    lines = [
        "",
        f"{run.label} (as_of_date {run.as_of_date})",
        f"  wall time:   {run.wall_seconds:.1f} s ({run.threads or '?'} dbt threads)",
        f"  peak memory: {run.peak_rss_mib:,.0f} MiB (RSS of the dbt process)",
        f"  nodes:       {counts}  [{statuses}]",
        f"  slowest {min(top, len(run.nodes))} nodes:",
    ]
    shown = run.nodes[:top]
    names = [shorten(node.name) for node in shown]
    width = max([len(name) for name in names] + [4])
    kind_width = max([len(node.kind) for node in shown] + [4])
    lines.append(f"    {'name':<{width}}  {'type':<{kind_width}}  {'seconds':>8}")
    for name, node in zip(names, shown, strict=True):
        lines.append(f"    {name:<{width}}  {node.kind:<{kind_width}}  {node.seconds:>8.2f}")
    return lines


def comparison(first: RunFigures, second: RunFigures) -> dict[str, Any]:
    """The second run against the first, overall and for the incremental models."""
    incremental = []
    first_by_id = {node.unique_id: node for node in first.nodes}
    for node in second.nodes:
        if node.materialized == "incremental" and node.unique_id in first_by_id:
            incremental.append(
                {
                    "name": node.name,
                    "first_seconds": first_by_id[node.unique_id].seconds,
                    "second_seconds": node.seconds,
                }
            )
    return {
        "first_seconds": first.wall_seconds,
        "second_seconds": second.wall_seconds,
        "speedup": first.wall_seconds / second.wall_seconds if second.wall_seconds else None,
        "incremental_models": sorted(incremental, key=lambda item: item["name"]),
    }


def format_comparison(compared: dict[str, Any]) -> list[str]:
    """The comparison line(s)."""
    speedup = compared["speedup"]
    if speedup is None:
        relation = "n/a"
    elif speedup >= 1:
        relation = f"{speedup:.1f}× faster"
    else:
        relation = f"{1 / speedup:.1f}× slower"
    lines = [
        "",
        (
            f"second run (one more day): {compared['second_seconds']:.1f} s vs "
            f"{compared['first_seconds']:.1f} s first ({relation})"
        ),
    ]
    for item in compared["incremental_models"]:
        lines.append(
            f"  incremental {item['name']}: {item['second_seconds']:.2f} s vs "
            f"{item['first_seconds']:.2f} s first"
        )
    return lines


def figures_as_json(
    dataset: DatasetFigures, runs: list[RunFigures], compared: dict[str, Any]
) -> dict[str, Any]:
    """Every figure, for --json."""
    return {
        "dataset": asdict(dataset),
        "machine": machine_figures(),
        "runs": [
            {
                **{key: value for key, value in asdict(run).items() if key != "nodes"},
                "nodes": [{**asdict(node), "kind": node.kind} for node in run.nodes],
            }
            for run in runs
        ],
        "comparison": compared,
    }


# ---------------------------------------------------------------------------- main


def benchmark(args: argparse.Namespace, work_dir: Path) -> None:
    """Run every step in work_dir and print the report."""
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
    first = run_dbt_build(
        "first run (fresh database)",
        previous_dir,
        args.end_date - timedelta(days=1),
        db_path,
        work_dir / "run-1",
    )
    second = run_dbt_build(
        "second run (one more day, same database)",
        full_dir,
        args.end_date,
        db_path,
        work_dir / "run-2",
    )
    compared = comparison(first, second)

    lines = format_header(dataset) + format_run(first, args.top) + format_run(second, args.top)
    lines += format_comparison(compared)
    print("\n".join(lines), flush=True)
    if args.json_path:
        args.json_path.parent.mkdir(parents=True, exist_ok=True)
        args.json_path.write_text(
            json.dumps(figures_as_json(dataset, [first, second], compared), indent=2) + "\n",
            encoding="utf-8",
        )
        progress(f"figures written to {args.json_path}")


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
