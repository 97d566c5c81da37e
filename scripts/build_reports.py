#!/usr/bin/env python3
"""Render the four reports of the exposures from the published marts, as HTML and PDF.

Reads a DuckDB file holding the schema `marts` (the serving file that
scripts/scheduled_run.py publishes, or any build's database) strictly read-only, in one
short connection, so the scheduled build is never locked out. Writes to --out:

    leadership.html / .pdf             the monthly leadership NRR report
    weekly_staff_meeting.html / .pdf   the weekly CS staff meeting
    cockpit/index.html / .pdf          the CSM cockpit: the team, and one page per CSM
    cockpit/<csm_user_id>.html / .pdf
    executive_review.html / .pdf       the quarterly executive review
    assets/plotly.min.js               plotly.js, once (the pages need no network)

Every number shown is a mart's value (formatting and layout only). KPI tiles link to the
docs site (`--docs-url`, by default target/static_index.html relative to each page).

Example:
    .venv/bin/python scripts/build_reports.py \\
        --database target/serving/cs_analytics.duckdb --out target/reports
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb

from reports.data import load
from reports.pdf import PdfError, print_all
from reports.render import render_all


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Render the leadership, weekly, cockpit and executive reports (HTML + PDF).",
    )
    parser.add_argument(
        "--database", type=Path, required=True, help="DuckDB file with schema marts (read-only)"
    )
    parser.add_argument("--out", type=Path, required=True, help="directory to write the reports to")
    parser.add_argument(
        "--docs-url",
        default=None,
        help="the docs site's page (static_index.html) the KPI links point at; "
        "default: target/static_index.html relative to each page",
    )
    parser.add_argument("--no-pdf", action="store_true", help="write the HTML pages only")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        marts = load(args.database)
    except (OSError, duckdb.Error) as error:
        print(f"build_reports: {error}", file=sys.stderr)
        return 2
    out = args.out.resolve()
    pages = render_all(marts, out, args.docs_url)
    pdfs: list[Path] = []
    if not args.no_pdf:
        try:
            pdfs = print_all([out / page.path for page in pages])
        except PdfError as error:
            print(f"build_reports: {error}", file=sys.stderr)
            return 1
    print(f"Reports as of {marts.as_of_date} written to {out}:")
    for page in pages:
        pdf = " (+ .pdf)" if pdfs else ""
        print(f"  {page.title:<40} {out / page.path}{pdf}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
