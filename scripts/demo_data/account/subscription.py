"""One paid subscription, period by period: expansion, upgrades, churn, contraction, renewals.

A subscription is a set of product lines (core seats and add-ons). Each change closes a
line's current span (a ``billing_subscription_items`` row) and opens a new one, so the
items are a history of constant prices.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .. import catalog as cat
from .. import tuning
from ..core import (
    SECONDS_PER_DAY,
    add_months,
    fmt_bool,
    fmt_date,
    fmt_money,
    fmt_num,
    fmt_opt_date,
    fmt_ts,
    weighted_choice,
)
from .cancellations import record_churn, record_partial
from .context import AccountContext, ServiceSpan
from .pipeline import add_expansion, add_open_renewal, add_opportunity, add_renewal

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
    opt_out = interval == 12 and segment != "SMB" and ctx.chance(tuning.OPT_OUT_CLAUSE_CHANCE)
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
                "core", f"core_{plan}_{name}", seats, core_price(ctx, plan) * interval, discount, start
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


def _record_new_business(sub: PaidSubscription, reactivation: bool) -> None:
    """The won new-business (or win-back) deal of a new contract."""
    ctx, start = sub.ctx, sub.start
    arr = sub.arr()
    if start < ctx.end_day:
        won_ts = ctx.ts_on(start)
    else:
        won_ts = ctx.ts_between(start * SECONDS_PER_DAY, ctx.end_ts)
    created = won_ts - ctx.randint(*tuning.DEAL_CYCLE_DAYS) * SECONDS_PER_DAY
    add_opportunity(
        ctx,
        "new_business",
        max(created, ctx.created_ts),
        won_ts,
        arr,
        cs_sourced=reactivation and ctx.chance(tuning.WIN_BACK_CS_SOURCED_CHANCE),
        won=True,
        lead_source="win_back" if reactivation else None,
    )


def _mid_period_day(ctx: AccountContext, period_start: int, period_end: int) -> int:
    """A uniform day strictly inside a billing period."""
    return period_start + ctx.randint(1, period_end - period_start - 1)


def _maybe_add_seats(sub: PaidSubscription, period_start: int, period_end: int, h: float) -> None:
    """Mid-period expansion: more seats, likelier the healthier the account."""
    ctx, core = sub.ctx, sub.core
    p = tuning.SEAT_EXPANSION_BASE + tuning.SEAT_EXPANSION_PER_HEALTH * max(
        0.0, h - tuning.SEAT_EXPANSION_HEALTH_FLOOR
    )
    if not ctx.chance(p):
        return
    day = _mid_period_day(ctx, period_start, period_end)
    if not core.valid_from < day <= ctx.end_day:
        return
    old = line_mrr(core, sub.interval)
    growth = ctx.rng.uniform(*tuning.SEAT_GROWTH_SHARE)
    new_seats = max(core.quantity + 1, math.ceil(core.quantity * (1 + growth)))
    sub.set_seats(day, new_seats)
    add_expansion(ctx, day, 12 * (line_mrr(core, sub.interval) - old), "more_seats")


def _maybe_upgrade(sub: PaidSubscription, period_start: int, period_end: int, h: float) -> None:
    """Mid-period upgrade of a healthy account: starter to pro, or a new add-on."""
    ctx, core, interval = sub.ctx, sub.core, sub.interval
    if not h > tuning.UPGRADE_MIN_HEALTH:
        return
    if not ctx.chance(
        tuning.UPGRADE_BASE + tuning.UPGRADE_PER_HEALTH * (h - tuning.UPGRADE_MIN_HEALTH)
    ):
        return
    day = _mid_period_day(ctx, period_start, period_end)
    if day > ctx.end_day:
        return
    candidates = [a for a in cat.ADDONS if a not in sub.lines]
    if core.plan_code.startswith("core_starter") and ctx.chance(tuning.STARTER_UPGRADE_CHANCE):
        if core.valid_from < day:
            old = line_mrr(core, interval)
            sub.change_line(
                core,
                day,
                plan_code=f"core_{tuning.UPGRADE_PLAN}_{sub.interval_name}",
                unit_amount=core_price(ctx, tuning.UPGRADE_PLAN) * interval,
            )
            add_expansion(ctx, day, 12 * (line_mrr(core, interval) - old), "new_use_case")
    elif candidates:
        addon = ctx.pick(candidates)
        per_seat = cat.ADDONS[addon][0]
        line = Line(
            addon,
            f"{addon}_{sub.interval_name}",
            core.quantity if per_seat else 1,
            addon_price(ctx, addon) * interval,
            sub.discount,
            day,
        )
        sub.lines[addon] = line
        add_expansion(
            ctx, day, 12 * line_mrr(line, interval), ctx.pick(tuning.ADDON_EXPANSION_REASONS)
        )


def churn_hazard(ctx: AccountContext, h: float) -> float:
    """Monthly churn hazard at health ``h``: steep below the knee, higher outside the ICP."""
    knee = tuning.CHURN_HAZARD_KNEE
    return (
        tuning.CHURN_HAZARD_BASE
        + tuning.CHURN_HAZARD_SCALE * (max(0.0, knee - h) / knee) ** 2
        + (tuning.CHURN_HAZARD_NON_ICP if not ctx.profile.icp else 0.0)
    )


def _churn(sub: PaidSubscription, period_end: int, used_opt_out: bool) -> Churn:
    """End the subscription at ``period_end``: close all lines, record the cancellation."""
    ctx = sub.ctx
    notice_days = tuning.MONTHLY_NOTICE_DAYS if sub.interval == 1 else tuning.TERM_NOTICE_DAYS
    notice = ctx.randint(*notice_days)
    requested_ts = ctx.ts_on(max(period_end - notice, sub.start))
    for line in sub.lines.values():
        sub.write_item(line, period_end)
    ctx.seat_changes.append((period_end, 0))
    record_churn(ctx, requested_ts, period_end, used_opt_out)
    if sub.interval >= 12:
        add_renewal(ctx, period_end, sub.arr(), False)
    return Churn(period_end, requested_ts)


def _maybe_cut_seats(sub: PaidSubscription, period_end: int, h: float) -> None:
    """Contraction at a point where seats may be reduced: likelier the unhealthier the account."""
    ctx, core = sub.ctx, sub.core
    p = tuning.CONTRACTION_BASE + tuning.CONTRACTION_PER_HEALTH * max(
        0.0, tuning.CONTRACTION_HEALTH_CEILING - h
    )
    if not ctx.chance(p):
        return
    old_seats = core.quantity
    new_seats = max(1, int(old_seats * (1 - ctx.rng.uniform(*tuning.SEAT_CUT_SHARE))))
    if new_seats < old_seats:
        sub.set_seats(period_end, new_seats)
        if new_seats <= tuning.LARGE_CUT_REMAINING_SHARE * old_seats and ctx.chance(
            tuning.LARGE_CUT_RECORDED_CHANCE
        ):
            record_partial(ctx, period_end, sub.interval)


def _maybe_drop_addon(sub: PaidSubscription, period_end: int, h: float) -> None:
    """An unhealthy account drops an add-on at a point where it may."""
    ctx = sub.ctx
    addons = [a for a in sub.lines if a != "core"]
    if addons and h < tuning.ADDON_DROP_MAX_HEALTH and ctx.chance(tuning.ADDON_DROP_CHANCE):
        addon = ctx.pick(addons)
        sub.write_item(sub.lines.pop(addon), period_end)
        record_partial(ctx, period_end, sub.interval, feature=addon)


def _renew(sub: PaidSubscription, period_end: int) -> None:
    """A term of six months or more renews: maybe a price uplift; annual ones as a renewal deal."""
    ctx = sub.ctx
    ctx.renewal_days.append(period_end)
    if ctx.chance(tuning.PRICE_UPLIFT_CHANCE):
        for line in sub.lines.values():
            uplifted = round(line.unit_amount * tuning.PRICE_UPLIFT_FACTOR, 2)
            sub.change_line(line, period_end, unit_amount=uplifted)
    if sub.interval >= 12:
        add_renewal(ctx, period_end, sub.arr(), True)


def _run_periods(sub: PaidSubscription) -> Churn | None:
    """Simulate the billing periods up to the end; returns the churn, or None if still active."""
    ctx = sub.ctx
    risk = 0.0  # churn risk accumulated since the last term end
    k = 1
    while True:
        period_start, period_end = add_months(sub.start, k - 1), add_months(sub.start, k)
        if period_start > ctx.end_day:
            return None
        h = ctx.health_at(period_start)
        _maybe_add_seats(sub, period_start, period_end, h)
        _maybe_upgrade(sub, period_start, period_end, h)
        if period_end > ctx.end_day:
            return None
        hazard = churn_hazard(ctx, h)
        risk = 1 - (1 - risk) * (1 - hazard)
        term_end = k % sub.interval == 0
        if term_end:
            churn, used_opt_out = ctx.chance(risk), False
            risk = 0.0
        else:
            churn = sub.opt_out and ctx.chance(hazard * tuning.OPT_OUT_HAZARD_FACTOR)
            used_opt_out = churn
        if churn:
            return _churn(sub, period_end, used_opt_out)
        if sub.interval == 1 or term_end:
            _maybe_cut_seats(sub, period_end, h)
            _maybe_drop_addon(sub, period_end, h)
        if term_end and sub.interval >= tuning.PRICE_UPLIFT_MIN_INTERVAL:
            _renew(sub, period_end)
        k += 1


def _write_subscription(sub: PaidSubscription, churn: Churn | None) -> None:
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
        if interval >= 12 and term_end_day - ctx.end_day <= tuning.OPEN_RENEWAL_WITHIN_DAYS:
            add_open_renewal(ctx, term_end_day, sub.arr())
    ctx.table("billing_subscriptions").add(**subscription)


def run_paid_subscription(ctx: AccountContext, start: int, reactivation: bool) -> int | None:
    """A paid subscription from ``start``; returns its churn day, or None if still active."""
    sub = open_subscription(ctx, start)
    _record_new_business(sub, reactivation)
    churn = _run_periods(sub)
    _write_subscription(sub, churn)
    return None if churn is None else churn.day
