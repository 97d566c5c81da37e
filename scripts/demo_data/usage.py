"""Vectorised generation of usage_events, streamed to disk in chunks.

Volume per account and day = active users × (0.3 + 1.4 × health) × weekday factor, scaled so
that the expected total is ``events_per_account × accounts``. Events come in sessions (one
user, one day, a burst of about six events); the number of sessions of each day is a Poisson
draw. Users, features, event names and times are drawn with numpy for a whole account at
once; there is no Python loop per event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import catalog as cat
from . import tuning
from .account import UsageProfile
from .core import SECONDS_PER_DAY, Value, month_key
from .schema import ID_FORMATS, TABLE_COLUMNS
from .simulate import World
from .writers import ChunkSink

UNIX_EPOCH_DAY = date(1970, 1, 1).toordinal()
CHUNK_ROWS = 2_000_000
POOL_PER_CHUNK = 1_000
MEAN_SESSION_EVENTS = 6

# Flattened event catalogue: event name → its feature.
EVENT_NAMES: list[str] = [name for _, names in cat.FEATURE_EVENTS for name in names]
EVENT_FEATURES: list[str | None] = [feature for feature, names in cat.FEATURE_EVENTS for _ in names]
FEATURE_OFFSETS = np.cumsum([0] + [len(names) for _, names in cat.FEATURE_EVENTS])[:-1]
FEATURE_SIZES = np.array([len(names) for _, names in cat.FEATURE_EVENTS])
SESSION_STARTED = EVENT_NAMES.index("session_started")
LOGIN = EVENT_NAMES.index("login")
FEATURE_NAMES = [feature for feature, _ in cat.FEATURE_EVENTS]
ADMIN_FEATURE = FEATURE_NAMES.index("admin")
DASHBOARDS_FEATURE = FEATURE_NAMES.index("dashboards")


@dataclass
class EventResult:
    """What the generator wrote, and clean rows kept as templates for injected faults."""

    rows: int = 0
    pool: list[tuple[Value, ...]] = field(default_factory=list)


class _Buffer:
    """Events of several accounts waiting to be written as one chunk."""

    def __init__(self) -> None:
        self.account_ids: list[str] = []
        self.user_ids: list[str] = []
        self.parts: list[tuple[np.ndarray, ...]] = []
        self.rows = 0

    def add(
        self,
        account_id: str,
        user_ids: list[str],
        user_idx: np.ndarray,
        event_idx: np.ndarray,
        epoch_seconds: np.ndarray,
    ) -> None:
        """Queue one account's events (already in time order)."""
        acc = np.full(len(user_idx), len(self.account_ids), dtype=np.int32)
        self.parts.append(
            (acc, user_idx.astype(np.int64) + len(self.user_ids), event_idx, epoch_seconds)
        )
        self.account_ids.append(account_id)
        self.user_ids.extend(user_ids)
        self.rows += len(user_idx)


def _format_chunk(buffer: _Buffer, first_number: int) -> pa.Table:
    """Turn a buffer into an Arrow table of strings with sequential event ids."""
    acc, users, events, seconds = (np.concatenate([p[i] for p in buffer.parts]) for i in range(4))
    prefix, width = ID_FORMATS["usage_events"]
    numbers = pa.array(np.arange(first_number, first_number + len(acc), dtype=np.int64))
    event_id = pc.binary_join_element_wise(
        prefix, pc.utf8_lpad(pc.cast(numbers, pa.string()), width, "0"), ""
    )
    occurred = pc.cast(pa.array(seconds, type=pa.timestamp("s")), pa.string())
    return pa.table(
        {
            "event_id": event_id,
            "user_id": pa.array(buffer.user_ids, type=pa.string()).take(pa.array(users)),
            "account_id": pa.array(buffer.account_ids, type=pa.string()).take(pa.array(acc)),
            "event_name": pa.array(EVENT_NAMES, type=pa.string()).take(pa.array(events)),
            "feature": pa.array(EVENT_FEATURES, type=pa.string()).take(pa.array(events)),
            "occurred_at": occurred,
        }
    )


def _daily_weights(
    world: World,
    profile: UsageProfile,
    days: np.ndarray,
    day_month: np.ndarray,
    weekday_factor: np.ndarray,
) -> np.ndarray:
    """Relative event volume of one account per day of the window."""
    d0, n = int(days[0]), len(days)
    first = np.clip(profile.created_day + 1 - d0, 0, n)  # events start the day after creation
    stop = np.clip(profile.deact_day - d0, 0, n)  # and stop on the deactivation day
    keep = first < stop
    delta = np.zeros(n + 1)
    np.add.at(delta, first[keep], 1.0)
    np.add.at(delta, stop[keep], -1.0)
    active = np.cumsum(delta[:n])
    idx = np.clip(day_month - profile.first_month, 0, len(profile.health) - 1)
    return active * (0.3 + 1.4 * profile.health[idx]) * weekday_factor


def _pick_users(
    rng: np.random.Generator, profile: UsageProfile, event_day: np.ndarray
) -> np.ndarray:
    """For each event, a user active on its day (rejection sampling; -1 where none was found)."""
    n_users = len(profile.user_ids)
    chosen = np.full(len(event_day), -1, dtype=np.int64)
    todo = np.arange(len(event_day))
    for _ in range(40):
        if len(todo) == 0:
            break
        cand = rng.integers(0, n_users, len(todo))
        ok = (profile.created_day[cand] < event_day[todo]) & (
            profile.deact_day[cand] > event_day[todo]
        )
        chosen[todo[ok]] = cand[ok]
        todo = todo[~ok]
    return chosen


def _account_events(
    rng: np.random.Generator, profile: UsageProfile, session_day: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Events of one account's sessions, in time order: (user index, event index, epoch seconds).

    A session is one user's burst of events on one day: it opens with ``session_started`` or
    ``login`` and continues with feature events drawn from the account's feature mix, a few
    seconds to minutes apart.
    """
    session_user = _pick_users(rng, profile, session_day)
    keep = session_user >= 0
    return _session_events(rng, profile, session_day[keep], session_user[keep])


def _champion_sessions(
    seed: int, profile: UsageProfile, window_start: int, end_day: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """The sessions of the account's champion, if it has one: (days, user indexes).

    A healthy account has, by chance, one champion: a user active over the whole recent
    stretch who has a session on most working days of it (tuning CHAMPION_*).
    """
    rng = np.random.default_rng([seed, tuning.STREAM_CHAMPION, int(profile.account_id)])
    if rng.random() >= tuning.CHAMPION_CHANCE or len(profile.health) == 0:
        return None
    if profile.health[-1] < tuning.CHAMPION_MIN_HEALTH:
        return None
    first_day = max(end_day - tuning.CHAMPION_DAYS + 1, window_start)
    candidates = np.flatnonzero((profile.created_day < first_day) & (profile.deact_day > end_day))
    if len(candidates) == 0:
        return None
    user = int(candidates[rng.integers(len(candidates))])
    days = np.arange(first_day, end_day + 1, dtype=np.int64)
    working = (days - 1) % 7 < 5
    days = days[working & (rng.random(len(days)) < tuning.CHAMPION_WEEKDAY_CHANCE)]
    return days, np.full(len(days), user, dtype=np.int64)


def _session_events(
    rng: np.random.Generator,
    profile: UsageProfile,
    session_day: np.ndarray,
    session_user: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The events of the given sessions (day and user of each), in time order."""
    n_sessions = len(session_day)
    start = np.clip(rng.normal(14.5 * 3600, 3.2 * 3600, n_sessions), 0, SECONDS_PER_DAY - 1).astype(
        np.int64
    )
    length = 1 + rng.poisson(MEAN_SESSION_EVENTS - 1, n_sessions)
    n = int(length.sum())
    first = np.cumsum(length) - length  # position of each session's first event
    gaps = rng.exponential(40.0, n)
    gaps[first] = 0.0
    elapsed = np.cumsum(gaps)
    offset = (elapsed - np.repeat(elapsed[first], length)).astype(np.int64)
    second = np.minimum(np.repeat(start, length) + offset, SECONDS_PER_DAY - 1)
    day = np.repeat(session_day, length)
    users = np.repeat(session_user, length)
    feature_p = profile.feature_weights[1:] / profile.feature_weights[1:].sum()
    feature = 1 + rng.choice(len(feature_p), size=n, p=feature_p)
    feature[(feature == ADMIN_FEATURE) & ~profile.is_admin[users]] = DASHBOARDS_FEATURE
    event = FEATURE_OFFSETS[feature] + (rng.random(n) * FEATURE_SIZES[feature]).astype(np.int64)
    event[first] = np.where(rng.random(n_sessions) < 0.75, SESSION_STARTED, LOGIN)
    order = np.lexsort((second, day))
    epoch = (day[order] - UNIX_EPOCH_DAY) * SECONDS_PER_DAY + second[order]
    return users[order], event[order], epoch


def generate_events(world: World, sink: ChunkSink) -> EventResult:
    """Generate all clean usage events into ``sink``; returns the count and a template pool."""
    cfg = world.cfg
    result = EventResult()
    profiles = world.usage_profiles
    days = np.arange(world.window_start, world.end_day + 1, dtype=np.int64)
    if len(days) == 0 or not profiles:
        return result
    day_month = np.array([month_key(int(d)) for d in days], dtype=np.int64)
    weekday_factor = np.where((days - 1) % 7 >= 5, 0.25, 1.0)
    weights = [
        _daily_weights(world, p, days, day_month, weekday_factor).astype(np.float32)
        for p in profiles
    ]
    total = float(sum(float(w.sum(dtype=np.float64)) for w in weights))
    if total <= 0:
        return result
    scale = cfg.events_per_account * cfg.accounts / total
    pool_rng = np.random.default_rng([cfg.seed, 5])
    buffer = _Buffer()

    def flush() -> None:
        nonlocal buffer
        if buffer.rows == 0:
            return
        table = _format_chunk(buffer, result.rows + 1)
        sink.write(table)
        take = pool_rng.choice(
            table.num_rows, size=min(POOL_PER_CHUNK, table.num_rows), replace=False
        )
        sample = table.take(pa.array(np.sort(take))).to_pydict()
        result.pool.extend(zip(*(sample[c] for c in TABLE_COLUMNS["usage_events"]), strict=True))
        result.rows += table.num_rows
        buffer = _Buffer()

    for profile, w in zip(profiles, weights, strict=True):
        rng = np.random.default_rng([cfg.seed, 3, int(profile.account_id)])
        sessions = rng.poisson(w.astype(np.float64) * (scale / MEAN_SESSION_EVENTS))
        if sessions.sum() == 0:
            continue
        users, event, epoch = _account_events(rng, profile, np.repeat(days, sessions))
        champion = _champion_sessions(cfg.seed, profile, int(days[0]), world.end_day)
        if champion is not None and len(champion[0]):
            champion_rng = np.random.default_rng(
                [cfg.seed, tuning.STREAM_CHAMPION, int(profile.account_id), 1]
            )
            extra = _session_events(champion_rng, profile, *champion)
            users, event, epoch = (
                np.concatenate([a, b]) for a, b in zip((users, event, epoch), extra, strict=True)
            )
            order = np.argsort(epoch, kind="stable")
            users, event, epoch = users[order], event[order], epoch[order]
        if len(users):
            buffer.add(profile.account_id, profile.user_ids, users, event, epoch)
        if buffer.rows >= CHUNK_ROWS:
            flush()
    flush()
    return result
