"""The business simulation: staff, accounts and everything that happens to them.

Each account has a hidden health (0 = about to leave, 1 = thriving) that follows a
mean-reverting random walk month by month. Health drives product usage, survey scores,
support load, success-goal achievement, expansion, contraction and churn. Every account
draws from its own random stream (seeded by ``(seed, account number)``), so accounts are
independent and the output is byte-for-byte reproducible.

All rows are produced clean: ids are unique, references resolve, enums are valid, amounts
are non-negative and ends never precede starts. Faults are added later by ``faults.py``.

The staff are drawn in ``staff.py``, the account profiles in ``profiles.py`` and each
account's history in the ``account`` package; every probability is named in ``tuning.py``.
"""

from __future__ import annotations

import bisect

import numpy as np

from . import tuning
from .account import UsageProfile, simulate_account
from .config import Config
from .core import SECONDS_PER_DAY, IdFactory, Table, day_of, month_key, month_start
from .profiles import AccountProfile, draw_profiles
from .schema import TABLES
from .staff import StaffDirectory, build_staff


class World:
    """All tables of one run plus the shared context of the simulation."""

    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.ids = IdFactory()
        self.tables: dict[str, Table] = {name: Table(name) for name in TABLES}
        self.end_day = day_of(cfg.end_date)
        self.end_ts = self.end_day * SECONDS_PER_DAY + SECONDS_PER_DAY - 1
        self.window_start = month_start(month_key(self.end_day) - (cfg.months - 1))
        self.earliest_day = (
            self.window_start - tuning.LEGACY_LOOKBACK_DAYS - tuning.STAFF_LOOKBACK_DAYS
        )
        self.usage_profiles: list[UsageProfile] = []
        self.staff: StaffDirectory
        self.profiles: list[AccountProfile] = []
        self._signup_order: list[AccountProfile] = []
        self._signups: list[int] = []

    def run(self) -> None:
        """Simulate staff and every account."""
        self.staff = build_staff(self)
        self.profiles = draw_profiles(self)
        self.ids.reserve("crm_accounts", len(self.profiles))
        self._signup_order = sorted(self.profiles, key=lambda p: p.signup_day)
        self._signups = [p.signup_day for p in self._signup_order]
        for profile in self.profiles:
            simulate_account(self, profile)

    def referrer_for(self, day: int, rng: np.random.Generator, own: str) -> str | None:
        """A customer that signed up well before ``day`` (for referral deals)."""
        n = bisect.bisect_right(self._signups, day - tuning.REFERRER_MIN_TENURE_DAYS)
        if n == 0:
            return None
        referrer = self._signup_order[int(rng.integers(n))]
        return None if referrer.account_id == own else referrer.account_id
