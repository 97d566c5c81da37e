"""Product users (usage_users) of one account, and what the usage-event generator needs of it."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import catalog as cat
from .. import tuning
from ..core import SECONDS_PER_DAY, fmt_opt_ts, fmt_ts, month_key, month_start
from .context import AccountContext, ServiceSpan

FAR_FUTURE = 10**9  # a day number meaning "never"


@dataclass
class UsageProfile:
    """What the usage-event generator needs to know about one account."""

    account_id: str
    user_ids: list[str]
    created_day: np.ndarray  # events only on days after the user was created …
    deact_day: np.ndarray  # … and before the day the user was deactivated
    is_admin: np.ndarray  # only admins produce events of the admin feature
    first_month: int  # month key of health[0]
    health: np.ndarray  # monthly health
    feature_weights: np.ndarray


@dataclass
class _Roster:
    """The product users drawn so far, as parallel lists (positions are user indexes)."""

    ids: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    created_days: list[int] = field(default_factory=list)
    deact_days: list[int] = field(default_factory=list)


def adoption_target(seats: int, health: float) -> int:
    """Active users wanted in a month: a health-dependent share of the seats, at least one."""
    return max(
        1, round(seats * min(1.0, tuning.ADOPTION_BASE + tuning.ADOPTION_PER_HEALTH * health))
    )


def _add_users(
    ctx: AccountContext,
    roster: _Roster,
    active: list[int],
    first_day: int,
    last_day: int,
    count: int,
) -> None:
    """Create ``count`` users between ``first_day`` and ``last_day``; the first active user is an admin."""
    for _ in range(count):
        day = ctx.randint(first_day, last_day)
        roster.ids.append(ctx.new_id("usage_users"))
        roster.created_days.append(day)
        roster.deact_days.append(FAR_FUTURE)
        admin = len(active) == 0 or ctx.chance(tuning.EXTRA_ADMIN_CHANCE)
        roster.roles.append("admin" if admin else "member")
        active.append(len(roster.ids) - 1)


def _deactivate_users(
    ctx: AccountContext,
    roster: _Roster,
    active: list[int],
    first_day: int,
    last_day: int,
    surplus: int,
) -> None:
    """Deactivate ``surplus`` random active users between ``first_day`` and ``last_day`` (not before creation)."""
    chosen = ctx.rng.choice(len(active), size=surplus, replace=False).tolist()
    for pos in sorted(chosen, reverse=True):
        user = active.pop(pos)
        day = ctx.randint(first_day, last_day)
        if day > roster.created_days[user]:
            roster.deact_days[user] = day
        else:
            active.insert(pos, user)


def _staff_span(ctx: AccountContext, roster: _Roster, span: ServiceSpan) -> None:
    """Users of one service span, month by month: adoption follows seats × health."""
    active: list[int] = []  # user indexes of the active users
    month = month_key(span.start)
    last = (span.end - 1) if span.end is not None else ctx.end_day
    while month_start(month) <= last:
        first_day = max(span.start, month_start(month))
        last_day = min(last, month_start(month + 1) - 1)
        target = adoption_target(max(ctx.seats_on(first_day), 1), ctx.health_at(first_day))
        if len(active) < target:
            _add_users(ctx, roster, active, first_day, last_day, target - len(active))
        elif len(active) > target * tuning.SURPLUS_TOLERANCE + 1:
            _deactivate_users(ctx, roster, active, first_day, last_day, len(active) - target)
        month += 1
    if span.end is not None:
        for user in active:
            roster.deact_days[user] = max(span.end, roster.created_days[user] + 1)


def _write_users(ctx: AccountContext, roster: _Roster) -> None:
    """The usage_users rows."""
    table = ctx.table("usage_users")
    for user, user_id in enumerate(roster.ids):
        created_ts = roster.created_days[user] * SECONDS_PER_DAY + ctx.office_seconds()
        deact = roster.deact_days[user]
        if deact >= FAR_FUTURE or deact > ctx.end_day:
            deact_ts = None
        else:
            deact_ts = deact * SECONDS_PER_DAY + ctx.randint(*tuning.DEACTIVATION_TIME_SECONDS)
        email_missing = ctx.chance(tuning.USER_EMAIL_MISSING_CHANCE)
        table.add(
            user_id=user_id,
            account_id=ctx.account_id,
            email=None if email_missing else f"user{user_id[4:]}@{ctx.profile.domain}",
            role=roster.roles[user],
            created_at=fmt_ts(created_ts),
            deactivated_at=fmt_opt_ts(deact_ts),
        )


def simulate_usage_users(ctx: AccountContext) -> UsageProfile | None:
    """Product users: adoption follows seats × health; users leave with contractions and churn."""
    if not ctx.services:
        return None
    roster = _Roster()
    for span in ctx.services:
        _staff_span(ctx, roster, span)
    _write_users(ctx, roster)
    base_weights = np.array(cat.FEATURE_BASE_WEIGHTS)
    weights = base_weights * ctx.rng.gamma(
        *tuning.FEATURE_WEIGHT_GAMMA, len(cat.FEATURE_BASE_WEIGHTS)
    )
    return UsageProfile(
        account_id=ctx.account_id,
        user_ids=roster.ids,
        created_day=np.array(roster.created_days, dtype=np.int64),
        deact_day=np.array(roster.deact_days, dtype=np.int64),
        is_admin=np.array([r == "admin" for r in roster.roles], dtype=bool),
        first_month=ctx.first_month,
        health=ctx.health.astype(np.float64),
        feature_weights=weights / weights.sum(),
    )
