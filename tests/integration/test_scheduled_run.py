"""The scheduler's entry point (scripts/scheduled_run.py) with real processes, on the
hand-worked dataset: readers are never blocked and never see a half-published state, a
build whose tests fail publishes nothing, a run killed half-way is made good by the next
one, and two runs never overlap."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest

from conftest import FIXTURES_DIR, PROJECT_DIR

SCRIPT = PROJECT_DIR / "scripts" / "scheduled_run.py"
RAW = FIXTURES_DIR / "handmade" / "raw"
AS_OF = "2025-06-15"
# every top-level entry of the project but the ones that hold run state
SHADOWED = {"target", "logs", ".venv", ".git", "data", ".pytest_cache"}


@dataclass(frozen=True)
class Deployment:
    state_dir: Path
    serving_dir: Path

    @property
    def serving_db(self) -> Path:
        return self.serving_dir / "cs_analytics.duckdb"

    def start(
        self, project_dir: Path = PROJECT_DIR, extra: tuple[str, ...] = ()
    ) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [
                sys.executable,
                str(SCRIPT),
                "--raw-data-dir",
                str(RAW),
                "--as-of-date",
                AS_OF,
                "--state-dir",
                str(self.state_dir),
                "--serving-dir",
                str(self.serving_dir),
                "--project-dir",
                str(project_dir),
                *extra,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(
        self, project_dir: Path = PROJECT_DIR, extra: tuple[str, ...] = ()
    ) -> subprocess.CompletedProcess[str]:
        process = self.start(project_dir, extra)
        stdout, stderr = process.communicate(timeout=900)
        return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)

    def served_digest(self) -> str:
        """Every served mart's rows, order-independent, as one hash."""
        with duckdb.connect(str(self.serving_db), read_only=True) as connection:
            marts = [
                name
                for (name,) in connection.execute(
                    "select table_name from information_schema.tables "
                    "where table_schema = 'marts' order by 1"
                ).fetchall()
            ]
            digest = hashlib.sha256()
            for mart in marts:
                rows = connection.execute(f'select * from marts."{mart}"').fetchall()
                digest.update(mart.encode())
                digest.update(repr(sorted(map(repr, rows))).encode())
        return digest.hexdigest()


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Deployment:
    """A deployment that has published once."""
    root = tmp_path_factory.mktemp("scheduled")
    deployed = Deployment(root / "state", root / "serving")
    first = deployed.run()
    assert first.returncode == 0, first.stderr + first.stdout
    # the fixture's newest CRM activity is 3.67 days old at the end of as_of_date: a warning
    assert "freshness warn: crm.activities newest row 2025-06-12" in first.stdout
    return deployed


READER = textwrap.dedent(
    """
    import sys, time, duckdb
    path, stop = sys.argv[1], sys.argv[2]
    reads = errors = inconsistent = 0
    import os
    while not os.path.exists(stop):
        try:
            with duckdb.connect(path, read_only=True) as c:
                bad = c.execute(
                    "select count(*) from marts.arr_bridge b left join ("
                    " select month_start, sum(arr) as arr from marts.fct_account_months"
                    " group by 1) f using (month_start)"
                    " where b.closing_arr <> coalesce(f.arr, 0)"
                ).fetchone()[0]
            inconsistent += bad > 0
            reads += 1
        except Exception as error:
            errors += 1
            print(repr(error), file=sys.stderr)
        time.sleep(0.05)
    print(reads, errors, inconsistent)
    """
)


def test_readers_are_never_blocked_while_a_run_builds_and_publishes(
    deployment: Deployment, tmp_path: Path
) -> None:
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(deployment.serving_db), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    result = deployment.run()
    stop.touch()
    out, err = reader.communicate(timeout=60)
    assert result.returncode == 0, result.stderr
    reads, errors, inconsistent = map(int, out.split())
    assert reads > 20 and errors == 0 and inconsistent == 0, err


def test_the_serving_file_says_how_fresh_each_raw_table_was(deployment: Deployment) -> None:
    with duckdb.connect(str(deployment.serving_db), read_only=True) as connection:
        publication = connection.execute("select as_of_date, freshness_status from publication")
        assert publication.fetchall() == [(date(2025, 6, 15), "warn")]
        freshness = dict(
            connection.execute("select source, status from source_freshness").fetchall()
        )
    assert freshness["crm.activities"] == "warn" and freshness["usage.events"] == "pass"
    # crm_users and crm_cancellations have no threshold: their age says nothing
    assert len(freshness) == 16 and set(freshness.values()) == {"pass", "warn"}


def test_stale_raw_data_is_reported_and_not_published(deployment: Deployment) -> None:
    """A month later the same files are past their error thresholds: no build, nothing served."""
    served_before = deployment.serving_db.read_bytes()
    result = deployment.run(extra=("--as-of-date", "2025-07-15"))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "not published: stale raw data: " in result.stderr
    assert "usage.events newest row 2025-06-15T09:18:30+00:00, 30.61 days" in result.stderr
    assert "(error after 3 days)" in result.stderr
    assert deployment.serving_db.read_bytes() == served_before
    last = json.loads((deployment.state_dir / "runs.jsonl").read_text().splitlines()[-1])
    assert last["outcome"] == "not_published" and last["as_of_date"] == "2025-07-15"
    assert not list((deployment.state_dir / "runs").glob(f"{last['run_id']}/dbt_build*.log"))


def test_a_failing_test_publishes_nothing(deployment: Deployment, tmp_path: Path) -> None:
    """The served file and Parquet link stay byte for byte as they were; exit 1, one line."""
    project = tmp_path / "project"
    project.mkdir()
    for entry in PROJECT_DIR.iterdir():
        if entry.name not in SHADOWED:
            (project / entry.name).symlink_to(entry)
    (project / "tests").unlink()
    shutil.copytree(
        PROJECT_DIR / "tests", project / "tests", ignore=shutil.ignore_patterns("fixtures")
    )
    (project / "tests" / "assert_a_deliberately_failing_test.sql").write_text(
        "select 1 as failing_row\n", encoding="utf-8"
    )
    served_before = deployment.serving_db.read_bytes()
    link_before = os.readlink(deployment.serving_dir / "parquet" / "current")
    result = deployment.run(project)
    assert result.returncode == 1
    assert "assert_a_deliberately_failing_test" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert deployment.serving_db.read_bytes() == served_before
    assert os.readlink(deployment.serving_dir / "parquet" / "current") == link_before


def test_a_run_killed_half_way_is_made_good_by_the_next(deployment: Deployment) -> None:
    clean = deployment.served_digest()
    killed = deployment.start()
    time.sleep(15)  # well inside the build (about 40 s on the fixture)
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=30)
    assert deployment.served_digest() == clean
    after = deployment.run()
    assert after.returncode == 0, after.stderr
    assert deployment.served_digest() == clean


def test_two_runs_started_together_one_runs_the_other_says_why(deployment: Deployment) -> None:
    first = deployment.start()
    lock = deployment.state_dir / "run.lock"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and f"pid {first.pid}" not in lock.read_text(
        encoding="utf-8"
    ):
        time.sleep(0.2)
    second = deployment.run()
    _, first_err = first.communicate(timeout=900)
    assert first.returncode == 0, first_err
    assert second.returncode == 75
    assert f"pid {first.pid}" in second.stderr and "holds" in second.stderr


def test_allow_stale_publishes_and_says_the_data_was_stale(deployment: Deployment) -> None:
    """`--allow-stale` (an export known to be late): the month-old files are built and
    published, and the output, the run record and the serving file all say they were past
    their error thresholds. Last of the deployment's tests: it publishes a later day."""
    result = deployment.run(extra=("--as-of-date", "2025-07-15", "--allow-stale"))
    assert result.returncode == 0, result.stderr
    assert "freshness error: " in result.stdout
    assert "usage.events newest row 2025-06-15T09:18:30+00:00, 30.61 days" in result.stdout
    last = json.loads((deployment.state_dir / "runs.jsonl").read_text().splitlines()[-1])
    assert last["outcome"] == "published" and last["as_of_date"] == "2025-07-15"
    assert "error" in {table["status"] for table in last["freshness"]}
    with duckdb.connect(str(deployment.serving_db), read_only=True) as connection:
        publication = connection.execute("select as_of_date, freshness_status from publication")
        assert publication.fetchall() == [(date(2025, 7, 15), "error")]


def test_a_missing_raw_file_is_named_and_nothing_is_published(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    (raw / "crm_users.csv").unlink()
    result = subprocess.run(
        [
            sys.executable, str(SCRIPT), "--raw-data-dir", str(raw), "--as-of-date", AS_OF,
            "--state-dir", str(tmp_path / "state"), "--serving-dir", str(tmp_path / "serving"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Raw table 'crm_users' has no file" in result.stderr
    assert "crm_users.csv or crm_users.parquet" in result.stderr
    assert not (tmp_path / "serving" / "cs_analytics.duckdb").exists()
