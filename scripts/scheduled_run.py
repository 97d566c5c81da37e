#!/usr/bin/env python3
"""The scheduler's entry point: build, audit, publish, one run at a time.

A scheduler (cron, a systemd timer, an orchestrator) calls this once a day. It:

1. takes a lock (an flock on `<state-dir>/run.lock`): a second run started while one is
   going exits 75 with one line naming the run that holds it;
2. runs `dbt source freshness` on the raw tables, measured against `as_of_date`
   (thresholds in the sources' YAML): a table past its error threshold stops the run
   before the build, so stale data is never published as current (`--allow-stale`
   publishes it anyway, marked stale); warnings are printed and published;
3. runs `dbt build` (models, seeds, snapshots and data tests; unit tests belong to CI)
   into the working DuckDB database `<state-dir>/cs_analytics.duckdb`, which no BI tool
   opens (named as the serving file, so both hold the catalog `cs_analytics` and the
   names in dbt's manifest and docs are those BI tools see),
   and audits it: a build that failed (an error or a failing test; warnings pass)
   publishes nothing, so readers keep the last good state, and the run exits 1 with one
   line saying why;
4. publishes the schema `marts` of the working database to `<serving-dir>`:
   - `cs_analytics.duckdb`, written beside the old one and renamed over it: a reader that
     has it open keeps its snapshot, a new reader gets the new file;
   - `parquet/current/<mart>.parquet`, where `current` is a link swapped to the run's
     folder in one rename;
   - the tables `main.publication` (run, `as_of_date`, the worst freshness status) and
     `main.source_freshness` (each raw table's newest row and age) in the serving file;
5. keeps dbt's target folder in `<state-dir>/target` from run to run, and passes
   `as_of_date` as the environment variable CS_AS_OF_DATE rather than a var, so dbt
   parses only what changed since the last run; each command's run_results.json and
   sources.json are kept with the run's logs in `<state-dir>/runs/<run>/`;
6. appends the run's record (start, end, outcome, reason, what was published) to
   `<state-dir>/runs.jsonl`, one JSON object a line.

Exit codes: 0 published, 1 not published (the reason is printed), 2 bad arguments,
75 another run holds the lock.

Example:
    .venv/bin/python scripts/scheduled_run.py --raw-data-dir data/raw \\
        --state-dir target/scheduled --serving-dir target/serving
"""

from __future__ import annotations

import argparse
import ctypes
import fcntl
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import duckdb

PROJECT_DIR = Path(__file__).resolve().parent.parent
DBT = PROJECT_DIR / ".venv" / "bin" / "dbt"
SERVING_DB = "cs_analytics.duckdb"
# what a run's record keeps of each dbt command's target folder
ARTEFACTS = ("run_results.json", "sources.json")
# dbt's error heading, e.g. "Compilation Error in operation ...": its next line says why
DBT_ERROR_HEADING = re.compile(r"^(Compilation|Runtime|Database|Parsing|Dependency) Error\b")
# what the serving file's main.source_freshness holds of each checked raw table
FRESHNESS_COLUMNS = (
    "source", "status", "max_loaded_at", "age_days", "warn_after_days", "error_after_days"
)  # fmt: skip
EXIT_PUBLISHED, EXIT_NOT_PUBLISHED, EXIT_LOCKED = 0, 1, 75


class LockBusyError(Exception):
    """Another run holds the lock."""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@contextmanager
def run_lock(path: Path, run_id: str) -> Iterator[IO[str]]:
    """Hold an exclusive flock on `path` for the run; the file says who holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            raise LockBusyError(handle.read().strip() or "an unknown run") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"run {run_id} (pid {os.getpid()}) started at {now()}")
        handle.flush()
        yield handle
    finally:
        handle.close()  # closing releases the flock, even after a crash of this process


def die_with_parent() -> None:
    """In the dbt child: be killed when this process dies, even by SIGKILL (Linux), so a
    killed run leaves no dbt behind holding the working database."""
    if sys.platform == "linux":
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def run_dbt(
    command: Sequence[str],
    project_dir: Path,
    work_db: Path,
    log_dir: Path,
    dbt_vars: str,
    target_dir: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """One dbt command on the working database; its output kept in `<log_dir>/dbt_<command>.log`.

    `as_of_date` goes to dbt as CS_AS_OF_DATE (macro as_of_date), not as a var: a var that
    changes every day would make dbt parse the whole project again on every run. With a
    `target_dir` kept from run to run (the state folder's), dbt parses only what changed;
    the command's run_results.json and sources.json are copied into `<log_dir>/target`.
    """
    run_vars = json.loads(dbt_vars)
    as_of_date = run_vars.pop("as_of_date", None)
    target = target_dir or log_dir / "target"
    for artefact in ARTEFACTS:
        (target / artefact).unlink(missing_ok=True)
    env = {
        **os.environ,
        "CS_DUCKDB_PATH": str(work_db),
        "DBT_TARGET_PATH": str(target),
        "DBT_LOG_PATH": str(log_dir),
    }
    if as_of_date:
        env["CS_AS_OF_DATE"] = as_of_date
    project = ["--profiles-dir", str(project_dir), "--project-dir", str(project_dir)]
    completed = subprocess.run(
        [str(DBT), *command, *project, "--vars", json.dumps(run_vars)],
        cwd=project_dir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=die_with_parent,
    )
    log_name = "_".join(["dbt", *(word for word in command[:2] if not word.startswith("-"))])
    log_name += ".log"
    (log_dir / log_name).write_text(completed.stdout + completed.stderr, encoding="utf-8")
    if target != log_dir / "target":
        (log_dir / "target").mkdir(exist_ok=True)
        for artefact in ARTEFACTS:
            if (target / artefact).exists():
                shutil.copy2(target / artefact, log_dir / "target" / artefact)
    return completed


def dbt_build(
    project_dir: Path, work_db: Path, log_dir: Path, dbt_vars: str, target_dir: Path | None = None
) -> tuple[int, str]:
    """`dbt build` into the working database; (exit code, one-line reason if it failed)."""
    command = ["build", "--exclude-resource-type", "unit_test"]
    completed = run_dbt(command, project_dir, work_db, log_dir, dbt_vars, target_dir)
    if completed.returncode == 0:
        return 0, ""
    output = completed.stdout + completed.stderr
    return completed.returncode, failure_reason(log_dir / "target" / "run_results.json", output)


def source_freshness(
    project_dir: Path, work_db: Path, log_dir: Path, dbt_vars: str, target_dir: Path | None = None
) -> tuple[list[dict[str, Any]], str]:
    """`dbt source freshness`: (each checked raw table's result, a reason if it could not run)."""
    sources_json = log_dir / "target" / "sources.json"
    command = ["source", "freshness"]
    completed = run_dbt(command, project_dir, work_db, log_dir, dbt_vars, target_dir)
    if not sources_json.exists():
        output = completed.stdout + completed.stderr
        return [], dbt_error_message(output) or "dbt source freshness did not run (see its log)"
    results = json.loads(sources_json.read_text(encoding="utf-8"))["results"]
    checked = [
        {
            "source": result["unique_id"].split(".", 2)[2],
            "status": result["status"],
            "max_loaded_at": result.get("max_loaded_at"),
            "age_days": round(result.get("max_loaded_at_time_ago_in_s", 0) / 86400, 2),
            "warn_after_days": (result.get("criteria") or {}).get("warn_after", {}).get("count"),
            "error_after_days": (result.get("criteria") or {}).get("error_after", {}).get("count"),
            "message": result.get("message"),
        }
        for result in results
    ]
    broken = [c for c in checked if c["status"] == "runtime error"]
    if broken:
        return checked, f"{broken[0]['source']}: {broken[0]['message']}"
    return checked, ""


def stale_summary(checked: list[dict[str, Any]], status: str) -> str:
    """The sources with `status` in one line, e.g. `usage.events newest row ..., 5.6 days
    before the end of as_of_date (error after 3 days)`."""

    def age(c: dict[str, Any]) -> str:
        if str(c["max_loaded_at"]).startswith("0001-"):  # dbt's reading of no dated row
            return "no row dated on or before as_of_date"
        return f"newest row {c['max_loaded_at']}, {c['age_days']} days before the end of as_of_date"

    return "; ".join(
        f"{c['source']} {age(c)} ({status} after {c[status + '_after_days']} days)"
        for c in checked
        if c["status"] == status
    )


def worst_status(checked: list[dict[str, Any]]) -> str:
    statuses = {c["status"] for c in checked}
    return next((s for s in ("error", "warn") if s in statuses), "pass")


def failure_reason(run_results: Path, output: str) -> str:
    """The failed nodes of a dbt run in one line; when dbt stopped before any node (a
    missing raw file, say), the first line of dbt's own error message, which names it."""
    if not run_results.exists():
        return dbt_error_message(output) or "dbt stopped before running any node (see its log)"
    results = json.loads(run_results.read_text(encoding="utf-8"))["results"]
    failed = [r["unique_id"].split(".")[-1] for r in results if r["status"] in ("error", "fail")]
    if not failed:
        return "dbt exited non-zero without a failed node (see dbt_build.log)"
    shown = ", ".join(failed[:3]) + (f" and {len(failed) - 3} more" if len(failed) > 3 else "")
    return f"{len(failed)} node(s) failed: {shown}"


def dbt_error_message(output: str) -> str:
    """The line after dbt's error heading (it names the file or node), or ''."""
    lines = [line.strip() for line in output.splitlines()]
    for heading, message in itertools.pairwise(lines):
        if DBT_ERROR_HEADING.match(heading) and message:
            return message
    return ""


def publish(
    work_db: Path,
    serving_dir: Path,
    run_id: str,
    as_of_date: str | None,
    freshness: Sequence[dict[str, Any]] = (),
) -> list[str]:
    """Copy schema `marts` to a new serving file and Parquet folder; swap both in by rename.
    The file also says which run and day it holds, and how fresh each raw table was."""
    serving_dir.mkdir(parents=True, exist_ok=True)
    for leftover in serving_dir.glob(f".{SERVING_DB}.*"):  # of a run killed while publishing
        leftover.unlink()
    staged_db = serving_dir / f".{SERVING_DB}.{run_id}"
    parquet_dir = serving_dir / "parquet" / run_id
    parquet_dir.mkdir(parents=True)
    with duckdb.connect() as session:
        session.execute(f"attach '{work_db}' as work (read_only)")
        session.execute(f"attach '{staged_db}' as staged")
        marts = [
            name
            for (name,) in session.execute(
                "select table_name from information_schema.tables "
                "where table_catalog = 'work' and table_schema = 'marts' order by table_name"
            ).fetchall()
        ]
        session.execute("create schema staged.marts")
        for mart in marts:
            session.execute(
                f'create table staged.marts."{mart}" as select * from work.marts."{mart}"'
            )
            session.execute(
                f"copy staged.marts.\"{mart}\" to '{parquet_dir / mart}.parquet' (format parquet)"
            )
        session.execute(
            "create table staged.main.publication as select ? as run_id, "
            "cast(? as date) as as_of_date, cast(? as timestamptz) as published_at, "
            "? as freshness_status",
            [run_id, as_of_date, now(), worst_status(list(freshness))],
        )
        session.execute(
            "create table staged.main.source_freshness (source varchar, status varchar, "
            "max_loaded_at timestamptz, age_days double, warn_after_days integer, "
            "error_after_days integer)"
        )
        session.executemany(
            "insert into staged.main.source_freshness values (?, ?, ?, ?, ?, ?)",
            [[c[column] for column in FRESHNESS_COLUMNS] for c in freshness],
        )
        session.execute("detach staged")
        session.execute("detach work")
    os.replace(staged_db, serving_dir / SERVING_DB)
    swap_link(serving_dir / "parquet" / "current", Path(run_id))
    prune_parquet(serving_dir / "parquet", keep={run_id})
    return marts


def swap_link(link: Path, target: Path) -> None:
    """Point `link` at `target` in one rename, so a reader never sees it missing."""
    staged = link.with_name(f".{link.name}.{os.getpid()}")
    staged.unlink(missing_ok=True)
    staged.symlink_to(target)
    os.replace(staged, link)


def prune_parquet(root: Path, keep: set[str]) -> None:
    """Keep the run just published and the one before it (a reader may be in it)."""
    runs = sorted(
        (p for p in root.iterdir() if p.is_dir() and not p.is_symlink()),
        key=lambda p: p.stat().st_mtime,
    )
    for old in runs[:-2]:
        if old.name not in keep:
            for file in old.iterdir():
                file.unlink()
            old.rmdir()


def record(path: Path, entry: dict[str, Any]) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry) + "\n")


def build_audit_publish(
    args: argparse.Namespace, state: Path, log_dir: Path, run_id: str, as_of_date: str
) -> dict[str, Any]:
    """Freshness, build, publish: the run record's outcome and what it published."""
    work_db = state / SERVING_DB
    dbt_vars = json.dumps(
        {"raw_data_dir": str(args.raw_data_dir.resolve()), "as_of_date": as_of_date}
    )
    # dbt's target folder is kept from run to run, so dbt parses only what changed
    target_dir = state / "target"
    freshness, reason = source_freshness(args.project_dir, work_db, log_dir, dbt_vars, target_dir)
    outcome: dict[str, Any] = {"freshness": freshness}
    if reason:
        return outcome | {"outcome": "not_published", "reason": f"freshness not run: {reason}"}
    if worst_status(freshness) == "error" and not args.allow_stale:
        stale = stale_summary(freshness, "error")
        return outcome | {"outcome": "not_published", "reason": f"stale raw data: {stale}"}
    code, reason = dbt_build(args.project_dir, work_db, log_dir, dbt_vars, target_dir)
    if code != 0:
        return outcome | {"outcome": "not_published", "reason": f"dbt build failed: {reason}"}
    marts = publish(work_db, args.serving_dir.resolve(), run_id, as_of_date, freshness)
    return outcome | {"outcome": "published", "published": marts}


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw-data-dir", type=Path, required=True, help="the landing files")
    parser.add_argument("--as-of-date", help="YYYY-MM-DD (default: today, UTC)")
    parser.add_argument("--state-dir", type=Path, required=True, help="lock, work db, records")
    parser.add_argument("--serving-dir", type=Path, required=True, help="what BI tools read")
    parser.add_argument(
        "--allow-stale",
        action="store_true",
        help="publish even when a raw table is past its freshness error threshold",
    )
    parser.add_argument("--project-dir", type=Path, default=PROJECT_DIR, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not args.raw_data_dir.is_dir():
        print(f"not run: --raw-data-dir {args.raw_data_dir} is not a folder", file=sys.stderr)
        return 2
    if args.state_dir.resolve() == args.serving_dir.resolve():
        print("not run: --state-dir and --serving-dir must be two folders", file=sys.stderr)
        return 2
    run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]
    # one day for the whole run, even one that crosses midnight
    as_of_date = args.as_of_date or datetime.now(UTC).date().isoformat()
    state = args.state_dir.resolve()
    entry: dict[str, Any] = {"run_id": run_id, "started_at": now(), "as_of_date": as_of_date}
    try:
        with run_lock(state / "run.lock", run_id):
            log_dir = state / "runs" / run_id
            log_dir.mkdir(parents=True)
            # a run killed from here on leaves this line without its end line
            record(state / "runs.jsonl", entry | {"outcome": "started"})
            entry |= build_audit_publish(args, state, log_dir, run_id, as_of_date)
            entry["ended_at"] = now()
            record(state / "runs.jsonl", entry)
    except LockBusyError as holder:
        print(f"not run: {holder} holds {state / 'run.lock'}", file=sys.stderr)
        return EXIT_LOCKED
    if entry["outcome"] != "published":
        print(
            f"not published: {entry['reason']}; readers keep the last good state", file=sys.stderr
        )
        return EXIT_NOT_PUBLISHED
    print(f"published {len(entry['published'])} marts to {args.serving_dir}")
    for status in ("error", "warn"):  # an error here was published with --allow-stale
        if stale := stale_summary(entry["freshness"], status):
            print(f"freshness {status}: {stale}")
    return EXIT_PUBLISHED


if __name__ == "__main__":
    sys.exit(main())
