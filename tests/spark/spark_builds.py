"""The Spark suite's builds (`make test-spark`): the whole project on Spark and on DuckDB.

A pytest plugin (`-p spark_builds`, tests/spark on PYTHONPATH) for check_spark_parity.py:
the session fixture `builds` and the build times printed at the end. The main suite never
collects tests/spark (its file is not named test_*.py): it needs .venv-spark (dbt-spark,
PySpark) and Java, which `make test` does not install. Every Spark build runs dbt in a
subprocess with `--target spark`; its warehouse (Parquet files) and Derby metastore live
under target/spark-test/, beside the DuckDB build's database.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
HANDMADE_RAW = PROJECT_DIR / "tests" / "fixtures" / "handmade" / "raw"
AS_OF_DATE = "2025-06-15"
# under the project (git ignores target/), so a raw_data_dir relative to it can be passed
WORK_DIR = PROJECT_DIR / "target" / "spark-test"
DBT = str(Path(sys.executable).parent / "dbt")

TIMINGS: dict[str, float] = {}


@dataclass(frozen=True)
class Run:
    """The outcome of one dbt invocation."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float

    def summary(self) -> str:
        """dbt's own log (stdout; Spark's JVM logs go to stderr), its end."""
        return self.stdout[-8000:]


def run_dbt(
    command: list[str], raw_data_dir: str, target: str, name: str, env: dict[str, str] | None = None
) -> Run:
    """`dbt <command> --target <target>` with the hand-worked as_of_date, its own target and
    log directories (WORK_DIR/<name>), the Spark warehouse in WORK_DIR/spark, the DuckDB
    file in WORK_DIR/duckdb. `raw_data_dir` is passed as it is (relative to the project, or
    absolute). DBT_PROJECT_DIR is not set, as for a user who runs dbt in the project."""
    run_env = {key: value for key, value in os.environ.items() if key not in {"DBT_PROJECT_DIR"}}
    run_env.update(
        {
            "CS_SPARK_DIR": str(WORK_DIR / "spark"),
            "CS_DUCKDB_PATH": str(WORK_DIR / "duckdb" / "cs_analytics.duckdb"),
            "DBT_TARGET_PATH": str(WORK_DIR / name / "target"),
            "DBT_LOG_PATH": str(WORK_DIR / name / "logs"),
            "SPARK_LOCAL_IP": "127.0.0.1",
            **(env or {}),
        }
    )
    dbt_vars = f"{{raw_data_dir: '{raw_data_dir}', as_of_date: '{AS_OF_DATE}'}}"
    arguments = [*command, "--target", target, "--profiles-dir", str(PROJECT_DIR)]
    started = time.monotonic()
    completed = subprocess.run(
        [DBT, *arguments, "--vars", dbt_vars],
        cwd=PROJECT_DIR,
        env=run_env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.monotonic() - started
    (WORK_DIR / name).mkdir(parents=True, exist_ok=True)
    (WORK_DIR / name / "stderr.log").write_text(completed.stderr, encoding="utf-8")
    return Run(completed.returncode, completed.stdout, completed.stderr, seconds)


def spark_landing_copy(out_dir: Path) -> None:
    """The hand-worked raw files as a company on Spark might land them: most as CSV, but
    crm_accounts as one Parquet file (its key column named ` ACCOUNT_ID`, which the raw view
    trims and lower-cases) and usage_events as a Parquet directory of two part files, as
    Spark writes them. Every Parquet column is a string, as the CSV's are; the rows are
    the CSV's, so the marts must come out the same."""
    out_dir.mkdir(parents=True)
    for csv_file in HANDMADE_RAW.glob("*.csv"):
        if csv_file.stem not in {"crm_accounts", "usage_events"}:
            shutil.copy(csv_file, out_dir / csv_file.name)
    with duckdb.connect() as connection:
        accounts = HANDMADE_RAW / "crm_accounts.csv"
        connection.execute(
            'copy (select * rename (account_id as " ACCOUNT_ID") from read_csv(?, header = true,'
            " all_varchar = true)) to '" + str(out_dir / "crm_accounts.parquet") + "'",
            [str(accounts)],
        )
        events_dir = out_dir / "usage_events.parquet"
        events_dir.mkdir()
        events = HANDMADE_RAW / "usage_events.csv"
        for part, predicate in enumerate(["event_id < 'EV004000'", "event_id >= 'EV004000'"]):
            connection.execute(
                "copy (select * from read_csv(?, header = true, all_varchar = true) where "
                + predicate
                + ") to '"
                + str(events_dir / f"part-0000{part}.parquet")
                + "'",
                [str(events)],
            )


@dataclass(frozen=True)
class Builds:
    """The hand-worked dataset built on DuckDB and on Spark."""

    duckdb_path: Path
    spark_warehouse: Path
    manifest_path: Path


@pytest.fixture(scope="session")
def builds() -> Builds:
    """`dbt build` (models, seeds, snapshots, data tests and unit tests) of the hand-worked
    dataset on DuckDB (the CSVs) and on Spark (the same rows, some landed as Parquet), each
    with a raw_data_dir relative to the project; both must pass. `--fail-fast`, as in
    `make dbt-test`: a model that does not build on Spark ends the run at once."""
    if WORK_DIR.exists():
        shutil.rmtree(WORK_DIR)
    (WORK_DIR / "duckdb").mkdir(parents=True)
    spark_raw = WORK_DIR / "spark-raw"
    spark_landing_copy(spark_raw)

    duck = run_dbt(
        ["build", "--fail-fast"],
        str(HANDMADE_RAW.relative_to(PROJECT_DIR)),
        "duckdb",
        "duckdb-build",
    )
    if duck.returncode != 0:
        pytest.fail(f"dbt build on DuckDB failed:\n{duck.summary()}")
    TIMINGS["DuckDB build (dbt build, unit tests included)"] = duck.seconds

    spark = run_dbt(
        ["build", "--fail-fast"], str(spark_raw.relative_to(PROJECT_DIR)), "spark", "spark-build"
    )
    if spark.returncode != 0:
        pytest.fail(f"dbt build on Spark failed:\n{spark.summary()}")
    TIMINGS["Spark build (dbt build, unit tests included)"] = spark.seconds
    return Builds(
        WORK_DIR / "duckdb" / "cs_analytics.duckdb",
        WORK_DIR / "spark" / "warehouse",
        WORK_DIR / "duckdb-build" / "target" / "manifest.json",
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The two builds' times, side by side, at the end of the run."""
    if TIMINGS:
        terminalreporter.section("build times, hand-worked dataset, this machine")
        for label, seconds in TIMINGS.items():
            terminalreporter.write_line(f"{label:<48} {seconds:7.1f} s")
