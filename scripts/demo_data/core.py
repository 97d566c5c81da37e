"""Shared building blocks: calendar arithmetic, value formatting, in-memory tables and ids.

Days are proleptic Gregorian ordinals (``date.toordinal()``); timestamps are seconds since
the start of ordinal day 0, i.e. ``day * 86400 + seconds_of_day``. Every value that lands in
a file is formatted here, so that CSV and Parquet output share one text representation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache

from .schema import ID_FORMATS, TABLE_COLUMNS

SECONDS_PER_DAY = 86_400
Value = str | None


# --------------------------------------------------------------------------- calendar
def day_of(d: date) -> int:
    """Ordinal day number of a date."""
    return d.toordinal()


def month_key(day: int) -> int:
    """Months since year 0 of the month holding ``day`` (``year * 12 + month - 1``)."""
    d = date.fromordinal(day)
    return d.year * 12 + d.month - 1


def month_start(key: int) -> int:
    """First day (ordinal) of the month ``key``."""
    return date(key // 12, key % 12 + 1, 1).toordinal()


def add_months(day: int, months: int) -> int:
    """The same day of month ``months`` later, clamped to the month's last day."""
    d = date.fromordinal(day)
    key = d.year * 12 + d.month - 1 + months
    year, month = key // 12, key % 12 + 1
    last = date(year + (month == 12), month % 12 + 1, 1).toordinal() - 1
    return min(date(year, month, 1).toordinal() + d.day - 1, last)


def weekday(day: int) -> int:
    """0 = Monday … 6 = Sunday."""
    return (day - 1) % 7


# --------------------------------------------------------------------------- formatting
@cache
def fmt_date(day: int) -> str:
    """``YYYY-MM-DD`` of an ordinal day."""
    return date.fromordinal(day).isoformat()


def fmt_ts(ts: int) -> str:
    """``YYYY-MM-DD HH:MM:SS`` of a timestamp in seconds."""
    day, sec = divmod(int(ts), SECONDS_PER_DAY)
    hour, rem = divmod(sec, 3600)
    return f"{fmt_date(day)} {hour:02d}:{rem // 60:02d}:{rem % 60:02d}"


def fmt_opt_ts(ts: int | None) -> Value:
    """Formatted timestamp, or null."""
    return None if ts is None else fmt_ts(ts)


def fmt_opt_date(day: int | None) -> Value:
    """Formatted date, or null."""
    return None if day is None else fmt_date(day)


def fmt_bool(value: bool) -> str:
    """``true`` / ``false``."""
    return "true" if value else "false"


def fmt_money(value: float) -> str:
    """A decimal with exactly two places."""
    return f"{value:.2f}"


def fmt_num(value: float) -> str:
    """A decimal without trailing zeros (``15``, ``20.5``)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# --------------------------------------------------------------------------- tables and ids
class Table:
    """Rows of one raw table, kept as tuples of formatted strings in file column order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.columns: tuple[str, ...] = TABLE_COLUMNS[name]
        self._index = {c: i for i, c in enumerate(self.columns)}
        self.rows: list[tuple[Value, ...]] = []

    def add(self, **values: Value) -> tuple[Value, ...]:
        """Append a row given by column name; missing columns are null."""
        unknown = set(values) - set(self._index)
        if unknown:
            raise KeyError(f"{self.name}: unknown column(s) {sorted(unknown)}")
        row = tuple(values.get(c) for c in self.columns)
        self.rows.append(row)
        return row

    def col(self, column: str) -> int:
        """Position of a column."""
        return self._index[column]

    def as_dict(self, row: Sequence[Value]) -> dict[str, Value]:
        """A row as a column → value mapping."""
        return dict(zip(self.columns, row, strict=True))

    def from_dict(self, values: dict[str, Value]) -> tuple[Value, ...]:
        """A column → value mapping as a row tuple."""
        return tuple(values.get(c) for c in self.columns)

    def __len__(self) -> int:
        return len(self.rows)


class IdFactory:
    """Sequential, zero-padded, prefixed identifiers per table; never reused."""

    def __init__(self) -> None:
        self._next: dict[str, int] = dict.fromkeys(ID_FORMATS, 1)

    def new(self, table: str) -> str:
        """The next unused id of ``table``."""
        number = self._next[table]
        self._next[table] = number + 1
        return format_id(table, number)

    def reserve(self, table: str, count: int) -> None:
        """Mark the first ``count`` ids of ``table`` as issued (ids numbered elsewhere)."""
        self._next[table] = max(self._next[table], count + 1)

    def issued(self, table: str) -> int:
        """How many ids of ``table`` have been issued."""
        return self._next[table] - 1


def format_id(table: str, number: int) -> str:
    """The id string of ``number`` in ``table``'s format."""
    prefix, width = ID_FORMATS[table]
    return f"{prefix}{number:0{width}d}"


def orphan_id(table: str, k: int) -> str:
    """An id in ``table``'s format that the generator never issues (counted down from 9…9)."""
    _, width = ID_FORMATS[table]
    return format_id(table, 10**width - 1 - k)


def weighted_choice(rng, options: Sequence[str], weights: Iterable[float]) -> str:
    """One of ``options`` drawn with the given (unnormalised) weights."""
    w = list(weights)
    total = sum(w)
    x = rng.random() * total
    acc = 0.0
    for option, weight in zip(options, w, strict=True):
        acc += weight
        if x < acc:
            return option
    return options[-1]
