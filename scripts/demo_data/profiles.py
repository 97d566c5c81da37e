"""Account profiles: the attributes drawn for every account before any account is simulated."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from . import catalog as cat
from . import tuning
from .core import weighted_choice
from .staff import ascii_slug

if TYPE_CHECKING:
    from .simulate import World


@dataclass
class AccountProfile:
    """Firmographics and start of one account (drawn first, so accounts can refer to each other)."""

    number: int
    account_id: str
    name: str
    domain: str
    segment: str
    region: str
    industry: str | None
    icp: bool
    currency: str
    signup_day: int  # first service day: trial start or paid contract start
    legacy: bool  # a customer since before the history window
    trial: bool


def _signup_day(world: World, rng: np.random.Generator, legacy: bool) -> int:
    """Legacy accounts signed up before the window; others within it, skewed to its end."""
    if legacy:
        return world.window_start - int(rng.integers(1, tuning.LEGACY_LOOKBACK_DAYS))
    span = max(1, world.end_day - tuning.LATEST_SIGNUP_BEFORE_END_DAYS - world.window_start)
    return world.window_start + int(span * rng.random() ** tuning.SIGNUP_SKEW)


def draw_profile(world: World, number: int) -> AccountProfile:
    """One account's profile, from its own profile stream."""
    rng = np.random.default_rng([world.cfg.seed, tuning.STREAM_PROFILES, number])
    segment = weighted_choice(rng, cat.SEGMENTS, cat.SEGMENT_WEIGHTS)
    region = weighted_choice(rng, cat.REGIONS, cat.REGION_WEIGHTS)
    options = cat.REGION_CURRENCIES[region]
    currency = weighted_choice(rng, [c for c, _ in options], [w for _, w in options])
    head = cat.NAME_HEADS[int(rng.integers(len(cat.NAME_HEADS)))]
    tail = cat.NAME_TAILS[int(rng.integers(len(cat.NAME_TAILS)))]
    suffixes = cat.NAME_SUFFIX_BY_REGION[region]
    suffix = suffixes[int(rng.integers(len(suffixes)))]
    name = f"{head} {tail}, {suffix}" if suffix == "Inc." else f"{head} {tail} {suffix}"
    legacy = rng.random() < tuning.LEGACY_CHANCE
    signup = _signup_day(world, rng, legacy)
    industry = (
        None
        if rng.random() < tuning.INDUSTRY_MISSING_CHANCE
        else cat.INDUSTRIES[int(rng.integers(len(cat.INDUSTRIES)))]
    )
    icp = rng.random() < tuning.ICP_FIT_CHANCE
    trial_chance = tuning.TRIAL_CHANCE_SMB if segment == "SMB" else tuning.TRIAL_CHANCE_OTHER
    trial = (not legacy) and rng.random() < trial_chance
    return AccountProfile(
        number=number,
        account_id=f"{number:06d}",
        name=name,
        domain=f"{ascii_slug(head)}{ascii_slug(tail)}{number}.example",
        segment=segment,
        region=region,
        industry=industry,
        icp=icp,
        currency=currency,
        signup_day=signup,
        legacy=legacy,
        trial=trial,
    )


def draw_profiles(world: World) -> list[AccountProfile]:
    """Draw every account's firmographics and start date."""
    return [draw_profile(world, number) for number in range(1, world.cfg.accounts + 1)]
