"""Build the Dagster definitions of the cs_analytics dbt project: build, audit, publish.

The same run as `scripts/scheduled_run.py`, whose lock and publish step it imports:

- the resource `deployment` says where the run reads (raw files), works (the state folder:
  lock, working database, dbt's logs) and publishes (the serving folder), and holds the
  state folder's lock (`run.lock`, the script's) for the whole run: a run started while
  another one, of Dagster or of the script, holds it fails at once, naming the holder;
- the multi-asset `cs_analytics_dbt` (dagster-dbt, `@dbt_assets` over the manifest): the
  script's `dbt source freshness` first (stale raw data, at error level, stops the run
  unless allow_stale), then one `dbt build` (models, seeds, snapshots and data tests; unit
  tests belong to CI) into the script's working database `<state>/cs_analytics.duckdb`
  (CS_DUCKDB_PATH, see profiles.yml); every model,
  seed and snapshot is an asset, every data test of one node an asset check on it
  (blocking when its severity is error);
- the asset `cs_analytics_serving`, downstream of every mart: the schema `marts` of the
  working database published to the serving folder (`scheduled_run.publish`). Dagster runs
  it only when the build step succeeded, i.e. when no model failed and no test with
  severity error failed (warnings pass), so a failed build publishes nothing and readers
  keep the last good state; materialised alone, it publishes only a working database whose
  last build was whole and passed (`<state>/dagster_built.json`);
- the job `cs_analytics_daily` (both steps in one process, so the lock spans them) and its
  schedule, daily at 06:00 UTC.
"""

# No `from __future__ import annotations` here: Dagster reads the `context` annotations.
import fcntl
import importlib.util
import json
import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any, Self

from dagster import (
    AssetExecutionContext,
    AssetKey,
    ConfigurableResource,
    DefaultScheduleStatus,
    Definitions,
    Failure,
    InitResourceContext,
    MaterializeResult,
    MetadataValue,
    ScheduleDefinition,
    asset,
    define_asset_job,
    in_process_executor,
)
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    DbtProject,
    dbt_assets,
    get_asset_key_for_model,
)

PROJECT_DIR = Path(__file__).resolve().parents[2]
# dbt's artefacts for Dagster (manifest, partial parse), apart from the other builds' target/
DAGSTER_TARGET = Path("target") / "dagster"
JOB_NAME = "cs_analytics_daily"
SCHEDULE_NAME = "cs_analytics_daily_schedule"
DAILY_CRON = "0 6 * * *"  # every day at 06:00 ...
SCHEDULE_TIMEZONE = "UTC"  # ... UTC
SERVING_ASSET = AssetKey("cs_analytics_serving")
# The dbt of the interpreter's own environment (.venv-dagster/bin/dbt), whatever the PATH says.
_VENV_DBT = Path(sys.executable).with_name("dbt")
DBT_EXECUTABLE = str(_VENV_DBT) if _VENV_DBT.exists() else "dbt"
# Files whose change makes the manifest stale, under these folders of the project.
_PARSED_FOLDERS = ("models", "macros", "seeds", "snapshots", "tests", "analyses")
_PARSED_SUFFIXES = {".sql", ".yml", ".yaml", ".md", ".csv"}


def _load_scheduled_run() -> ModuleType:
    """scripts/scheduled_run.py as a module: its lock and publish step, reused as they are."""
    path = PROJECT_DIR / "scripts" / "scheduled_run.py"
    spec = importlib.util.spec_from_file_location("scheduled_run", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scheduled_run = _load_scheduled_run()
scheduled_run.DBT = Path(DBT_EXECUTABLE)  # its dbt commands with this environment's dbt


class Deployment(ConfigurableResource):  # type: ignore[misc]
    """Where a run reads, works and publishes; holds the state folder's lock during the run."""

    raw_data_dir: str
    state_dir: str
    serving_dir: str
    as_of_date: str | None = None
    allow_stale: bool = False

    @classmethod
    def from_env(cls, project_dir: Path = PROJECT_DIR) -> Self:
        """CS_RAW_DATA_DIR (default: the demo's data/raw), CS_STATE_DIR (default:
        target/dagster/state), CS_SERVING_DIR (default: target/dagster/serving) and
        CS_AS_OF_DATE (YYYY-MM-DD; default: the run's day, UTC) and CS_ALLOW_STALE (1:
        publish even when a raw table is stale at error level)."""
        dagster_dir = project_dir / DAGSTER_TARGET
        return cls(
            raw_data_dir=os.environ.get("CS_RAW_DATA_DIR", str(project_dir / "data" / "raw")),
            state_dir=os.environ.get("CS_STATE_DIR", str(dagster_dir / "state")),
            serving_dir=os.environ.get("CS_SERVING_DIR", str(dagster_dir / "serving")),
            as_of_date=os.environ.get("CS_AS_OF_DATE") or None,
            allow_stale=os.environ.get("CS_ALLOW_STALE", "") in ("1", "true", "yes"),
        )

    @property
    def state(self) -> Path:
        return Path(self.state_dir).resolve()

    @property
    def work_db(self) -> Path:
        return self.state / scheduled_run.SERVING_DB  # the script's working database

    @property
    def built_marker(self) -> Path:
        """The whole build of the working database that passed: its run, as_of_date, source
        freshness, and the database's mtime then. Removed when a build starts, so publishing
        alone never serves a failed, killed or partial build (nor a script run's)."""
        return self.state / "dagster_built.json"

    def mark_built(self, build: dict[str, Any]) -> None:
        mtime = self.work_db.stat().st_mtime_ns
        self.built_marker.write_text(json.dumps(build | {"mtime_ns": mtime}), "utf-8")

    def last_build(self) -> dict[str, Any] | None:
        """The marker's build if the working database is still the one it describes."""
        if not (self.built_marker.exists() and self.work_db.exists()):
            return None
        build: dict[str, Any] = json.loads(self.built_marker.read_text(encoding="utf-8"))
        return build if build["mtime_ns"] == self.work_db.stat().st_mtime_ns else None

    def run_as_of_date(self) -> str:
        return self.as_of_date or datetime.now(UTC).date().isoformat()

    def dbt_vars(self, as_of_date: str) -> str:
        return json.dumps(
            {"raw_data_dir": str(Path(self.raw_data_dir).resolve()), "as_of_date": as_of_date}
        )

    @contextmanager
    def yield_for_execution(self, context: InitResourceContext) -> Iterator[Self]:
        lock = self.state / "run.lock"
        with ExitStack() as stack:
            try:
                stack.enter_context(scheduled_run.run_lock(lock, f"dagster {context.run.run_id}"))
            except scheduled_run.LockBusyError as holder:
                raise Failure(f"not run: {holder} holds {lock}") from None
            yield self


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Set environment variables for the block (dagster-dbt passes the process's to dbt)."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _manifest_is_stale(project: DbtProject) -> bool:
    if not project.manifest_path.exists():
        return True
    parsed_at = project.manifest_path.stat().st_mtime
    sources = [project.project_dir / "dbt_project.yml", project.project_dir / "profiles.yml"]
    for folder in _PARSED_FOLDERS:
        sources += (project.project_dir / folder).rglob("*")
    return any(
        path.suffix in _PARSED_SUFFIXES and path.is_file() and path.stat().st_mtime > parsed_at
        for path in sources
    )


def prepare_manifest(project: DbtProject) -> None:
    """`dbt parse` into target/dagster/ when the manifest is missing or older than a project
    file (so the assets always match the project); one process parses at a time."""
    if not _manifest_is_stale(project):
        return
    target = project.project_dir / project.target_path
    target.mkdir(parents=True, exist_ok=True)
    with (target / ".parse.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if _manifest_is_stale(project):
            dbt = DbtCliResource(project_dir=project, dbt_executable=DBT_EXECUTABLE)
            dbt.cli(["parse", "--quiet"], target_path=project.target_path).wait()


def _mart_names(manifest_path: Path) -> list[str]:
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    return sorted(
        node["name"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["fqn"][1] == "marts"
    )


def build_definitions(deployment: Deployment, project_dir: Path = PROJECT_DIR) -> Definitions:
    """The definitions for the dbt project in `project_dir`, run against `deployment`."""
    project = DbtProject(project_dir=project_dir, target_path=DAGSTER_TARGET)
    prepare_manifest(project)
    translator = DagsterDbtTranslator(
        settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)
    )

    @dbt_assets(
        manifest=project.manifest_path,
        project=project,
        name="cs_analytics_dbt",
        dagster_dbt_translator=translator,
    )
    def cs_analytics_dbt(
        context: AssetExecutionContext, dbt: DbtCliResource, deployment: Deployment
    ) -> Iterator[Any]:
        """Source freshness, then dbt build into the working database; fails (so nothing is
        published) on stale raw data or an error."""
        run_id = context.run.run_id
        log_dir = deployment.state / "runs" / run_id
        log_dir.mkdir(parents=True, exist_ok=True)
        deployment.built_marker.unlink(missing_ok=True)
        whole = not context.is_subset  # every model, seed, snapshot and test
        as_of_date = deployment.run_as_of_date()  # one day for the whole run
        dbt_vars = deployment.dbt_vars(as_of_date)
        freshness, reason = scheduled_run.source_freshness(
            project.project_dir, deployment.work_db, log_dir, dbt_vars
        )
        if reason:
            raise Failure(f"not published: freshness not run: {reason}")
        for status in ("error", "warn"):
            if stale := scheduled_run.stale_summary(freshness, status):
                context.log.warning(f"freshness {status}: {stale}")
        if scheduled_run.worst_status(freshness) == "error" and not deployment.allow_stale:
            stale = scheduled_run.stale_summary(freshness, "error")
            raise Failure(f"not published: stale raw data: {stale}")
        with _environment(CS_DUCKDB_PATH=str(deployment.work_db)):
            invocation = dbt.cli(
                ["build", "--exclude-resource-type", "unit_test", "--vars", dbt_vars],
                context=context,
                target_path=log_dir / "build",
            )
            yield from invocation.stream()  # raises, after the events, when dbt failed
        if whole:
            deployment.mark_built(
                {"run_id": run_id, "as_of_date": as_of_date, "freshness": freshness}
            )

    marts = [
        get_asset_key_for_model([cs_analytics_dbt], name)
        for name in _mart_names(project.manifest_path)
    ]

    @asset(
        key=SERVING_ASSET,
        deps=marts,
        group_name="serving",
        description=(
            "The schema `marts` of the working database, published for BI tools: "
            "`<serving>/cs_analytics.duckdb` (renamed over the old one) and "
            "`<serving>/parquet/current/<mart>.parquet` (a link swapped in one rename). "
            "Runs only after a whole build in which nothing failed."
        ),
    )
    def cs_analytics_serving(
        context: AssetExecutionContext, deployment: Deployment
    ) -> MaterializeResult:
        build = deployment.last_build()
        if build is None:
            raise Failure(
                "not published: the working database holds no whole build that passed (the "
                "last build failed, was cut short or built a subset); run the whole job"
            )
        serving = Path(deployment.serving_dir).resolve()
        published = scheduled_run.publish(
            deployment.work_db, serving, context.run.run_id, build["as_of_date"], build["freshness"]
        )
        context.log.info(f"published {len(published)} marts to {serving}")
        return MaterializeResult(
            metadata={
                "marts": MetadataValue.json(published),
                "mart_count": len(published),
                "serving_db": MetadataValue.path(str(serving / scheduled_run.SERVING_DB)),
                "parquet": MetadataValue.path(str(serving / "parquet" / "current")),
                "as_of_date": build["as_of_date"],
                "built_by_run": build["run_id"],
                "freshness": scheduled_run.worst_status(build["freshness"]),
            }
        )

    daily = define_asset_job(
        JOB_NAME,
        selection=[cs_analytics_dbt, cs_analytics_serving],
        executor_def=in_process_executor,  # one process: the deployment's lock spans both steps
        description="dbt build into the working database, audit, publish (cs_analytics_serving).",
    )
    schedule = ScheduleDefinition(
        name=SCHEDULE_NAME,
        job=daily,
        cron_schedule=DAILY_CRON,
        execution_timezone=SCHEDULE_TIMEZONE,
        default_status=DefaultScheduleStatus.RUNNING,
    )
    return Definitions(
        assets=[cs_analytics_dbt, cs_analytics_serving],
        jobs=[daily],
        schedules=[schedule],
        executor=in_process_executor,  # any run, a job's or the UI's, holds the lock throughout
        resources={
            "dbt": DbtCliResource(project_dir=project, dbt_executable=DBT_EXECUTABLE),
            "deployment": deployment,
        },
    )
