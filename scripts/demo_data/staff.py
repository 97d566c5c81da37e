"""The company's own people (crm_users): CS managers, CSMs, account executives, support agents."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from . import catalog as cat
from . import tuning
from .core import SECONDS_PER_DAY, fmt_bool, fmt_ts

if TYPE_CHECKING:
    from .simulate import World


@dataclass
class Staff:
    """A CRM user: a CSM, manager, account executive or support agent."""

    user_id: str
    role: str
    start_ts: int
    leave_ts: int | None


class StaffDirectory:
    """The CRM users, with who was employed when."""

    def __init__(self, members: list[Staff]) -> None:
        self.members = members
        self.by_role: dict[str, list[Staff]] = {}
        for member in members:
            self.by_role.setdefault(member.role, []).append(member)

    def pick(
        self, role: str, ts: int, rng: np.random.Generator, exclude: str | None = None
    ) -> Staff:
        """A random member of ``role`` employed at ``ts`` (the longest-serving one as fallback)."""
        pool = [
            m
            for m in self.by_role[role]
            if m.start_ts <= ts and (m.leave_ts is None or m.leave_ts > ts) and m.user_id != exclude
        ]
        if not pool:
            pool = sorted(self.by_role[role], key=lambda m: m.start_ts)[:1]
        return pool[int(rng.integers(len(pool)))]


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters and digits of ``text`` (for e-mail addresses and domains)."""
    table = str.maketrans({"ü": "u", "ö": "o", "ä": "a", "é": "e", "'": ""})
    return "".join(ch for ch in text.lower().translate(table) if ch.isalnum())


class _StaffBuilder:
    """Draws staff members one by one from the staff stream and writes their crm_users rows."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.rng = np.random.default_rng([world.cfg.seed, tuning.STREAM_STAFF])
        self.earliest_ts = world.earliest_day * SECONDS_PER_DAY
        self.window_ts = world.window_start * SECONDS_PER_DAY
        self.window_span = world.end_ts - self.window_ts
        self.members: list[Staff] = []

    def add(self, role: str, manager: str | None, start: int, leave: int | None) -> Staff:
        """Write one crm_users row and remember the member."""
        rng = self.rng
        user_id = self.world.ids.new("crm_users")
        first = cat.FIRST_NAMES[int(rng.integers(len(cat.FIRST_NAMES)))]
        last = cat.LAST_NAMES[int(rng.integers(len(cat.LAST_NAMES)))]
        self.world.tables["crm_users"].add(
            user_id=user_id,
            full_name=f"{first} {last}",
            email=f"{ascii_slug(first)}.{ascii_slug(last)}.{user_id[-3:]}@example-saas.com",
            role=role,
            manager_user_id=manager,
            is_active=fmt_bool(leave is None),
            created_at=fmt_ts(start),
        )
        member = Staff(user_id, role, start, leave)
        self.members.append(member)
        return member

    def early_start(self) -> int:
        """A start well before the earliest account, in office hours."""
        days_before = int(self.rng.integers(*tuning.EARLY_START_DAYS))
        return (
            self.earliest_ts
            - days_before * SECONDS_PER_DAY
            + int(self.rng.integers(*tuning.EARLY_START_SECONDS))
        )

    def within_window(self, share: float) -> int:
        """A uniform timestamp within the first ``share`` of the history window."""
        return self.window_ts + int(self.rng.random() * self.window_span * share)

    def csm(self, index: int, manager: str) -> None:
        """One CSM: some are hired late, some leave (a handover follows)."""
        rng = self.rng
        late_hire = index >= tuning.STAFF_FIXED_CSMS and rng.random() < tuning.CSM_LATE_HIRE_CHANCE
        start = (
            self.within_window(tuning.CSM_LATE_HIRE_SPAN_SHARE) if late_hire else self.early_start()
        )
        start = start - start % 60
        leave = None
        if index >= tuning.STAFF_FIXED_CSMS and rng.random() < tuning.CSM_LEAVE_CHANCE:
            stay_share = tuning.CSM_LEAVE_AFTER_BASE + tuning.CSM_LEAVE_AFTER_SPREAD * rng.random()
            leave_at = start + int(stay_share * (self.world.end_ts - start))
            if leave_at - start > tuning.CSM_MIN_TENURE_DAYS * SECONDS_PER_DAY:
                leave = leave_at
        self.add("CSM", manager, start, leave)

    def account_executive(self, index: int) -> None:
        """One account executive; all but the first may leave."""
        leave = None
        if index >= 1 and self.rng.random() < tuning.AE_LEAVE_CHANCE:
            leave = self.within_window(tuning.STAFF_LEAVE_SPAN_SHARE)
        self.add("Account Executive", None, self.early_start(), leave)

    def support_agent(self, index: int, manager: str) -> None:
        """One support agent; all but the first may leave."""
        start = self.early_start()
        stays = index == 0 or self.rng.random() > tuning.SUPPORT_LEAVE_CHANCE
        leave = None if stays else self.within_window(tuning.STAFF_LEAVE_SPAN_SHARE)
        self.add("Support Agent", manager, start, leave)


def build_staff(world: World) -> StaffDirectory:
    """Create crm_users: managers, CSMs (some hired late, some gone), AEs and support agents."""
    n_accounts = world.cfg.accounts
    n_csms = max(tuning.MIN_CSMS, math.ceil(n_accounts / tuning.ACCOUNTS_PER_CSM))
    n_managers = max(tuning.MIN_MANAGERS, math.ceil(n_csms / tuning.CSMS_PER_MANAGER))
    n_aes = max(tuning.MIN_AES, math.ceil(n_accounts / tuning.ACCOUNTS_PER_AE))
    n_agents = max(
        tuning.MIN_SUPPORT_AGENTS, math.ceil(n_accounts / tuning.ACCOUNTS_PER_SUPPORT_AGENT)
    )
    builder = _StaffBuilder(world)
    managers = [
        builder.add("CS Manager", None, builder.early_start(), None) for _ in range(n_managers)
    ]
    for i in range(n_csms):
        builder.csm(i, managers[i % n_managers].user_id)
    for i in range(n_aes):
        builder.account_executive(i)
    for i in range(n_agents):
        builder.support_agent(i, managers[i % n_managers].user_id)
    return StaffDirectory(builder.members)
