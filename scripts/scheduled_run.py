#!/usr/bin/env python3
"""The scheduler's entry point: build, audit, publish, one run at a time.

A scheduler (cron, a systemd timer, an orchestrator) calls this once a day. It:

1. takes a lock (an flock on `<state-dir>/run.lock`): a second run started while one is
   going exits 75 with one line naming the run that holds it;
2. runs `dbt build` (models, seeds, snapshots and data tests; unit tests belong to CI)
   into the working DuckDB database `<state-dir>/work.duckdb`, which no BI tool opens;
3. audits: a build that failed (an error or a failing test; warnings pass) publishes
   nothing, so readers keep the last good state, and the run exits 1 with one line
   saying why;
4. publishes the schema `marts` of the working database to `<serving-dir>`:
   - `cs_analytics.duckdb`, written beside the old one and renamed over it: a reader that
     has it open keeps its snapshot, a new reader gets the new file;
   - `parquet/current/<mart>.parquet`, where `current` is a link swapped to the run's
     folder in one rename;
5. appends the run's record (start, end, outcome, reason, what was published) to
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
# dbt's error heading, e.g. "Compilation Error in operation ...": its next line says why
DBT_ERROR_HEADING = re.compile(r"^(Compilation|Runtime|Database|Parsing|Dependency) Error\b")
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


def dbt_build(project_dir: Path, work_db: Path, log_dir: Path, dbt_vars: str) -> tuple[int, str]:
    """`dbt build` into the working database; (exit code, one-line reason if it failed)."""
    target_dir = log_dir / "target"
    env = {
        **os.environ,
        "CS_DUCKDB_PATH": str(work_db),
        "DBT_TARGET_PATH": str(target_dir),
        "DBT_LOG_PATH": str(log_dir),
    }
    command = [
        str(DBT), "build", "--exclude-resource-type", "unit_test",
        "--profiles-dir", str(project_dir), "--project-dir", str(project_dir),
        "--vars", dbt_vars,
    ]  # fmt: skip
    completed = subprocess.run(
        command,
        cwd=project_dir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=die_with_parent,
    )
    (log_dir / "dbt_build.log").write_text(completed.stdout + completed.stderr, encoding="utf-8")
    if completed.returncode == 0:
        return 0, ""
    output = completed.stdout + completed.stderr
    return completed.returncode, failure_reason(target_dir / "run_results.json", output)


def failure_reason(run_results: Path, output: str) -> str:
    """The failed nodes of a dbt run in one line; when dbt stopped before any node (a
    missing raw file, say), the first line of dbt's own error message, which names it."""
    if not run_results.exists():
        lines = [line.strip() for line in output.splitlines()]
        for heading, message in itertools.pairwise(lines):
            if DBT_ERROR_HEADING.match(heading) and message:
                return message
        return "dbt stopped before running any node (see dbt_build.log)"
    results = json.loads(run_results.read_text(encoding="utf-8"))["results"]
    failed = [r["unique_id"].split(".")[-1] for r in results if r["status"] in ("error", "fail")]
    if not failed:
        return "dbt exited non-zero without a failed node (see dbt_build.log)"
    shown = ", ".join(failed[:3]) + (f" and {len(failed) - 3} more" if len(failed) > 3 else "")
    return f"{len(failed)} node(s) failed: {shown}"


def publish(work_db: Path, serving_dir: Path, run_id: str, as_of_date: str | None) -> list[str]:
    """Copy schema `marts` to a new serving file and Parquet folder; swap both in by rename."""
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
            "cast(? as date) as as_of_date, cast(? as timestamptz) as published_at",
            [run_id, as_of_date, now()],
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


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw-data-dir", type=Path, required=True, help="the landing files")
    parser.add_argument("--as-of-date", help="YYYY-MM-DD (default: the project's, today)")
    parser.add_argument("--state-dir", type=Path, required=True, help="lock, work db, records")
    parser.add_argument("--serving-dir", type=Path, required=True, help="what BI tools read")
    parser.add_argument("--project-dir", type=Path, default=PROJECT_DIR, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not args.raw_data_dir.is_dir():
        print(f"not run: --raw-data-dir {args.raw_data_dir} is not a folder", file=sys.stderr)
        return 2
    run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]
    state = args.state_dir.resolve()
    entry: dict[str, Any] = {"run_id": run_id, "started_at": now(), "as_of_date": args.as_of_date}
    try:
        with run_lock(state / "run.lock", run_id):
            log_dir = state / "runs" / run_id
            log_dir.mkdir(parents=True)
            # a run killed from here on leaves this line without its end line
            record(state / "runs.jsonl", entry | {"outcome": "started"})
            dbt_vars = json.dumps(
                {"raw_data_dir": str(args.raw_data_dir.resolve())}
                | ({"as_of_date": args.as_of_date} if args.as_of_date else {})
            )
            code, reason = dbt_build(args.project_dir, state / "work.duckdb", log_dir, dbt_vars)
            if code == 0:
                marts = publish(
                    state / "work.duckdb", args.serving_dir.resolve(), run_id, args.as_of_date
                )
                entry |= {"outcome": "published", "published": marts}
            else:
                entry |= {"outcome": "not_published", "reason": f"dbt build failed: {reason}"}
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
    return EXIT_PUBLISHED


if __name__ == "__main__":
    sys.exit(main())
