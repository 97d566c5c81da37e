"""The floor of a dbt run: the same run's compiled SQL executed directly in DuckDB.

dbt adds, per node, parsing and compiling, metadata queries, a temporary relation and a
rename, and threads that wait on each other. The floor strips all of that: on a copy of
the database as it was before the run, it executes in one DuckDB connection, in the
order of the graph, each node the run executed, as the statement its materialization
boils down to:

- table: `create or replace table ... as <compiled SQL>`; view: `create or replace view`;
- incremental (delete+insert): the new rows into a temporary table, then `delete` the
  rows they replace and `insert` them;
- data test: `select count(*)` over the compiled test;
- seed: `create or replace table ... as select * from read_csv(<seed file>)`;
- snapshot: its compiled select only (a lower bound of the merge dbt runs);
- the on-run-start hook: the raw views re-pointed at the run's landing files.

Each statement is timed; their sum is the floor that dbt's wall time is compared with.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Any

import duckdb

from .common import PROJECT_DIR, BenchmarkError, progress, sql_string

EXECUTED = {"success", "pass", "warn", "fail"}


@dataclass(frozen=True)
class FloorFigures:
    """What the run's SQL costs without dbt."""

    seconds: float
    statements: int
    by_kind: dict[str, float]


def snapshot_database(db_path: Path, copy_dir: Path) -> Path:
    """A copy of the database as it is now, with the same file name (the catalog name the
    compiled SQL uses)."""
    copy_dir.mkdir(parents=True, exist_ok=True)
    copy = copy_dir / db_path.name
    shutil.copyfile(db_path, copy)
    return copy


def executed_in_graph_order(target_dir: Path) -> list[dict[str, Any]]:
    """The manifest nodes the run executed, parents before children."""
    manifest = json.loads((target_dir / "manifest.json").read_text(encoding="utf-8"))
    results = json.loads((target_dir / "run_results.json").read_text(encoding="utf-8"))
    executed = {r["unique_id"] for r in results["results"] if r["status"] in EXECUTED}
    nodes = {uid: node for uid, node in manifest["nodes"].items() if uid in executed}
    graph = {
        uid: [parent for parent in node.get("depends_on", {}).get("nodes", []) if parent in nodes]
        for uid, node in nodes.items()
    }
    return [nodes[uid] for uid in TopologicalSorter(graph).static_order()]


def statements(node: dict[str, Any]) -> list[str]:
    """What the node's materialization executes, as plain DuckDB SQL."""
    kind, relation = node["resource_type"], node.get("relation_name")
    compiled = node.get("compiled_code")
    if kind == "operation":  # the on-run-start hook: see repoint_raw_views
        return []
    config = node["config"]
    if kind == "seed":
        path = PROJECT_DIR / node["original_file_path"]
        return [f"create or replace table {relation} as select * from read_csv({sql_string(path)})"]
    if compiled is None:
        raise BenchmarkError(f"{node['unique_id']}: no compiled SQL in the run's manifest")
    compiled = f"\n{compiled.strip().rstrip(';')}\n"  # a closing comment must not eat SQL
    if kind == "test":
        return [f"select count(*) from ({compiled}) as failures"]
    if kind == "snapshot":
        return [f"select count(*) from ({compiled}) as snapshotted"]
    materialized = config.get("materialized")
    if materialized == "view":
        return [f"create or replace view {relation} as {compiled}"]
    if materialized == "incremental":
        key = config.get("unique_key")
        key = ", ".join(key) if isinstance(key, list) else key
        key = f"({key})" if "," in key else key
        return [
            f"create or replace temporary table floor_new_rows as {compiled}",
            f"delete from {relation} where {key} in (select {key} from floor_new_rows)",
            f"insert into {relation} by name select * from floor_new_rows",
        ]
    if materialized == "ephemeral":
        return []
    return [f"create or replace table {relation} as {compiled}"]


def repoint_raw_views(session: duckdb.DuckDBPyConnection, old_dir: Path, new_dir: Path) -> None:
    """The on-run-start hook's work: the raw views read the run's landing directory."""
    views = session.execute(
        "select sql from duckdb_views() where schema_name = 'raw' and not internal"
    ).fetchall()
    for (sql,) in views:
        session.execute(
            sql.replace("CREATE VIEW", "CREATE OR REPLACE VIEW", 1).replace(
                str(old_dir), str(new_dir)
            )
        )


def measure_floor(
    db_copy: Path, target_dir: Path, old_raw_dir: Path, new_raw_dir: Path, memory_limit: str
) -> FloorFigures:
    """Execute the run's SQL on `db_copy` (the database before the run), timing it."""
    nodes = executed_in_graph_order(target_dir)
    progress(f"floor: the run's {len(nodes)} nodes as plain SQL in one DuckDB connection")
    by_kind: dict[str, float] = {}
    count = 0
    with duckdb.connect(str(db_copy), config={"memory_limit": memory_limit}) as session:
        session.execute("set preserve_insertion_order = false")
        started = time.perf_counter()
        repoint_raw_views(session, old_raw_dir, new_raw_dir)
        by_kind["hook"] = time.perf_counter() - started
        for node in nodes:
            started = time.perf_counter()
            for statement in statements(node):
                session.execute(statement)
                count += 1
            kind = node["resource_type"]
            if kind == "model":
                kind = f"model:{node['config'].get('materialized')}"
            by_kind[kind] = by_kind.get(kind, 0.0) + time.perf_counter() - started
    return FloorFigures(seconds=sum(by_kind.values()), statements=count, by_kind=by_kind)
