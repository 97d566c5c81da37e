"""Print report pages to PDF with Debian's headless Chromium (`--print-to-pdf`).

One Chromium process per page, a few at a time; the pages are A4 landscape (their print
CSS), each section starting a new page, as slides of a board deck. FLAGS (headless, no
sandbox, silent on a machine with no network) are also the test browser's
(tests/integration/browser.py).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Headless, as root in a sandbox-less container, and silent on a machine with no network:
# without the background-networking flags Chromium keeps trying to reach Google.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--mute-audio",
)
# A4 landscape less the 9 mm margins is about 1,050 CSS pixels; the print CSS zooms the
# page to 80 %, and a page opened with `?print` lays itself out 1,300 px wide (the
# charts are drawn at that width whatever the viewport Chromium prints from).
PRINT_WINDOW = "--window-size=1300,1400"


class PdfError(RuntimeError):
    """Chromium is missing, failed or timed out printing a page."""


def chromium() -> Path:
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    found = shutil.which("chromium")
    if found is None:
        raise PdfError(
            "Debian's chromium is needed to print the PDFs: "
            "apt-get install -y --no-install-recommends chromium (or pass --no-pdf)"
        )
    return Path(found)


def print_pdf(html: Path, pdf: Path, timeout_s: float = 120.0) -> Path:
    """Print `html` to `pdf` once its scripts (the charts) have run."""
    pdf.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="chromium-pdf-") as profile:
        command = [
            str(chromium()),
            *FLAGS,
            f"--user-data-dir={profile}",
            PRINT_WINDOW,
            "--virtual-time-budget=15000",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.resolve().as_uri() + "?print",
        ]
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            _, errors = process.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise PdfError(f"chromium did not print {html} within {timeout_s:.0f} s") from None
    if process.returncode != 0 or not pdf.is_file():
        raise PdfError(
            f"chromium failed to print {html} (exit {process.returncode}):\n{errors[-2000:]}"
        )
    return pdf


def print_all(pages: list[Path], workers: int | None = None) -> list[Path]:
    """Print each page beside itself (`x.html` → `x.pdf`), a few Chromiums at a time."""
    workers = workers or max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda page: print_pdf(page, page.with_suffix(".pdf")), pages))
