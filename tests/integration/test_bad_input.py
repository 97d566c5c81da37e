"""Bad input a real export brings (issue 11, part 3), on copies of the hand-made fixture.

Each case either gives the same marts as the clean files or stops the run in the
on-run-start hook (`register_raw_sources`) with a message that names the file and says
what to fix; never rows lost in silence, never a stack trace.

- same marts: a UTF-8 byte-order mark (crm_accounts), Windows line ends (CRLF,
  billing_subscription_items), a semicolon-separated file with upper-case header names
  (crm_users), all in a landing directory whose path holds a single quote;
- read as Latin-1: a crm_accounts.csv holding `Café Müller` in Latin-1 bytes;
- refused: a zero-byte crm_feedback.csv.

Time: one dbt build without tests carries every same-marts case; the Latin-1 and zero-byte
cases then change that copy in place and run one view model each, with the same vars and
target directory, so dbt reuses its parse (a change of vars would parse the project again).
The fixtures below are therefore a chain: dirty_run, then latin1_run, then zero_byte_run.
"""

from __future__ import annotations

import codecs
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from conftest import FIXTURES_DIR, Build, run_dbt

HANDMADE_RAW = FIXTURES_DIR / "handmade" / "raw"
AS_OF_DATE = "2025-06-15"
# the raw tables each same-marts case alters, by case
ALTERED = {
    "byte_order_mark": "crm_accounts",
    "crlf_line_ends": "billing_subscription_items",
    "semicolon_delimiter": "crm_users",
    "upper_case_header": "crm_users",
}


@dataclass(frozen=True)
class DirtyRun:
    """The build on the dirty copy, and its raw views as read right after it."""

    build: Build
    raw_tables: dict[str, tuple[list[str], list[tuple[Any, ...]]]]


def run_in(raw_dir: Path, command: list[str], work_dir: Path) -> Build:
    """run_dbt on the landing path (run_dbt quotes it for the YAML `--vars`)."""
    return run_dbt(command, raw_dir, AS_OF_DATE, work_dir)


def read_raw_table(build: Build, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """A raw view's column names and its rows in a fixed order (the view reads the file)."""
    with duckdb.connect(str(build.db_path), read_only=True) as connection:
        relation = connection.sql(f"select * from raw.{table}")
        return [column[0] for column in relation.description], sorted(relation.fetchall(), key=repr)


def write_dirty_copy(raw: Path) -> None:
    shutil.copytree(HANDMADE_RAW, raw)
    accounts = raw / "crm_accounts.csv"
    accounts.write_bytes(codecs.BOM_UTF8 + accounts.read_bytes())
    items = raw / "billing_subscription_items.csv"
    items.write_bytes(items.read_bytes().replace(b"\n", b"\r\n"))
    users = raw / "crm_users.csv"
    text = users.read_text(encoding="utf-8")
    assert ";" not in text and '"' not in text  # so that ',' -> ';' is a faithful re-export
    header, *rows = text.splitlines()
    users.write_text("\n".join([header.upper(), *rows]).replace(",", ";") + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def dirty_run(tmp_path_factory: pytest.TempPathFactory) -> DirtyRun:
    work = tmp_path_factory.mktemp("bad_input")
    raw = work / "landing 'o'brien'" / "raw"
    write_dirty_copy(raw)
    build = run_in(
        raw,
        [
            "build",
            "--no-write-json",
            "--exclude-resource-type",
            "unit_test",
            "--exclude-resource-type",
            "test",
        ],
        work,
    )
    if build.returncode != 0:
        pytest.fail(f"dbt build failed on {raw}:\n{build.output[-6000:]}")
    tables = sorted(set(ALTERED.values()))
    return DirtyRun(build, {table: read_raw_table(build, table) for table in tables})


@pytest.fixture(scope="module")
def latin1_run(dirty_run: DirtyRun) -> tuple[Build, list[tuple[Any, ...]]]:
    """crm_accounts.csv re-exported in Latin-1 with `Café Müller` as A001's name; the run
    builds the base view over it. Returns the run and base_crm__accounts' names by id."""
    accounts = dirty_run.build.raw_dir / "crm_accounts.csv"
    text = (HANDMADE_RAW / "crm_accounts.csv").read_text(encoding="utf-8")
    assert "Acme Analytics Inc." in text
    accounts.write_bytes(text.replace("Acme Analytics Inc.", "Café Müller").encode("latin-1"))
    build = run_in(
        dirty_run.build.raw_dir,
        ["run", "--no-write-json", "--select", "base_crm__accounts"],
        dirty_run.build.db_path.parent,
    )
    names = (
        build.query("select account_id, account_name from staging.base_crm__accounts order by 1")
        if build.returncode == 0
        else []
    )
    return build, names


@pytest.fixture(scope="module")
def zero_byte_run(latin1_run: tuple[Build, list[tuple[Any, ...]]]) -> Build:
    """crm_feedback.csv emptied to zero bytes; crm_accounts.csv is the clean file again, so
    this case does not hang on the Latin-1 one."""
    build = latin1_run[0]
    shutil.copy(HANDMADE_RAW / "crm_accounts.csv", build.raw_dir / "crm_accounts.csv")
    (build.raw_dir / "crm_feedback.csv").write_bytes(b"")
    return run_in(
        build.raw_dir,
        ["run", "--no-write-json", "--select", "base_crm__accounts"],
        build.db_path.parent,
    )


def test_every_mart_equals_the_clean_build(dirty_run: DirtyRun, handmade_build: Build) -> None:
    """BOM, CRLF, ';' with upper-case names, and a quote in the path: the same marts."""
    with duckdb.connect(str(dirty_run.build.db_path), read_only=True) as connection:
        clean_path = str(handmade_build.db_path).replace("'", "''")
        connection.execute(f"attach '{clean_path}' as clean (read_only)")
        marts = [
            row[0]
            for row in connection.sql(
                "select table_name from duckdb_tables() "
                "where database_name = 'clean' and schema_name = 'marts' order by 1"
            ).fetchall()
        ]
        assert len(marts) > 20
        differences = {
            mart: connection.sql(
                f"select (select count(*) from (select * from marts.{mart} except all "
                f"select * from clean.marts.{mart})), (select count(*) from (select * from "
                f"clean.marts.{mart} except all select * from marts.{mart}))"
            ).fetchall()[0]
            for mart in marts
        }
    assert {mart: rows for mart, rows in differences.items() if rows != (0, 0)} == {}


@pytest.mark.parametrize("case", sorted(ALTERED))
def test_dirty_file_reads_as_the_clean_one(
    dirty_run: DirtyRun, handmade_build: Build, case: str
) -> None:
    """The raw view over the dirty file: the clean file's lower-case column names and rows
    (no BOM in the first name, no CR at the end of the last value, nothing lost)."""
    table = ALTERED[case]
    assert dirty_run.raw_tables[table] == read_raw_table(handmade_build, table)


def test_landing_path_with_a_single_quote(dirty_run: DirtyRun) -> None:
    assert "'o'brien'" in str(dirty_run.build.raw_dir)
    assert f"Registering raw sources from {dirty_run.build.raw_dir}" in dirty_run.build.output
    assert dirty_run.build.query("select count(*) from marts.dim_accounts")[0][0] > 0


def test_latin1_file_is_read_as_latin1(latin1_run: tuple[Build, list[tuple[Any, ...]]]) -> None:
    build, names = latin1_run
    assert build.returncode == 0, build.output[-4000:]
    assert f"Raw file {build.raw_dir}/crm_accounts.csv is not UTF-8" in build.output
    assert "read as Latin-1" in build.output
    clean = (HANDMADE_RAW / "crm_accounts.csv").read_text(encoding="utf-8").splitlines()
    assert len(names) == len(clean) - 1
    assert ("A001", "Café Müller") in names


def test_zero_byte_file_is_a_clear_error(zero_byte_run: Build) -> None:
    assert zero_byte_run.returncode != 0
    assert (
        f"Raw file {zero_byte_run.raw_dir}/crm_feedback.csv is empty: not even a header row;"
        " export it again or, if the table has no rows, write just the header row:"
    ) in zero_byte_run.output
    assert "Traceback" not in zero_byte_run.output
