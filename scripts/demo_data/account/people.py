"""Who is involved with an account: its owning CSMs over time and its contacts."""

from __future__ import annotations

from .. import catalog as cat
from .. import tuning
from ..core import SECONDS_PER_DAY, fmt_bool, fmt_opt_ts, fmt_ts
from ..staff import ascii_slug
from .context import AccountContext, Contact


def simulate_assignments(ctx: AccountContext) -> None:
    """CSM ownership history: first owner at creation, then rebalancing and departures."""
    staff = ctx.world.staff
    ts = ctx.created_ts
    owner = staff.pick("CSM", ts, ctx.rng)
    table = ctx.table("crm_account_assignments")
    while True:
        ctx.assignments.append((ts, owner.user_id))
        table.add(
            assignment_id=ctx.new_id("crm_account_assignments"),
            account_id=ctx.account_id,
            csm_user_id=owner.user_id,
            assigned_at=fmt_ts(ts),
        )
        rebalance_days = ctx.rng.exponential(tuning.CSM_REBALANCE_MEAN_DAYS)
        rebalance = ts + int(rebalance_days * SECONDS_PER_DAY) + SECONDS_PER_DAY
        if owner.leave_ts is None:
            next_ts = rebalance
        else:
            handover = owner.leave_ts + ctx.randint(*tuning.CSM_HANDOVER_DAYS) * SECONDS_PER_DAY
            next_ts = min(rebalance, handover)
        if next_ts > ctx.end_ts:
            return
        ts = next_ts
        owner = staff.pick("CSM", ts, ctx.rng, exclude=owner.user_id)


def _new_contact(ctx: AccountContext, index: int) -> Contact:
    """The ``index``-th contact: the first is a decision maker, early ones may be too."""
    decision_maker = index == 0 or (
        index < tuning.EXTRA_DECISION_MAKER_SLOTS and ctx.chance(tuning.EXTRA_DECISION_MAKER_CHANCE)
    )
    first, last = ctx.pick(cat.FIRST_NAMES), ctx.pick(cat.LAST_NAMES)
    if index < tuning.FOUNDING_CONTACTS:
        created = ctx.created_ts + ctx.randint(*tuning.FOUNDING_CONTACT_DAYS) * SECONDS_PER_DAY
    else:
        created = ctx.ts_between(ctx.created_ts, ctx.end_ts)
    created = min(created, ctx.end_ts)
    left = None
    years_left = ctx.rng.exponential(tuning.CONTACT_TENURE_MEAN_YEARS)
    left_ts = created + int(years_left * 365 * SECONDS_PER_DAY)
    if left_ts <= ctx.end_ts:
        left = left_ts
        if decision_maker:
            ctx.decision_maker_left_days.append(left // SECONDS_PER_DAY)
    email = (
        None
        if ctx.chance(tuning.CONTACT_EMAIL_MISSING_CHANCE)
        else f"{ascii_slug(first)}.{ascii_slug(last)}@{ctx.profile.domain}"
    )
    return Contact(
        contact_id=ctx.new_id("crm_contacts"),
        full_name=f"{first} {last}",
        email=email,
        title=ctx.pick(cat.DM_TITLES) if decision_maker else ctx.pick(cat.OTHER_TITLES),
        decision_maker=decision_maker,
        created_ts=created,
        left_ts=left,
    )


def simulate_contacts(ctx: AccountContext) -> None:
    """Contacts: a decision maker or two and a handful of users; some leave."""
    low, high = tuning.CONTACTS_PER_SEGMENT[ctx.profile.segment]
    for index in range(ctx.randint(low, high)):
        ctx.contacts.append(_new_contact(ctx, index))


def write_contacts(ctx: AccountContext) -> None:
    """crm_contacts rows; promoter flags follow the contact's NPS answers."""
    table = ctx.table("crm_contacts")
    for c in ctx.contacts:
        table.add(
            contact_id=c.contact_id,
            account_id=ctx.account_id,
            full_name=c.full_name,
            email=c.email,
            title=c.title,
            is_decision_maker=fmt_bool(c.decision_maker),
            is_promoter=fmt_bool(c.promoter),
            has_testimonial=fmt_bool(c.testimonial),
            is_ambassador=fmt_bool(c.ambassador),
            created_at=fmt_ts(c.created_ts),
            left_at=fmt_opt_ts(c.left_ts),
        )
