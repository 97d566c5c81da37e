"""The sales pipeline: opportunities (new business, expansion, renewal) with their stage history."""

from __future__ import annotations

import numpy as np

from .. import catalog as cat
from .. import tuning
from ..core import (
    SECONDS_PER_DAY,
    fmt_bool,
    fmt_date,
    fmt_money,
    fmt_opt_ts,
    fmt_ts,
    weighted_choice,
)
from .context import AccountContext


def add_expansion(ctx: AccountContext, day: int, arr_delta: float, reason: str) -> None:
    """A won expansion deal closing on ``day``."""
    if arr_delta <= 0:
        return
    on_day = day < ctx.end_day
    won = ctx.ts_on(day) if on_day else ctx.ts_between(day * SECONDS_PER_DAY, ctx.end_ts)
    cycle = ctx.randint(*tuning.EXPANSION_DEAL_CYCLE_DAYS) * SECONDS_PER_DAY
    created = max(ctx.created_ts, won - cycle)
    add_opportunity(
        ctx,
        "expansion",
        created,
        won,
        arr_delta,
        cs_sourced=ctx.chance(tuning.EXPANSION_CS_SOURCED_CHANCE),
        reason=reason,
    )
    _add_lost_beside_won(ctx, day, arr_delta, reason)


def _add_lost_beside_won(ctx: AccountContext, day: int, arr_delta: float, reason: str) -> None:
    """Sometimes, beside a won expansion on ``day``, another expansion deal of the account
    that was lost, so that each stage's win rate is below one and the pipeline holds deals
    that never close. Drawn from a stream of its own (run seed, account, day): the rest of
    the account's story is the same with or without it."""
    main_rng = ctx.rng
    ctx.rng = np.random.default_rng(
        [ctx.world.cfg.seed, tuning.STREAM_LOST_EXPANSION, ctx.profile.number, day]
    )
    try:
        if not ctx.chance(tuning.LOST_BESIDE_WON_CHANCE):
            return
        close_day = day + ctx.randint(*tuning.LOST_BESIDE_WON_CLOSE_OFFSET_DAYS)
        if close_day >= ctx.end_day:
            return
        close = ctx.ts_on(close_day)
        min_close = ctx.created_ts + tuning.LOST_EXPANSION_MIN_ACCOUNT_AGE_DAYS * SECONDS_PER_DAY
        if close <= min_close:
            return
        cycle = ctx.randint(*tuning.LOST_BESIDE_WON_CYCLE_DAYS) * SECONDS_PER_DAY
        add_opportunity(
            ctx,
            "expansion",
            max(ctx.created_ts, close - cycle),
            close,
            arr_delta * float(ctx.rng.uniform(*tuning.LOST_BESIDE_WON_ARR_FACTOR)),
            won=False,
            cs_sourced=ctx.chance(tuning.EXPANSION_CS_SOURCED_CHANCE),
            reason=reason,
        )
    finally:
        ctx.rng = main_rng


def add_renewal(ctx: AccountContext, day: int, arr: float, won: bool) -> None:
    """A renewal deal closing at a term end."""
    close = ctx.ts_on(day - 1) if day - 1 < ctx.end_day else ctx.end_ts
    cycle = ctx.randint(*tuning.RENEWAL_DEAL_CYCLE_DAYS) * SECONDS_PER_DAY
    created = max(ctx.created_ts, close - cycle)
    add_opportunity(ctx, "renewal", created, close, arr, won=won, cs_sourced=True)


def add_open_renewal(ctx: AccountContext, day: int, arr: float) -> None:
    """An open renewal deal for a renewal soon after the end."""
    age = ctx.randint(*tuning.OPEN_RENEWAL_AGE_DAYS) * SECONDS_PER_DAY
    created = max(ctx.created_ts, ctx.end_ts - age)
    add_opportunity(ctx, "renewal", created, None, arr, expected_close=day, cs_sourced=True)


def _owner(ctx: AccountContext, kind: str, created_ts: int, cs_sourced: bool) -> str:
    """The deal owner: the account's CSM for CS-sourced expansions and renewals, else an AE."""
    if kind != "new_business" and cs_sourced:
        return ctx.csm_at(created_ts)
    return ctx.world.staff.pick("Account Executive", created_ts, ctx.rng).user_id


def _stage_path(
    ctx: AccountContext,
    created_ts: int,
    close_ts: int | None,
    won: bool,
    expected_close: int | None,
) -> tuple[list[str], int, int]:
    """The stages a deal went through, the time of its last change and its (expected) close day."""
    stages = list(cat.OPPORTUNITY_STAGES)
    if close_ts is None:
        final = ctx.pick(stages)
        path = stages[: stages.index(final) + 1]
        last_ts = ctx.ts_between(created_ts, ctx.end_ts)
        if expected_close is not None:
            close_day = expected_close
        else:
            close_day = ctx.end_day + ctx.randint(*tuning.OPEN_DEAL_CLOSE_AFTER_END_DAYS)
        return path, last_ts, close_day
    cut = len(stages) if won else ctx.randint(1, len(stages))
    path = [*stages[:cut], "closed_won" if won else "closed_lost"]
    return path, close_ts, close_ts // SECONDS_PER_DAY


def _change_times(ctx: AccountContext, created_ts: int, last_ts: int, n: int) -> list[int]:
    """``n`` strictly increasing stage-change times from ``created_ts`` (moved earlier if needed)."""
    if last_ts - created_ts < n:  # too little time for distinct change times: start earlier
        created_ts = last_ts - n
    span = last_ts - created_ts
    inner = (
        sorted((ctx.rng.choice(span - 1, size=n - 2, replace=False) + 1).tolist()) if n > 2 else []
    )
    return [created_ts] + [created_ts + int(x) for x in inner] + ([last_ts] if n > 1 else [])


def add_opportunity(
    ctx: AccountContext,
    kind: str,
    created_ts: int,
    close_ts: int | None,
    amount: float,
    *,
    won: bool = True,
    cs_sourced: bool,
    reason: str | None = None,
    expected_close: int | None = None,
    lead_source: str | None = None,
) -> None:
    """An opportunity with its stage history; ``close_ts`` None means still open."""
    created_ts = min(created_ts, ctx.end_ts)
    if close_ts is not None:
        close_ts = max(close_ts, created_ts)
    amount = round(max(amount, 0.0), 2)
    owner = _owner(ctx, kind, created_ts, cs_sourced)
    if kind == "new_business" and lead_source is None:
        lead_source = weighted_choice(
            ctx.rng, tuning.LEAD_SOURCE_OPTIONS, tuning.LEAD_SOURCE_WEIGHTS
        )
    referrer = None
    if lead_source == "referral":
        referrer = ctx.world.referrer_for(created_ts // SECONDS_PER_DAY, ctx.rng, ctx.account_id)
        if referrer is None:
            lead_source = "inbound"
    path, last_ts, close_day = _stage_path(ctx, created_ts, close_ts, won, expected_close)
    n = len(path)
    times = _change_times(ctx, created_ts, last_ts, n)
    created_ts = times[0]
    slip = (
        ctx.randint(*tuning.CLOSE_DATE_SLIP_DAYS)
        if ctx.chance(tuning.CLOSE_DATE_SLIP_CHANCE)
        else 0
    )
    first_expected = close_day - slip
    opportunity_id = ctx.new_id("crm_opportunities")
    if ctx.chance(tuning.AMOUNT_REVISED_CHANCE):
        start_amount = round(amount * float(ctx.rng.uniform(*tuning.AMOUNT_REVISION_FACTOR)), 2)
    else:
        start_amount = amount
    history = ctx.table("crm_opportunity_history")
    for i, (stage, ts) in enumerate(zip(path, times, strict=True)):
        settled = i >= n - 2  # the last two changes carry the final amount and close date
        history.add(
            opportunity_id=opportunity_id,
            changed_at=fmt_ts(ts),
            stage=stage,
            amount_arr=fmt_money(amount if settled else start_amount),
            expected_close_date=fmt_date(
                close_day if settled else max(first_expected, created_ts // SECONDS_PER_DAY)
            ),
        )
    ctx.table("crm_opportunities").add(
        opportunity_id=opportunity_id,
        account_id=ctx.account_id,
        owner_user_id=owner,
        opportunity_type=kind,
        stage=path[-1],
        amount_arr=fmt_money(amount),
        currency=ctx.currency,
        created_at=fmt_ts(created_ts),
        expected_close_date=fmt_date(close_day),
        closed_at=fmt_opt_ts(times[-1] if close_ts is not None else None),
        is_cs_sourced=fmt_bool(cs_sourced),
        expansion_reason=reason if kind == "expansion" else None,
        lead_source=lead_source,
        referrer_account_id=referrer,
    )


def simulate_open_pipeline(ctx: AccountContext) -> None:
    """Open and lost expansion deals for healthy current customers."""
    if not ctx.has_active_paid_service():
        return
    h = float(ctx.health[-1])
    if h > tuning.OPEN_EXPANSION_MIN_HEALTH and ctx.chance(tuning.OPEN_EXPANSION_CHANCE):
        created = ctx.end_ts - ctx.randint(*tuning.OPEN_EXPANSION_AGE_DAYS) * SECONDS_PER_DAY
        add_opportunity(
            ctx,
            "expansion",
            max(created, ctx.created_ts),
            None,
            float(ctx.rng.uniform(*tuning.OPEN_EXPANSION_ARR)),
            cs_sourced=ctx.chance(tuning.OPEN_EXPANSION_CS_SOURCED_CHANCE),
            reason=ctx.pick(tuning.OPEN_EXPANSION_REASONS),
        )
    if ctx.chance(tuning.LOST_EXPANSION_CHANCE):
        close = ctx.end_ts - ctx.randint(*tuning.LOST_EXPANSION_CLOSED_DAYS) * SECONDS_PER_DAY
        min_close = ctx.created_ts + tuning.LOST_EXPANSION_MIN_ACCOUNT_AGE_DAYS * SECONDS_PER_DAY
        if close > min_close:
            cycle = ctx.randint(*tuning.LOST_EXPANSION_CYCLE_DAYS) * SECONDS_PER_DAY
            add_opportunity(
                ctx,
                "expansion",
                close - cycle,
                close,
                float(ctx.rng.uniform(*tuning.LOST_EXPANSION_ARR)),
                won=False,
                cs_sourced=ctx.chance(tuning.LOST_EXPANSION_CS_SOURCED_CHANCE),
                reason="more_seats",
            )
