"""Shared fixtures for end-to-end tests: build the whole dbt project on a raw dataset.

Each build runs dbt in a subprocess with its own DuckDB file and target directory, so
tests never share a database connection with dbt (DuckDB allows one writer at a time).
Unit tests are excluded from these builds: they do not depend on data and run in
`make dbt-test`.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
FIXTURES_DIR = PROJECT_DIR / "tests" / "fixtures"
BIN_DIR = Path(sys.executable).parent
DBT = str(BIN_DIR / "dbt")
GENERATOR = PROJECT_DIR / "scripts" / "generate_demo_data.py"


@dataclass(frozen=True)
class Build:
    """The outcome of one dbt invocation on one dataset."""

    raw_dir: Path
    db_path: Path
    target_dir: Path
    returncode: int
    output: str

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        """Run a read-only query on the build's database."""
        with duckdb.connect(str(self.db_path), read_only=True) as connection:
            return connection.sql(sql).fetchall()

    def query_dicts(self, sql: str) -> list[dict[str, Any]]:
        with duckdb.connect(str(self.db_path), read_only=True) as connection:
            relation = connection.sql(sql)
            names = [column[0] for column in relation.description]
            return [dict(zip(names, row, strict=True)) for row in relation.fetchall()]


def run_dbt(
    command: list[str], raw_dir: Path, as_of_date: str, work_dir: Path, extra_vars: str = ""
) -> Build:
    """Run `dbt <command>` against raw_dir with its own database and target directory.

    `extra_vars` adds vars to raw_data_dir and as_of_date, written `key: value, …`.
    """
    work_dir.mkdir(parents=True, exist_ok=True)
    db_path = work_dir / "cs_analytics.duckdb"
    target_dir = work_dir / "target"
    env = {
        **os.environ,
        "CS_DUCKDB_PATH": str(db_path),
        "DBT_TARGET_PATH": str(target_dir),
        "DBT_LOG_PATH": str(work_dir / "logs"),
        "DBT_PROJECT_DIR": str(PROJECT_DIR),
    }
    quoted_dir = str(raw_dir).replace("'", "''")  # a YAML single-quoted string
    dbt_vars = f"{{raw_data_dir: '{quoted_dir}', as_of_date: '{as_of_date}', {extra_vars}}}"
    completed = subprocess.run(
        [
            DBT,
            *command,
            "--profiles-dir",
            str(PROJECT_DIR),
            "--project-dir",
            str(PROJECT_DIR),
            "--vars",
            dbt_vars,
        ],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return Build(
        raw_dir, db_path, target_dir, completed.returncode, completed.stdout + completed.stderr
    )


def build_project(raw_dir: Path, as_of_date: str, work_dir: Path) -> Build:
    """`dbt build` of everything but unit tests; fails the test with dbt's log on error."""
    build = run_dbt(
        ["build", "--exclude-resource-type", "unit_test"], raw_dir, as_of_date, work_dir
    )
    if build.returncode != 0:
        pytest.fail(f"dbt build failed on {raw_dir}:\n{build.output[-6000:]}")
    return build


def generate(out_dir: Path, *args: str) -> None:
    """Run the demo-data generator into out_dir."""
    subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(out_dir), *args],
        check=True,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="session")
def handmade_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    work = tmp_path_factory.mktemp("handmade")
    return build_project(FIXTURES_DIR / "handmade" / "raw", "2025-06-15", work)


# ---- MetricFlow (`mf`) against a build

MF = str(BIN_DIR / "mf")
# every top-level entry of the project but the ones that hold run state
SHADOWED = {"target", "logs", ".venv", ".git", "data", ".pytest_cache"}


@dataclass(frozen=True)
class SemanticLayer:
    """`mf` against one build: its database and its semantic manifest."""

    project_dir: Path
    db_path: Path

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "CS_DUCKDB_PATH": str(self.db_path),
            "DBT_PROJECT_DIR": str(self.project_dir),
            "DBT_PROFILES_DIR": str(self.project_dir),
        }
        return subprocess.run(
            [MF, *args], cwd=self.project_dir, env=env, capture_output=True, text=True, check=False
        )

    def query(self, metrics: list[str], group_by: list[str]) -> list[dict[str, str]]:
        """`mf query --metrics … --group-by … --csv`: the rows as strings, as mf wrote them."""
        out = self.project_dir / "target" / "query.csv"
        completed = self.run(
            "query",
            "--metrics",
            ",".join(metrics),
            "--group-by",
            ",".join(group_by),
            "--csv",
            str(out),
        )
        if completed.returncode != 0 or not out.exists():
            pytest.fail(f"mf query failed:\n{completed.stdout[-4000:]}\n{completed.stderr[-4000:]}")
        with out.open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def semantic_layer(
    handmade_build: Build, tmp_path_factory: pytest.TempPathFactory
) -> SemanticLayer:
    """mf against the hand-worked build, in a shadow project: the project's files linked,
    its own target/ holding the build's semantic manifest (mf reads target/ of the project)."""
    shadow = tmp_path_factory.mktemp("mf_project")
    for entry in PROJECT_DIR.iterdir():
        if entry.name not in SHADOWED:
            (shadow / entry.name).symlink_to(entry)
    (shadow / "target").mkdir()
    shutil.copy(handmade_build.target_dir / "semantic_manifest.json", shadow / "target")
    return SemanticLayer(shadow, handmade_build.db_path)


# ---- comparing a mart with hand-worked expected values (tests/fixtures/handmade/expected)

EXPECTED_DIR = FIXTURES_DIR / "handmade" / "expected"


def _render(value: Any) -> str:
    """A database value written the way the expected CSVs write it (empty means null)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


def same_value(actual: Any, expected: str, is_float: bool, tolerance: float = 1e-9) -> bool:
    """A database value against a value written as text (a CSV cell; empty means null):
    floats within `tolerance`, numbers exactly as decimals, the rest as rendered."""
    if expected == "" or actual is None:
        return expected == "" and actual is None
    if is_float:
        return abs(float(actual) - float(expected)) <= tolerance
    if isinstance(actual, (Decimal, int, float)) and not isinstance(actual, bool):
        return Decimal(str(actual)) == Decimal(expected)
    return _render(actual) == expected


def differences_from_expected(
    build: Build, mart: str, keys: list[str], float_columns: set[str]
) -> list[str]:
    """Every difference between marts.<mart> and expected/<mart>.csv: missing or extra
    rows by key, then each cell that differs. Money and counts compare exactly (decimal),
    `float_columns` to 1e-9."""
    with (EXPECTED_DIR / f"{mart}.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns, expected_rows = list(reader.fieldnames or []), list(reader)
    actual_rows = build.query_dicts(
        f"select {', '.join(columns)} from marts.{mart} order by {', '.join(keys)}"
    )
    expected_by_key = {tuple(row[k] for k in keys): row for row in expected_rows}
    actual_by_key = {tuple(_render(row[k]) for k in keys): row for row in actual_rows}
    if len(actual_by_key) != len(actual_rows):
        return [f"{mart}: duplicate keys"]
    if sorted(actual_by_key) != sorted(expected_by_key):
        return [
            (
                f"{mart}: rows differ by key: only in the mart "
                f"{sorted(set(actual_by_key) - set(expected_by_key))}, "
                f"only expected {sorted(set(expected_by_key) - set(actual_by_key))}"
            )
        ]
    return [
        f"{mart} {key} {column}: got {_render(actual_by_key[key][column])!r}, expected {expected[column]!r}"
        for key, expected in sorted(expected_by_key.items())
        for column in columns
        if not same_value(actual_by_key[key][column], expected[column], column in float_columns)
    ]
