"""Surveys and feedback: CSAT after interactions, relationship NPS rounds, product feedback."""

from __future__ import annotations

import numpy as np

from .. import catalog as cat
from .. import tuning
from ..core import SECONDS_PER_DAY, fmt_ts, weighted_choice
from .context import AccountContext, Contact


def add_csat(ctx: AccountContext, ts: int, interaction: str) -> None:
    """A CSAT answer (1–5) after an interaction, if it falls before the end."""
    if ts > ctx.end_ts:
        return
    health = ctx.health_at(ts // SECONDS_PER_DAY)
    mean = tuning.CSAT_MEAN_BASE + tuning.CSAT_MEAN_PER_HEALTH * health
    score = int(np.clip(round(ctx.rng.normal(mean, tuning.CSAT_SD)), 1, 5))
    people = ctx.contacts_at(ts)
    known = people and ctx.chance(tuning.CSAT_CONTACT_KNOWN_CHANCE)
    contact_id = ctx.pick(people).contact_id if known else None
    if ctx.chance(tuning.CSAT_COMMENT_MISSING_CHANCE):
        comment = None
    elif score >= tuning.CSAT_GOOD_MIN_SCORE:
        comment = tuning.CSAT_GOOD_COMMENT
    else:
        comment = tuning.CSAT_BAD_COMMENT
    ctx.table("survey_responses").add(
        response_id=ctx.new_id("survey_responses"),
        survey_type="csat",
        account_id=ctx.account_id,
        contact_id=contact_id,
        score=str(score),
        interaction_type=interaction,
        comment=comment,
        submitted_at=fmt_ts(ts),
    )


def _flag_promoter(ctx: AccountContext, contact: Contact, score: int) -> None:
    """A high scorer may be flagged a promoter, and then give a testimonial or become an ambassador."""
    if score >= tuning.PROMOTER_MIN_SCORE and ctx.chance(tuning.PROMOTER_FLAG_CHANCE):
        contact.promoter = True
        contact.testimonial = contact.testimonial or ctx.chance(tuning.TESTIMONIAL_CHANCE)
        contact.ambassador = contact.ambassador or ctx.chance(tuning.AMBASSADOR_CHANCE)


def simulate_nps(ctx: AccountContext, first_ts: int, last_ts: int, health: float) -> None:
    """A relationship NPS survey round: each current contact answers with some probability."""
    for contact in ctx.contacts_at(last_ts):
        if not ctx.chance(tuning.NPS_ANSWER_CHANCE):
            continue
        ts = ctx.ts_between(first_ts, last_ts)
        if ts < contact.created_ts:
            continue
        mean = tuning.NPS_MEAN_BASE + tuning.NPS_MEAN_PER_HEALTH * health
        score = int(np.clip(round(ctx.rng.normal(mean, tuning.NPS_SD)), 0, 10))
        _flag_promoter(ctx, contact, score)
        ctx.table("survey_responses").add(
            response_id=ctx.new_id("survey_responses"),
            survey_type="nps",
            account_id=ctx.account_id,
            contact_id=contact.contact_id,
            score=str(score),
            interaction_type=None,
            comment=None
            if ctx.chance(tuning.NPS_COMMENT_MISSING_CHANCE)
            else ctx.pick(tuning.NPS_COMMENTS),
            submitted_at=fmt_ts(ts),
        )


def add_feedback(ctx: AccountContext, ts: int, health: float) -> None:
    """A product-feedback item: unhappy accounts complain and report gaps, happy ones praise."""
    kind = weighted_choice(
        ctx.rng, tuning.FEEDBACK_TYPE_OPTIONS, tuning.feedback_type_weights(health)
    )
    people = ctx.contacts_at(ts)
    known = people and ctx.chance(tuning.FEEDBACK_CONTACT_KNOWN_CHANCE)
    contact_id = ctx.pick(people).contact_id if known else None
    no_feature = kind == "praise" and ctx.chance(tuning.PRAISE_WITHOUT_FEATURE_CHANCE)
    ctx.table("crm_feedback").add(
        feedback_id=ctx.new_id("crm_feedback"),
        account_id=ctx.account_id,
        contact_id=contact_id,
        feature=None if no_feature else ctx.pick(cat.FEEDBACK_FEATURES),
        feedback_type=kind,
        created_at=fmt_ts(ts),
    )
