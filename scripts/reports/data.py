"""Read the marts a report needs, read-only, in one short-lived connection.

The connection is opened read-only and closed as soon as the rows are fetched, so a
scheduled build publishing a new serving file is never locked out. Every query selects,
filters, joins and orders mart rows; none aggregates them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

Row = dict[str, Any]

# name -> select over the schema `marts` (ordered for the reports' tables and charts)
QUERIES: dict[str, str] = {
    "kpi_catalogue": "select * from marts.kpi_catalogue order by kpi_name",
    "executive_scorecard": "select * from marts.executive_scorecard order by quarter_start, kpi_name",
    "nrr_breakdown": "select * from marts.nrr_breakdown order by month_start",
    "arr_bridge": "select * from marts.arr_bridge order by month_start",
    "health_distribution": (
        "select * from marts.health_distribution order by month_start, tier_order"
    ),
    "churn_drivers": "select * from marts.churn_drivers order by month_start, churn_reason",
    "cohort_retention": (
        "select * from marts.cohort_retention order by cohort_month, months_since_start"
    ),
    "arr_forecast": "select * from marts.arr_forecast order by month_end",
    "arr_forecast_backtest": "select * from marts.arr_forecast_backtest order by forecast_date",
    "expansion_pipeline": (
        "select pipeline.*, accounts.account_name, calibration.stage_order "
        "from marts.expansion_pipeline as pipeline "
        "left join marts.dim_accounts as accounts on pipeline.account_id = accounts.account_id "
        "left join marts.expansion_stage_calibration as calibration "
        "on pipeline.stage = calibration.stage "
        "order by calibration.stage_order, pipeline.expected_close_date, pipeline.opportunity_id"
    ),
    "csm_portfolios": "select * from marts.csm_portfolios order by month_start, csm_name",
    "dim_csms": "select * from marts.dim_csms order by full_name",
    "csm_attention_list": (
        "select * from marts.csm_attention_list order by csm_user_id nulls last, priority_rank"
    ),
    "account_red_flags": (
        "select * from marts.account_red_flags "
        "order by csm_user_id, severity, first_raised_date desc, account_name, flag"
    ),
    "csm_open_actions": (
        "select actions.*, accounts.account_name from marts.csm_open_actions as actions "
        "left join marts.dim_accounts as accounts on actions.account_id = accounts.account_id "
        "order by actions.csm_user_id, actions.action_rank"
    ),
    "csm_weekly_priorities": (
        "select * from marts.csm_weekly_priorities order by csm_user_id, priority"
    ),
    "weekly_changes": (
        "select * from marts.weekly_changes order by change_type, event_date desc, account_name"
    ),
    "weekly_csat": "select * from marts.weekly_csat order by interaction_type = 'all' desc, 1",
    "health_score_backtest": (
        "select * from marts.health_score_backtest order by month_start, tier_order"
    ),
    "onboarding_monthly": "select * from marts.onboarding_monthly order by month_start",
    "data_quality_summary": (
        "select * from marts.data_quality_summary order by affected_rows desc, table_name, reason"
    ),
}


@dataclass(frozen=True)
class Publication:
    """What the serving file says about the run that published it (main.publication)."""

    run_id: str | None
    as_of_date: dt.date | None
    published_at: dt.datetime | None


@dataclass(frozen=True)
class Marts:
    """The rows of every mart the reports read, and where they came from."""

    database: Path
    as_of_date: dt.date | None
    publication: Publication | None
    file_modified: dt.datetime
    tables: dict[str, list[Row]] = field(default_factory=dict)

    def rows(self, name: str) -> list[Row]:
        return self.tables[name]


def _fetch(connection: duckdb.DuckDBPyConnection, sql: str) -> list[Row]:
    relation = connection.sql(sql)
    names = [column[0] for column in relation.description]
    return [dict(zip(names, row, strict=True)) for row in relation.fetchall()]


def _publication(connection: duckdb.DuckDBPyConnection) -> Publication | None:
    has_table = connection.execute(
        "select count(*) from information_schema.tables "
        "where table_schema = 'main' and table_name = 'publication'"
    ).fetchone()
    if not has_table or not has_table[0]:
        return None
    rows = _fetch(connection, "select * from main.publication")
    if not rows:
        return None
    return Publication(
        rows[0].get("run_id"), rows[0].get("as_of_date"), rows[0].get("published_at")
    )


def load(database: Path) -> Marts:
    """Every table of QUERIES from `database`, opened read-only and closed at once."""
    if not database.is_file():
        raise FileNotFoundError(
            f"no DuckDB file at {database}: publish the marts first (scripts/scheduled_run.py, "
            "which `make demo` runs) or name a database with schema marts (make reports REPORTS_DB=...)"
        )
    with duckdb.connect(str(database), read_only=True) as connection:
        tables = {name: _fetch(connection, sql) for name, sql in QUERIES.items()}
        publication = _publication(connection)
        as_of = connection.sql(
            "select max(as_of_date) from ("
            "select as_of_date from marts.arr_forecast union all "
            "select as_of_date from marts.csm_attention_list)"
        ).fetchone()
    as_of_date = (publication.as_of_date if publication else None) or (as_of[0] if as_of else None)
    modified = dt.datetime.fromtimestamp(database.stat().st_mtime, tz=dt.UTC)
    return Marts(database, as_of_date, publication, modified, tables)


def as_float(value: Any) -> float | None:
    """A mart value for a chart axis (Decimal to float; null stays None)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    return float(value)
