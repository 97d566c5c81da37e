"""A paid contract's terms and product lines, and the rows that record them.

A subscription is a set of product lines (core seats and add-ons). Each change closes a
line's current span (a ``billing_subscription_items`` row) and opens a new one, so the
items are a history of constant prices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import catalog as cat
from .. import tuning
from ..core import (
    add_months,
    fmt_bool,
    fmt_date,
    fmt_money,
    fmt_num,
    fmt_opt_date,
    fmt_ts,
    weighted_choice,
)
from .context import AccountContext, ServiceSpan
from .pipeline import add_open_renewal

SEAT_PRODUCTS = ("core", "analytics_plus")  # lines whose quantity follows the core seats


@dataclass
class Line:
    """The open span of one subscription item (a product line of a subscription)."""

    product: str
    plan_code: str
    quantity: int
    unit_amount: float
    discount: float
    valid_from: int


def core_price(ctx: AccountContext, plan: str) -> float:
    """Monthly list price of one core seat in the account's currency."""
    return float(cat.CORE_PRICES[plan][ctx.currency])


def addon_price(ctx: AccountContext, product: str) -> float:
    """Monthly list price of one unit of an add-on in the account's currency."""
    return round(cat.ADDONS[product][1] * cat.CURRENCY_FACTOR[ctx.currency], 0)


def line_mrr(line: Line, interval: int) -> float:
    """Monthly recurring revenue of a line."""
    return line.quantity * line.unit_amount * (1 - line.discount / 100) / interval


@dataclass
class Churn:
    """How a subscription ended: its last day of service and when the cancellation was requested."""

    day: int
    requested_ts: int


@dataclass
class PaidSubscription:
    """A paid subscription being simulated: its terms and its open lines."""

    ctx: AccountContext
    subscription_id: str
    start: int
    interval: int  # billing interval in months
    discount: float
    opt_out: bool
    lines: dict[str, Line]

    @property
    def interval_name(self) -> str:
        """``monthly``, ``annual``, …: the suffix of the plan codes."""
        return cat.INTERVAL_NAMES[self.interval]

    @property
    def core(self) -> Line:
        """The core seats line."""
        return self.lines["core"]

    def arr(self) -> float:
        """Annual recurring revenue of all open lines."""
        return 12 * sum(line_mrr(x, self.interval) for x in self.lines.values())

    def write_item(self, line: Line, valid_to: int | None) -> None:
        """One subscription item row (a span of constant price)."""
        if valid_to is not None and valid_to <= line.valid_from:
            return  # an empty span (the line changed and ended on the same day): nothing to bill
        self.ctx.table("billing_subscription_items").add(
            subscription_item_id=self.ctx.new_id("billing_subscription_items"),
            subscription_id=self.subscription_id,
            product=line.product,
            plan_code=line.plan_code,
            quantity=str(line.quantity),
            unit_amount=fmt_money(line.unit_amount),
            discount_percent=fmt_num(line.discount),
            valid_from=fmt_date(line.valid_from),
            valid_to=fmt_opt_date(valid_to),
        )

    def change_line(self, line: Line, day: int, **changes: Any) -> None:
        """Close the line's span at ``day`` and open a new one with ``changes`` (in place on the same day)."""
        if day > line.valid_from:
            self.write_item(line, day)
            line.valid_from = day
        for key, value in changes.items():
            setattr(line, key, value)

    def set_seats(self, day: int, seats: int) -> None:
        """Change the seats of the core line and of per-seat add-ons from ``day``."""
        for line in self.lines.values():
            if line.product in SEAT_PRODUCTS:
                self.change_line(line, day, quantity=seats)
        self.ctx.seat_changes.append((day, seats))


def _draw_seats(ctx: AccountContext, segment: str) -> int:
    """Seats of a new contract, by segment."""
    if segment == "SMB":
        return ctx.randint(*tuning.SEATS_SMB)
    if segment == "Mid-Market":
        return ctx.randint(*tuning.SEATS_MID_MARKET)
    lognormal = ctx.rng.lognormal(*tuning.SEATS_ENTERPRISE_LOGNORMAL)
    return int(min(tuning.SEATS_ENTERPRISE_MAX, lognormal))


def _draw_discount(ctx: AccountContext, interval: int) -> float:
    """Discount percent of a new contract: larger on plans billed for months at once."""
    if interval == 1:
        options, weights = tuning.MONTHLY_DISCOUNT_OPTIONS, tuning.MONTHLY_DISCOUNT_WEIGHTS
    else:
        options, weights = tuning.TERM_DISCOUNT_OPTIONS, tuning.TERM_DISCOUNT_WEIGHTS
    return float(weighted_choice(ctx.rng, options, weights))


def open_subscription(ctx: AccountContext, start: int) -> PaidSubscription:
    """Draw a new contract's terms and opening lines."""
    segment = ctx.profile.segment
    interval = int(
        weighted_choice(ctx.rng, tuning.INTERVAL_OPTIONS, tuning.INTERVAL_WEIGHTS[segment])
    )
    plan = ctx.pick(tuning.PLANS_PER_SEGMENT[segment])
    seats = _draw_seats(ctx, segment)
    discount = _draw_discount(ctx, interval)
    opt_out = (
        interval == tuning.OPT_OUT_INTERVAL_MONTHS
        and segment != "SMB"
        and ctx.chance(tuning.OPT_OUT_CLAUSE_CHANCE)
    )
    name = cat.INTERVAL_NAMES[interval]
    sub = PaidSubscription(
        ctx=ctx,
        subscription_id=ctx.new_id("billing_subscriptions"),
        start=start,
        interval=interval,
        discount=discount,
        opt_out=opt_out,
        lines={
            "core": Line(
                "core",
                f"core_{plan}_{name}",
                seats,
                core_price(ctx, plan) * interval,
                discount,
                start,
            )
        },
    )
    if segment == "Enterprise" and ctx.chance(tuning.SSO_AT_START_CHANCE):
        sub.lines["sso"] = Line(
            "sso", f"sso_{name}", 1, addon_price(ctx, "sso") * interval, discount, start
        )
    if segment != "SMB" and ctx.chance(tuning.ANALYTICS_AT_START_CHANCE):
        sub.lines["analytics_plus"] = Line(
            "analytics_plus",
            f"analytics_plus_{name}",
            seats,
            addon_price(ctx, "analytics_plus") * interval,
            discount,
            start,
        )
    ctx.paid_starts.append(start)
    ctx.seat_changes.append((start, seats))
    return sub


def write_subscription(sub: PaidSubscription, churn: Churn | None) -> None:
    """The subscription row; the open lines and an open renewal deal of an active one."""
    ctx, start, interval = sub.ctx, sub.start, sub.interval
    subscription = {
        "subscription_id": sub.subscription_id,
        "billing_customer_id": ctx.billing_customer_id,
        "billing_interval_months": str(interval),
        "contract_start_date": fmt_date(start),
        "has_opt_out_clause": fmt_bool(sub.opt_out),
    }
    if churn is not None:
        subscription.update(
            status="cancelled",
            current_term_end_date=fmt_date(churn.day),
            cancelled_at=fmt_ts(churn.requested_ts),
            ended_at=fmt_date(churn.day),
        )
        ctx.services.append(ServiceSpan(start, churn.day, "paid"))
    else:
        terms = 1
        while add_months(start, interval * terms) <= ctx.end_day:
            terms += 1
        term_end_day = add_months(start, interval * terms)
        subscription.update(status="active", current_term_end_date=fmt_date(term_end_day))
        for line in sub.lines.values():
            sub.write_item(line, None)
        ctx.services.append(ServiceSpan(start, None, "paid"))
        if (
            interval >= tuning.RENEWAL_DEAL_MIN_INTERVAL_MONTHS
            and term_end_day - ctx.end_day <= tuning.OPEN_RENEWAL_WITHIN_DAYS
        ):
            add_open_renewal(ctx, term_end_day, sub.arr())
    ctx.table("billing_subscriptions").add(**subscription)
