"""The Dagster definitions (cs_analytics_dagster), materialised in process on the hand-worked
dataset: the daily job builds, every dbt data test runs as an asset check and passes, and the
serving file then holds the working database's marts; a failing data test is a failed check
and publishes nothing; a run that finds the lock held runs nothing; the schedule is daily.

Run with `make test-dagster` (the optional extra, .venv-dagster); `make test` never collects it.
"""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from dagster import (
    AssetCheckSeverity,
    DefaultScheduleStatus,
    Definitions,
    ExecuteInProcessResult,
)

from cs_analytics_dagster import factory
from cs_analytics_dagster.factory import (
    DAILY_CRON,
    JOB_NAME,
    PROJECT_DIR,
    SCHEDULE_NAME,
    SERVING_ASSET,
    Deployment,
    build_definitions,
    scheduled_run,
)

RAW = PROJECT_DIR / "tests" / "fixtures" / "handmade" / "raw"
AS_OF = "2025-06-15"
# every top-level entry of the project but the ones that hold run state or environments
SHADOWED = {"target", "logs", ".venv", ".venv-dagster", ".git", "data", ".pytest_cache"}
FAILING_TEST = "assert_arr_bridge_deliberately_failing"


@dataclass(frozen=True)
class Run:
    deployment: Deployment
    definitions: Definitions
    result: ExecuteInProcessResult

    @property
    def serving_db(self) -> Path:
        return Path(self.deployment.serving_dir) / "cs_analytics.duckdb"


def run_daily_job(deployment: Deployment, project_dir: Path = PROJECT_DIR) -> Run:
    definitions = build_definitions(deployment, project_dir)
    job = definitions.resolve_job_def(JOB_NAME)
    return Run(deployment, definitions, job.execute_in_process(raise_on_error=False))


def mart_rows(database: Path) -> dict[str, list[str]]:
    """Every table of schema `marts`, its rows order-independent."""
    with duckdb.connect(str(database), read_only=True) as connection:
        marts = connection.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'marts' order by 1"
        ).fetchall()
        return {
            name: sorted(map(repr, connection.execute(f'select * from marts."{name}"').fetchall()))
            for (name,) in marts
        }


def failure_messages(result: ExecuteInProcessResult) -> str:
    """The errors the run's events carry (a failed step, resource or run), causes included."""
    errors = (getattr(event.event_specific_data, "error", None) for event in result.all_events)
    return "\n".join(error.to_string() for error in errors if error is not None)


def deployment(state_dir: Path, serving_dir: Path) -> Deployment:
    """The hand-worked dataset at its as_of_date, into these folders."""
    return Deployment(
        raw_data_dir=str(RAW),
        state_dir=str(state_dir),
        serving_dir=str(serving_dir),
        as_of_date=AS_OF,
    )


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The daily job, run once on the hand-worked dataset into empty folders."""
    root = tmp_path_factory.mktemp("dagster")
    return run_daily_job(deployment(root / "state", root / "serving"))


def test_the_daily_job_builds_and_every_data_test_is_a_passing_asset_check(
    published: Run,
) -> None:
    result = published.result
    assert result.success, failure_messages(result)
    graph = published.definitions.resolve_asset_graph()
    evaluations = result.get_asset_check_evaluations()
    assert {evaluation.asset_check_key for evaluation in evaluations} == set(graph.asset_check_keys)
    assert len(evaluations) > 100  # the project's data tests, not a handful
    failed_errors = [
        evaluation.asset_check_key.to_user_string()
        for evaluation in evaluations
        if not evaluation.passed and evaluation.severity == AssetCheckSeverity.ERROR
    ]
    assert failed_errors == []
    materialized = {event.asset_key for event in result.get_asset_materialization_events()}
    assert SERVING_ASSET in materialized
    assert set(graph.materializable_asset_keys) <= materialized  # every model, seed, snapshot


def test_the_serving_file_holds_the_working_databases_marts(published: Run) -> None:
    assert published.result.success
    served = mart_rows(published.serving_db)
    working = mart_rows(published.deployment.work_db)
    assert "arr_bridge" in served and "fct_account_months" in served
    assert served == working
    parquet = Path(published.deployment.serving_dir) / "parquet" / "current"
    assert sorted(path.stem for path in parquet.glob("*.parquet")) == sorted(served)
    with duckdb.connect(str(published.serving_db), read_only=True) as connection:
        run_id, as_of_date, freshness = connection.execute(
            "select run_id, cast(as_of_date as varchar), freshness_status from main.publication"
        ).fetchone()
        checked_sources = connection.execute("select count(*) from main.source_freshness")
        assert checked_sources.fetchone()[0] > 0  # the script's freshness step ran first
    assert (run_id, as_of_date) == (published.result.run_id, AS_OF)
    assert freshness in ("pass", "warn")


def test_a_failing_data_test_is_a_failed_check_and_publishes_nothing(
    published: Run, tmp_path: Path
) -> None:
    """A shadow of the project with one more singular test, on `arr_bridge`, whose every
    row fails; its own state folder, the published run's serving folder."""
    project = tmp_path / "project"
    project.mkdir()
    for entry in PROJECT_DIR.iterdir():
        if entry.name not in SHADOWED:
            (project / entry.name).symlink_to(entry)
    (project / "tests").unlink()
    shutil.copytree(
        PROJECT_DIR / "tests", project / "tests", ignore=shutil.ignore_patterns("fixtures")
    )
    (project / "tests" / f"{FAILING_TEST}.sql").write_text(
        "select month_start from {{ ref('arr_bridge') }}\n", encoding="utf-8"
    )
    served_before = published.serving_db.read_bytes()
    serving_dir = Path(published.deployment.serving_dir)
    parquet_link = serving_dir / "parquet" / "current"
    link_before = os.readlink(parquet_link)
    failed = run_daily_job(deployment(tmp_path / "state", serving_dir), project)

    assert not failed.result.success
    checks = {
        evaluation.asset_check_key.name: evaluation
        for evaluation in failed.result.get_asset_check_evaluations()
        if evaluation.asset_key.path == ["marts", "arr_bridge"]
    }
    assert not checks[FAILING_TEST].passed
    assert checks[FAILING_TEST].severity == AssetCheckSeverity.ERROR
    assert all(check.passed for name, check in checks.items() if name != FAILING_TEST)
    materialized = {event.asset_key for event in failed.result.get_asset_materialization_events()}
    assert SERVING_ASSET not in materialized
    assert published.serving_db.read_bytes() == served_before
    assert os.readlink(parquet_link) == link_before
    # publishing alone afterwards (a click in the UI) does not serve the failed build either
    publish_only = failed.definitions.resolve_job_def(JOB_NAME).execute_in_process(
        asset_selection=[SERVING_ASSET], raise_on_error=False
    )
    assert not publish_only.success
    assert "no whole build that passed" in failure_messages(publish_only)
    assert published.serving_db.read_bytes() == served_before


def test_a_run_that_finds_the_lock_held_runs_nothing(published: Run, tmp_path: Path) -> None:
    """The state folder's lock is the script's: a scheduled_run.py run holding it (here,
    this process) keeps the Dagster run from starting, and the failure names the holder."""
    locked = deployment(tmp_path / "state", Path(published.deployment.serving_dir))
    served_before = published.serving_db.read_bytes()
    with scheduled_run.run_lock(locked.state / "run.lock", "cron-run-42"):
        blocked = run_daily_job(locked)
    assert not blocked.result.success
    assert "not run: run cron-run-42 (pid" in failure_messages(blocked.result)
    assert blocked.result.get_asset_materialization_events() == []
    assert not locked.work_db.exists()
    assert published.serving_db.read_bytes() == served_before


def test_stale_raw_data_stops_the_run_before_the_build(tmp_path: Path) -> None:
    """A year after the fixture's day, its usage events are stale at error level: the
    script's freshness step fails the run, nothing is built or published."""
    stale = Deployment(
        raw_data_dir=str(RAW),
        state_dir=str(tmp_path / "state"),
        serving_dir=str(tmp_path / "serving"),
        as_of_date="2026-06-15",
    )
    result = run_daily_job(stale).result
    assert not result.success
    reason = failure_messages(result)
    assert "not published: stale raw data: " in reason
    assert "usage.events newest row 2025-06-15T09:18:30+00:00, 365.61 days" in reason
    assert result.get_asset_materialization_events() == []
    assert not (tmp_path / "serving" / "cs_analytics.duckdb").exists()


def test_the_schedule_runs_the_daily_job_at_six_utc(published: Run) -> None:
    schedule = published.definitions.resolve_schedule_def(SCHEDULE_NAME)
    assert (schedule.cron_schedule, DAILY_CRON) == ("0 6 * * *", "0 6 * * *")
    assert schedule.execution_timezone == "UTC"
    assert schedule.job_name == JOB_NAME
    assert schedule.default_status == DefaultScheduleStatus.RUNNING


def test_the_deployment_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CS_RAW_DATA_DIR", "/landing")
    monkeypatch.setenv("CS_STATE_DIR", "/srv/cs/state")
    monkeypatch.setenv("CS_SERVING_DIR", "/srv/cs/serving")
    monkeypatch.setenv("CS_AS_OF_DATE", AS_OF)
    monkeypatch.setenv("CS_ALLOW_STALE", "1")
    assert Deployment.from_env() == Deployment(
        raw_data_dir="/landing",
        state_dir="/srv/cs/state",
        serving_dir="/srv/cs/serving",
        as_of_date=AS_OF,
        allow_stale=True,
    )
    names = ("CS_RAW_DATA_DIR", "CS_STATE_DIR", "CS_SERVING_DIR", "CS_AS_OF_DATE", "CS_ALLOW_STALE")
    for name in names:
        monkeypatch.delenv(name)
    defaults = Deployment.from_env()
    assert Path(defaults.raw_data_dir) == PROJECT_DIR / "data" / "raw"
    assert Path(defaults.state_dir) == PROJECT_DIR / factory.DAGSTER_TARGET / "state"
    assert defaults.as_of_date is None and not defaults.allow_stale
