"""Customer-success operations: onboarding, activities and CTAs, success goals, month by month.

The monthly loop also hands each month to support (tickets), surveys (NPS rounds) and
feedback, and ends with the open pipeline, in the order the draws were always made.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from .. import catalog as cat
from .. import tuning
from ..core import (
    SECONDS_PER_DAY,
    fmt_bool,
    fmt_date,
    fmt_opt_ts,
    fmt_ts,
    month_key,
    month_start,
    weighted_choice,
)
from .context import AccountContext
from .pipeline import simulate_open_pipeline
from .support import simulate_tickets
from .surveys import add_csat, add_feedback, simulate_nps

DEFAULT_SUBJECTS = {
    "email": "Follow-up",
    "call": "Check-in call",
    "meeting": "Working session",
    "training": "Admin training",
    "qbr": "Quarterly business review",
}


def service_months(ctx: AccountContext) -> Iterator[tuple[int, int, int, str]]:
    """Yields (month key, first day, last day, kind) for each month slice in service within the window."""
    for start, end, kind in ctx.services:
        last = (end - 1) if end is not None else ctx.end_day
        first = max(start, ctx.world.window_start)
        if last < first:
            continue
        month = month_key(first)
        while True:
            first_day, last_day = (
                max(first, month_start(month)),
                min(last, month_start(month + 1) - 1),
            )
            if first_day > last_day:
                break
            yield month, first_day, last_day, kind
            month += 1


def simulate_operations(ctx: AccountContext) -> None:
    """Activities, CTAs, QBRs, goals, onboardings, tickets, surveys, feedback, open pipeline."""
    for start in ctx.paid_starts:
        simulate_onboarding(ctx, start)
    segment = ctx.profile.segment
    qbr_every = tuning.QBR_EVERY_MONTHS if segment != "SMB" else tuning.QBR_EVERY_MONTHS_SMB
    activities_mean = tuning.ACTIVITIES_PER_MONTH[segment]
    for month, first_day, last_day, kind in service_months(ctx):
        health = ctx.health_at(first_day)
        seats = ctx.seats_on(first_day)
        first_ts, last_ts = (
            first_day * SECONDS_PER_DAY,
            last_day * SECONDS_PER_DAY + SECONDS_PER_DAY - 1,
        )
        _monthly_activities(ctx, first_ts, last_ts, activities_mean, health)
        if kind == "paid" and (month - ctx.first_month) % qbr_every == 0:
            add_activity(ctx, ctx.ts_between(first_ts, last_ts), "qbr")
        _monthly_ctas(ctx, first_day, last_day, health)
        months_since_signup = month - month_key(ctx.profile.signup_day)
        if (
            kind == "paid"
            and months_since_signup % tuning.GOAL_EVERY_MONTHS == tuning.GOAL_MONTH_OFFSET
        ):
            simulate_goal(ctx, first_ts, last_ts)
        simulate_tickets(ctx, first_ts, last_ts, health, seats)
        if (month - ctx.first_month) % tuning.NPS_EVERY_MONTHS == tuning.NPS_MONTH_OFFSET:
            simulate_nps(ctx, first_ts, last_ts, health)
        feedback_mean = (
            tuning.FEEDBACK_PER_MONTH_BASE
            + tuning.FEEDBACK_PER_MONTH_PER_LOG_SEATS * math.log1p(seats)
        )
        for _ in range(int(ctx.rng.poisson(feedback_mean))):
            add_feedback(ctx, ctx.ts_between(first_ts, last_ts), health)
    simulate_open_pipeline(ctx)


def _monthly_activities(
    ctx: AccountContext, first_ts: int, last_ts: int, activities_mean: float, health: float
) -> None:
    """The month's routine e-mails, calls, meetings and trainings: more for sick accounts."""
    health_factor = tuning.ACTIVITY_HEALTH_BASE - tuning.ACTIVITY_HEALTH_SLOPE * health
    for _ in range(int(ctx.rng.poisson(activities_mean * health_factor))):
        ts = ctx.ts_between(first_ts, last_ts)
        kind = weighted_choice(ctx.rng, tuning.ACTIVITY_TYPE_OPTIONS, tuning.ACTIVITY_TYPE_WEIGHTS)
        add_activity(ctx, ts, kind)


def _monthly_ctas(ctx: AccountContext, first_day: int, last_day: int, health: float) -> None:
    """The month's calls to action: a risk or adoption CTA, and renewals 90 days out."""
    first_ts, last_ts = (
        first_day * SECONDS_PER_DAY,
        last_day * SECONDS_PER_DAY + SECONDS_PER_DAY - 1,
    )
    if health < tuning.RISK_CTA_MAX_HEALTH and ctx.chance(tuning.RISK_CTA_CHANCE):
        add_activity(
            ctx,
            ctx.ts_between(first_ts, last_ts),
            "cta",
            subject="Risk: usage and sentiment dropping",
            priority="high",
        )
    elif ctx.chance(tuning.ADOPTION_CTA_CHANCE):
        add_activity(
            ctx,
            ctx.ts_between(first_ts, last_ts),
            "cta",
            subject="Check-in on adoption",
            priority="low",
        )
    for renewal in ctx.renewal_days:
        if first_day <= renewal - tuning.RENEWAL_CTA_BEFORE_DAYS <= last_day:
            add_activity(
                ctx,
                ctx.ts_on(renewal - tuning.RENEWAL_CTA_BEFORE_DAYS),
                "cta",
                subject=f"Renewal in {tuning.RENEWAL_CTA_BEFORE_DAYS} days",
                priority="medium",
            )


def _completion(
    ctx: AccountContext, ts: int, kind: str, health: float
) -> tuple[int | None, int | None]:
    """(due, completed) of an activity created at ``ts``; None where not scheduled or not done."""
    due = completed = None
    if kind in ("email", "call"):
        completed = min(ts + ctx.randint(*tuning.QUICK_ACTIVITY_SECONDS), ctx.end_ts)
    elif kind in ("meeting", "training", "qbr"):
        due = ts + ctx.randint(*tuning.MEETING_DUE_DAYS) * SECONDS_PER_DAY
        held_chance = (
            tuning.MEETING_HELD_CHANCE
            if kind != "qbr"
            else tuning.QBR_HELD_BASE + tuning.QBR_HELD_PER_HEALTH * health
        )
        held = ctx.chance(held_chance)
        if held and due <= ctx.end_ts:
            completed = due + ctx.randint(*tuning.MEETING_LENGTH_SECONDS)
            completed = completed if completed <= ctx.end_ts else None
    else:  # cta
        due = ts + ctx.randint(*tuning.CTA_DUE_DAYS) * SECONDS_PER_DAY
        done = (
            ts
            + int(ctx.rng.exponential(tuning.CTA_CLOSE_MEAN_DAYS * SECONDS_PER_DAY))
            + tuning.CTA_CLOSE_MIN_SECONDS
        )
        if ctx.chance(tuning.CTA_CLOSED_CHANCE) and done <= ctx.end_ts:
            completed = done
    return due, completed


def add_activity(
    ctx: AccountContext, ts: int, kind: str, subject: str | None = None, priority: str | None = None
) -> None:
    """One CS activity; CTAs and scheduled meetings may still be open at the end."""
    ts = min(ts, ctx.end_ts)
    health = ctx.health_at(ts // SECONDS_PER_DAY)
    due, completed = _completion(ctx, ts, kind, health)
    ctx.table("crm_activities").add(
        activity_id=ctx.new_id("crm_activities"),
        account_id=ctx.account_id,
        owner_user_id=ctx.csm_at(ts),
        activity_type=kind,
        subject=subject
        or (DEFAULT_SUBJECTS[kind] if ctx.chance(tuning.ACTIVITY_SUBJECT_CHANCE) else None),
        priority=priority or (None if kind != "cta" else "medium"),
        created_at=fmt_ts(ts),
        due_at=fmt_opt_ts(due),
        completed_at=fmt_opt_ts(completed),
    )
    if kind == "qbr" and completed is not None and ctx.chance(tuning.QBR_CSAT_CHANCE):
        add_csat(ctx, completed + ctx.randint(*tuning.QBR_CSAT_DELAY_SECONDS), "success")


def simulate_onboarding(ctx: AccountContext, start: int) -> None:
    """The onboarding project after a paid start; time to value depends on health and fit."""
    started = ctx.ts_on(start + ctx.randint(*tuning.ONBOARDING_START_DAYS))
    if started >= ctx.end_ts or started // SECONDS_PER_DAY > ctx.end_day:
        return
    health = ctx.health_at(start)
    target_days = tuning.ONBOARDING_TARGET_DAYS[ctx.profile.segment]
    dm = ctx.chance(tuning.ONBOARDING_DM_BASE + tuning.ONBOARDING_DM_PER_HEALTH * health)
    ttfv = int(
        ctx.rng.gamma(
            tuning.TIME_TO_VALUE_GAMMA_SHAPE, target_days / tuning.TIME_TO_VALUE_GAMMA_DIVISOR
        )
        / (tuning.TIME_TO_VALUE_HEALTH_OFFSET + health)
        * (tuning.TIME_TO_VALUE_FACTOR_DM if dm else tuning.TIME_TO_VALUE_FACTOR_NO_DM)
    )
    first_value = (
        started + max(ttfv, 1) * SECONDS_PER_DAY + ctx.randint(*tuning.FIRST_VALUE_TIME_SECONDS)
    )
    go_live_days = int(
        target_days
        * ctx.rng.uniform(*tuning.GO_LIVE_FACTOR)
        / (tuning.GO_LIVE_HEALTH_OFFSET + health)
    )
    completed = started + go_live_days * SECONDS_PER_DAY
    first_value = first_value if first_value <= ctx.end_ts else None
    completed = completed if completed <= ctx.end_ts else None
    ctx.table("crm_onboardings").add(
        onboarding_id=ctx.new_id("crm_onboardings"),
        account_id=ctx.account_id,
        started_at=fmt_ts(started),
        target_go_live_date=fmt_date(started // SECONDS_PER_DAY + target_days),
        first_value_at=fmt_opt_ts(first_value),
        completed_at=fmt_opt_ts(completed),
        signoff_received=fmt_bool(completed is not None and ctx.chance(tuning.SIGNOFF_CHANCE)),
        sales_handover_completed=fmt_bool(ctx.chance(tuning.SALES_HANDOVER_CHANCE)),
        decision_maker_involved=fmt_bool(dm),
    )
    if completed is not None and ctx.chance(tuning.ONBOARDING_CSAT_CHANCE):
        add_csat(ctx, completed + ctx.randint(*tuning.ONBOARDING_CSAT_DELAY_SECONDS), "onboarding")
    for _ in range(ctx.randint(*tuning.ONBOARDING_GOALS)):
        simulate_goal(ctx, started, started + tuning.ONBOARDING_GOAL_WITHIN_DAYS * SECONDS_PER_DAY)


def simulate_goal(ctx: AccountContext, first_ts: int, last_ts: int) -> None:
    """A success-plan goal; healthier accounts achieve more of theirs."""
    created = ctx.ts_between(first_ts, last_ts)
    if created > ctx.end_ts:
        return
    created_day = created // SECONDS_PER_DAY
    agreed = None
    if ctx.chance(tuning.GOAL_AGREED_CHANCE):
        agreed_days = ctx.randint(*tuning.GOAL_AGREED_DAYS)
        agreed = created + agreed_days * SECONDS_PER_DAY + ctx.randint(*tuning.GOAL_AGREED_SECONDS)
    agreed = agreed if agreed is not None and agreed <= ctx.end_ts else None
    due = created_day + ctx.randint(*tuning.GOAL_DUE_DAYS)
    health = ctx.health_at(min(due, ctx.end_day))
    achieved = None
    if ctx.chance(tuning.GOAL_ACHIEVED_BASE + tuning.GOAL_ACHIEVED_PER_HEALTH * health):
        share = ctx.rng.uniform(*tuning.GOAL_ACHIEVED_AT_SHARE)
        achieved = (
            created
            + int(share * (due - created_day)) * SECONDS_PER_DAY
            + tuning.GOAL_ACHIEVED_TIME_SECONDS
        )
        achieved = achieved if achieved <= ctx.end_ts else None
    if achieved is not None:
        status = "achieved"
    elif due > ctx.end_day:
        status = "open"
    else:
        status = "cancelled" if ctx.chance(tuning.GOAL_CANCELLED_CHANCE) else "missed"
    ctx.table("crm_success_goals").add(
        goal_id=ctx.new_id("crm_success_goals"),
        account_id=ctx.account_id,
        objective=ctx.pick(cat.GOAL_OBJECTIVES),
        created_at=fmt_ts(created),
        agreed_at=fmt_opt_ts(agreed),
        due_date=fmt_date(due),
        achieved_at=fmt_opt_ts(achieved),
        status=status,
    )
