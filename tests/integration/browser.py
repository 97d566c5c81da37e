"""Render a local HTML page in Debian's headless Chromium, as a reader would see it.

One Chromium process per page, driven from its command line: it loads the page, lets
the page's scripts run until `--virtual-time-budget` of virtual time has passed (virtual
time only runs while the page is idle, so a slow machine waits longer, not less), then
writes a screenshot and prints the rendered DOM. Keep the budget generous: with both
`--screenshot` and `--dump-dom`, Chromium 156 never exits when the budget (under about
700 ms for the dbt docs site) runs out before the page settles; `render` then ends it
after `timeout_s` with an error.

`visible_text` turns that DOM into the text a reader sees: no scripts, styles or SVG,
nothing hidden by `display: none` (Angular's `ng-hide` included), one line per block
element. It does not apply CSS otherwise: whitespace between inline elements counts as
one space even where a flex layout hides it (the dbt docs sidebar splits each name in two
spans, so it reads "Monthly leader ship NRR report").

Chromium comes from Debian (`apt-get install chromium`, done by `.ci/run`); a missing
browser is an error, never a skipped test.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType


def _report_printer() -> ModuleType:
    """scripts/reports/pdf.py, loaded by path (scripts/ is no package on the test path)."""
    path = Path(__file__).resolve().parents[2] / "scripts" / "reports" / "pdf.py"
    spec = importlib.util.spec_from_file_location("report_pdf", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CHROMIUM = Path("/usr/bin/chromium")
INSTALL_HINT = (
    "Debian's chromium is not installed (no /usr/bin/chromium): `make browser` installs it "
    "(apt-get install -y --no-install-recommends chromium)"
)
# The flags the reports are printed with (scripts/reports/pdf.py): headless, as root in a
# sandbox-less container, and silent on a machine with no network. The tests open pages
# as people's Chromium shows them, so the two never drift apart.
FLAGS: tuple[str, ...] = _report_printer().FLAGS
# Chromium's stderr noise on a machine without D-Bus, and the Debian wrapper's /dev/shm check.
_NOISE = re.compile(r"dbus|unexpected operator|bytes written to file")


class ChromiumError(RuntimeError):
    """Chromium is missing, failed, or timed out."""


def chromium_path() -> Path:
    """The Chromium executable; ChromiumError naming `.ci/run` if it is not installed."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    found = shutil.which("chromium")
    if found is None:
        raise ChromiumError(INSTALL_HINT)
    return Path(found)


@dataclass(frozen=True)
class RenderedPage:
    """One page as Chromium rendered it."""

    url: str
    dom: str
    screenshot: Path
    seconds: float


def render(
    url: str,
    screenshot: Path,
    *,
    window: tuple[int, int] = (1400, 1600),
    virtual_time_ms: int = 20_000,
    timeout_s: float = 120.0,
) -> RenderedPage:
    """Load `url` in a fresh headless Chromium profile, save a PNG of the window at
    `screenshot` and return the DOM after the page's scripts have run."""
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    screenshot.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        command = [
            str(chromium_path()),
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={window[0]},{window[1]}",
            f"--virtual-time-budget={virtual_time_ms}",
            f"--screenshot={screenshot}",
            "--dump-dom",
            url,
        ]
        started = time.monotonic()
        # Own process group, so a hung browser is ended with all its helper processes.
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            dom, errors = process.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ChromiumError(f"chromium did not finish {url} within {timeout_s:.0f} s") from None
        seconds = time.monotonic() - started
    if process.returncode != 0 or not dom.strip() or not screenshot.is_file():
        messages = "\n".join(line for line in errors.splitlines() if not _NOISE.search(line))
        raise ChromiumError(
            f"chromium failed on {url} (exit code {process.returncode}, "
            f"{len(dom)} characters of DOM, screenshot written: {screenshot.is_file()}):\n"
            f"{messages[-3000:]}"
        )
    return RenderedPage(url, dom, screenshot, seconds)


_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_INVISIBLE = frozenset(["head", "script", "style", "noscript", "template", "svg", "title"])
_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "br",
    ]
)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none")


class _TextExtractor(HTMLParser):
    """Collects visible text, optionally only inside the first element with a CSS class."""

    def __init__(self, within_class: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.within_class = within_class
        # Per open element: (tag, hides its content, is the wanted region).
        self.stack: list[tuple[str, bool, bool]] = []
        self.hidden_depth = 0
        self.region_depth = 0 if within_class else 1
        self.region_done = False
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self._newline()
        if tag in _VOID:
            return
        attributes = {name: value or "" for name, value in attrs}
        classes = attributes.get("class", "").split()
        hides = (
            tag in _INVISIBLE
            or "ng-hide" in classes
            or "hidden" in attributes
            or bool(_DISPLAY_NONE.search(attributes.get("style", "")))
        )
        is_region = (
            self.within_class is not None
            and not self.region_done
            and self.region_depth == 0
            and self.within_class in classes
        )
        self.stack.append((tag, hides, is_region))
        self.hidden_depth += hides
        self.region_depth += is_region

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self._newline()
        if not any(open_tag == tag for open_tag, _, _ in self.stack):
            return
        while self.stack:
            open_tag, hides, is_region = self.stack.pop()
            self.hidden_depth -= hides
            if is_region:
                self.region_depth -= 1
                self.region_done = True
            if open_tag == tag:
                return

    def handle_data(self, data: str) -> None:
        if self.hidden_depth == 0 and self.region_depth > 0:
            self.parts.append(re.sub(r"\s+", " ", data))

    def _newline(self) -> None:
        if self.region_depth > 0:
            self.parts.append("\n")

    def text(self) -> str:
        lines = (line.strip() for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


def visible_text(dom: str, within_class: str | None = None) -> str:
    """The text a reader sees in `dom`, one line per block; only inside the first element
    with CSS class `within_class` when given ("" if there is none)."""
    extractor = _TextExtractor(within_class)
    extractor.feed(dom)
    extractor.close()
    return extractor.text()
