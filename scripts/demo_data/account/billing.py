"""Billing: the billing customer, the trial, paid subscriptions in turn, churn and win-backs."""

from __future__ import annotations

from .. import catalog as cat
from .. import tuning
from ..core import SECONDS_PER_DAY, fmt_bool, fmt_date, fmt_ts
from .context import AccountContext, ServiceSpan
from .contract import core_price
from .pipeline import add_opportunity
from .subscription import run_paid_subscription


def simulate_billing(ctx: AccountContext) -> None:
    """Billing customer, optional trial, paid subscriptions, churn and win-backs."""
    ctx.billing_customer_id = ctx.new_id("billing_customers")
    days_before = ctx.randint(*tuning.BILLING_CUSTOMER_BEFORE_SIGNUP_DAYS)
    customer_ts = max(
        ctx.created_ts,
        ctx.profile.signup_day * SECONDS_PER_DAY
        - days_before * SECONDS_PER_DAY
        + ctx.office_seconds(),
    )
    ctx.table("billing_customers").add(
        billing_customer_id=ctx.billing_customer_id,
        account_id=ctx.account_id,
        currency=ctx.currency,
        created_at=fmt_ts(min(customer_ts, ctx.end_ts)),
    )
    start: int | None = ctx.profile.signup_day
    if ctx.profile.trial:
        start = run_trial(ctx, ctx.profile.signup_day)
        if start is None:
            return
    reactivation = False
    while start is not None and start <= ctx.end_day:
        churn_day = run_paid_subscription(ctx, start, reactivation)
        if churn_day is None:
            return
        win_back = tuning.WIN_BACK_CHANCE_ICP if ctx.profile.icp else tuning.WIN_BACK_CHANCE_OTHER
        if not ctx.chance(win_back):
            return
        start = churn_day + ctx.randint(*tuning.WIN_BACK_GAP_DAYS)
        reactivation = True
        ctx.bump_health(start, tuning.WIN_BACK_HEALTH_BOOST)


def _write_trial(ctx: AccountContext, start: int, trial_end: int, seats: int) -> None:
    """The trial's subscription and its single zero-priced item; the trial's service span."""
    subscription_id = ctx.new_id("billing_subscriptions")
    ongoing = trial_end > ctx.end_day
    item = {
        "subscription_id": subscription_id,
        "product": "core",
        "plan_code": cat.TRIAL_PLAN,
        "quantity": str(seats),
        "unit_amount": "0.00",
        "discount_percent": "0",
        "valid_from": fmt_date(start),
    }
    subscription = {
        "subscription_id": subscription_id,
        "billing_customer_id": ctx.billing_customer_id,
        "billing_interval_months": "1",
        "contract_start_date": fmt_date(start),
        "current_term_end_date": fmt_date(trial_end),
        "has_opt_out_clause": fmt_bool(False),
    }
    if ongoing:
        subscription.update(status="trialing")
        ctx.services.append(ServiceSpan(start, None, "trial"))
    else:
        subscription.update(
            status="cancelled",
            cancelled_at=fmt_ts(ctx.ts_on(trial_end - 1)),
            ended_at=fmt_date(trial_end),
        )
        item.update(valid_to=fmt_date(trial_end))
        ctx.services.append(ServiceSpan(start, trial_end, "trial"))
    ctx.seat_changes.append((start, seats))
    ctx.table("billing_subscriptions").add(**subscription)
    ctx.table("billing_subscription_items").add(
        subscription_item_id=ctx.new_id("billing_subscription_items"), **item
    )


def run_trial(ctx: AccountContext, start: int) -> int | None:
    """A zero-priced trial subscription; returns the paid start day if it converts."""
    trial_end = start + ctx.pick(tuning.TRIAL_LENGTHS_DAYS)
    seats = ctx.randint(*tuning.TRIAL_SEATS)
    health = ctx.health_at(start)
    fit_factor = 1.0 if ctx.profile.icp else tuning.TRIAL_CONVERSION_FACTOR_NON_ICP
    converts = ctx.chance(
        (tuning.TRIAL_CONVERSION_BASE + tuning.TRIAL_CONVERSION_PER_HEALTH * health) * fit_factor
    )
    _write_trial(ctx, start, trial_end, seats)
    deal_created = ctx.ts_between(ctx.created_ts, start * SECONDS_PER_DAY)
    deal_arr = seats * core_price(ctx, tuning.TRIAL_DEAL_PLAN) * 12
    if trial_end > ctx.end_day:
        add_opportunity(
            ctx,
            "new_business",
            deal_created,
            None,
            deal_arr,
            expected_close=trial_end + tuning.TRIAL_EXPECTED_CLOSE_AFTER_DAYS,
            cs_sourced=False,
        )
        return None
    ctx.seat_changes.append((trial_end, 0))
    if not converts:
        add_opportunity(
            ctx,
            "new_business",
            deal_created,
            ctx.ts_on(trial_end),
            deal_arr,
            won=False,
            cs_sourced=False,
        )
        return None
    if ctx.chance(tuning.TRIAL_IMMEDIATE_START_CHANCE):
        return trial_end
    return trial_end + ctx.randint(*tuning.TRIAL_DELAYED_START_DAYS)
