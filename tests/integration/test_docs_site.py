"""The static docs site as a stakeholder reads it, in headless Chromium.

`dbt docs generate --static` on the hand-made build writes one self-contained page,
`static_index.html`; the site is an Angular app whose pages are hash routes
(`#!/overview`, `#!/metric/metric.cs_analytics.nrr`, ...). Each test opens a route in
Debian's headless Chromium (see browser.py), saves a screenshot to
target/test-suite/screenshots/<name>.png and checks the text a reader sees in the page's
main pane (the sidebar, which lists every node, is left out so it cannot satisfy a check).

Chromium is installed by `.ci/run`; without it these tests fail, they are never skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from browser import ChromiumError, chromium_path, render, visible_text
from conftest import PROJECT_DIR, Build, run_dbt

PROJECT = "cs_analytics"
SCREENSHOT_DIR = PROJECT_DIR / "target" / "test-suite" / "screenshots"
FOCUS_AREAS = ("Retention", "Health", "Expansion", "Advocacy", "Operations")


@dataclass(frozen=True)
class DocsPage:
    """One route of the docs site as rendered: the main pane's and the sidebar's text."""

    route: str
    text: str
    sidebar: str
    screenshot: Path
    seconds: float

    def missing(
        self,
        phrases: tuple[str, ...] = (),
        words: tuple[str, ...] = (),
        lines: tuple[str, ...] = (),
    ) -> list[str]:
        """What the main pane does not show: phrases (substrings, whitespace-insensitive),
        words (whole words, case-sensitive) and lines (a whole line, such as a heading)."""
        text = " ".join(self.text.split())
        shown_lines = set(self.text.splitlines())
        absent = [phrase for phrase in phrases if " ".join(phrase.split()) not in text]
        absent += [
            word for word in words if not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
        ]
        absent += [line for line in lines if line not in shown_lines]
        return absent

    def from_line(self, line: str) -> DocsPage:
        """The page from the first line equal to `line` on (the whole text if there is none,
        so that checks on it fail naming what is missing)."""
        lines = self.text.splitlines()
        start = lines.index(line) if line in lines else 0
        return replace(self, text="\n".join(lines[start:]))


def assert_page_shows(
    page: DocsPage,
    phrases: tuple[str, ...] = (),
    words: tuple[str, ...] = (),
    lines: tuple[str, ...] = (),
) -> None:
    """Fail naming what is missing, the route, the screenshot and the text that was shown."""
    absent = page.missing(phrases, words, lines)
    assert not absent, (
        f"the docs page {page.route} does not show {absent}.\n"
        f"Screenshot: {page.screenshot}\n"
        f"Text of the page's main pane:\n{page.text[:2500]}"
    )


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium, checked before the (slow) build so a missing browser fails fast."""
    try:
        return chromium_path()
    except ChromiumError as error:
        missing = str(error)
    pytest.fail(missing, pytrace=False)


@pytest.fixture(scope="session")
def docs_site(chromium: Path, handmade_build: Build) -> Path:
    """`dbt docs generate --static` on the hand-made build; the site's single HTML file."""
    docs = run_dbt(
        ["docs", "generate", "--static"],
        handmade_build.raw_dir,
        "2025-06-15",
        handmade_build.db_path.parent,
    )
    assert docs.returncode == 0, f"dbt docs generate --static failed:\n{docs.output[-6000:]}"
    site = handmade_build.target_dir / "static_index.html"
    assert site.is_file(), f"dbt docs generate --static wrote no {site}"
    return site


def open_page(site: Path, route: str, name: str) -> DocsPage:
    """Render `route` of the site, save target/test-suite/screenshots/<name>.png, and check
    that the app did render (else a missing text would be blamed on the docs)."""
    try:
        rendered = render(site.as_uri() + route, SCREENSHOT_DIR / f"{name}.png")
    except ChromiumError as error:
        failure = str(error)
    else:
        failure = ""
    if failure:
        pytest.fail(failure, pytrace=False)
    page = DocsPage(
        route=route,
        text=visible_text(rendered.dom, "app-content"),
        sidebar=visible_text(rendered.dom, "app-menu"),
        screenshot=rendered.screenshot,
        seconds=rendered.seconds,
    )
    assert PROJECT in page.sidebar and page.text and "(loading)" not in page.text, (
        f"the docs app did not render {route} in {page.seconds:.1f} s (screenshot {page.screenshot}); "
        f"main pane: {page.text[:500]!r}; sidebar: {page.sidebar[:300]!r}"
    )
    return page


def test_overview_page_shows_kpi_catalogue(docs_site: Path) -> None:
    page = open_page(docs_site, "#!/overview", "overview")
    assert_page_shows(page, lines=("KPI catalogue",))
    catalogue = page.from_line("KPI catalogue")
    assert_page_shows(
        catalogue,
        ("Net revenue retention", "Gross revenue retention", "At-risk ARR"),
        lines=FOCUS_AREAS,
    )


def test_nrr_metric_page_shows_definition_and_formula(docs_site: Path) -> None:
    page = open_page(docs_site, f"#!/metric/metric.{PROJECT}.nrr", "metric_nrr")
    assert_page_shows(page, ("Net revenue retention", "Formula", "cohort_ending_arr"))


def test_exposure_page_lists_its_kpis(docs_site: Path) -> None:
    page = open_page(
        docs_site,
        f"#!/exposure/exposure.{PROJECT}.monthly_leadership_nrr_report",
        "exposure_monthly_leadership_nrr_report",
    )
    assert_page_shows(page, ("KPIs shown", "Net revenue retention"), words=("nrr", "grr"))


def test_model_page_shows_its_description_and_docs_block(docs_site: Path) -> None:
    """A page that exists today: the model's own description and the docs block it pulls in."""
    page = open_page(docs_site, f"#!/model/model.{PROJECT}.nrr_breakdown", "model_nrr_breakdown")
    assert_page_shows(
        page,
        (
            "nrr_breakdown",
            "Net and gross revenue retention, trailing twelve months, closed cohort",
            "Trailing-twelve-month retention cohort",
            "cohort_customers",
        ),
    )


def test_page_checks_fail_on_a_route_that_does_not_exist(docs_site: Path) -> None:
    """The app renders an empty metric page for an unknown metric; the checks must fail on it."""
    page = open_page(
        docs_site, f"#!/metric/metric.{PROJECT}.no_such_metric", "metric_no_such_metric"
    )
    assert page.missing(
        ("Formula", "Net revenue retention"), words=("nrr",), lines=("KPI catalogue",)
    ) == ["Formula", "Net revenue retention", "nrr", "KPI catalogue"]
    with pytest.raises(AssertionError, match=r"does not show \['Formula'\]"):
        assert_page_shows(page, ("Formula",))
