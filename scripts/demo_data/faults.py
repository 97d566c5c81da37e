"""Injection of faulty rows, one fault per row, counted per (table_name, reason).

The keys come from ``seeds/data_quality_rules.csv``. For each key the generator adds
``max(1, round(share × clean rows))`` rows (usage_events: at most ``USAGE_EVENT_FAULT_CAP``).
Every injected row is a copy of a random clean row with a new primary key and exactly one
field made faulty, except ``duplicate_key``, which is an exact copy of a distinct clean row.
No other row references an injected row, so the counts can be reproduced exactly downstream.

``unparseable_value`` writes a string that cannot be read as the column's type (quantity
'twelve', unit_amount '12,50', valid_from '2025-13-45', a boolean 'maybe') into one typed
column. Files carry every value as a string (the Parquet columns too, see writers.py), so
the fault lands the same way in CSV and Parquet. Where the catalogue repairs the row (its
unreadable value becomes null and the row stays), only columns whose null sets off no
other rule are used.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from .config import CASE_VARIANT_CHANCE, USAGE_EVENT_FAULT_CAP
from .core import Table, Value
from .fault_mutators import FaultContext
from .fault_registry import MUTATORS
from .schema import ID_FORMATS, PRIMARY_KEYS

__all__ = [
    "FaultContext",
    "add_case_variants",
    "fault_count",
    "make_faulty_rows",
    "merge_at_random",
    "read_rules",
]


def read_rules(path: Path) -> list[tuple[str, str]]:
    """The (table_name, reason) keys of the data-quality rule seed, in file order."""
    with path.open(encoding="utf-8", newline="") as fh:
        keys = [(r["table_name"], r["reason"]) for r in csv.DictReader(fh)]
    missing = [k for k in keys if k[1] != "duplicate_key" and k not in MUTATORS]
    if missing:
        raise SystemExit(
            f"No fault generator for data-quality rule(s) {missing}; update scripts/demo_data/fault_registry.py"
        )
    return keys


def fault_count(share: float, clean_rows: int, table: str) -> int:
    """How many faulty rows one (table, reason) gets."""
    if share <= 0 or clean_rows == 0:
        return 0
    n = max(1, round(share * clean_rows))
    return min(n, USAGE_EVENT_FAULT_CAP) if table == "usage_events" else n


def make_faulty_rows(
    table: str,
    reason: str,
    templates: list[tuple[Value, ...]],
    columns: tuple[str, ...],
    n: int,
    ctx: FaultContext,
) -> list[tuple[Value, ...]]:
    """``n`` faulty rows of one kind, built from clean template rows."""
    if reason == "duplicate_key":
        n = min(n, len(templates))
        picks = np.sort(ctx.rng.choice(len(templates), size=n, replace=False))
        return [templates[int(i)] for i in picks]
    keep, mutate = MUTATORS[(table, reason)]
    as_dicts = [dict(zip(columns, t, strict=True)) for t in templates]
    eligible = [d for d in as_dicts if keep(d)] or as_dicts
    out = []
    for _ in range(n):
        row = dict(eligible[int(ctx.rng.integers(len(eligible)))])
        row = mutate(row, ctx)
        pk = PRIMARY_KEYS[table][0]
        if table == "usage_events":
            prefix, width = ID_FORMATS["usage_events"]
            row[pk] = f"{prefix}{ctx.next_event_number:0{width}d}"
            ctx.next_event_number += 1
        elif table != "crm_opportunity_history":
            # (crm_opportunity_history's key, opportunity_id and changed_at, is new already)
            row[pk] = ctx.ids.new(table)
        out.append(tuple(row[c] for c in columns))
    return out


def add_case_variants(tables: dict[str, Table], rng: np.random.Generator) -> None:
    """Harmless case/whitespace variants of valid enum values (staging normalises them; not faults)."""
    variants = {
        ("crm_accounts", "segment"): {
            "SMB": " smb",
            "Mid-Market": "mid-market",
            "Enterprise": "ENTERPRISE ",
        },
        ("crm_accounts", "region"): {
            "EMEA": "EMEA ",
            "NA": "na",
            "APAC": " Apac",
            "LATAM": "Latam",
        },
        ("support_tickets", "priority"): {
            "high": "High",
            "urgent": "URGENT",
            "low": " low",
            "normal": "Normal",
        },
    }
    for (name, column), mapping in variants.items():
        table = tables[name]
        i = table.col(column)
        for r in range(len(table.rows)):
            if rng.random() < CASE_VARIANT_CHANCE:
                row = list(table.rows[r])
                row[i] = mapping.get(row[i] or "", row[i])
                table.rows[r] = tuple(row)


def merge_at_random(
    rows: list[tuple[Value, ...]], extra: list[tuple[Value, ...]], rng: np.random.Generator
) -> list[tuple[Value, ...]]:
    """``rows`` with ``extra`` rows slipped in at random positions (relative order kept)."""
    if not extra:
        return rows
    positions = np.sort(rng.integers(0, len(rows) + 1, len(extra)))
    out: list[tuple[Value, ...]] = []
    prev = 0
    for pos, row in zip(positions.tolist(), extra, strict=True):
        out.extend(rows[prev:pos])
        out.append(row)
        prev = pos
    out.extend(rows[prev:])
    return out
