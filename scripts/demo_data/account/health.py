"""The hidden health of an account: a monthly mean-reverting random walk that drives everything else."""

from __future__ import annotations

import numpy as np

from .. import tuning
from ..core import month_key
from .context import AccountContext


def simulate_health(ctx: AccountContext) -> None:
    """Monthly mean-reverting random walk; bad-fit accounts sag; a departing decision maker hurts."""
    rng = ctx.rng
    icp = ctx.profile.icp
    base_mean = tuning.HEALTH_BASE_MEAN_ICP if icp else tuning.HEALTH_BASE_MEAN_OTHER
    base = float(
        np.clip(rng.normal(base_mean, tuning.HEALTH_BASE_SD), *tuning.HEALTH_BASE_START_BOUNDS)
    )
    health = float(
        np.clip(base + rng.normal(0, tuning.HEALTH_START_SD), *tuning.HEALTH_START_BOUNDS)
    )
    shocks = {month_key(d) - ctx.first_month for d in ctx.decision_maker_left_days}
    base_low, base_high = tuning.HEALTH_BASE_BOUNDS
    low, high = tuning.HEALTH_BOUNDS
    for i in range(len(ctx.health)):
        base += rng.normal(0.0, tuning.HEALTH_BASE_DRIFT_SD) - (
            tuning.HEALTH_BASE_DRIFT_NON_ICP if not icp else 0.0
        )
        if i in shocks:
            health -= tuning.HEALTH_SHOCK_DROP
            base -= tuning.HEALTH_SHOCK_BASE_DROP
        base = min(max(base, base_low), base_high)
        health += tuning.HEALTH_REVERSION * (base - health) + rng.normal(
            0.0, tuning.HEALTH_MONTHLY_SD
        )
        health = min(max(health, low), high)
        ctx.health[i] = health
