"""Fill the report templates from the marts and write the pages.

Every number on a page is a cell of a mart, picked by its row (the as-of month, the
current quarter, a CSM's book) and formatted; the rows are filtered and ordered here, never
summed or divided.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import plotly
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from reports import charts, formatting
from reports.data import Marts, Row

TEMPLATES = Path(__file__).resolve().parent / "templates"
PLOTLY_JS = "assets/plotly.min.js"
DOCS_METRIC = "#!/metric/metric.cs_analytics.{name}"

EXPOSURES = {
    "leadership": "monthly_leadership_nrr_report",
    "weekly_staff_meeting": "weekly_cs_staff_meeting",
    "cockpit": "csm_daily_cockpit",
    "executive_review": "quarterly_executive_review",
}
CHANGE_LABELS = {
    "notice_given": "Cancellation notices given",
    "turned_red": "Customers turned red",
    "red_flag_raised": "Red flags raised",
    "survey_response": "Survey responses",
    "turnaround": "Turnarounds: out of the red tier",
    "expansion_won": "Expansions won",
    "onboarding_completed": "Onboardings completed",
    "praise_received": "Praise received",
}
KEY_CHANGES = ("notice_given", "turned_red", "red_flag_raised", "survey_response")
CELEBRATIONS = ("turnaround", "expansion_won", "onboarding_completed", "praise_received")


@dataclass(frozen=True)
class Tile:
    """A KPI tile: value, change, target status, one line of meaning, its docs page."""

    kpi: str
    label: str
    value: str
    period: str
    change: str
    year_ago: str
    target: str
    status: str | None
    meaning: str
    link: str


@dataclass(frozen=True)
class Page:
    """One page written: its path under the output directory and its title."""

    path: Path
    title: str


def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(
        money=formatting.money,
        pct=formatting.pct,
        points=formatting.points,
        number=formatting.number,
        month=formatting.short_month,
        date=formatting.long_date,
        quarter=quarter_label,
        words=lambda text: (text or "").replace("_", " "),
    )
    return environment


def _latest(rows: Sequence[Row], column: str) -> list[Row]:
    """The rows of the latest value of `column` (the as-of month, the current quarter)."""
    if not rows:
        return []
    latest = max(row[column] for row in rows)
    return [row for row in rows if row[column] == latest]


def _one(rows: Sequence[Row]) -> Row | None:
    return rows[0] if rows else None


def _docs_link(base: str, name: str) -> str:
    return base + DOCS_METRIC.format(name=name)


class Reports:
    """The marts, picked apart once, and the pages built from them."""

    def __init__(self, marts: Marts, out_dir: Path, docs_url: str | None) -> None:
        self.marts = marts
        self.out_dir = out_dir
        self.docs_url = docs_url
        self.env = _environment()
        self.catalogue = {row["kpi_name"]: row for row in marts.rows("kpi_catalogue")}
        self.quarter = _latest(marts.rows("executive_scorecard"), "quarter_start")
        self.scorecard = {row["kpi_name"]: row for row in self.quarter}
        self.nrr_month = _one(_latest(marts.rows("nrr_breakdown"), "month_start"))
        self.bridge_month = _one(_latest(marts.rows("arr_bridge"), "month_start"))
        self.books = [
            row
            for row in _latest(marts.rows("csm_portfolios"), "month_start")
            if row["csm_user_id"] is not None
        ]
        self.csm_names = {row["csm_user_id"]: row["full_name"] for row in marts.rows("dim_csms")}
        self.pages: list[Page] = []

    # ---- shared pieces

    def _docs_base(self, page_dir: Path) -> str:
        if self.docs_url is not None:
            return self.docs_url
        docs = Path(__file__).resolve().parents[2] / "target" / "static_index.html"
        return Path(os.path.relpath(docs, page_dir.resolve())).as_posix()

    def _context(self, page: Path, title: str, exposure: str) -> dict[str, Any]:
        page_dir = (self.out_dir / page).parent
        page_dir.mkdir(parents=True, exist_ok=True)
        prefix = Path(os.path.relpath(self.out_dir.resolve(), page_dir.resolve())).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        docs = self._docs_base(page_dir)
        quality = self.marts.rows("data_quality_summary")
        return {
            "title": title,
            "exposure": exposure,
            "exposure_link": f"{docs}#!/exposure/exposure.cs_analytics.{exposure}",
            "docs": docs,
            "plotly_js": prefix + PLOTLY_JS,
            "home": prefix,
            "as_of_date": self.marts.as_of_date,
            "publication": self.marts.publication,
            "file_modified": self.marts.file_modified,
            "database": self.marts.database.name,
            "quality_issues": [row for row in quality if row["affected_rows"]],
            "quality_checks": quality,
            "quarter_start": self.quarter[0]["quarter_start"] if self.quarter else None,
            "quarter_to_date": bool(self.quarter and self.quarter[0]["is_quarter_to_date"]),
            "csm_names": self.csm_names,
            # each KPI's line of meaning: the first sentence of its docs block
            "meaning": {
                name: formatting.first_sentence(row["definition"])
                for name, row in self.catalogue.items()
            },
            "nav": [
                ("leadership.html", "Leadership NRR report", EXPOSURES["leadership"]),
                (
                    "weekly_staff_meeting.html",
                    "Weekly staff meeting",
                    EXPOSURES["weekly_staff_meeting"],
                ),
                ("cockpit/index.html", "CSM cockpit", EXPOSURES["cockpit"]),
                ("executive_review.html", "Executive review", EXPOSURES["executive_review"]),
            ],
        }

    def tiles(self, exposure: str, docs: str, only: Sequence[str] | None = None) -> list[Tile]:
        """A tile for each KPI of the exposure that the scorecard holds this quarter."""
        names = only or [
            name
            for name, row in self.catalogue.items()
            if exposure in (row["exposures"] or "").split(", ")
        ]
        tiles = [self._tile(name, docs) for name in names if name in self.scorecard]
        # the KPIs with a target first, off target before on target
        order = {"off_target": 0, "on_target": 1, None: 2}
        return sorted(tiles, key=lambda tile: order[tile.status])

    def _tile(self, name: str, docs: str) -> Tile:
        row = self.scorecard[name]
        unit = formatting.unit_of(name)
        kpi = self.catalogue.get(name, {})
        quarter = quarter_label(row["quarter_start"])
        return Tile(
            kpi=name,
            label=kpi.get("label") or name,
            value=formatting.kpi_value(row["value"], unit),
            period=quarter + (" to date" if row["is_quarter_to_date"] else ""),
            change=formatting.kpi_change(row["change_vs_year_ago"], unit),
            year_ago=formatting.kpi_value(row["value_year_ago"], unit),
            target=formatting.kpi_value(row["target"], unit) if row["target"] is not None else "",
            status=row["target_status"],
            meaning=formatting.first_sentence(kpi.get("definition")),
            link=_docs_link(docs, name),
        )

    def definitions(self, exposure: str, docs: str) -> list[dict[str, str]]:
        """The exposure's KPIs with their definition and docs link: the appendix."""
        return [
            {
                "kpi": name,
                "label": row["label"] or name,
                "definition": (row["definition"] or "").replace("`", ""),
                "focus_area": row["focus_area"] or "",
                "cadence": row["review_cadence"] or "",
                "link": _docs_link(docs, name),
            }
            for name, row in self.catalogue.items()
            if exposure in (row["exposures"] or "").split(", ")
        ]

    def _write(self, page: Path, template: str, context: dict[str, Any]) -> None:
        html = self.env.get_template(template).render(**context)
        (self.out_dir / page).write_text(html, encoding="utf-8")
        self.pages.append(Page(page, context["title"]))

    def _team(self) -> dict[str, Any]:
        at_risk = self.scorecard.get("at_risk_customer_share")
        return {
            "nrr": self.nrr_month["nrr"] if self.nrr_month else None,
            "grr": self.nrr_month["grr"] if self.nrr_month else None,
            "at_risk_customer_share": at_risk["value"] if at_risk else None,
        }

    def _at_risk_accounts(self) -> list[Row]:
        attention = self.marts.rows("csm_attention_list")
        red = [row for row in attention if row["health_tier"] == "red"]
        return sorted(red, key=lambda row: (-(row["arr"] or 0), row["account_name"] or ""))

    # ---- the four reports

    def leadership(self) -> None:
        page = Path("leadership.html")
        exposure = EXPOSURES["leadership"]
        context = self._context(page, "Monthly leadership NRR report", exposure)
        marts = self.marts
        nrr_target = self.scorecard.get("nrr")
        forecast = marts.rows("arr_forecast")
        health_now = _latest(marts.rows("health_distribution"), "month_start")
        context.update(
            nrr=self.nrr_month,
            nrr_target=nrr_target,
            bridge=self.bridge_month,
            at_risk_accounts=self._at_risk_accounts(),
            health_now=health_now,
            tiles=self.tiles(exposure, context["docs"]),
            definitions=self.definitions(exposure, context["docs"]),
            backtest=marts.rows("arr_forecast_backtest")[-6:],
            forecast_end=forecast[-1] if forecast else None,
            charts={
                "bridge": charts.arr_bridge_waterfall(self.bridge_month),
                "retention": charts.retention_trend(
                    marts.rows("nrr_breakdown"), marts.rows("executive_scorecard")
                ),
                "health": charts.health_over_time(marts.rows("health_distribution")),
                "churn": charts.churn_drivers(marts.rows("churn_drivers")),
                "forecast": charts.forecast_bridge(forecast[-1] if forecast else None),
                "pipeline": charts.pipeline_by_stage(marts.rows("expansion_pipeline")),
            },
        )
        self._write(page, "leadership.html", context)

    def weekly_staff_meeting(self) -> None:
        page = Path("weekly_staff_meeting.html")
        exposure = EXPOSURES["weekly_staff_meeting"]
        context = self._context(page, "Weekly CS staff meeting", exposure)
        changes = self.marts.rows("weekly_changes")
        window = _one(changes) or _one(self.marts.rows("csm_weekly_priorities"))
        grouped = {
            kind: [row for row in changes if row["change_type"] == kind]
            for kind in (*KEY_CHANGES, *CELEBRATIONS)
        }
        priorities = self.marts.rows("csm_weekly_priorities")
        context.update(
            window=window,
            tiles=self.tiles(exposure, context["docs"]),
            definitions=self.definitions(exposure, context["docs"]),
            books=self.books,
            key_changes=[(CHANGE_LABELS[kind], grouped[kind]) for kind in KEY_CHANGES],
            celebrations=[(CHANGE_LABELS[kind], grouped[kind]) for kind in CELEBRATIONS],
            priorities=[
                (csm, [row for row in priorities if row["csm_user_id"] == csm])
                for csm in dict.fromkeys(row["csm_user_id"] for row in priorities)
            ],
            csat=self.marts.rows("weekly_csat"),
            onboarding=self.marts.rows("onboarding_monthly")[-3:],
            charts={
                "health": charts.health_over_time(self.marts.rows("health_distribution"), months=6),
                "books": charts.books_beside_team(self.books, self._team()["nrr"]),
            },
        )
        self._write(page, "weekly_staff_meeting.html", context)

    def cockpit(self) -> None:
        exposure = EXPOSURES["cockpit"]
        attention = self.marts.rows("csm_attention_list")
        flags = self.marts.rows("account_red_flags")
        actions = self.marts.rows("csm_open_actions")
        pipeline = self.marts.rows("expansion_pipeline")
        csms = list(
            dict.fromkeys(
                [row["csm_user_id"] for row in self.books]
                + [row["csm_user_id"] for row in attention if row["csm_user_id"] is not None]
            )
        )
        pages = {csm: f"{_slug(csm)}.html" for csm in csms}
        team = self._team()
        index = Path("cockpit/index.html")
        context = self._context(index, "CSM cockpit", exposure)
        context.update(
            books=self.books,
            pages=pages,
            team=team,
            unassigned=[row for row in attention if row["csm_user_id"] is None],
            tiles=self.tiles(exposure, context["docs"]),
            charts={
                "books": charts.books_beside_team(self.books, team["nrr"]),
                "pipeline": charts.pipeline_by_stage(pipeline),
            },
        )
        self._write(index, "cockpit_index.html", context)
        books = {row["csm_user_id"]: row for row in self.books}
        for csm, file_name in pages.items():
            name = self.csm_names.get(csm) or csm
            page = Path("cockpit") / file_name
            context = self._context(page, f"CSM cockpit: {name}", exposure)
            book = books.get(csm)
            context.update(
                csm=csm,
                name=name,
                book=book,
                team=team,
                attention=[row for row in attention if row["csm_user_id"] == csm],
                flags=[row for row in flags if row["csm_user_id"] == csm],
                actions=[row for row in actions if row["csm_user_id"] == csm],
                deals=[row for row in pipeline if row["csm_user_id"] == csm],
                charts={
                    "book": charts.book_beside_team(book, team, name),
                    "pipeline": charts.pipeline_by_stage(
                        [row for row in pipeline if row["csm_user_id"] == csm], "my-pipeline"
                    ),
                },
            )
            self._write(page, "cockpit_csm.html", context)

    def executive_review(self) -> None:
        page = Path("executive_review.html")
        exposure = EXPOSURES["executive_review"]
        context = self._context(page, "Quarterly executive review", exposure)
        marts = self.marts
        forecast = marts.rows("arr_forecast")
        breakdowns = [row for row in self.quarter if row["breakdown_value"] is not None]
        backtest = _latest(marts.rows("health_score_backtest"), "month_start")
        context.update(
            tiles=self.tiles(exposure, context["docs"]),
            scorecard=[row for row in self.quarter if row["breakdown_value"] is None],
            breakdowns=breakdowns,
            catalogue=self.catalogue,
            unit_of=formatting.unit_of,
            kpi_value=formatting.kpi_value,
            kpi_change=formatting.kpi_change,
            books=self.books,
            health_backtest=backtest,
            definitions=self.definitions(exposure, context["docs"]),
            charts={
                "backtest": charts.health_backtest(backtest),
                "retention": charts.retention_trend(
                    marts.rows("nrr_breakdown"), marts.rows("executive_scorecard")
                ),
                "bridge": charts.arr_bridge_waterfall(self.bridge_month),
                "cohorts": charts.cohort_heatmap(marts.rows("cohort_retention")),
                "churn": charts.churn_drivers(marts.rows("churn_drivers")),
                "forecast": charts.forecast_bridge(forecast[-1] if forecast else None),
                "books": charts.books_beside_team(self.books, self._team()["nrr"]),
            },
        )
        self._write(page, "executive_review.html", context)


def quarter_label(quarter_start: dt.date | None) -> str:
    """2025-04-01 → Q2 2025 (the calendar quarter's name)."""
    if quarter_start is None:
        return formatting.DASH
    return f"Q{(quarter_start.month - 1) // 3 + 1} {quarter_start.year}"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "unassigned"


def write_plotly_js(out_dir: Path) -> Path:
    """plotly.js, once, beside the pages (no network needed to view them)."""
    target = out_dir / PLOTLY_JS
    target.parent.mkdir(parents=True, exist_ok=True)
    source = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    target.write_bytes(source.read_bytes())
    return target


def render_all(marts: Marts, out_dir: Path, docs_url: str | None) -> list[Page]:
    """Write every report's HTML under out_dir; the pages written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    write_plotly_js(out_dir)
    reports = Reports(marts, out_dir, docs_url)
    reports.leadership()
    reports.weekly_staff_meeting()
    reports.cockpit()
    reports.executive_review()
    return reports.pages
