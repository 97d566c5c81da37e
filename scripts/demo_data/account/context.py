"""The shared state of one simulated account, and the random helpers every domain draws with.

One ``AccountContext`` is created per account; the domain modules (billing, pipeline,
success operations, support, surveys, product users) read and extend it in turn. All of
them draw from the context's single random stream, so the order of the calls fixes the
output: a call moved from one place to another changes every later value of the account.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, TypeVar

import numpy as np

from .. import tuning
from ..core import SECONDS_PER_DAY, Table, month_key

if TYPE_CHECKING:
    from ..profiles import AccountProfile
    from ..simulate import World

T = TypeVar("T")


@dataclass
class Contact:
    """A person at the customer, kept mutable until the account's simulation ends."""

    contact_id: str
    full_name: str
    email: str | None
    title: str | None
    decision_maker: bool
    created_ts: int
    left_ts: int | None
    promoter: bool = False
    testimonial: bool = False
    ambassador: bool = False


class ServiceSpan(NamedTuple):
    """A span in which the account had service: a trial or a paid subscription."""

    start: int
    end: int | None  # first day without service; None while it lasts
    kind: str  # "trial" or "paid"


@dataclass
class AccountContext:
    """One account's state while it is simulated: its clock, health, people and contracts."""

    world: World
    profile: AccountProfile
    rng: np.random.Generator
    created_ts: int = 0  # the CRM account's creation
    first_month: int = 0  # month key of ``health[0]``
    health: np.ndarray = field(default_factory=lambda: np.zeros(0))  # hidden health per month
    assignments: list[tuple[int, str]] = field(default_factory=list)  # (from ts, CSM user id)
    contacts: list[Contact] = field(default_factory=list)
    services: list[ServiceSpan] = field(default_factory=list)
    seat_changes: list[tuple[int, int]] = field(default_factory=list)  # (day, seats in use)
    renewal_days: list[int] = field(default_factory=list)  # term ends of 6+ month plans renewed
    paid_starts: list[int] = field(default_factory=list)  # first days of paid subscriptions
    decision_maker_left_days: list[int] = field(default_factory=list)
    billing_customer_id: str = ""

    @classmethod
    def open(cls, world: World, profile: AccountProfile) -> AccountContext:
        """The context of a new account: its own random stream, creation time and health months."""
        rng = np.random.default_rng([world.cfg.seed, tuning.STREAM_ACCOUNT, profile.number])
        ctx = cls(world=world, profile=profile, rng=rng)
        days_before = int(rng.integers(*tuning.CREATED_BEFORE_SIGNUP_DAYS))
        ctx.created_ts = (profile.signup_day - days_before) * SECONDS_PER_DAY + ctx.office_seconds()
        ctx.first_month = month_key(ctx.created_ts // SECONDS_PER_DAY)
        ctx.health = np.zeros(month_key(world.end_day) - ctx.first_month + 1)
        return ctx

    # ------------------------------------------------------------------ shortcuts
    @property
    def account_id(self) -> str:
        """The account's id."""
        return self.profile.account_id

    @property
    def currency(self) -> str:
        """The account's billing currency."""
        return self.profile.currency

    @property
    def end_day(self) -> int:
        """The last day of data."""
        return self.world.end_day

    @property
    def end_ts(self) -> int:
        """The last second of data."""
        return self.world.end_ts

    def table(self, name: str) -> Table:
        """The output table ``name``."""
        return self.world.tables[name]

    def new_id(self, table: str) -> str:
        """The next id of ``table``."""
        return self.world.ids.new(table)

    # ------------------------------------------------------------------ random draws
    def chance(self, p: float) -> bool:
        """True with probability ``p``."""
        return bool(self.rng.random() < p)

    def randint(self, low: int, high: int) -> int:
        """A uniform integer in [low, high]."""
        return int(self.rng.integers(low, high + 1))

    def pick(self, options: Sequence[T]) -> T:
        """A uniform choice."""
        return options[int(self.rng.integers(len(options)))]

    def office_seconds(self) -> int:
        """A time of day, mostly in office hours."""
        seconds = self.rng.normal(tuning.OFFICE_HOUR_MEAN_SECONDS, tuning.OFFICE_HOUR_SD_SECONDS)
        return int(np.clip(seconds, 0, SECONDS_PER_DAY - 1))

    def ts_on(self, day: int) -> int:
        """A timestamp on ``day``, never after the end."""
        return min(day * SECONDS_PER_DAY + self.office_seconds(), self.end_ts)

    def ts_between(self, start: int, stop: int) -> int:
        """A uniform timestamp in [start, stop] (clamped to the end)."""
        stop = min(stop, self.end_ts)
        if stop <= start:
            return start
        return start + int(self.rng.integers(0, stop - start + 1))

    # ------------------------------------------------------------------ state look-ups
    def health_at(self, day: int) -> float:
        """The hidden health in the month of ``day``."""
        i = month_key(day) - self.first_month
        return float(self.health[min(max(i, 0), len(self.health) - 1)])

    def bump_health(self, from_day: int, delta: float) -> None:
        """Shift health from the month of ``from_day`` on (e.g. a fresh start after a win-back)."""
        i = max(month_key(from_day) - self.first_month, 0)
        self.health[i:] = np.clip(self.health[i:] + delta, *tuning.HEALTH_BOUNDS)

    def csm_at(self, ts: int) -> str:
        """The owning CSM at ``ts``."""
        i = bisect.bisect_right([a for a, _ in self.assignments], ts) - 1
        return self.assignments[max(i, 0)][1]

    def contacts_at(self, ts: int) -> list[Contact]:
        """Contacts that are with the customer at ``ts``."""
        return [
            c for c in self.contacts if c.created_ts <= ts and (c.left_ts is None or c.left_ts > ts)
        ]

    def seats_on(self, day: int) -> int:
        """Seats in use on ``day`` (1 before the first contract)."""
        i = bisect.bisect_right([d for d, _ in self.seat_changes], day) - 1
        return self.seat_changes[i][1] if i >= 0 else 1

    def has_active_paid_service(self) -> bool:
        """Whether a paid subscription is still running at the end."""
        return any(s.end is None and s.kind == "paid" for s in self.services)
