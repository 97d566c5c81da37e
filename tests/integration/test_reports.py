"""The four reports in a real browser, on the hand-worked dataset.

scripts/build_reports.py renders every report once from the hand-worked build's database
(module fixture; the project is not built again), then each page is opened in headless
Chromium (browser.py; two at a time), its screenshot kept in
target/test-artifacts/reports/. Checked:

- every page, and its PDF, is written; each PDF has the pages its sections make;
- no script error and no resource that failed to load (the pages write them on
  `<html data-js-errors>`), and every plotly chart has drawn its data: the chart marked
  drawn by plotly's promise, one SVG trace per trace of its figure, and marks (bars,
  points, lines, heatmap image) in it; on this dataset no chart is empty;
- the numbers printed are the marts' values of the hand-worked dataset
  (tests/fixtures/handmade/expected/*.csv, or the mart where the expected file lacks the
  column): the leadership report's NRR, GRR and ARR of the month, its at-risk accounts
  with their next step, the scorecard of the executive review and its KPI tiles, each
  CSM's book and attention list with its next steps, and the week's changes;
- the as-of date and the data-quality state are on every page, and the KPI tiles link to
  their docs pages.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest

from browser import RenderedPage, render, visible_text
from conftest import EXPECTED_DIR, PROJECT_DIR, Build

SCRIPT = PROJECT_DIR / "scripts" / "build_reports.py"
ARTIFACTS = PROJECT_DIR / "target" / "test-artifacts" / "reports"
DOCS_URL = "https://docs.example.com/static_index.html"
CSMS = ("U002", "U003")
PAGES = (
    "leadership.html",
    "weekly_staff_meeting.html",
    "cockpit/index.html",
    *(f"cockpit/{csm}.html" for csm in CSMS),
    "executive_review.html",
)
# A4 landscape pages of each PDF on this dataset. Every section starts a page, so the
# sections are the floor: the weekly meeting and the cockpit fit one page per section; the
# leadership report's KPI tiles and definitions, and the review's scorecard, run onto more.
PDF_PAGES = {
    "leadership.pdf": 8,
    "weekly_staff_meeting.pdf": 7,
    "cockpit/index.pdf": 3,
    "cockpit/U002.pdf": 4,
    "cockpit/U003.pdf": 4,
    "executive_review.pdf": 12,
}


def expected(mart: str) -> list[dict[str, str]]:
    with (EXPECTED_DIR / f"{mart}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def reports(handmade_build: Build, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    completed = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--database",
            str(handmade_build.db_path),
            "--out",
            str(out),
            "--docs-url",
            DOCS_URL,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert str(out) in completed.stdout and "as of 2025-06-15" in completed.stdout
    return out


@pytest.fixture(scope="module")
def pages(reports: Path) -> dict[str, RenderedPage]:
    """Every page rendered in Chromium, two at a time; screenshots kept as artefacts."""

    def open_page(page: str) -> RenderedPage:
        shot = ARTIFACTS / (page.replace("/", "_").removesuffix(".html") + ".png")
        return render((reports / page).as_uri(), shot, window=(1400, 2400))

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(PAGES, pool.map(open_page, PAGES), strict=True))


def element_text(dom: str, attribute: str, value: str) -> str:
    """The visible text of the first element with attribute="value" (its whole subtree)."""
    match = re.search(rf'<(\w+)[^>]*\b{attribute}="{re.escape(value)}"', dom)
    assert match, f'no element with {attribute}="{value}"'
    tag, depth, position = match.group(1), 0, match.start()
    for tag_match in re.finditer(rf"<(/?){tag}\b[^>]*>", dom[position:]):
        depth += -1 if tag_match.group(1) else 1
        if depth == 0:
            return visible_text(dom[position : position + tag_match.end()])
    return visible_text(dom[position:])


def field(dom: str, attribute: str, value: str, name: str) -> str:
    """The text of `[data-field=name]` inside the element with attribute="value"."""
    match = re.search(rf'\b{attribute}="{re.escape(value)}"', dom)
    assert match, f'no element with {attribute}="{value}"'
    inner = re.search(rf'data-field="{name}"[^>]*>([^<]*)<', dom[match.start() :])
    assert inner, f'no data-field="{name}" in {attribute}="{value}"'
    return inner.group(1).strip()


def printed(text: str) -> Decimal | None:
    """A number as the page prints it: $13,335 / −3.5 pts / 88.1% / 25.0 / – (none).
    Percentages and points come back as fractions."""
    text = text.strip()
    if text in {"–", ""}:
        return None
    scale = Decimal("0.01") if text.endswith(("%", "pts")) else Decimal(1)
    digits = re.sub(r"[^0-9.]", "", text)
    sign = -1 if text.startswith(("−", "-")) else 1
    return sign * Decimal(digits) * scale


def assert_shows(text: str, value: str | float | Decimal | None, what: str) -> None:
    """The printed `text` is the mart's `value`, to the digits printed."""
    shown = printed(text)
    if value in (None, ""):
        assert shown is None, f"{what}: printed {text!r} where the mart has no value"
        return
    assert shown is not None, f"{what}: printed {text!r}, the mart has {value}"
    decimals = text.split(".")[1] if "." in text else ""
    places = len(re.sub(r"\D", "", decimals)) + (2 if text.endswith(("%", "pts")) else 0)
    tolerance = Decimal(1).scaleb(-places) / 2 + Decimal("1e-9")
    assert abs(shown - Decimal(str(value))) <= tolerance, f"{what}: printed {text!r}, mart {value}"


_BAR = re.compile(r"M([\d.e-]+),([\d.e-]+)V([\d.e-]+)H([\d.e-]+)V")


def _has_extent(path: str) -> bool:
    """An SVG path plotly drew that covers some area or length (a zero-height bar of a
    null value is `M x,y V y H x2 V y Z`)."""
    bar = _BAR.match(path)
    if bar:
        x1, y1, y2, x2 = (float(value) for value in bar.groups())
        return y1 != y2 and x1 != x2
    return bool(path) and path not in {"M0,0Z", "M0,0"}


def traces_drawn(chart_dom: str) -> list[bool]:
    """For each SVG trace of a plotly chart (its plot layer, legend left out): whether it
    drew a mark (a bar, a marker, a line of two points or more, a heatmap image)."""
    plot = chart_dom.split('class="infolayer"', 1)[0]
    starts = [match.start() for match in re.finditer(r'<g class="(?:trace [a-z]|hm)', plot)]
    drawn = []
    for start, end in zip(starts, [*starts[1:], len(plot)], strict=True):
        trace = plot[start:end]
        paths = re.findall(r'class="point"[^>]*>\s*<path[^>]*?\bd="([^"]*)"', trace)
        paths += re.findall(r'<path class="point"[^>]*?\bd="([^"]*)"', trace)
        lines = re.findall(r'class="js-line"[^>]*?\bd="([^"]*)"', trace)
        lines += re.findall(r'\bd="([^"]*)"[^>]*class="js-line"', trace)
        drawn.append(
            "<image" in trace
            or any(_has_extent(path) for path in paths)
            or any(re.search(r"[LHV]", line) for line in lines)
        )
    return drawn


# ---- every report is written, as HTML and PDF


def test_every_report_is_written_with_its_pdf(reports: Path) -> None:
    assert (reports / "assets" / "plotly.min.js").stat().st_size > 1_000_000
    for page in PAGES:
        html = (reports / page).read_text(encoding="utf-8")
        # plotly.js is referenced relatively, never fetched from the network
        assert re.search(r'<script src="(\.\./)?assets/plotly\.min\.js">', html), page
        assert "https://cdn" not in html, page
    for pdf, pages_expected in PDF_PAGES.items():
        content = (reports / pdf).read_bytes()
        assert content.startswith(b"%PDF"), pdf
        pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", content))
        html = (reports / pdf).with_suffix(".html").read_text(encoding="utf-8")
        assert pages >= html.count('<section class="slide'), f"{pdf}: a section shares a page"
        assert pages == pages_expected, f"{pdf}: {pages} pages, expected {pages_expected}"


# ---- in the browser: no error, every chart drawn


def test_every_chart_drew_its_data_without_errors(
    reports: Path, pages: dict[str, RenderedPage]
) -> None:
    drawn_total = 0
    for name, page in pages.items():
        errors = re.search(r'data-js-errors="([^"]*)"', page.dom)
        assert errors is None, f"{name}: script errors {errors.group(1)} ({page.screenshot})"
        assert "data-chart-empty" not in page.dom, (
            f"{name}: a chart has no data ({page.screenshot})"
        )
        source = (reports / name).read_text(encoding="utf-8")
        figures = dict(
            re.findall(
                r'<script type="application/json" id="(fig-[\w-]+)">(.*?)</script>',
                source,
                re.DOTALL,
            )
        )
        charts = list(re.finditer(r'<div class="chart[^"]*" id="chart-([\w-]+)"[^>]*>', page.dom))
        assert len(charts) == len(figures) > 0, (
            f"{name}: {len(charts)} charts, {len(figures)} figures"
        )
        for chart in charts:
            key = chart.group(1)
            end = page.dom.find("data-chart-card=", chart.end())
            drawn = page.dom[chart.end() : end if end > 0 else len(page.dom)]
            traces = json.loads(figures[f"fig-{key}"])["data"]
            assert 'data-rendered="true"' in chart.group(0), f"{name}: chart {key} not drawn"
            drawn_traces = traces_drawn(drawn)
            assert len(drawn_traces) == len(traces), (
                f"{name}: chart {key} drew {len(drawn_traces)} of {len(traces)} traces"
            )
            assert all(drawn_traces), (
                f"{name}: chart {key} has an empty trace: {drawn_traces} ({page.screenshot})"
            )
            drawn_total += 1
    # the leadership report alone has the bridge, retention, health, churn, forecast, pipeline
    assert drawn_total >= 6 + 2 + 2 + 2 * len(CSMS) + 6


def test_waterfalls_draw_every_step(pages: dict[str, RenderedPage]) -> None:
    dom = pages["leadership.html"].dom
    for key, steps in (("arr-bridge", 7), ("arr-forecast", 5)):
        start = dom.index(f'id="chart-{key}"')
        drawn = dom[start : dom.find("data-chart-card=", start)]
        assert drawn.count('class="point"') == steps, key


# ---- the numbers on the pages are the marts'


def test_leadership_first_screen_shows_nrr_grr_bridge_and_at_risk_accounts(
    handmade_build: Build, pages: dict[str, RenderedPage]
) -> None:
    page = pages["leadership.html"]
    dom = page.dom
    nrr = next(row for row in expected("nrr_breakdown") if row["month_start"] == "2025-06-01")
    bridge = next(row for row in expected("arr_bridge") if row["month_start"] == "2025-06-01")
    assert_shows(field(dom, "data-kpi", "nrr-month", "value"), nrr["nrr"], "NRR")
    assert_shows(field(dom, "data-kpi", "grr-month", "value"), nrr["grr"], "GRR")
    # the fixture's NRR starts in 2025-01: no year before, so no change either
    assert_shows(field(dom, "data-kpi", "nrr-month", "year-ago"), None, "NRR a year ago")
    assert_shows(field(dom, "data-kpi", "nrr-month", "change"), None, "NRR change")
    assert_shows(field(dom, "data-kpi", "arr-month", "value"), bridge["closing_arr"], "ARR")
    target = next(
        row
        for row in expected("executive_scorecard")
        if row["quarter_start"] == "2025-04-01" and row["kpi_name"] == "nrr"
    )
    assert f"Off target ({float(target['target']):.1%})" in element_text(
        dom, "data-kpi", "nrr-month"
    )
    # the bridge's labels are the mart's movements
    bridge_json = re.search(r'id="fig-arr-bridge">(.*?)</script>', dom, re.DOTALL)
    assert bridge_json
    labels = json.loads(bridge_json.group(1))["data"][0]["text"]
    for label, column in zip(
        labels,
        (
            "opening_arr",
            "new_arr",
            "reactivation_arr",
            "expansion_arr",
            "contraction_arr",
            "churned_arr",
            "closing_arr",
        ),
        strict=True,
    ):
        assert_shows(label.replace("−", ""), bridge[column], f"bridge {column}")
    # the at-risk accounts: the red customers of the attention list, with their next step
    red = [row for row in expected("csm_attention_list") if row["health_tier"] == "red"]
    at_risk = dom[dom.index('id="at-risk"') : dom.index('id="trends"')]
    listed = re.findall(r'data-account="(\w+)"', at_risk)
    assert listed == [row["account_id"] for row in red]
    arr = dict(handmade_build.query("select account_id, arr from marts.csm_attention_list"))
    for row in red:
        assert_shows(
            field(dom, "data-account", row["account_id"], "arr"),
            arr[row["account_id"]],
            row["account_id"],
        )
        assert row["next_step"] in element_text(dom, "data-account", row["account_id"])
    # the first section (the first screen) holds NRR, GRR, the bridge and the at-risk list
    first = dom[: dom.index('id="trends"')]
    assert 'id="chart-arr-bridge"' in first and 'data-kpi="nrr-month"' in first


def test_executive_review_scorecard_and_tiles_are_the_marts(
    handmade_build: Build, pages: dict[str, RenderedPage]
) -> None:
    dom = pages["executive_review.html"].dom
    # the hand-worked values where expected/executive_scorecard.csv has the KPI, else the mart
    mart = {
        row["kpi_name"]: {key: "" if value is None else str(value) for key, value in row.items()}
        for row in handmade_build.query_dicts(
            "select kpi_name, value, value_year_ago, target_status from marts.executive_scorecard "
            "where quarter_start = '2025-04-01' and breakdown_value is null"
        )
    }
    worked = {
        row["kpi_name"]: row
        for row in expected("executive_scorecard")
        if row["quarter_start"] == "2025-04-01" and not row["breakdown_value"]
    }
    assert worked and set(worked) <= set(mart)
    rows = [worked.get(kpi, mart[kpi]) for kpi in sorted(mart)]
    for row in rows:
        assert_shows(
            field(dom, "data-scorecard", row["kpi_name"], "value"), row["value"], row["kpi_name"]
        )
    # the multi-valued KPIs (churn reasons, CSAT per interaction type, product gaps, ...)
    for row in expected("executive_scorecard"):
        if row["quarter_start"] == "2025-04-01" and row["breakdown_value"] and row["value"]:
            text = field(dom, "data-breakdown", row["kpi_name"], "value")
            assert_shows(text, row["value"], row["kpi_name"])
    # does the early warning work: the latest health-score backtest, per tier
    backtest = handmade_build.query_dicts(
        "select health_tier, churn_or_contraction_rate from marts.health_score_backtest "
        "where month_start = (select max(month_start) from marts.health_score_backtest)"
    )
    assert backtest
    for row in backtest:
        text = field(dom, "data-backtest", row["health_tier"], "rate")
        assert_shows(text, row["churn_or_contraction_rate"], f"backtest {row['health_tier']}")
    tiles = re.findall(r'data-kpi="(\w+)"', dom)
    assert tiles and set(tiles) <= {row["kpi_name"] for row in rows}
    by_kpi = {row["kpi_name"]: row for row in rows}
    for kpi in tiles:
        row = by_kpi[kpi]
        assert_shows(field(dom, "data-kpi", kpi, "value"), row["value"], f"tile {kpi}")
        assert_shows(
            field(dom, "data-kpi", kpi, "year-ago"), row["value_year_ago"], f"tile {kpi} a year ago"
        )
        change = (
            Decimal(row["value"]) - Decimal(row["value_year_ago"])
            if row["value"] and row["value_year_ago"]
            else None
        )
        assert_shows(field(dom, "data-kpi", kpi, "change"), change, f"tile {kpi} change")
        text = element_text(dom, "data-kpi", kpi)
        status = {"on_target": "On target", "off_target": "Off target", "": "No target set"}
        assert status[row["target_status"]] in text, (kpi, text)
        assert f'href="{DOCS_URL}#!/metric/metric.cs_analytics.{kpi}"' in dom, kpi


def test_cockpit_books_attention_lists_and_next_steps_are_the_marts(
    handmade_build: Build, pages: dict[str, RenderedPage]
) -> None:
    index = pages["cockpit/index.html"].dom
    books = [row for row in expected("csm_portfolios") if row["month_start"] == "2025-06-01"]
    assert {row["csm_user_id"] for row in books} == set(CSMS)
    for book in books:
        assert_shows(
            field(index, "data-csm", book["csm_user_id"], "nrr"), book["nrr"], book["csm_name"]
        )
        assert f'href="{book["csm_user_id"]}.html"' in index
    attention = expected("csm_attention_list")
    flags = handmade_build.query_dicts(
        "select account_id, flag, csm_user_id, next_step from marts.account_red_flags"
    )
    for csm in CSMS:
        dom = pages[f"cockpit/{csm}.html"].dom
        rows = [row for row in attention if row["csm_user_id"] == csm]
        shown = re.findall(r'data-account="(\w+)"', dom)
        assert shown == [row["account_id"] for row in rows], csm  # in priority order
        for row in rows:
            assert row["next_step"] in element_text(dom, "data-account", row["account_id"])
        book = next(row for row in books if row["csm_user_id"] == csm)
        assert_shows(field(dom, "data-kpi", "book-arr", "value"), book["arr"], f"{csm} ARR")
        assert_shows(field(dom, "data-kpi", "book-nrr", "value"), book["nrr"], f"{csm} NRR")
        own_flags = [flag for flag in flags if flag["csm_user_id"] == csm]
        assert len(re.findall(r"data-flag=", dom)) == len(own_flags), csm
        for flag in own_flags:  # every red flag says what to do next
            key = f"{flag['account_id']}/{flag['flag']}"
            assert flag["next_step"] and flag["next_step"] in element_text(dom, "data-flag", key)


def test_weekly_meeting_lists_the_weeks_changes(pages: dict[str, RenderedPage]) -> None:
    dom = pages["weekly_staff_meeting.html"].dom
    changes = expected("weekly_changes")
    shown = set(re.findall(r'data-change="([^"]+)"', dom))
    assert shown == {f"{row['change_type']}/{row['source_id']}" for row in changes}
    for row in changes:
        text = element_text(dom, "data-change", f"{row['change_type']}/{row['source_id']}")
        assert row["detail"] in text and (row["account_name"] or "–") in text
    # the last three months of onboardings (seed 000's new-customer workflow)
    onboarding = expected("onboarding_monthly")[-3:]
    assert re.findall(r'data-onboarding="([\d-]+)"', dom) == [
        row["month_start"] for row in onboarding
    ]
    for row in onboarding:
        text = field(dom, "data-onboarding", row["month_start"], "completion-rate")
        assert_shows(text, row["completion_rate"], f"completion rate {row['month_start']}")
    for row in expected("csm_portfolios"):
        if row["month_start"] == "2025-06-01":
            assert_shows(
                field(dom, "data-csm", row["csm_user_id"], "nrr"), row["nrr"], row["csm_name"]
            )


def test_every_page_shows_as_of_date_and_data_quality(pages: dict[str, RenderedPage]) -> None:
    for name, page in pages.items():
        header = element_text(page.dom, "id", "freshness")
        assert "Data as of 15 Jun 2025" in header, (name, header)
        # the hand-worked build is not a published snapshot, and its raw data is clean
        assert "Not a published snapshot" in header and "every check clean" in header, header
        assert 'id="data-quality"' in page.dom, name


def test_each_exposure_links_to_its_report(handmade_build: Build, reports: Path) -> None:
    """The docs site (target/static_index.html) links each exposure to its report: `url`
    is relative to the site, and `make reports` writes the pages to target/reports/."""
    manifest = json.loads((handmade_build.target_dir / "manifest.json").read_text())
    urls = {exposure["name"]: exposure["url"] for exposure in manifest["exposures"].values()}
    assert sorted(urls) == sorted(
        [
            "csm_daily_cockpit",
            "monthly_leadership_nrr_report",
            "quarterly_executive_review",
            "weekly_cs_staff_meeting",
        ]
    )
    for name, url in urls.items():
        assert url.startswith("reports/"), (name, url)
        page = url.removeprefix("reports/")
        assert page in PAGES and (reports / page).is_file(), (name, url)
        # and the report links back to the exposure's page on the docs site
        html = (reports / page).read_text(encoding="utf-8")
        assert f"{DOCS_URL}#!/exposure/exposure.cs_analytics.{name}" in html, name
