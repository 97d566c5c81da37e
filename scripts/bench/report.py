"""The benchmark's report: the text printed and the figures written as JSON."""

from __future__ import annotations

import os
import platform
from dataclasses import asdict, dataclass
from typing import Any

import duckdb

from .dataset import DatasetFigures
from .dbt_runs import RunFigures
from .floor import FloorFigures

NAME_WIDTH = 72  # longer node names (generated test names) are cut in the table
PLURALS = {
    "model": "models",
    "seed": "seeds",
    "snapshot": "snapshots",
    "test": "data tests",
    "unit_test": "unit tests",
    "operation": "hooks",
}


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
        f"  peak spill:  {run.peak_temp_mib:,.0f} MiB (DuckDB's temporary files)",
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


@dataclass(frozen=True)
class ScaleFigures:
    """Everything measured at one scale."""

    dataset: DatasetFigures
    first: RunFigures
    second: RunFigures
    floor: FloorFigures
    compared: dict[str, Any]


def format_floor(second: RunFigures, floor: FloorFigures) -> list[str]:
    """The daily run against its floor (its SQL without dbt)."""
    kinds = ", ".join(f"{kind} {seconds:.1f} s" for kind, seconds in sorted(floor.by_kind.items()))
    return [
        (
            f"floor of the second run (its {floor.statements} SQL statements run directly in "
            f"DuckDB, no dbt): {floor.seconds:.1f} s; the run took "
            f"{second.wall_seconds / floor.seconds:.1f}× its floor"
        ),
        f"  floor by kind: {kinds}",
    ]


def format_growth(scales: list[ScaleFigures]) -> list[str]:
    """The curve: each scale's times, and their growth against the data's growth."""
    base = scales[0]
    lines = [
        "",
        "growth",
        (
            "| accounts | usage events | last day's events | first build | daily run | floor "
            "| daily / floor | data × | first build × | daily run × |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for scale in scales:
        data_growth = scale.dataset.usage_events_rows / base.dataset.usage_events_rows
        lines.append(
            f"| {scale.dataset.accounts:,} | {scale.dataset.usage_events_rows:,} "
            f"| {scale.dataset.usage_events_rows_last_day:,} "
            f"| {scale.first.wall_seconds:.1f} s | {scale.second.wall_seconds:.1f} s "
            f"| {scale.floor.seconds:.1f} s "
            f"| {scale.second.wall_seconds / scale.floor.seconds:.1f} | {data_growth:.1f} "
            f"| {scale.first.wall_seconds / base.first.wall_seconds:.1f} "
            f"| {scale.second.wall_seconds / base.second.wall_seconds:.1f} |"
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
