"""Run configuration and the named presets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

PRESETS: dict[str, dict[str, int]] = {
    # A laptop-sized demo: a few seconds, about a million usage events.
    "demo": {"accounts": 300, "months": 36, "events_per_account": 5_000},
    # A mid-size company: >= 5,000 accounts and >= 50 million usage events.
    "large": {"accounts": 5_000, "months": 36, "events_per_account": 12_000},
}

MAX_ACCOUNTS = (
    500_000  # account ids are 6 digits; the top of the range (99xxxx) is kept for orphans
)
USAGE_EVENT_FAULT_CAP = 1_000  # injected usage_events rows per reason, at most
CASE_VARIANT_CHANCE = 0.02  # share of rows whose valid enum value gets a harmless case variant


@dataclass(frozen=True)
class Config:
    """Everything a run depends on; the same Config always yields the same bytes."""

    out_dir: Path
    seed: int
    accounts: int
    months: int
    end_date: date
    file_format: str
    dirty_share: float
    events_per_account: int
    preset: str
