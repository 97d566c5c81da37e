"""Cancellations recorded in the CRM: full churns with their reason, and partial ones."""

from __future__ import annotations

from .. import catalog as cat
from .. import tuning
from ..core import fmt_bool, fmt_date, fmt_ts, weighted_choice
from .context import AccountContext


def churn_reason(ctx: AccountContext, effective: int) -> str:
    """The primary reason a customer gives, shaped by fit, health and recent champion loss."""
    if not ctx.profile.icp and ctx.chance(tuning.BAD_FIT_REASON_CHANCE):
        return "bad_fit"
    recent_champion_loss = any(
        0 <= effective - d <= tuning.LEADERSHIP_CHANGE_WINDOW_DAYS
        for d in ctx.decision_maker_left_days
    )
    if recent_champion_loss and ctx.chance(tuning.LEADERSHIP_CHANGE_REASON_CHANCE):
        return "leadership_change"
    health = ctx.health_at(effective - 1)
    return weighted_choice(ctx.rng, cat.CHURN_REASONS, tuning.churn_reason_weights(health))


def _product_gap_feature(ctx: AccountContext, reason: str) -> str | None:
    """The missing feature of a product-gap cancellation (a draw only then)."""
    return ctx.pick(cat.PRODUCT_GAPS) if reason == "product_gap" else None


def record_churn(
    ctx: AccountContext, requested_ts: int, effective: int, opt_out_used: bool
) -> None:
    """A full cancellation, recorded in the CRM for most (not all) churned customers."""
    if not ctx.chance(tuning.CANCELLATION_RECORDED_CHANCE):
        return
    reason = churn_reason(ctx, effective)
    ctx.table("crm_cancellations").add(
        cancellation_id=ctx.new_id("crm_cancellations"),
        account_id=ctx.account_id,
        requested_at=fmt_ts(requested_ts),
        effective_date=fmt_date(effective),
        cancellation_type="full",
        primary_reason=reason,
        product_gap_feature=_product_gap_feature(ctx, reason),
        opt_out_clause_used=fmt_bool(opt_out_used),
        notes=None
        if ctx.chance(tuning.CANCELLATION_NOTE_MISSING_CHANCE)
        else ctx.pick(tuning.CANCELLATION_NOTES),
    )


def record_partial(
    ctx: AccountContext, effective: int, interval: int, feature: str | None = None
) -> None:
    """A partial cancellation: fewer seats or a dropped add-on, effective at ``effective``."""
    notice_days = (
        tuning.PARTIAL_MONTHLY_NOTICE_DAYS if interval == 1 else tuning.PARTIAL_TERM_NOTICE_DAYS
    )
    notice = ctx.randint(*notice_days)
    reason = weighted_choice(ctx.rng, tuning.PARTIAL_REASON_OPTIONS, tuning.PARTIAL_REASON_WEIGHTS)
    ctx.table("crm_cancellations").add(
        cancellation_id=ctx.new_id("crm_cancellations"),
        account_id=ctx.account_id,
        requested_at=fmt_ts(ctx.ts_on(max(effective - notice, ctx.profile.signup_day))),
        effective_date=fmt_date(effective),
        cancellation_type="partial",
        primary_reason=reason,
        product_gap_feature=_product_gap_feature(ctx, reason),
        opt_out_clause_used=fmt_bool(False),
        notes=f"Dropped add-on {feature}." if feature else "Reduced seats at renewal.",
    )
