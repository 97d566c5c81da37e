"""Support: the help-desk tickets of one account, month by month."""

from __future__ import annotations

import math

from .. import catalog as cat
from .. import tuning
from ..core import SECONDS_PER_DAY, fmt_opt_ts, fmt_ts, weighted_choice
from .context import AccountContext
from .surveys import add_csat


def tickets_mean(seats: int, health: float) -> float:
    """Expected tickets in a month: more for larger and for unhappier accounts."""
    size = tuning.TICKETS_BASE + tuning.TICKETS_PER_SQRT_SEAT * math.sqrt(max(seats, 1))
    return size * (tuning.TICKETS_HEALTH_BASE - tuning.TICKETS_HEALTH_SLOPE * health)


def simulate_tickets(
    ctx: AccountContext, first_ts: int, last_ts: int, health: float, seats: int
) -> None:
    """Support tickets for one month: unhappy, larger accounts file more and more urgent ones."""
    rng = ctx.rng
    for _ in range(int(rng.poisson(tickets_mean(seats, health)))):
        created = ctx.ts_between(first_ts, last_ts)
        priority = weighted_choice(
            rng, tuning.TICKET_PRIORITY_OPTIONS, tuning.ticket_priority_weights(health)
        )
        first_response = (
            created
            + int(rng.exponential(tuning.FIRST_RESPONSE_MEAN_SECONDS))
            + tuning.FIRST_RESPONSE_MIN_SECONDS
        )
        resolution = (
            first_response
            + int(rng.exponential(tuning.RESOLUTION_MEAN_SECONDS))
            + tuning.RESOLUTION_MIN_SECONDS
        )
        reopen = int(rng.poisson(tuning.REOPENS_BASE + tuning.REOPENS_PER_UNHEALTH * (1 - health)))
        replies = 1 + int(rng.poisson(tuning.EXTRA_REPLIES_MEAN)) + reopen
        first: int | None = first_response
        solved: int | None = resolution
        if first_response > ctx.end_ts:
            first, solved, status, replies, reopen = None, None, "new", 0, 0
        elif resolution > ctx.end_ts:
            solved, status = None, ctx.pick(tuning.OPEN_TICKET_STATUSES)
        else:
            closed = ctx.end_ts - resolution > tuning.CLOSED_AFTER_DAYS * SECONDS_PER_DAY
            status = "closed" if closed else "solved"
        ctx.table("support_tickets").add(
            ticket_id=ctx.new_id("support_tickets"),
            account_id=ctx.account_id,
            created_at=fmt_ts(created),
            first_response_at=fmt_opt_ts(first),
            solved_at=fmt_opt_ts(solved),
            status=status,
            priority=priority,
            channel=weighted_choice(rng, tuning.CHANNEL_OPTIONS, tuning.CHANNEL_WEIGHTS),
            agent_reply_count=str(replies),
            reopen_count=str(reopen),
            category=None
            if ctx.chance(tuning.TICKET_CATEGORY_MISSING_CHANCE)
            else ctx.pick(cat.TICKET_CATEGORIES),
        )
        if solved is not None and ctx.chance(tuning.TICKET_CSAT_CHANCE):
            add_csat(ctx, solved + ctx.randint(*tuning.TICKET_CSAT_DELAY_SECONDS), "support")
