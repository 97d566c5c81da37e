"""The project on Spark gives DuckDB's numbers: every public mart, row for row.

`make test-spark` runs this file (the plugin tests/spark/spark_builds.py builds the hand-worked dataset on
both engines, unit tests and data tests included). Money compares to the cent, rates and
other floats to 1e-9, everything else exactly; the row counts and column names must match.
Spark's tables are plain Parquet files in its warehouse directory, read here with DuckDB.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from spark_builds import HANDMADE_RAW, PROJECT_DIR, WORK_DIR, Builds, run_dbt

Row = dict[str, Any]


def public_marts(manifest_path: Path) -> list[str]:
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    return sorted(
        node["name"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node.get("access") == "public"
    )


def duckdb_rows(builds: Builds, schema: str, table: str) -> list[Row]:
    with duckdb.connect(str(builds.duckdb_path), read_only=True) as connection:
        relation = connection.sql(f"select * from {schema}.{table}")
        names = [column[0] for column in relation.description]
        return [dict(zip(names, row, strict=True)) for row in relation.fetchall()]


def spark_rows(builds: Builds, schema: str, table: str) -> list[Row]:
    """A Spark table's rows, from its Parquet files (partition columns from the paths)."""
    files = builds.spark_warehouse / f"{schema}.db" / table
    with duckdb.connect() as connection:
        relation = connection.sql(
            f"select * from read_parquet('{files}/**/*.parquet', hive_partitioning = true)"
        )
        names = [column[0] for column in relation.description]
        return [dict(zip(names, row, strict=True)) for row in relation.fetchall()]


def _sort_key(row: Row, columns: list[str]) -> tuple[Any, ...]:
    key: list[Any] = []
    for column in columns:
        value = _normal(row[column])
        if isinstance(value, float):
            value = round(value, 6)
        key.append((value is None, "" if value is None else str(value)))
    return tuple(key)


def _normal(value: Any) -> Any:
    """Dates and times as ISO text (a partition column reads back as text or a date)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def same(left: Any, right: Any) -> bool:
    """Money (decimals) to the cent, floats to 1e-9, the rest exactly."""
    left, right = _normal(left), _normal(right)
    if left is None or right is None:
        return left is None and right is None
    if isinstance(left, bool) or isinstance(right, bool):
        return left == right
    if isinstance(left, float) or isinstance(right, float):
        return math.isclose(float(left), float(right), rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(left, (Decimal, int)) and isinstance(right, (Decimal, int)):
        return round(Decimal(left), 2) == round(Decimal(right), 2)
    return str(left) == str(right)


def differences(name: str, duck: list[Row], spark: list[Row], limit: int = 20) -> list[str]:
    """Every difference between two tables' rows (column names, count, then cell by cell
    with both sides sorted by all columns)."""
    if not duck and not spark:
        return []
    duck_columns = sorted(duck[0]) if duck else []
    spark_columns = sorted(spark[0]) if spark else []
    if duck and spark and duck_columns != spark_columns:
        return [f"{name}: columns differ: DuckDB {duck_columns}, Spark {spark_columns}"]
    if len(duck) != len(spark):
        return [f"{name}: {len(duck)} rows on DuckDB, {len(spark)} on Spark"]
    found: list[str] = []
    columns = duck_columns
    for index, (duck_row, spark_row) in enumerate(
        zip(
            sorted(duck, key=lambda row: _sort_key(row, columns)),
            sorted(spark, key=lambda row: _sort_key(row, columns)),
            strict=True,
        )
    ):
        found.extend(
            f"{name} row {index} {column}: DuckDB {duck_row[column]!r}, Spark {spark_row[column]!r}"
            for column in columns
            if not same(duck_row[column], spark_row[column])
        )
        if len(found) >= limit:
            break
    return found


def test_every_public_mart_on_spark_equals_duckdb(builds: Builds) -> None:
    marts = public_marts(builds.manifest_path)
    assert len(marts) >= 30, marts
    found: list[str] = []
    for mart in marts:
        duck = duckdb_rows(builds, "marts", mart)
        spark = spark_rows(builds, "marts", mart)
        assert duck or mart in {"data_quality_issues"}, f"{mart} is empty on DuckDB"
        found.extend(differences(mart, duck, spark))
    assert not found, "\n".join(found[:60])


def test_incremental_run_on_spark_equals_the_full_build(builds: Builds) -> None:
    """The scheduled daily run on Spark (insert_overwrite of the look-back window's day
    partitions, and of the months it measures again) leaves the incremental usage models
    equal to DuckDB's full build."""
    incremental = [
        ("staging", "base_usage__events"),
        ("intermediate", "int_usage_user_days_aggregated"),
        ("intermediate", "int_usage_account_day_features_aggregated"),
        ("intermediate", "int_account_months_usage_measured"),
    ]
    run = run_dbt(
        ["run", "--select", " ".join(table for _, table in incremental)],
        str((WORK_DIR / "spark-raw").relative_to(PROJECT_DIR)),
        "spark",
        "spark-incremental",
    )
    assert run.returncode == 0, run.summary()
    assert "insert overwrite" in (
        WORK_DIR
        / "spark-incremental"
        / "target"
        / "run"
        / "cs_analytics"
        / "models"
        / "staging"
        / "usage"
        / "base"
        / "base_usage__events.sql"
    ).read_text(encoding="utf-8")
    found: list[str] = []
    for schema, table in incremental:
        found.extend(
            differences(
                table, duckdb_rows(builds, schema, table), spark_rows(builds, schema, table)
            )
        )
    assert not found, "\n".join(found[:60])


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("missing_file", "Raw table 'support_tickets' has no file in"),
        ("missing_column", "lacks required column(s): role"),
    ],
)
def test_spark_stops_with_the_clear_raw_file_errors(
    builds: Builds, broken: str, message: str
) -> None:
    """A missing landing file or column stops the Spark run with DuckDB's message."""
    raw = WORK_DIR / f"raw-{broken}"
    shutil.copytree(HANDMADE_RAW, raw)
    if broken == "missing_file":
        (raw / "support_tickets.csv").unlink()
    else:
        users = raw / "crm_users.csv"
        lines = users.read_text(encoding="utf-8").splitlines()
        kept = [",".join(f for i, f in enumerate(line.split(",")) if i != 3) for line in lines]
        users.write_text("\n".join(kept) + "\n", encoding="utf-8")
    run = run_dbt(["run", "--select", "stg_crm__users"], str(raw), "spark", f"spark-{broken}")
    assert run.returncode != 0
    assert message in run.stdout, run.summary()


def test_snapshots_on_spark_keep_the_same_history_as_duckdb(builds: Builds) -> None:
    """A second day's export after the build: account A001 moves to Enterprise (its
    updated_at moves on), A002 is gone from the CRM, contact K001 changes title and K002 is
    deleted. `dbt snapshot` on both engines (Spark: the snapshot rewritten without merge)
    must give the same versions: the same rows, the same current ones, the same valid-from
    for the timestamp strategy (the check strategy's times are the run's, so they differ)."""
    raw = WORK_DIR / "raw-next-day"
    shutil.copytree(HANDMADE_RAW, raw)
    accounts = raw / "crm_accounts.csv"
    lines = accounts.read_text(encoding="utf-8").splitlines()
    lines = [
        line.replace("Software,Mid-Market,NA", "Software,Enterprise,NA").replace(
            "2025-06-01 09:00:00", "2025-06-16 08:00:00"
        )
        if line.startswith("A001,")
        else line
        for line in lines
        if not line.startswith("A002,")
    ]
    accounts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    contacts = raw / "crm_contacts.csv"
    lines = contacts.read_text(encoding="utf-8").splitlines()
    lines = [
        line.replace("VP Operations", "COO") if line.startswith("K001,") else line
        for line in lines
        if not line.startswith("K002,")
    ]
    contacts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for target in ("duckdb", "spark"):
        run = run_dbt(["snapshot"], str(raw), target, f"{target}-snapshot")
        assert run.returncode == 0, run.summary()

    found: list[str] = []
    for snapshot, kept_times in [
        ("snap_crm__accounts", {"dbt_valid_from"}),
        ("snap_crm__contacts", set()),
    ]:
        tables = []
        for rows in (
            duckdb_rows(builds, "snapshots", snapshot),
            spark_rows(builds, "snapshots", snapshot),
        ):
            tables.append(
                [
                    {
                        **{
                            column: value
                            for column, value in row.items()
                            if not column.startswith("dbt_") or column in kept_times
                        },
                        "is_current": row["dbt_valid_to"] is None,
                    }
                    for row in rows
                ]
            )
        duck, spark = tables
        # one changed and one deleted record, each closed once
        assert sum(1 for row in duck if not row["is_current"]) == 2, duck
        found.extend(differences(snapshot, duck, spark))
    assert not found, "\n".join(found[:60])
