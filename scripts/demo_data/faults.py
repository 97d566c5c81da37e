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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np

from .config import USAGE_EVENT_FAULT_CAP
from .core import IdFactory, Table, Value, orphan_id
from .schema import ID_FORMATS, PRIMARY_KEYS

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


# Per (table, reason): (template filter, mutator). duplicate_key is handled generically.
Filter = Callable[[Row], bool]
ANY: Filter = lambda row: True
MUTATORS: dict[tuple[str, str], tuple[Filter, Callable[[Row, FaultContext], Row]]] = {
    # unparseable_value: set-aside tables use every typed column; the repaired ones
    # (crm_accounts, crm_users, billing_customers, billing_subscriptions) only columns whose
    # null sets off no other rule (never billing_interval_months: null is invalid_billing_interval).
    ("crm_accounts", "unparseable_value"): (
        ANY,
        unparseable(
            ("is_icp_fit", "bool"),
            ("is_referenceable", "bool"),
            ("created_at", "timestamp"),
            ("updated_at", "timestamp"),
        ),
    ),
    ("crm_users", "unparseable_value"): (
        ANY,
        unparseable(("is_active", "bool"), ("created_at", "timestamp")),
    ),
    ("crm_account_assignments", "unparseable_value"): (
        ANY,
        unparseable(("assigned_at", "timestamp")),
    ),
    ("crm_contacts", "unparseable_value"): (
        ANY,
        unparseable(
            ("is_decision_maker", "bool"),
            ("is_promoter", "bool"),
            ("has_testimonial", "bool"),
            ("is_ambassador", "bool"),
            ("created_at", "timestamp"),
            ("left_at", "timestamp"),
        ),
    ),
    ("crm_opportunities", "unparseable_value"): (
        ANY,
        unparseable(
            ("amount_arr", "decimal"),
            ("is_cs_sourced", "bool"),
            ("expected_close_date", "date"),
            ("created_at", "timestamp"),
            ("closed_at", "timestamp"),
        ),
    ),
    ("crm_opportunity_history", "unparseable_value"): (ANY, unparseable_history),
    ("crm_activities", "unparseable_value"): (
        ANY,
        unparseable(
            ("created_at", "timestamp"), ("due_at", "timestamp"), ("completed_at", "timestamp")
        ),
    ),
    ("crm_success_goals", "unparseable_value"): (
        ANY,
        unparseable(
            ("due_date", "date"),
            ("created_at", "timestamp"),
            ("agreed_at", "timestamp"),
            ("achieved_at", "timestamp"),
        ),
    ),
    ("crm_onboardings", "unparseable_value"): (
        ANY,
        unparseable(
            ("signoff_received", "bool"),
            ("sales_handover_completed", "bool"),
            ("decision_maker_involved", "bool"),
            ("target_go_live_date", "date"),
            ("started_at", "timestamp"),
            ("first_value_at", "timestamp"),
            ("completed_at", "timestamp"),
        ),
    ),
    ("crm_cancellations", "unparseable_value"): (
        ANY,
        unparseable(
            ("opt_out_clause_used", "bool"),
            ("effective_date", "date"),
            ("requested_at", "timestamp"),
        ),
    ),
    ("crm_feedback", "unparseable_value"): (ANY, unparseable(("created_at", "timestamp"))),
    ("billing_customers", "unparseable_value"): (ANY, unparseable(("created_at", "timestamp"))),
    ("billing_subscriptions", "unparseable_value"): (
        ANY,
        unparseable(
            ("has_opt_out_clause", "bool"),
            ("current_term_end_date", "date"),
            ("cancelled_at", "timestamp"),
        ),
    ),
    ("billing_subscription_items", "unparseable_value"): (
        ANY,
        unparseable(
            ("quantity", "int"),
            ("unit_amount", "decimal"),
            ("discount_percent", "decimal"),
            ("valid_from", "date"),
            ("valid_to", "date"),
        ),
    ),
    ("usage_users", "unparseable_value"): (
        ANY,
        unparseable(("created_at", "timestamp"), ("deactivated_at", "timestamp")),
    ),
    ("usage_events", "unparseable_value"): (ANY, unparseable(("occurred_at", "timestamp"))),
    ("survey_responses", "unparseable_value"): (
        ANY,
        unparseable(("score", "int"), ("submitted_at", "timestamp")),
    ),
    ("support_tickets", "unparseable_value"): (
        ANY,
        unparseable(
            ("agent_reply_count", "int"),
            ("reopen_count", "int"),
            ("created_at", "timestamp"),
            ("first_response_at", "timestamp"),
            ("solved_at", "timestamp"),
        ),
    ),
    ("crm_accounts", "invalid_segment"): (
        ANY,
        setter("segment", ("Gold", "Strategic", "Startup", "Tier 1")),
    ),
    ("crm_accounts", "invalid_region"): (
        ANY,
        setter("region", ("Mars", "EU-West", "Antarctica", "Global")),
    ),
    ("crm_users", "invalid_role"): (
        ANY,
        setter("role", ("Intern", "Sales Engineer", "Solutions Consultant")),
    ),
    ("crm_account_assignments", "orphan_account_id"): (
        ANY,
        orphan_ref("account_id", "crm_accounts"),
    ),
    ("crm_account_assignments", "orphan_csm_user_id"): (
        ANY,
        orphan_ref("csm_user_id", "crm_users"),
    ),
    ("crm_contacts", "orphan_account_id"): (ANY, orphan_ref("account_id", "crm_accounts")),
    ("crm_contacts", "left_before_created"): (ANY, end_before("left_at", "created_at")),
    ("crm_opportunities", "orphan_account_id"): (
        ANY,
        orphan_ref("account_id", "crm_accounts", ("referrer_account_id",)),
    ),
    ("crm_opportunities", "invalid_opportunity_type"): (
        ANY,
        setter("opportunity_type", ("upsell-ish", "cross_sell", "renewal?")),
    ),
    ("crm_opportunities", "invalid_stage"): (
        ANY,
        setter("stage", ("won-ish", "negotiation", "closed_maybe")),
    ),
    ("crm_opportunities", "negative_amount_arr"): (
        lambda r: float(r["amount_arr"]) > 0,
        negative("amount_arr"),
    ),
    ("crm_opportunity_history", "orphan_opportunity_id"): (
        ANY,
        orphan_ref("opportunity_id", "crm_opportunities"),
    ),
    ("crm_activities", "orphan_account_id"): (ANY, orphan_ref("account_id", "crm_accounts")),
    ("crm_activities", "invalid_activity_type"): (
        ANY,
        setter("activity_type", ("lunch", "webinar", "sms")),
    ),
    ("crm_activities", "completed_before_created"): (ANY, end_before("completed_at", "created_at")),
    ("crm_success_goals", "orphan_account_id"): (ANY, orphan_ref("account_id", "crm_accounts")),
    ("crm_success_goals", "invalid_status"): (
        ANY,
        setter("status", ("done", "in_progress", "paused")),
    ),
    ("crm_onboardings", "orphan_account_id"): (ANY, orphan_ref("account_id", "crm_accounts")),
    ("crm_onboardings", "completed_before_started"): (
        ANY,
        end_before("completed_at", "started_at"),
    ),
    ("crm_cancellations", "orphan_account_id"): (ANY, orphan_ref("account_id", "crm_accounts")),
    ("crm_cancellations", "invalid_cancellation_type"): (
        ANY,
        setter("cancellation_type", ("total", "downgrade", "pause")),
    ),
    ("crm_cancellations", "invalid_primary_reason"): (
        ANY,
        setter("primary_reason", ("budget_cut", "aliens", "merger?")),
    ),
    ("crm_feedback", "orphan_account_id"): (
        ANY,
        orphan_ref("account_id", "crm_accounts", ("contact_id",)),
    ),
    ("crm_feedback", "invalid_feedback_type"): (
        ANY,
        setter("feedback_type", ("rant", "idea", "bug_report")),
    ),
    ("billing_customers", "missing_account_id"): (ANY, missing_account_id),
    ("billing_customers", "orphan_account_id"): (ANY, orphan_ref("account_id", "crm_accounts")),
    ("billing_customers", "unknown_currency"): (ANY, setter("currency", ("JPY", "CHF", "SEK"))),
    ("billing_subscriptions", "orphan_billing_customer_id"): (
        ANY,
        orphan_ref("billing_customer_id", "billing_customers"),
    ),
    ("billing_subscriptions", "invalid_billing_interval"): (
        ANY,
        setter("billing_interval_months", ("2", "24", "0", "5")),
    ),
    ("billing_subscriptions", "invalid_status"): (
        ANY,
        setter("status", ("paused", "past_due", "on_hold")),
    ),
    ("billing_subscriptions", "ended_before_start"): (ANY, ended_before_start),
    ("billing_subscription_items", "orphan_subscription_id"): (
        ANY,
        orphan_ref("subscription_id", "billing_subscriptions"),
    ),
    ("billing_subscription_items", "negative_quantity"): (
        lambda r: int(r["quantity"]) > 0,
        negative("quantity"),
    ),
    ("billing_subscription_items", "negative_unit_amount"): (
        lambda r: float(r["unit_amount"]) > 0,
        negative("unit_amount"),
    ),
    ("billing_subscription_items", "invalid_discount_percent"): (ANY, invalid_discount),
    ("billing_subscription_items", "valid_to_before_valid_from"): (
        ANY,
        end_before("valid_to", "valid_from", is_date=True),
    ),
    ("usage_users", "orphan_account_id"): (ANY, orphan_ref("account_id", "crm_accounts")),
    ("usage_users", "invalid_role"): (ANY, setter("role", ("owner", "guest", "superuser"))),
    ("usage_events", "orphan_account_id"): (ANY, orphan_ref("account_id", "crm_accounts")),
    ("survey_responses", "orphan_account_id"): (
        ANY,
        orphan_ref("account_id", "crm_accounts", ("contact_id",)),
    ),
    ("survey_responses", "invalid_survey_type"): (ANY, invalid_survey_type),
    ("survey_responses", "score_out_of_range"): (ANY, score_out_of_range),
    ("support_tickets", "orphan_account_id"): (ANY, orphan_ref("account_id", "crm_accounts")),
    ("support_tickets", "invalid_priority"): (
        ANY,
        setter("priority", ("critical", "p1", "whenever")),
    ),
    ("support_tickets", "invalid_status"): (
        ANY,
        setter("status", ("escalated", "on_hold", "waiting")),
    ),
    ("support_tickets", "solved_before_created"): (
        lambda r: r["status"] in ("solved", "closed"),
        end_before("solved_at", "created_at"),
    ),
    ("support_tickets", "negative_count"): (ANY, negative_count),
}


def read_rules(path: Path) -> list[tuple[str, str]]:
    """The (table_name, reason) keys of the data-quality rule seed, in file order."""
    with path.open(encoding="utf-8", newline="") as fh:
        keys = [(r["table_name"], r["reason"]) for r in csv.DictReader(fh)]
    missing = [k for k in keys if k[1] != "duplicate_key" and k not in MUTATORS]
    if missing:
        raise SystemExit(
            f"No fault generator for data-quality rule(s) {missing}; update scripts/demo_data/faults.py"
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
        elif (
            table != "crm_opportunity_history"
        ):  # its key (opportunity_id, changed_at) is new already
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
            if rng.random() < 0.02:
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
