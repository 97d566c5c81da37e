"""What every part of the benchmark shares: paths, the error type, progress and log helpers."""

from __future__ import annotations

import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
GENERATOR = PROJECT_DIR / "scripts" / "generate_demo_data.py"
DBT = Path(sys.executable).parent / "dbt"
LOG_TAIL_LINES = 40


class BenchmarkError(Exception):
    """A step failed; the message (with any log excerpt) is printed and the script exits 1."""


def progress(message: str) -> None:
    """Print a progress line on stderr (the report goes to stdout)."""
    print(f"[benchmark] {message}", file=sys.stderr, flush=True)


def tail(text: str, lines: int = LOG_TAIL_LINES) -> str:
    """The last `lines` lines of text."""
    return "\n".join(text.rstrip().splitlines()[-lines:])


def sql_string(value: str | Path) -> str:
    """A SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"
