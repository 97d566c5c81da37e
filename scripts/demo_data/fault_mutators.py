"""What a faulty row is made of: the mutators' context and the value-level fault helpers.

Each mutator takes a copy of a clean row and returns it with exactly one field made faulty;
``fault_registry.py`` maps every (table, reason) of the data-quality rules to one of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np

from .core import IdFactory, Value, orphan_id

Row = dict[str, Value]


@dataclass
class FaultContext:
    """What a mutator may use: randomness and fresh or orphan ids."""

    rng: np.random.Generator
    ids: IdFactory
    next_event_number: int
    orphan_counts: dict[str, int] = field(default_factory=dict)
    history_keys: int = 0  # fractions of a second handed out to new crm_opportunity_history keys

    def orphan(self, parent_table: str) -> str:
        """An id of ``parent_table``'s format that no row of that table has."""
        k = self.orphan_counts.get(parent_table, 0)
        self.orphan_counts[parent_table] = k + 1
        return orphan_id(parent_table, k)

    def pick(self, options: tuple):
        """A uniform choice."""
        return options[int(self.rng.integers(len(options)))]

    def days(self, low: int, high: int) -> int:
        """A uniform integer in [low, high]."""
        return int(self.rng.integers(low, high + 1))


# ----------------------------------------------------------------------------- value helpers
def parse_ts(text: str) -> datetime:
    """A ``YYYY-MM-DD HH:MM:SS`` timestamp."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S")


def before_ts(text: str, ctx: FaultContext) -> str:
    """A timestamp strictly (hours to days) before ``text``."""
    delta = timedelta(days=ctx.days(0, 20), hours=ctx.days(1, 23))
    return (parse_ts(text) - delta).strftime("%Y-%m-%d %H:%M:%S")


def before_date(text: str, ctx: FaultContext) -> str:
    """A date strictly (1–60 days) before ``text``."""
    return (date.fromisoformat(text) - timedelta(days=ctx.days(1, 60))).isoformat()


def negate(text: str | None) -> str:
    """The negative of a positive decimal string."""
    return "-" + str(text).lstrip("-")


def setter(column: str, values: tuple) -> Callable[[Row, FaultContext], Row]:
    """A mutator that sets ``column`` to one of ``values``."""

    def mutate(row: Row, ctx: FaultContext) -> Row:
        row[column] = ctx.pick(values)
        return row

    return mutate


def orphan_ref(
    column: str, parent: str, clear: tuple[str, ...] = ()
) -> Callable[[Row, FaultContext], Row]:
    """A mutator that points ``column`` at an id that ``parent`` does not have."""

    def mutate(row: Row, ctx: FaultContext) -> Row:
        row[column] = ctx.orphan(parent)
        for other in clear:  # a reference into the unknown account would be a second fault
            row[other] = None
        return row

    return mutate


def end_before(end: str, start: str, is_date: bool = False) -> Callable[[Row, FaultContext], Row]:
    """A mutator that moves ``end`` strictly before ``start``."""

    def mutate(row: Row, ctx: FaultContext) -> Row:
        row[end] = before_date(row[start], ctx) if is_date else before_ts(row[start], ctx)
        return row

    return mutate


def negative(column: str) -> Callable[[Row, FaultContext], Row]:
    """A mutator that makes ``column`` negative."""

    def mutate(row: Row, ctx: FaultContext) -> Row:
        row[column] = negate(row[column])
        return row

    return mutate


def score_out_of_range(row: Row, ctx: FaultContext) -> Row:
    """NPS outside 0–10, CSAT outside 1–5."""
    row["score"] = (
        ctx.pick(("11", "12", "-1")) if row["survey_type"] == "nps" else ctx.pick(("0", "6", "7"))
    )
    return row


def invalid_survey_type(row: Row, ctx: FaultContext) -> Row:
    """A survey type outside nps/csat, with a score that is in range on either scale."""
    row["survey_type"] = ctx.pick(("ces", "pulse"))
    row["score"] = str(ctx.days(1, 5))
    return row


def ended_before_start(row: Row, ctx: FaultContext) -> Row:
    """A subscription whose ended_at precedes its contract start."""
    row["ended_at"] = before_date(row["contract_start_date"], ctx)
    row["status"] = "cancelled"
    row["cancelled_at"] = row["cancelled_at"] or f"{row['contract_start_date']} 10:00:00"
    return row


def negative_count(row: Row, ctx: FaultContext) -> Row:
    """A negative agent_reply_count or reopen_count."""
    row[ctx.pick(("agent_reply_count", "reopen_count"))] = str(-ctx.days(1, 3))
    return row


def invalid_discount(row: Row, ctx: FaultContext) -> Row:
    """A discount outside 0–100."""
    row["discount_percent"] = ctx.pick(("120", "-5", "150", "-10"))
    return row


# Strings that DuckDB's try_cast (dbt.safe_cast) cannot read as the type: present, not blank.
UNPARSEABLE: dict[str, tuple[str, ...]] = {
    "int": ("twelve", "n/a", "1,000", "3 seats"),
    "decimal": ("12,50", "USD 40", "n/a", "1.234,00"),
    "date": ("2025-13-45", "31/12/2024", "2024-02-30", "soon"),
    "timestamp": ("last tuesday", "2024-02-30 10:00:00", "25/06/2024 10:00", "2024-06-01 25:00:00"),
    "bool": ("maybe", "unknown", "n/a", "2"),
}


def unparseable(*columns: tuple[str, str]) -> Callable[[Row, FaultContext], Row]:
    """A mutator that writes an unreadable value into one of ``columns`` ((column, kind) pairs)."""

    def mutate(row: Row, ctx: FaultContext) -> Row:
        column, kind = ctx.pick(columns)
        row[column] = ctx.pick(UNPARSEABLE[kind])
        return row

    return mutate


def unparseable_history(row: Row, ctx: FaultContext) -> Row:
    """An unreadable amount_arr or expected_close_date on a history row with a new key.

    The key (opportunity_id, changed_at) gets a fraction of a second that no clean row has
    (they are written to the second), so the copy is not also a duplicate.
    """
    row = unparseable(("amount_arr", "decimal"), ("expected_close_date", "date"))(row, ctx)
    ctx.history_keys += 1
    row["changed_at"] = f"{row['changed_at']}.{ctx.history_keys:06d}"
    return row


def missing_account_id(row: Row, ctx: FaultContext) -> Row:
    """A billing customer never matched to the CRM."""
    row["account_id"] = None
    return row
