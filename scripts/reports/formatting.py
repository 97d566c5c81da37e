"""How numbers are written on the pages: formatting only, never arithmetic on the value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

DASH = "–"


def _number(value: Any) -> Decimal | None:
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def money(value: Any, signed: bool = False) -> str:
    """USD, whole dollars: $100,836 (or +$3,735 / −$1,200 when `signed`)."""
    number = _number(value)
    if number is None:
        return DASH
    text = f"${abs(number):,.0f}"
    if number < 0:
        return f"−{text}"
    return f"+{text}" if signed else text


def pct(value: Any, digits: int = 1) -> str:
    """A fraction as a percentage: 0.8813 → 88.1%."""
    number = _number(value)
    if number is None:
        return DASH
    return f"{number:.{digits}%}".replace("-", "−")


def points(value: Any) -> str:
    """A change of a fraction in percentage points: 0.032 → +3.2 pts."""
    number = _number(value)
    if number is None:
        return DASH
    text = f"{abs(number) * 100:.1f} pts"
    return ("−" if number < 0 else "+") + text


def number(value: Any, digits: int = 0, signed: bool = False) -> str:
    """A count or a score: 1,234 or 25.0."""
    parsed = _number(value)
    if parsed is None:
        return DASH
    text = f"{abs(parsed):,.{digits}f}"
    if parsed < 0:
        return f"−{text}"
    return f"+{text}" if signed else text


def short_month(value: dt.date | None) -> str:
    return value.strftime("%b %Y") if value else DASH


def long_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return DASH
    if isinstance(value, dt.datetime):
        return value.strftime("%d %b %Y, %H:%M %Z").strip()
    return value.strftime("%d %b %Y")


def unit_of(kpi_name: str) -> str:
    """The unit a KPI's value is in (executive_scorecard's values are in their own unit):
    usd, pct (a fraction), score (NPS −100..100, CSAT 0..100), ratio, or count."""
    metric = kpi_name.split("__", 1)[0]
    if metric == "nps" or metric.startswith("csat"):
        return "score"
    if metric.endswith(("ratio", "_years", "_lifetime")):
        return "ratio"
    if "share" in metric or "rate" in metric or "retention" in metric or metric in {"nrr", "grr"}:
        return "pct"
    if metric.endswith(("_arr", "_value")) or metric in {"arr", "arr_forecast"}:
        return "usd"
    if metric.endswith("customers") or metric in {"goals_achieved", "success_goals_agreed"}:
        return "count"
    return "pct"


def kpi_value(value: Any, unit: str) -> str:
    if unit == "usd":
        return money(value)
    if unit == "pct":
        return pct(value)
    if unit in {"score", "ratio"}:
        return number(value, 1)
    return number(value)


def kpi_change(value: Any, unit: str) -> str:
    if unit == "usd":
        return money(value, signed=True)
    if unit == "pct":
        return points(value)
    if unit in {"score", "ratio"}:
        return number(value, 1, signed=True)
    return number(value, signed=True)


def first_sentence(text: str | None) -> str:
    """The docs block's definition up to its first full stop: the tile's line of meaning."""
    if not text:
        return ""
    flat = " ".join(text.split())
    for end in (". ", "? "):
        if end in flat:
            flat = flat.split(end, 1)[0] + end.strip()
            break
    return flat.replace("`", "")
