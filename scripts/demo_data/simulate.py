"""The business simulation: staff, accounts and everything that happens to them.

Each account has a hidden health (0 = about to leave, 1 = thriving) that follows a
mean-reverting random walk month by month. Health drives product usage, survey scores,
support load, success-goal achievement, expansion, contraction and churn. Every account
draws from its own random stream (seeded by ``(seed, account number)``), so accounts are
independent and the output is byte-for-byte reproducible.

All rows are produced clean: ids are unique, references resolve, enums are valid, amounts
are non-negative and ends never precede starts. Faults are added later by ``faults.py``.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

import numpy as np

from . import catalog as cat
from .config import Config
from .core import (
    SECONDS_PER_DAY, IdFactory, Table, add_months, day_of, fmt_bool, fmt_date, fmt_money,
    fmt_num, fmt_opt_date, fmt_opt_ts, fmt_ts, month_key, month_start, weighted_choice,
)
from .schema import TABLES

FAR_FUTURE = 10**9  # a day number meaning "never"


# =========================================================================== staff
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
        for m in members:
            self.by_role.setdefault(m.role, []).append(m)

    def pick(self, role: str, ts: int, rng: np.random.Generator,
             exclude: str | None = None) -> Staff:
        """A random member of ``role`` employed at ``ts`` (the longest-serving one as fallback)."""
        pool = [m for m in self.by_role[role]
                if m.start_ts <= ts and (m.leave_ts is None or m.leave_ts > ts)
                and m.user_id != exclude]
        if not pool:
            pool = sorted(self.by_role[role], key=lambda m: m.start_ts)[:1]
        return pool[int(rng.integers(len(pool)))]


def build_staff(world: "World") -> StaffDirectory:
    """Create crm_users: managers, CSMs (some hired late, some gone), AEs and support agents."""
    rng = np.random.default_rng([world.cfg.seed, 7])
    n_acc = world.cfg.accounts
    n_csm = max(3, math.ceil(n_acc / 28))
    n_mgr = max(1, math.ceil(n_csm / 7))
    n_ae = max(2, math.ceil(n_acc / 70))
    n_sup = max(2, math.ceil(n_acc / 60))
    earliest = world.earliest_day * SECONDS_PER_DAY
    window = world.window_start * SECONDS_PER_DAY
    members: list[Staff] = []
    table = world.tables["crm_users"]

    def add(role: str, manager: str | None, start: int, leave: int | None) -> Staff:
        uid = world.ids.new("crm_users")
        first = cat.FIRST_NAMES[int(rng.integers(len(cat.FIRST_NAMES)))]
        last = cat.LAST_NAMES[int(rng.integers(len(cat.LAST_NAMES)))]
        table.add(
            user_id=uid, full_name=f"{first} {last}",
            email=f"{ascii_slug(first)}.{ascii_slug(last)}.{uid[-3:]}@example-saas.com",
            role=role, manager_user_id=manager, is_active=fmt_bool(leave is None),
            created_at=fmt_ts(start),
        )
        member = Staff(uid, role, start, leave)
        members.append(member)
        return member

    def early_start() -> int:
        return earliest - int(rng.integers(30, 900)) * SECONDS_PER_DAY + int(rng.integers(32_400, 61_200))

    managers = [add("CS Manager", None, early_start(), None) for _ in range(n_mgr)]
    span = world.end_ts - window
    for i in range(n_csm):
        manager = managers[i % n_mgr].user_id
        late_hire = i >= 2 and rng.random() < 0.2
        start = window + int(rng.random() * span * 0.7) if late_hire else early_start()
        start = start - start % 60
        leave = None
        if i >= 2 and rng.random() < 0.22:
            leave_at = start + int((0.15 + 0.8 * rng.random()) * (world.end_ts - start))
            if leave_at - start > 120 * SECONDS_PER_DAY:
                leave = leave_at
        add("CSM", manager, start, leave)
    for i in range(n_ae):
        leave = None
        if i >= 1 and rng.random() < 0.2:
            leave = window + int(rng.random() * span * 0.9)
        add("Account Executive", None, early_start(), leave)
    for i in range(n_sup):
        add("Support Agent", managers[i % n_mgr].user_id, early_start(),
            None if i == 0 or rng.random() > 0.15 else window + int(rng.random() * span * 0.9))
    return StaffDirectory(members)


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters and digits of ``text`` (for e-mail addresses and domains)."""
    table = str.maketrans({"ü": "u", "ö": "o", "ä": "a", "é": "e", "'": ""})
    return "".join(ch for ch in text.lower().translate(table) if ch.isalnum())


# =========================================================================== accounts
@dataclass
class AccountProfile:
    """Attributes drawn for every account before the simulation (so accounts can refer to each other)."""

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


def draw_profiles(world: "World") -> list[AccountProfile]:
    """Draw every account's firmographics and start date."""
    cfg = world.cfg
    profiles = []
    for number in range(1, cfg.accounts + 1):
        rng = np.random.default_rng([cfg.seed, 1, number])
        segment = weighted_choice(rng, cat.SEGMENTS, cat.SEGMENT_WEIGHTS)
        region = weighted_choice(rng, cat.REGIONS, cat.REGION_WEIGHTS)
        options = cat.REGION_CURRENCIES[region]
        currency = weighted_choice(rng, [c for c, _ in options], [w for _, w in options])
        head = cat.NAME_HEADS[int(rng.integers(len(cat.NAME_HEADS)))]
        tail = cat.NAME_TAILS[int(rng.integers(len(cat.NAME_TAILS)))]
        suffixes = cat.NAME_SUFFIX_BY_REGION[region]
        suffix = suffixes[int(rng.integers(len(suffixes)))]
        name = f"{head} {tail}, {suffix}" if suffix == "Inc." else f"{head} {tail} {suffix}"
        legacy = rng.random() < 0.32
        if legacy:
            signup = world.window_start - int(rng.integers(1, 730))
        else:
            span = max(1, world.end_day - 3 - world.window_start)
            signup = world.window_start + int(span * rng.random() ** 0.85)
        profiles.append(AccountProfile(
            number=number, account_id=f"{number:06d}", name=name,
            domain=f"{ascii_slug(head)}{ascii_slug(tail)}{number}.example",
            segment=segment, region=region,
            industry=None if rng.random() < 0.04 else cat.INDUSTRIES[int(rng.integers(len(cat.INDUSTRIES)))],
            icp=rng.random() < 0.82, currency=currency, signup_day=signup, legacy=legacy,
            trial=(not legacy) and rng.random() < (0.45 if segment == "SMB" else 0.2),
        ))
    return profiles


@dataclass
class UsageProfile:
    """What the usage-event generator needs to know about one account."""

    account_id: str
    user_ids: list[str]
    created_day: np.ndarray  # events only on days after the user was created …
    deact_day: np.ndarray  # … and before the day the user was deactivated
    is_admin: np.ndarray  # only admins produce events of the admin feature
    first_month: int  # month key of health[0]
    health: np.ndarray  # monthly health
    feature_weights: np.ndarray


@dataclass
class Line:
    """The open span of one subscription item (a product line of a subscription)."""

    product: str
    plan_code: str
    quantity: int
    unit_amount: float
    discount: float
    valid_from: int


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
    best_nps: int = -1
    promoter: bool = False
    testimonial: bool = False
    ambassador: bool = False


# =========================================================================== world
class World:
    """All tables of one run plus the shared context of the simulation."""

    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.ids = IdFactory()
        self.tables: dict[str, Table] = {name: Table(name) for name in TABLES}
        self.end_day = day_of(cfg.end_date)
        self.end_ts = self.end_day * SECONDS_PER_DAY + SECONDS_PER_DAY - 1
        self.window_start = month_start(month_key(self.end_day) - (cfg.months - 1))
        self.earliest_day = self.window_start - 730 - 200
        self.usage_profiles: list[UsageProfile] = []
        self.staff: StaffDirectory
        self.profiles: list[AccountProfile] = []
        self._signups: list[int] = []

    def run(self) -> None:
        """Simulate staff and every account."""
        self.staff = build_staff(self)
        self.profiles = draw_profiles(self)
        self.ids.reserve("crm_accounts", len(self.profiles))
        order = sorted(range(len(self.profiles)), key=lambda i: self.profiles[i].signup_day)
        self._signup_order = [self.profiles[i] for i in order]
        self._signups = [p.signup_day for p in self._signup_order]
        for profile in self.profiles:
            AccountSim(self, profile).run()

    def referrer_for(self, day: int, rng: np.random.Generator, own: str) -> str | None:
        """A customer that signed up at least 90 days before ``day`` (for referral deals)."""
        n = bisect.bisect_right(self._signups, day - 90)
        if n == 0:
            return None
        p = self._signup_order[int(rng.integers(n))]
        return None if p.account_id == own else p.account_id


# =========================================================================== one account
class AccountSim:
    """Simulates one account from its first contact to the end date."""

    def __init__(self, world: World, profile: AccountProfile) -> None:
        self.w = world
        self.p = profile
        self.t = world.tables
        self.rng = np.random.default_rng([world.cfg.seed, 2, profile.number])
        self.end_day = world.end_day
        self.end_ts = world.end_ts
        self.created_ts = (profile.signup_day - int(self.rng.integers(5, 90))) * SECONDS_PER_DAY \
            + self._office_seconds()
        self.first_month = month_key(self.created_ts // SECONDS_PER_DAY)
        self.health = np.zeros(month_key(self.end_day) - self.first_month + 1)
        self.assignments: list[tuple[int, str]] = []
        self.contacts: list[Contact] = []
        self.services: list[tuple[int, int | None, str]] = []  # (start, end, kind)
        self.seat_changes: list[tuple[int, int]] = []  # (day, seats in use)
        self.renewal_days: list[int] = []
        self.paid_starts: list[int] = []
        self.dm_left_days: list[int] = []
        self.bc_id = ""
        self.currency = profile.currency

    # ------------------------------------------------------------------ helpers
    def _office_seconds(self) -> int:
        """A time of day, mostly in office hours."""
        return int(np.clip(self.rng.normal(14.5 * 3600, 3 * 3600), 0, SECONDS_PER_DAY - 1))

    def ts_on(self, day: int) -> int:
        """A timestamp on ``day``, never after the end."""
        return min(day * SECONDS_PER_DAY + self._office_seconds(), self.end_ts)

    def ts_between(self, start: int, stop: int) -> int:
        """A uniform timestamp in [start, stop] (clamped to the end)."""
        stop = min(stop, self.end_ts)
        if stop <= start:
            return start
        return start + int(self.rng.integers(0, stop - start + 1))

    def health_at(self, day: int) -> float:
        """The hidden health in the month of ``day``."""
        i = month_key(day) - self.first_month
        return float(self.health[min(max(i, 0), len(self.health) - 1)])

    def csm_at(self, ts: int) -> str:
        """The owning CSM at ``ts``."""
        i = bisect.bisect_right([a for a, _ in self.assignments], ts) - 1
        return self.assignments[max(i, 0)][1]

    def chance(self, p: float) -> bool:
        """True with probability ``p``."""
        return bool(self.rng.random() < p)

    def randint(self, low: int, high: int) -> int:
        """A uniform integer in [low, high]."""
        return int(self.rng.integers(low, high + 1))

    def pick(self, options):
        """A uniform choice."""
        return options[int(self.rng.integers(len(options)))]

    # ------------------------------------------------------------------ driver
    def run(self) -> None:
        """Simulate the account and write all its rows."""
        self.simulate_assignments()
        self.simulate_contacts()
        self.simulate_health()
        self.simulate_billing()
        self.simulate_operations()
        usage = self.simulate_usage_users()
        self.write_contacts()
        self.write_account()
        if usage is not None:
            self.w.usage_profiles.append(usage)

    def write_account(self) -> None:
        """The crm_accounts row (current state)."""
        h_end = float(self.health[-1])
        referenceable = any(c.testimonial for c in self.contacts) or (h_end > 0.75 and self.chance(0.3))
        updated = self.ts_between(max(self.created_ts, self.end_ts - 200 * SECONDS_PER_DAY), self.end_ts)
        self.t["crm_accounts"].add(
            account_id=self.p.account_id, account_name=self.p.name, industry=self.p.industry,
            segment=self.p.segment, region=self.p.region, is_icp_fit=fmt_bool(self.p.icp),
            is_referenceable=fmt_bool(referenceable), created_at=fmt_ts(self.created_ts),
            updated_at=fmt_ts(max(updated, self.created_ts)),
        )

    # ------------------------------------------------------------------ ownership
    def simulate_assignments(self) -> None:
        """CSM ownership history: first owner at creation, then rebalancing and departures."""
        staff = self.w.staff
        ts = self.created_ts
        owner = staff.pick("CSM", ts, self.rng)
        table = self.t["crm_account_assignments"]
        while True:
            self.assignments.append((ts, owner.user_id))
            table.add(assignment_id=self.w.ids.new("crm_account_assignments"),
                      account_id=self.p.account_id, csm_user_id=owner.user_id, assigned_at=fmt_ts(ts))
            rebalance = ts + int(self.rng.exponential(3.5 * 365) * SECONDS_PER_DAY) + SECONDS_PER_DAY
            nxt = rebalance if owner.leave_ts is None else min(rebalance, owner.leave_ts + self.randint(0, 5) * SECONDS_PER_DAY)
            if nxt > self.end_ts:
                return
            ts = nxt
            owner = staff.pick("CSM", ts, self.rng, exclude=owner.user_id)

    # ------------------------------------------------------------------ people
    def simulate_contacts(self) -> None:
        """Contacts: a decision maker or two and a handful of users; some leave."""
        lo, hi = {"SMB": (2, 4), "Mid-Market": (3, 7), "Enterprise": (5, 12)}[self.p.segment]
        n = self.randint(lo, hi)
        for i in range(n):
            dm = i == 0 or (i < 3 and self.chance(0.2))
            first, last = self.pick(cat.FIRST_NAMES), self.pick(cat.LAST_NAMES)
            if i < 2:
                created = self.created_ts + self.randint(0, 20) * SECONDS_PER_DAY
            else:
                created = self.ts_between(self.created_ts, self.end_ts)
            created = min(created, self.end_ts)
            left = None
            years_left = self.rng.exponential(6.0)
            left_ts = created + int(years_left * 365 * SECONDS_PER_DAY)
            if left_ts <= self.end_ts:
                left = left_ts
                if dm:
                    self.dm_left_days.append(left // SECONDS_PER_DAY)
            self.contacts.append(Contact(
                contact_id=self.w.ids.new("crm_contacts"), full_name=f"{first} {last}",
                email=None if self.chance(0.05) else f"{ascii_slug(first)}.{ascii_slug(last)}@{self.p.domain}",
                title=self.pick(cat.DM_TITLES) if dm else self.pick(cat.OTHER_TITLES),
                decision_maker=dm, created_ts=created, left_ts=left,
            ))

    def write_contacts(self) -> None:
        """crm_contacts rows; promoter flags follow the contact's NPS answers."""
        table = self.t["crm_contacts"]
        for c in self.contacts:
            table.add(
                contact_id=c.contact_id, account_id=self.p.account_id, full_name=c.full_name,
                email=c.email, title=c.title, is_decision_maker=fmt_bool(c.decision_maker),
                is_promoter=fmt_bool(c.promoter), has_testimonial=fmt_bool(c.testimonial),
                is_ambassador=fmt_bool(c.ambassador), created_at=fmt_ts(c.created_ts),
                left_at=fmt_opt_ts(c.left_ts),
            )

    def contacts_at(self, ts: int) -> list[Contact]:
        """Contacts that are with the customer at ``ts``."""
        return [c for c in self.contacts if c.created_ts <= ts and (c.left_ts is None or c.left_ts > ts)]

    # ------------------------------------------------------------------ health
    def simulate_health(self) -> None:
        """Monthly mean-reverting random walk; bad-fit accounts sag; a departing decision maker hurts."""
        rng = self.rng
        base = float(np.clip(rng.normal(0.64 if self.p.icp else 0.45, 0.12), 0.15, 0.92))
        h = float(np.clip(base + rng.normal(0, 0.08), 0.05, 0.97))
        shocks = {month_key(d) - self.first_month for d in self.dm_left_days}
        for i in range(len(self.health)):
            base += rng.normal(0.0, 0.015) - (0.006 if not self.p.icp else 0.0)
            if i in shocks:
                h -= 0.18
                base -= 0.05
            base = min(max(base, 0.1), 0.92)
            h += 0.18 * (base - h) + rng.normal(0.0, 0.075)
            h = min(max(h, 0.02), 0.98)
            self.health[i] = h

    def bump_health(self, from_day: int, delta: float) -> None:
        """Shift health from the month of ``from_day`` on (e.g. a fresh start after a win-back)."""
        i = max(month_key(from_day) - self.first_month, 0)
        self.health[i:] = np.clip(self.health[i:] + delta, 0.02, 0.98)

    # ------------------------------------------------------------------ billing
    def simulate_billing(self) -> None:
        """Billing customer, optional trial, paid subscriptions, churn and win-backs."""
        self.bc_id = self.w.ids.new("billing_customers")
        bc_ts = max(self.created_ts, self.p.signup_day * SECONDS_PER_DAY - self.randint(0, 2) * SECONDS_PER_DAY + self._office_seconds())
        self.t["billing_customers"].add(
            billing_customer_id=self.bc_id, account_id=self.p.account_id,
            currency=self.currency, created_at=fmt_ts(min(bc_ts, self.end_ts)))
        start = self.p.signup_day
        if self.p.trial:
            start = self.run_trial(start)
            if start is None:
                return
        reactivation = False
        while start is not None and start <= self.end_day:
            churn_day = self.run_paid_subscription(start, reactivation)
            if churn_day is None:
                return
            if not self.chance(0.22 if self.p.icp else 0.08):
                return
            start = churn_day + self.randint(60, 420)
            reactivation = True
            self.bump_health(start, 0.2)

    def run_trial(self, start: int) -> int | None:
        """A zero-priced trial subscription; returns the paid start day if it converts."""
        length = self.pick((14, 14, 30))
        trial_end = start + length
        seats = self.randint(3, 12)
        sub_id = self.w.ids.new("billing_subscriptions")
        h = self.health_at(start)
        converts = self.chance((0.25 + 0.6 * h) * (1.0 if self.p.icp else 0.6))
        ongoing = trial_end > self.end_day
        item = dict(subscription_id=sub_id, product="core", plan_code=cat.TRIAL_PLAN,
                    quantity=str(seats), unit_amount="0.00", discount_percent="0",
                    valid_from=fmt_date(start))
        subscription = dict(subscription_id=sub_id, billing_customer_id=self.bc_id,
                            billing_interval_months="1", contract_start_date=fmt_date(start),
                            current_term_end_date=fmt_date(trial_end),
                            has_opt_out_clause=fmt_bool(False))
        if ongoing:
            subscription.update(status="trialing")
            self.services.append((start, None, "trial"))
        else:
            subscription.update(status="cancelled", cancelled_at=fmt_ts(self.ts_on(trial_end - 1)),
                                ended_at=fmt_date(trial_end))
            item.update(valid_to=fmt_date(trial_end))
            self.services.append((start, trial_end, "trial"))
        self.seat_changes.append((start, seats))
        self.t["billing_subscriptions"].add(**subscription)
        self.t["billing_subscription_items"].add(
            subscription_item_id=self.w.ids.new("billing_subscription_items"), **item)
        opp_created = self.ts_between(self.created_ts, start * SECONDS_PER_DAY)
        if ongoing:
            self.add_opportunity("new_business", opp_created, None, seats * self.price("pro") * 12,
                                 expected_close=trial_end + 3, cs_sourced=False)
            return None
        self.seat_changes.append((trial_end, 0))
        if not converts:
            self.add_opportunity("new_business", opp_created, self.ts_on(trial_end), seats * self.price("pro") * 12,
                                 won=False, cs_sourced=False)
            return None
        return trial_end if self.chance(0.65) else trial_end + self.randint(5, 60)

    def price(self, plan: str) -> float:
        """Monthly list price of one core seat in the account's currency."""
        return float(cat.CORE_PRICES[plan][self.currency])

    def addon_price(self, product: str) -> float:
        """Monthly list price of one unit of an add-on in the account's currency."""
        return round(cat.ADDONS[product][1] * cat.CURRENCY_FACTOR[self.currency], 0)

    def write_item(self, sub_id: str, line: Line, valid_to: int | None) -> None:
        """One subscription item row (a span of constant price)."""
        if valid_to is not None and valid_to <= line.valid_from:
            return  # an empty span (the line changed and ended on the same day): nothing to bill
        self.t["billing_subscription_items"].add(
            subscription_item_id=self.w.ids.new("billing_subscription_items"),
            subscription_id=sub_id, product=line.product, plan_code=line.plan_code,
            quantity=str(line.quantity), unit_amount=fmt_money(line.unit_amount),
            discount_percent=fmt_num(line.discount), valid_from=fmt_date(line.valid_from),
            valid_to=fmt_opt_date(valid_to))

    def change_line(self, sub_id: str, line: Line, day: int, **changes) -> None:
        """Close the line's span at ``day`` and open a new one with ``changes`` (in place on the same day)."""
        if day > line.valid_from:
            self.write_item(sub_id, line, day)
            line.valid_from = day
        for key, value in changes.items():
            setattr(line, key, value)

    @staticmethod
    def line_mrr(line: Line, interval: int) -> float:
        """Monthly recurring revenue of a line."""
        return line.quantity * line.unit_amount * (1 - line.discount / 100) / interval

    def run_paid_subscription(self, start: int, reactivation: bool) -> int | None:
        """A paid subscription from ``start``; returns its churn day, or None if still active."""
        seg = self.p.segment
        interval = int(weighted_choice(self.rng, ("1", "12", "3", "6"), {
            "SMB": (70, 22, 5, 3), "Mid-Market": (40, 50, 5, 5), "Enterprise": (5, 85, 5, 5)}[seg]))
        plan = {"SMB": ("starter", "pro"), "Mid-Market": ("pro", "pro", "pro", "enterprise"),
                "Enterprise": ("enterprise",)}[seg]
        plan = self.pick(plan)
        seats = {"SMB": lambda: self.randint(3, 25),
                 "Mid-Market": lambda: self.randint(20, 150),
                 "Enterprise": lambda: int(min(2000, self.rng.lognormal(5.3, 0.5)))}[seg]()
        if interval == 1:
            discount = float(weighted_choice(self.rng, ("0", "10"), (85, 15)))
        else:
            discount = float(weighted_choice(self.rng, ("0", "10", "15", "20", "20.5", "25"), (20, 25, 25, 15, 8, 7)))
        opt_out = interval == 12 and seg != "SMB" and self.chance(0.2)
        sub_id = self.w.ids.new("billing_subscriptions")
        name = cat.INTERVAL_NAMES[interval]
        lines: dict[str, Line] = {"core": Line("core", f"core_{plan}_{name}", seats,
                                               self.price(plan) * interval, discount, start)}
        if seg == "Enterprise" and self.chance(0.5):
            lines["sso"] = Line("sso", f"sso_{name}", 1, self.addon_price("sso") * interval, discount, start)
        if seg != "SMB" and self.chance(0.2):
            lines["analytics_plus"] = Line("analytics_plus", f"analytics_plus_{name}", seats,
                                           self.addon_price("analytics_plus") * interval, discount, start)
        self.paid_starts.append(start)
        self.seat_changes.append((start, seats))
        arr = 12 * sum(self.line_mrr(x, interval) for x in lines.values())
        won_ts = self.ts_on(start) if start < self.end_day else self.ts_between(start * SECONDS_PER_DAY, self.end_ts)
        opp_created = won_ts - self.randint(10, 80) * SECONDS_PER_DAY
        self.add_opportunity("new_business", max(opp_created, self.created_ts), won_ts, arr,
                             cs_sourced=reactivation and self.chance(0.5), won=True,
                             lead_source="win_back" if reactivation else None)
        risk = 0.0
        k = 1
        churn_day: int | None = None
        cancel_ts = None
        while True:
            p_start, p_end = add_months(start, k - 1), add_months(start, k)
            if p_start > self.end_day:
                break
            h = self.health_at(p_start)
            core = lines["core"]
            # mid-period expansion (seats)
            if self.chance(0.02 + 0.3 * max(0.0, h - 0.5)):
                day = p_start + self.randint(1, p_end - p_start - 1)
                if core.valid_from < day <= self.end_day:
                    old = self.line_mrr(core, interval)
                    new_seats = max(core.quantity + 1, math.ceil(core.quantity * (1 + self.rng.uniform(0.08, 0.4))))
                    for line in lines.values():
                        if line.product in ("core", "analytics_plus"):
                            self.change_line(sub_id, line, day, quantity=new_seats)
                    self.seat_changes.append((day, new_seats))
                    self.add_expansion(day, 12 * (self.line_mrr(core, interval) - old), "more_seats")
            # mid-period add-on or plan upgrade
            if h > 0.6 and self.chance(0.02 + 0.06 * (h - 0.6)):
                day = p_start + self.randint(1, p_end - p_start - 1)
                if day <= self.end_day:
                    candidates = [a for a in cat.ADDONS if a not in lines]
                    if core.plan_code.startswith("core_starter") and self.chance(0.5):
                        if core.valid_from < day:
                            old = self.line_mrr(core, interval)
                            self.change_line(sub_id, core, day, plan_code=f"core_pro_{name}",
                                             unit_amount=self.price("pro") * interval)
                            self.add_expansion(day, 12 * (self.line_mrr(core, interval) - old), "new_use_case")
                    elif candidates:
                        addon = self.pick(candidates)
                        per_seat = cat.ADDONS[addon][0]
                        lines[addon] = Line(addon, f"{addon}_{name}", core.quantity if per_seat else 1,
                                            self.addon_price(addon) * interval, discount, day)
                        self.add_expansion(day, 12 * self.line_mrr(lines[addon], interval),
                                           self.pick(("new_feature", "new_feature", "fundraising")))
            if p_end > self.end_day:
                break
            hazard = 0.004 + 0.15 * (max(0.0, 0.55 - h) / 0.55) ** 2 + (0.008 if not self.p.icp else 0.0)
            risk = 1 - (1 - risk) * (1 - hazard)
            term_end = k % interval == 0
            churn, used_opt_out = False, False
            if term_end:
                churn = self.chance(risk)
                risk = 0.0
            elif opt_out and self.chance(hazard * 0.5):
                churn, used_opt_out = True, True
            if churn:
                churn_day = p_end
                notice = self.randint(3, 25) if interval == 1 else self.randint(20, 90)
                cancel_ts = self.ts_on(max(p_end - notice, start))
                for line in lines.values():
                    self.write_item(sub_id, line, p_end)
                self.seat_changes.append((p_end, 0))
                self.record_churn(cancel_ts, p_end, used_opt_out)
                if interval >= 12:
                    self.add_renewal(p_end, 12 * sum(self.line_mrr(x, interval) for x in lines.values()), False)
                break
            can_reduce = interval == 1 or term_end
            if can_reduce and self.chance(0.01 + 0.25 * max(0.0, 0.45 - h)):
                old_q = core.quantity
                new_q = max(1, int(old_q * (1 - self.rng.uniform(0.1, 0.45))))
                if new_q < old_q:
                    for line in lines.values():
                        if line.product in ("core", "analytics_plus"):
                            self.change_line(sub_id, line, p_end, quantity=new_q)
                    self.seat_changes.append((p_end, new_q))
                    if new_q <= 0.7 * old_q and self.chance(0.5):
                        self.record_partial(p_end, interval)
            addons = [a for a in lines if a != "core"]
            if can_reduce and addons and h < 0.45 and self.chance(0.12):
                addon = self.pick(addons)
                line = lines.pop(addon)
                self.write_item(sub_id, line, p_end)
                self.record_partial(p_end, interval, feature=addon)
            if term_end and interval >= 6:
                self.renewal_days.append(p_end)
                if self.chance(0.5):
                    for line in lines.values():
                        self.change_line(sub_id, line, p_end, unit_amount=round(line.unit_amount * 1.05, 2))
                if interval >= 12:
                    self.add_renewal(p_end, 12 * sum(self.line_mrr(x, interval) for x in lines.values()), True)
            k += 1
        subscription = dict(subscription_id=sub_id, billing_customer_id=self.bc_id,
                            billing_interval_months=str(interval), contract_start_date=fmt_date(start),
                            has_opt_out_clause=fmt_bool(opt_out))
        if churn_day is not None:
            subscription.update(status="cancelled", current_term_end_date=fmt_date(churn_day),
                                cancelled_at=fmt_ts(cancel_ts), ended_at=fmt_date(churn_day))
            self.services.append((start, churn_day, "paid"))
        else:
            j = 1
            while add_months(start, interval * j) <= self.end_day:
                j += 1
            term_end_day = add_months(start, interval * j)
            subscription.update(status="active", current_term_end_date=fmt_date(term_end_day))
            for line in lines.values():
                self.write_item(sub_id, line, None)
            self.services.append((start, None, "paid"))
            if interval >= 12 and term_end_day - self.end_day <= 90:
                self.add_open_renewal(term_end_day, 12 * sum(self.line_mrr(x, interval) for x in lines.values()))
        self.t["billing_subscriptions"].add(**subscription)
        return churn_day

    # ------------------------------------------------------------------ churn records
    def churn_reason(self, effective: int) -> str:
        """The primary reason a customer gives, shaped by fit, health and recent champion loss."""
        if not self.p.icp and self.chance(0.5):
            return "bad_fit"
        if any(0 <= effective - d <= 180 for d in self.dm_left_days) and self.chance(0.5):
            return "leadership_change"
        h = self.health_at(effective - 1)
        weights = [14 + 20 * (1 - h), 10, 3, 6, 5, 10 + 25 * (1 - h), 5 + 10 * (1 - h), 10, 9, 4]
        return weighted_choice(self.rng, cat.CHURN_REASONS, weights)

    def record_churn(self, requested_ts: int, effective: int, opt_out_used: bool) -> None:
        """A full cancellation, recorded in the CRM for most (not all) churned customers."""
        if not self.chance(0.85):
            return
        reason = self.churn_reason(effective)
        self.t["crm_cancellations"].add(
            cancellation_id=self.w.ids.new("crm_cancellations"), account_id=self.p.account_id,
            requested_at=fmt_ts(requested_ts), effective_date=fmt_date(effective),
            cancellation_type="full", primary_reason=reason,
            product_gap_feature=self.pick(cat.PRODUCT_GAPS) if reason == "product_gap" else None,
            opt_out_clause_used=fmt_bool(opt_out_used),
            notes=None if self.chance(0.6) else self.pick((
                "Customer confirmed on exit call.", "Budget frozen; \"revisit next year\", said the CFO.",
                "Moved to an in-house tool.", "Champion left; no new sponsor.",
                "Asked to be contacted again next year.")),
        )

    def record_partial(self, effective: int, interval: int, feature: str | None = None) -> None:
        """A partial cancellation: fewer seats or a dropped add-on, effective at ``effective``."""
        notice = self.randint(3, 20) if interval == 1 else self.randint(15, 60)
        reason = weighted_choice(self.rng, ("price", "no_value", "shifting_priorities", "product_gap", "other"),
                                 (30, 25, 20, 15, 10))
        self.t["crm_cancellations"].add(
            cancellation_id=self.w.ids.new("crm_cancellations"), account_id=self.p.account_id,
            requested_at=fmt_ts(self.ts_on(max(effective - notice, self.p.signup_day))),
            effective_date=fmt_date(effective), cancellation_type="partial", primary_reason=reason,
            product_gap_feature=self.pick(cat.PRODUCT_GAPS) if reason == "product_gap" else None,
            opt_out_clause_used=fmt_bool(False),
            notes=f"Dropped add-on {feature}." if feature else "Reduced seats at renewal.",
        )

    # ------------------------------------------------------------------ pipeline
    def add_expansion(self, day: int, arr_delta: float, reason: str) -> None:
        """A won expansion deal closing on ``day``."""
        if arr_delta <= 0:
            return
        won = self.ts_on(day) if day < self.end_day else self.ts_between(day * SECONDS_PER_DAY, self.end_ts)
        created = max(self.created_ts, won - self.randint(7, 60) * SECONDS_PER_DAY)
        self.add_opportunity("expansion", created, won, arr_delta, cs_sourced=self.chance(0.6),
                             reason=reason)

    def add_renewal(self, day: int, arr: float, won: bool) -> None:
        """A renewal deal closing at a term end."""
        close = self.ts_on(day - 1) if day - 1 < self.end_day else self.end_ts
        created = max(self.created_ts, close - self.randint(60, 100) * SECONDS_PER_DAY)
        self.add_opportunity("renewal", created, close, arr, won=won, cs_sourced=True)

    def add_open_renewal(self, day: int, arr: float) -> None:
        """An open renewal deal for a renewal within 90 days of the end."""
        created = max(self.created_ts, self.end_ts - self.randint(0, 30) * SECONDS_PER_DAY)
        self.add_opportunity("renewal", created, None, arr, expected_close=day, cs_sourced=True)

    def add_opportunity(self, kind: str, created_ts: int, close_ts: int | None, amount: float, *,
                        won: bool = True, cs_sourced: bool, reason: str | None = None,
                        expected_close: int | None = None, lead_source: str | None = None,
                        open_stage: str | None = None) -> None:
        """An opportunity with its stage history; ``close_ts`` None means still open."""
        created_ts = min(created_ts, self.end_ts)
        if close_ts is not None:
            close_ts = max(close_ts, created_ts)
        amount = round(max(amount, 0.0), 2)
        if kind == "new_business":
            owner = self.w.staff.pick("Account Executive", created_ts, self.rng).user_id
        elif cs_sourced:
            owner = self.csm_at(created_ts)
        else:
            owner = self.w.staff.pick("Account Executive", created_ts, self.rng).user_id
        if kind == "new_business" and lead_source is None:
            lead_source = weighted_choice(self.rng, ("inbound", "outbound", "referral", "partner", "event"),
                                          (40, 25, 15, 12, 8))
        referrer = None
        if lead_source == "referral":
            referrer = self.w.referrer_for(created_ts // SECONDS_PER_DAY, self.rng, self.p.account_id)
            if referrer is None:
                lead_source = "inbound"
        stages = list(cat.OPPORTUNITY_STAGES)
        if close_ts is None:
            final = open_stage or self.pick(stages)
            path = stages[: stages.index(final) + 1]
            last_ts = self.ts_between(created_ts, self.end_ts)
            close_day = expected_close if expected_close is not None else self.end_day + self.randint(10, 90)
        else:
            final = "closed_won" if won else "closed_lost"
            cut = len(stages) if won else self.randint(1, len(stages))
            path = stages[:cut] + [final]
            last_ts = close_ts
            close_day = close_ts // SECONDS_PER_DAY
        # strictly increasing change times from created to the last change
        n = len(path)
        if last_ts - created_ts < n:  # too little time for distinct change times: start earlier
            created_ts = last_ts - n
        span = last_ts - created_ts
        inner = sorted((self.rng.choice(span - 1, size=n - 2, replace=False) + 1).tolist()) if n > 2 else []
        times = [created_ts] + [created_ts + int(x) for x in inner] + ([last_ts] if n > 1 else [])
        first_expected = close_day - (self.randint(0, 30) if self.chance(0.4) else 0)
        history = self.t["crm_opportunity_history"]
        opp_id = self.w.ids.new("crm_opportunities")
        start_amount = round(amount * float(self.rng.uniform(0.8, 1.2)), 2) if self.chance(0.35) else amount
        for i, (stage, ts) in enumerate(zip(path, times)):
            is_last = i == n - 1
            history.add(opportunity_id=opp_id, changed_at=fmt_ts(ts), stage=stage,
                        amount_arr=fmt_money(amount if is_last or i >= n - 2 else start_amount),
                        expected_close_date=fmt_date(close_day if is_last or i >= n - 2 else max(first_expected, created_ts // SECONDS_PER_DAY)))
        self.t["crm_opportunities"].add(
            opportunity_id=opp_id, account_id=self.p.account_id, owner_user_id=owner,
            opportunity_type=kind, stage=final, amount_arr=fmt_money(amount), currency=self.currency,
            created_at=fmt_ts(created_ts), expected_close_date=fmt_date(close_day),
            closed_at=fmt_opt_ts(times[-1] if close_ts is not None else None),
            is_cs_sourced=fmt_bool(cs_sourced), expansion_reason=reason if kind == "expansion" else None,
            lead_source=lead_source, referrer_account_id=referrer,
        )

    # ------------------------------------------------------------------ CS operations
    def service_months(self):
        """Yields (month key, first day, last day, kind) for each month slice in service within the window."""
        for start, end, kind in self.services:
            last = (end - 1) if end is not None else self.end_day
            first = max(start, self.w.window_start)
            if last < first:
                continue
            key = month_key(first)
            while True:
                m0 = month_start(key)
                m1 = month_start(key + 1) - 1
                a, b = max(first, m0), min(last, m1)
                if a > b:
                    break
                yield key, a, b, kind
                key += 1

    def simulate_operations(self) -> None:
        """Activities, CTAs, QBRs, goals, onboardings, tickets, surveys, feedback, open pipeline."""
        for start in self.paid_starts:
            self.simulate_onboarding(start)
        qbr_every = 3 if self.p.segment != "SMB" else 12
        lam = {"SMB": 0.9, "Mid-Market": 2.2, "Enterprise": 4.5}[self.p.segment]
        seats_days = [d for d, _ in self.seat_changes]
        for key, a, b, kind in self.service_months():
            h = self.health_at(a)
            i = bisect.bisect_right(seats_days, a) - 1
            seats = self.seat_changes[i][1] if i >= 0 else 1
            a_ts, b_ts = a * SECONDS_PER_DAY, b * SECONDS_PER_DAY + SECONDS_PER_DAY - 1
            for _ in range(int(self.rng.poisson(lam * (1.3 - 0.6 * h)))):
                self.add_activity(self.ts_between(a_ts, b_ts),
                                  weighted_choice(self.rng, ("email", "call", "meeting", "training"), (40, 28, 22, 10)))
            if kind == "paid" and (key - self.first_month) % qbr_every == 0:
                self.add_activity(self.ts_between(a_ts, b_ts), "qbr")
            if h < 0.38 and self.chance(0.45):
                self.add_activity(self.ts_between(a_ts, b_ts), "cta", subject="Risk: usage and sentiment dropping",
                                  priority="high")
            elif self.chance(0.04):
                self.add_activity(self.ts_between(a_ts, b_ts), "cta", subject="Check-in on adoption", priority="low")
            for r in self.renewal_days:
                if a <= r - 90 <= b:
                    self.add_activity(self.ts_on(r - 90), "cta", subject="Renewal in 90 days", priority="medium")
            if kind == "paid" and (key - month_key(self.p.signup_day)) % 6 == 3:
                self.simulate_goal(a_ts, b_ts)
            self.simulate_tickets(a_ts, b_ts, h, seats)
            if (key - self.first_month) % 6 == 2:
                self.simulate_nps(a_ts, b_ts, h)
            for _ in range(int(self.rng.poisson(0.06 + 0.03 * math.log1p(seats)))):
                self.add_feedback(self.ts_between(a_ts, b_ts), h)
        self.simulate_open_pipeline()

    def add_activity(self, ts: int, kind: str, subject: str | None = None, priority: str | None = None) -> None:
        """One CS activity; CTAs and scheduled meetings may still be open at the end."""
        ts = min(ts, self.end_ts)
        h = self.health_at(ts // SECONDS_PER_DAY)
        due = completed = None
        if kind in ("email", "call"):
            completed = min(ts + self.randint(60, 3600), self.end_ts)
        elif kind in ("meeting", "training", "qbr"):
            due = ts + self.randint(1, 14) * SECONDS_PER_DAY
            held = self.chance(0.9 if kind != "qbr" else 0.72 + 0.2 * h)
            if held and due <= self.end_ts:
                completed = due + self.randint(1800, 5400)
                completed = completed if completed <= self.end_ts else None
        else:  # cta
            due = ts + self.randint(5, 21) * SECONDS_PER_DAY
            done = ts + int(self.rng.exponential(12 * SECONDS_PER_DAY)) + 3600
            if self.chance(0.85) and done <= self.end_ts:
                completed = done
        subjects = {"email": "Follow-up", "call": "Check-in call", "meeting": "Working session",
                    "training": "Admin training", "qbr": "Quarterly business review"}
        self.t["crm_activities"].add(
            activity_id=self.w.ids.new("crm_activities"), account_id=self.p.account_id,
            owner_user_id=self.csm_at(ts), activity_type=kind,
            subject=subject or (subjects[kind] if self.chance(0.9) else None),
            priority=priority or (None if kind != "cta" else "medium"),
            created_at=fmt_ts(ts), due_at=fmt_opt_ts(due), completed_at=fmt_opt_ts(completed))
        if kind == "qbr" and completed is not None and self.chance(0.25):
            self.add_csat(completed + self.randint(600, 86_400), "success")

    def simulate_onboarding(self, start: int) -> None:
        """The onboarding project after a paid start; time to value depends on health and fit."""
        started = self.ts_on(start + self.randint(1, 10))
        if started >= self.end_ts or started // SECONDS_PER_DAY > self.end_day:
            return
        h = self.health_at(start)
        target_days = {"SMB": 30, "Mid-Market": 45, "Enterprise": 90}[self.p.segment]
        dm = self.chance(0.45 + 0.4 * h)
        ttfv = int(self.rng.gamma(2.0, target_days / 3.0) / (0.5 + h) * (0.8 if dm else 1.2))
        first_value = started + max(ttfv, 1) * SECONDS_PER_DAY + self.randint(0, 20_000)
        completed = started + int(target_days * self.rng.uniform(0.7, 1.6) / (0.6 + h)) * SECONDS_PER_DAY
        first_value = first_value if first_value <= self.end_ts else None
        completed = completed if completed <= self.end_ts else None
        self.t["crm_onboardings"].add(
            onboarding_id=self.w.ids.new("crm_onboardings"), account_id=self.p.account_id,
            started_at=fmt_ts(started), target_go_live_date=fmt_date(started // SECONDS_PER_DAY + target_days),
            first_value_at=fmt_opt_ts(first_value), completed_at=fmt_opt_ts(completed),
            signoff_received=fmt_bool(completed is not None and self.chance(0.8)),
            sales_handover_completed=fmt_bool(self.chance(0.85)), decision_maker_involved=fmt_bool(dm))
        if completed is not None and self.chance(0.6):
            self.add_csat(completed + self.randint(3600, 5 * SECONDS_PER_DAY), "onboarding")
        for _ in range(self.randint(1, 3)):
            self.simulate_goal(started, started + 20 * SECONDS_PER_DAY)

    def simulate_goal(self, a_ts: int, b_ts: int) -> None:
        """A success-plan goal; healthier accounts achieve more of theirs."""
        created = self.ts_between(a_ts, b_ts)
        if created > self.end_ts:
            return
        agreed = created + self.randint(0, 14) * SECONDS_PER_DAY + self.randint(0, 3600) if self.chance(0.8) else None
        agreed = agreed if agreed is not None and agreed <= self.end_ts else None
        due = created // SECONDS_PER_DAY + self.randint(60, 180)
        h = self.health_at(min(due, self.end_day))
        achieved = None
        if self.chance(0.15 + 0.75 * h):
            achieved = created + int(self.rng.uniform(0.3, 1.05) * (due - created // SECONDS_PER_DAY)) * SECONDS_PER_DAY + 3600
            achieved = achieved if achieved <= self.end_ts else None
        if achieved is not None:
            status = "achieved"
        elif due > self.end_day:
            status = "open"
        else:
            status = "cancelled" if self.chance(0.15) else "missed"
        self.t["crm_success_goals"].add(
            goal_id=self.w.ids.new("crm_success_goals"), account_id=self.p.account_id,
            objective=self.pick(cat.GOAL_OBJECTIVES), created_at=fmt_ts(created), agreed_at=fmt_opt_ts(agreed),
            due_date=fmt_date(due), achieved_at=fmt_opt_ts(achieved), status=status)

    def simulate_tickets(self, a_ts: int, b_ts: int, h: float, seats: int) -> None:
        """Support tickets for one month: unhappy, larger accounts file more and more urgent ones."""
        lam = (0.15 + 0.1 * math.sqrt(max(seats, 1))) * (1.7 - 1.3 * h)
        for _ in range(int(self.rng.poisson(lam))):
            created = self.ts_between(a_ts, b_ts)
            priority = weighted_choice(self.rng, ("low", "normal", "high", "urgent"),
                                       (30, 50, 15 + 15 * (1 - h), 3 + 8 * (1 - h)))
            first = created + int(self.rng.exponential(4 * 3600)) + 120
            solved = first + int(self.rng.exponential(2.5 * SECONDS_PER_DAY)) + 600
            reopen = int(self.rng.poisson(0.12 + 0.3 * (1 - h)))
            replies = 1 + int(self.rng.poisson(1.5)) + reopen
            if first > self.end_ts:
                first, solved, status, replies, reopen = None, None, "new", 0, 0
            elif solved > self.end_ts:
                solved, status = None, self.pick(("open", "pending"))
            else:
                status = "closed" if self.end_ts - solved > 4 * SECONDS_PER_DAY else "solved"
            self.t["support_tickets"].add(
                ticket_id=self.w.ids.new("support_tickets"), account_id=self.p.account_id,
                created_at=fmt_ts(created), first_response_at=fmt_opt_ts(first), solved_at=fmt_opt_ts(solved),
                status=status, priority=priority,
                channel=weighted_choice(self.rng, ("email", "chat", "web", "phone"), (40, 30, 20, 10)),
                agent_reply_count=str(replies), reopen_count=str(reopen),
                category=None if self.chance(0.05) else self.pick(cat.TICKET_CATEGORIES))
            if solved is not None and self.chance(0.3):
                self.add_csat(solved + self.randint(300, 2 * SECONDS_PER_DAY), "support")

    def add_csat(self, ts: int, interaction: str) -> None:
        """A CSAT answer (1–5) after an interaction, if it falls before the end."""
        if ts > self.end_ts:
            return
        h = self.health_at(ts // SECONDS_PER_DAY)
        score = int(np.clip(round(self.rng.normal(1.6 + 3.6 * h, 0.8)), 1, 5))
        people = self.contacts_at(ts)
        self.t["survey_responses"].add(
            response_id=self.w.ids.new("survey_responses"), survey_type="csat", account_id=self.p.account_id,
            contact_id=self.pick(people).contact_id if people and self.chance(0.9) else None,
            score=str(score), interaction_type=interaction,
            comment=None if self.chance(0.8) else ("Quick and helpful." if score >= 4 else "Took too long."),
            submitted_at=fmt_ts(ts))

    def simulate_nps(self, a_ts: int, b_ts: int, h: float) -> None:
        """A relationship NPS survey round: each current contact answers with some probability."""
        for c in self.contacts_at(b_ts):
            if not self.chance(0.35):
                continue
            ts = self.ts_between(a_ts, b_ts)
            if ts < c.created_ts:
                continue
            score = int(np.clip(round(self.rng.normal(2.6 + 8.2 * h, 1.5)), 0, 10))
            if score >= 9 and self.chance(0.6):
                c.promoter = True
                c.testimonial = c.testimonial or self.chance(0.25)
                c.ambassador = c.ambassador or self.chance(0.2)
            self.t["survey_responses"].add(
                response_id=self.w.ids.new("survey_responses"), survey_type="nps",
                account_id=self.p.account_id, contact_id=c.contact_id, score=str(score),
                interaction_type=None,
                comment=None if self.chance(0.75) else self.pick((
                    "Love the dashboards.", "Too expensive for what we use.", "Support is great.",
                    "Missing a Salesforce sync.", "Hard to roll out to new teams.")),
                submitted_at=fmt_ts(ts))

    def add_feedback(self, ts: int, h: float) -> None:
        """A product-feedback item: unhappy accounts complain and report gaps, happy ones praise."""
        kind = weighted_choice(self.rng, ("product_gap", "feature_request", "complaint", "praise"),
                               (10 + 20 * (1 - h), 30, 5 + 25 * (1 - h), 5 + 30 * h))
        people = self.contacts_at(ts)
        self.t["crm_feedback"].add(
            feedback_id=self.w.ids.new("crm_feedback"), account_id=self.p.account_id,
            contact_id=self.pick(people).contact_id if people and self.chance(0.7) else None,
            feedback_type=kind, feature=None if kind == "praise" and self.chance(0.5) else self.pick(cat.FEEDBACK_FEATURES),
            created_at=fmt_ts(ts))

    def simulate_open_pipeline(self) -> None:
        """Open and lost expansion deals for healthy current customers."""
        active = any(end is None and kind == "paid" for _, end, kind in self.services)
        if not active:
            return
        h = float(self.health[-1])
        if h > 0.6 and self.chance(0.35):
            created = self.end_ts - self.randint(1, 60) * SECONDS_PER_DAY
            self.add_opportunity("expansion", max(created, self.created_ts), None,
                                 float(self.rng.uniform(2_000, 40_000)), cs_sourced=self.chance(0.7),
                                 reason=self.pick(("more_seats", "new_use_case", "new_feature", "fundraising")))
        if self.chance(0.15):
            close = self.end_ts - self.randint(1, 300) * SECONDS_PER_DAY
            if close > self.created_ts + 30 * SECONDS_PER_DAY:
                self.add_opportunity("expansion", close - self.randint(20, 60) * SECONDS_PER_DAY, close,
                                     float(self.rng.uniform(1_000, 20_000)), won=False,
                                     cs_sourced=self.chance(0.5), reason="more_seats")

    # ------------------------------------------------------------------ product users
    def simulate_usage_users(self) -> UsageProfile | None:
        """Product users: adoption follows seats × health; users leave with contractions and churn."""
        if not self.services:
            return None
        table = self.t["usage_users"]
        ids: list[str] = []
        roles: list[str] = []
        created_days: list[int] = []
        deact_days: list[int] = []
        seats_days = [d for d, _ in self.seat_changes]
        for start, end, _ in self.services:
            active: list[int] = []  # positions into ids
            key = month_key(start)
            last = (end - 1) if end is not None else self.end_day
            while month_start(key) <= last:
                a = max(start, month_start(key))
                b = min(last, month_start(key + 1) - 1)
                i = bisect.bisect_right(seats_days, a) - 1
                seats = max(self.seat_changes[i][1], 1) if i >= 0 else 1
                h = self.health_at(a)
                target = max(1, round(seats * min(1.0, 0.3 + 0.65 * h)))
                if len(active) < target:
                    for _ in range(target - len(active)):
                        day = self.randint(a, b)
                        ids.append(self.w.ids.new("usage_users"))
                        created_days.append(day)
                        deact_days.append(FAR_FUTURE)
                        roles.append("admin" if len(active) == 0 or self.chance(0.04) else "member")
                        active.append(len(ids) - 1)
                elif len(active) > target * 1.15 + 1:
                    surplus = len(active) - target
                    for pos in sorted(self.rng.choice(len(active), size=surplus, replace=False).tolist(), reverse=True):
                        u = active.pop(pos)
                        day = self.randint(a, b)
                        if day > created_days[u]:
                            deact_days[u] = day
                        else:
                            active.insert(pos, u)
                key += 1
            if end is not None:
                for u in active:
                    deact_days[u] = max(end, created_days[u] + 1)
        for u, uid in enumerate(ids):
            created_ts = created_days[u] * SECONDS_PER_DAY + self._office_seconds()
            deact = deact_days[u]
            deact_ts = None if deact >= FAR_FUTURE or deact > self.end_day else \
                deact * SECONDS_PER_DAY + self.randint(0, 8 * 3600)
            table.add(user_id=uid, account_id=self.p.account_id,
                      email=None if self.chance(0.02) else f"user{uid[4:]}@{self.p.domain}",
                      role=roles[u], created_at=fmt_ts(created_ts),
                      deactivated_at=fmt_opt_ts(deact_ts))
        weights = np.array(cat.FEATURE_BASE_WEIGHTS) * self.rng.gamma(4.0, 0.25, len(cat.FEATURE_BASE_WEIGHTS))
        return UsageProfile(
            account_id=self.p.account_id, user_ids=ids,
            created_day=np.array(created_days, dtype=np.int64),
            deact_day=np.array(deact_days, dtype=np.int64),
            is_admin=np.array([r == "admin" for r in roles], dtype=bool),
            first_month=self.first_month, health=self.health.astype(np.float64),
            feature_weights=weights / weights.sum())
