"""One paid subscription, period by period: expansion, upgrades, churn, contraction, renewals."""

from __future__ import annotations

import math

from .. import catalog as cat
from .. import tuning
from ..core import SECONDS_PER_DAY, add_months
from .cancellations import record_churn, record_partial
from .context import AccountContext
from .contract import (
    Churn,
    Line,
    PaidSubscription,
    addon_price,
    core_price,
    line_mrr,
    open_subscription,
    write_subscription,
)
from .pipeline import add_expansion, add_opportunity, add_renewal


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


def _maybe_add_seats(
    sub: PaidSubscription, period_start: int, period_end: int, health: float
) -> None:
    """Mid-period expansion: more seats, likelier the healthier the account."""
    ctx, core = sub.ctx, sub.core
    p = tuning.SEAT_EXPANSION_BASE + tuning.SEAT_EXPANSION_PER_HEALTH * max(
        0.0, health - tuning.SEAT_EXPANSION_HEALTH_FLOOR
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


def _maybe_upgrade(
    sub: PaidSubscription, period_start: int, period_end: int, health: float
) -> None:
    """Mid-period upgrade of a healthy account: starter to pro, or a new add-on."""
    ctx, core, interval = sub.ctx, sub.core, sub.interval
    if not health > tuning.UPGRADE_MIN_HEALTH:
        return
    if not ctx.chance(
        tuning.UPGRADE_BASE + tuning.UPGRADE_PER_HEALTH * (health - tuning.UPGRADE_MIN_HEALTH)
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


def churn_hazard(ctx: AccountContext, health: float) -> float:
    """Monthly churn hazard at ``health``: steep below the knee, higher outside the ICP."""
    knee = tuning.CHURN_HAZARD_KNEE
    return (
        tuning.CHURN_HAZARD_BASE
        + tuning.CHURN_HAZARD_SCALE * (max(0.0, knee - health) / knee) ** 2
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
    if sub.interval >= tuning.RENEWAL_DEAL_MIN_INTERVAL_MONTHS:
        add_renewal(ctx, period_end, sub.arr(), False)
    return Churn(period_end, requested_ts)


def _maybe_cut_seats(sub: PaidSubscription, period_end: int, health: float) -> None:
    """Contraction at a point where seats may be reduced: likelier the unhealthier the account."""
    ctx, core = sub.ctx, sub.core
    p = tuning.CONTRACTION_BASE + tuning.CONTRACTION_PER_HEALTH * max(
        0.0, tuning.CONTRACTION_HEALTH_CEILING - health
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


def _maybe_drop_addon(sub: PaidSubscription, period_end: int, health: float) -> None:
    """An unhealthy account drops an add-on at a point where it may."""
    ctx = sub.ctx
    addons = [a for a in sub.lines if a != "core"]
    if addons and health < tuning.ADDON_DROP_MAX_HEALTH and ctx.chance(tuning.ADDON_DROP_CHANCE):
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
    if sub.interval >= tuning.RENEWAL_DEAL_MIN_INTERVAL_MONTHS:
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
        health = ctx.health_at(period_start)
        _maybe_add_seats(sub, period_start, period_end, health)
        _maybe_upgrade(sub, period_start, period_end, health)
        if period_end > ctx.end_day:
            return None
        hazard = churn_hazard(ctx, health)
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
            _maybe_cut_seats(sub, period_end, health)
            _maybe_drop_addon(sub, period_end, health)
        if term_end and sub.interval >= tuning.RENEWED_TERM_MIN_MONTHS:
            _renew(sub, period_end)
        k += 1


def run_paid_subscription(ctx: AccountContext, start: int, reactivation: bool) -> int | None:
    """A paid subscription from ``start``; returns its churn day, or None if still active."""
    sub = open_subscription(ctx, start)
    _record_new_business(sub, reactivation)
    churn = _run_periods(sub)
    write_subscription(sub, churn)
    return None if churn is None else churn.day
