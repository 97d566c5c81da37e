"""One account from its first contact to the end date: the domains in the order they draw."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import tuning
from ..core import SECONDS_PER_DAY, fmt_bool, fmt_ts
from .billing import simulate_billing
from .context import AccountContext
from .health import simulate_health
from .people import simulate_assignments, simulate_contacts, write_contacts
from .product_users import simulate_usage_users
from .success_ops import simulate_operations

if TYPE_CHECKING:
    from ..profiles import AccountProfile
    from ..simulate import World


def simulate_account(world: World, profile: AccountProfile) -> None:
    """Simulate one account and write all its rows (its usage profile goes to ``world``)."""
    ctx = AccountContext.open(world, profile)
    simulate_assignments(ctx)
    simulate_contacts(ctx)
    simulate_health(ctx)
    simulate_billing(ctx)
    simulate_operations(ctx)
    usage = simulate_usage_users(ctx)
    write_contacts(ctx)
    write_account(ctx)
    if usage is not None:
        world.usage_profiles.append(usage)


def write_account(ctx: AccountContext) -> None:
    """The crm_accounts row (current state)."""
    final_health = float(ctx.health[-1])
    referenceable = any(c.testimonial for c in ctx.contacts) or (
        final_health > tuning.REFERENCEABLE_MIN_HEALTH and ctx.chance(tuning.REFERENCEABLE_CHANCE)
    )
    recent = ctx.end_ts - tuning.ACCOUNT_UPDATED_WITHIN_DAYS * SECONDS_PER_DAY
    updated = ctx.ts_between(max(ctx.created_ts, recent), ctx.end_ts)
    profile = ctx.profile
    ctx.table("crm_accounts").add(
        account_id=profile.account_id,
        account_name=profile.name,
        industry=profile.industry,
        segment=profile.segment,
        region=profile.region,
        is_icp_fit=fmt_bool(profile.icp),
        is_referenceable=fmt_bool(referenceable),
        created_at=fmt_ts(ctx.created_ts),
        updated_at=fmt_ts(max(updated, ctx.created_ts)),
    )
