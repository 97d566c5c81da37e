"""The measured `dbt build` runs: wall time, peak memory and per-node timings."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .common import DBT, PROJECT_DIR, BenchmarkError, progress, sql_string, tail


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
    peak_temp_mib: float
    threads: int | None
    counts: dict[str, int]
    statuses: dict[str, int]
    nodes: list[NodeTiming] = field(default_factory=list)


def dbt_command(raw_dir: Path) -> list[str]:
    """The `dbt build` command line for one landing directory (the evaluation date goes in
    the environment, CS_AS_OF_DATE, as scripts/scheduled_run.py passes it)."""
    dbt_vars = f"{{raw_data_dir: {sql_string(raw_dir)}}}"
    return [
        str(DBT),
        "build",
        "--exclude-resource-type",  # unit tests belong to CI, as in scripts/scheduled_run.py
        "unit_test",
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


def directory_mib(path: Path) -> float:
    """The size of the files under path in MiB (0 when it is absent); files that vanish while
    it is read (DuckDB removes spilled blocks as it goes) are skipped."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except OSError:
                continue
    return total / 2**20


@dataclass
class Measured:
    """What run_measured saw of one process."""

    returncode: int
    seconds: float
    peak_rss_mib: float
    peak_temp_mib: float


def run_measured(
    command: list[str], env: dict[str, str], log_path: Path, temp_dir: Path
) -> Measured:
    """Run a command with output to log_path and measure it.

    The memory peak is the dbt process's own high-water mark (VmHWM), sampled from /proc
    every 0.1 s while it runs. ru_maxrss from wait4 is not used: on Linux a forked child
    starts from its parent's high-water mark, so it would report this script's own peak (it
    rewrites tens of millions of events with DuckDB) instead of dbt's. The temporary-file
    peak is the size of temp_dir (where DuckDB spills what exceeds its memory limit),
    sampled every second.
    """
    with log_path.open("w", encoding="utf-8") as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        peak_mib = peak_temp_mib = 0.0
        sampled_temp_at = 0.0
        try:
            while process.poll() is None:
                sample = read_peak_rss_mib(process.pid)
                if sample is not None:
                    peak_mib = max(peak_mib, sample)
                if time.perf_counter() - sampled_temp_at >= 1.0:
                    peak_temp_mib = max(peak_temp_mib, directory_mib(temp_dir))
                    sampled_temp_at = time.perf_counter()
                time.sleep(0.1)
        except BaseException:
            process.kill()
            process.wait()
            raise
        seconds = time.perf_counter() - started
    return Measured(process.returncode, seconds, peak_mib, peak_temp_mib)


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
    """`dbt build` into db_path; its artefacts and log go to run_dir. As in the scheduled
    run, dbt's target folder (`dbt-target` beside run_dir) is kept from run to run, so a
    daily run parses only what changed; the run's manifest and results are copied out."""
    run_dir.mkdir(parents=True, exist_ok=True)
    target_dir = run_dir / "target"
    shared_target = run_dir.parent / "dbt-target"
    (shared_target / "run_results.json").unlink(missing_ok=True)
    env = {
        **os.environ,
        "CS_DUCKDB_PATH": str(db_path),
        "CS_AS_OF_DATE": as_of_date.isoformat(),
        "DBT_TARGET_PATH": str(shared_target),
        "DBT_LOG_PATH": str(run_dir / "logs"),
        "DBT_PROJECT_DIR": str(PROJECT_DIR),
    }
    log_path = run_dir / "dbt.log"
    progress(f"{label}: dbt build, as_of_date {as_of_date}, raw_data_dir {raw_dir}")
    # DuckDB's temporary directory: the database's path with `.tmp` (profiles.yml sets none)
    temp_dir = db_path.with_name(db_path.name + ".tmp")
    measured = run_measured(dbt_command(raw_dir), env, log_path, temp_dir)
    if (shared_target / "run_results.json").exists():
        target_dir.mkdir(exist_ok=True)
        for artefact in ("manifest.json", "run_results.json"):
            shutil.copy2(shared_target / artefact, target_dir / artefact)
    if measured.returncode != 0:
        raise BenchmarkError(
            f"{label}: dbt build failed (exit {measured.returncode}) after "
            f"{measured.seconds:.1f} s, peak memory {measured.peak_rss_mib:,.0f} MiB, peak "
            f"temporary files {measured.peak_temp_mib:,.0f} MiB; last lines of {log_path}:\n"
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
        wall_seconds=measured.seconds,
        peak_rss_mib=measured.peak_rss_mib,
        peak_temp_mib=measured.peak_temp_mib,
        threads=int(threads.group(1)) if threads else None,
        counts=dict(Counter(node.resource_type for node in nodes)),
        statuses=dict(Counter(node.status for node in nodes)),
        nodes=nodes,
    )
