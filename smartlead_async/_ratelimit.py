"""The request gate: at most N requests in any W-second window, per API key.

Sizing (why the limiters look the way they do)
----------------------------------------------
Each rule is an ``aiolimiter.AsyncLimiter``: a leaky bucket of capacity ``B`` draining at ``r``
per second (``AsyncLimiter(B, B / r)``). Its bucket starts empty, so within any closed window of
``W`` seconds it admits up to ``B + floor(r * W)`` requests — not ``N``: ``AsyncLimiter(10, 2)``
admits up to 20 in the first two seconds. To honour a strict sliding window of ``N`` per ``W`` we
choose ``r = (N - B + 1) / (W * (1 + safety_margin))``; with ``B = 1`` that is ``N / W`` shaved by
the margin, which is how the default gate reaches ~97 % of the allowed rate without a single 429.

``B`` is the rule's ``burst`` (1 by default), unless the loop's clock is too coarse for it. A
bucket drains only when the clock moves, and uvloop's moves in whole milliseconds: a rule faster
than one request per tick (an "unthrottled" 1,000,000/s) would be held to one request per tick.
Such a rule gets a bucket that holds one tick's drain, ``B = ceil(r * tick) + 1``, when that
keeps more of its rate than ``B = 1`` does (the formula above keeps the window strict either way).

One sleep per wait (why the gate does not simply ``await limiter.acquire()``)
-----------------------------------------------------------------------------
A waiting ``AsyncLimiter.acquire`` arms a timer for the moment its bucket has room and re-reads
the clock when it fires. On a clock that ticks in milliseconds the timer of a sub-millisecond
wait fires with the clock unmoved (uvloop rounds its delay to 0 ms), so it re-arms, again and
again, until the clock ticks: the loop spins. The gate therefore computes the wait from the
limiters' own level and rate, rounds it up to whole ticks of the loop's clock (checked with the
limiters' own float arithmetic at the reading the wake-up will see), and sleeps once. Then every
limiter has room and their ``acquire`` admits at once, without a timer of its own.

When several rules apply (plan presets), admission is serialised by a lock; a request waits
until every limiter has room, and every limiter is charged at the same reading of the clock.
Every limiter except the one for the shortest window is sized for ``N - 1``, as when the
limiters admitted one after another (then a later limiter could hold a request after an earlier
one had admitted it).

Server feedback pauses every caller of the key: a 429 pauses for ``Retry-After``, and an
exhausted ``remaining`` (``x-ratelimit-*`` or the IETF ``RateLimit`` headers) pauses until its
reset. A 429 without ``Retry-After`` is almost always jitter: two requests admitted a window
apart arrived less than a window apart. The server can admit again as soon as the oldest of the
requests it counted leaves its window, so the gate keeps the last ``N`` admission times of each
rule and pauses only until the oldest of them is ``W * (1 + safety_margin)`` old. Only 429s that
come back to back despite that pause longer, with a capped backoff.
"""

from __future__ import annotations

import asyncio
import collections
import contextvars
import logging
import math
import weakref
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import attrs
from aiolimiter import AsyncLimiter

from smartlead_async._background import Background
from smartlead_async._secrets import APIKey
from smartlead_async.errors import ConfigurationError

__all__ = [
    "ACCOUNT_RATE_LIMITS",
    "DEFAULT_RATE_LIMITS",
    "DEFAULT_SAFETY_MARGIN",
    "PRO_PLAN_RATE_LIMITS",
    "STANDARD_PLAN_RATE_LIMITS",
    "LocalRateGate",
    "RateFeedback",
    "RateGate",
    "RateGateFactory",
    "RateLimit",
]

logger = logging.getLogger("smartlead_async")


def _positive_int(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(
            f"RateLimit.{attribute.name} must be a positive int, got {value!r}"
        )


def _positive_number(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ConfigurationError(f"RateLimit.{attribute.name} must be > 0, got {value!r}")


@attrs.frozen
class RateLimit:
    """A rule "at most ``requests`` in any ``seconds``-long window".

    Attributes:
        requests: Maximum number of requests in the window.
        seconds: Window length in seconds.
        burst: How many requests may go out back to back when the key has been idle. ``1`` gives
            the highest sustained rate; a larger burst lowers the sustained rate to keep the rule
            (see the module docs). Must be below ``requests``, or equal to 1. A rule faster than
            one request per tick of the loop's clock gets a burst of one tick's worth.
    """

    requests: int = attrs.field(validator=_positive_int)
    seconds: float = attrs.field(validator=_positive_number)
    burst: int = attrs.field(default=1, kw_only=True, validator=_positive_int)

    def __attrs_post_init__(self) -> None:
        if self.burst > 1 and self.burst >= self.requests:
            raise ConfigurationError(
                f"RateLimit burst ({self.burst}) must be smaller than requests ({self.requests})"
            )


#: The documented limit: 10 requests per 2 seconds per API key (docs/api-notes.md, Rate limits).
DEFAULT_RATE_LIMITS: tuple[RateLimit, ...] = (RateLimit(10, 2.0),)
#: The newer "Standard" tier: 60/min, 1,000/h, burst 10/s (docs/api-notes.md, Rate limits).
STANDARD_PLAN_RATE_LIMITS: tuple[RateLimit, ...] = (
    RateLimit(60, 60.0, burst=10),
    RateLimit(1000, 3600.0, burst=100),
    RateLimit(10, 1.0),
)
#: The newer "Pro" tier: 120/min, 3,000/h, burst 20/s (docs/api-notes.md, Rate limits).
PRO_PLAN_RATE_LIMITS: tuple[RateLimit, ...] = (
    RateLimit(120, 60.0, burst=20),
    RateLimit(3000, 3600.0, burst=300),
    RateLimit(20, 1.0),
)
#: The account-wide 200 requests per minute seen in the field (a 429 "Account rate limit
#: exceeded" in 2026-10), on top of the documented 10 per 2 s. Observed, not documented.
ACCOUNT_RATE_LIMITS: tuple[RateLimit, ...] = (RateLimit(200, 60.0), RateLimit(10, 2.0))
#: Default fraction by which the gate lengthens every window (see :class:`LocalRateGate`).
DEFAULT_SAFETY_MARGIN = 0.025


@attrs.frozen
class RateFeedback:
    """What a response told us about the key's rate limit.

    Attributes:
        status: HTTP status of the response.
        retry_after: Seconds to wait, from ``Retry-After`` or the body; ``None`` when absent.
        remaining: ``x-ratelimit-remaining``, when sent.
        reset_after: Seconds until the server's window resets (from ``x-ratelimit-reset``).
    """

    status: int
    retry_after: float | None = None
    remaining: int | None = None
    reset_after: float | None = None


@runtime_checkable
class RateGate(Protocol):
    """Admits requests for one API key. Implement it to share a key across processes (Redis …).

    ``acquire`` returns when one request may be sent now; ``observe`` receives the rate-limit
    facts of every response so the gate can pause all callers of the key.
    """

    async def acquire(self) -> None:
        """Wait until one request may be sent."""
        ...

    async def observe(self, feedback: RateFeedback) -> None:
        """Learn from a response (429s, remaining/reset headers)."""
        ...


@runtime_checkable
class RateGateFactory(Protocol):
    """Builds the gate of one API key: pass it as ``SmartleadClient(rate_gate=factory)``.

    The client resolves a factory through the per-loop gate registry, once per event loop per
    (factory, API key, base URL), so clients built per request share one gate. Factories that
    compare equal share gates too; they must be hashable. A gate with an ``is_idle()`` method is
    released only when that returns true and no client uses it.
    """

    def __call__(self, api_key: APIKey, base_url: str, limits: Sequence[RateLimit]) -> RateGate:
        """Return a new gate for ``api_key`` at ``base_url`` enforcing ``limits``."""
        ...


#: The tick of a loop clock that does not state its resolution (uvloop's).
_MILLISECOND = 1e-3


def _bucket_size(rule: RateLimit, capacity: int, stretch: float, tick: float) -> int:
    """The capacity ``B`` of the bucket for ``rule`` (admitting at most ``capacity`` in any
    window) on a loop whose clock moves in steps of ``tick`` (see the module docs)."""
    burst = min(rule.burst, capacity)
    rate = (capacity - burst + 1) / (rule.seconds * stretch)
    if rate * tick <= burst - 1:
        return burst  # the bucket holds what one tick drains: the clock's steps cost nothing
    # A bucket that reads the clock once per tick drains ``rate * tick`` per reading; it keeps
    # the rate only when it can take that much at once.
    sized = math.ceil(rate * tick) + 1
    if sized >= capacity:
        return burst  # a window of a few ticks: no larger bucket keeps the rule
    sized_rate = (capacity - sized + 1) / (rule.seconds * stretch)
    # With B = 1 every request waits for an empty bucket, in whole ticks.
    paced = 1.0 / (math.ceil(1.0 / (rate * tick)) * tick) if burst == 1 else 0.0
    return burst if paced >= sized_rate else sized


def _limiter_for(rule: RateLimit, capacity: int, stretch: float, tick: float) -> AsyncLimiter:
    """An AsyncLimiter admitting at most ``capacity`` requests in any closed ``rule.seconds``."""
    size = _bucket_size(rule, capacity, stretch, tick)
    rate = (capacity - size + 1) / (rule.seconds * stretch)
    return AsyncLimiter(size, size / rate)


def _has_room_at(limiter: AsyncLimiter, at: float) -> bool:
    """Whether ``limiter`` will have room for one request when the clock reads ``at``: its own
    leak and test (``AsyncLimiter._leak``, ``has_capacity``) on its current level."""
    level = limiter._level
    if level:
        level = max(level - (at - limiter._last_check) * limiter._rate_per_sec, 0)
    return level + 1 <= limiter.max_rate


class _Clock:
    """The running loop's clock: how far it moves in one step, and what it will read."""

    __slots__ = ("_steps", "tick")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        # asyncio's loops keep their clock's resolution (nanoseconds); uvloop keeps none, and its
        # clock and timers tick in milliseconds.
        resolution = getattr(loop, "_clock_resolution", None)
        self.tick: float = _MILLISECOND if resolution is None else resolution
        # A clock of whole microseconds or coarser reads whole ticks (uvloop: ``ms / 1000``).
        self._steps = round(1 / self.tick) if self.tick >= 1e-6 else 0

    def reading_after(self, now: float, ticks: int) -> float:
        """The earliest the clock can read after a sleep of ``ticks`` from ``now``."""
        if self._steps:
            start = now * self._steps
            if abs(start - round(start)) < 1e-6:
                # The reading the loop will compute, to the last bit.
                return (round(start) + ticks) / self._steps
        # A fine clock: asyncio runs a timer up to one resolution before it is due.
        return now + (ticks - 1) * self.tick

    def ticks_until_room(self, limiters: Sequence[AsyncLimiter]) -> int:
        """Whole ticks from now until every limiter has room for one request (0: room now).

        ``has_capacity`` drains each bucket to the clock's reading: the level and last check read
        here are the ones the admission after the sleep leaks from.
        """
        if all([limiter.has_capacity() for limiter in limiters]):  # noqa: C419 (drain all)
            return 0
        # The latest reading: a sleep starts at it or later (a fine clock moves between calls).
        now = max(limiter._last_check for limiter in limiters)
        wait = max(
            (limiter._last_check - now)
            + (limiter._level + 1 - limiter.max_rate) / limiter._rate_per_sec
            for limiter in limiters
        )
        # An estimate a rounding short at most (a wait of exactly whole ticks is common: uvloop's
        # clock and the default rule's 205 ms); the limiters' own float arithmetic decides, at
        # the reading the wake-up will see. One more tick drains what a rounding left over.
        ticks = max(1, math.ceil(wait / self.tick - 1e-6))
        for _ in range(3):
            at = self.reading_after(now, ticks)
            if all(_has_room_at(limiter, at) for limiter in limiters):
                break
            ticks += 1
        return ticks


def _by_window(limits: Sequence[RateLimit]) -> list[RateLimit]:
    """The rules longest window first: the last is the one sized for its full ``N``."""
    return sorted(limits, key=lambda rule: rule.seconds, reverse=True)


def check_local_limits(limits: Sequence[RateLimit]) -> None:
    """:class:`ConfigurationError` unless a :class:`LocalRateGate` can enforce ``limits``.

    Every rule but the shortest is sized for ``N - 1`` (see the module docs), so it needs
    ``N >= 2``: with ``N = 1`` it would admit nothing.
    """
    if not limits:
        raise ConfigurationError("rate_limits must contain at least one RateLimit")
    *others, shortest = _by_window(limits)
    for rule in others:
        if rule.requests < 2:
            raise ConfigurationError(
                f"the local gate cannot enforce {rule!r} beside the shorter {shortest!r}: a rule "
                "that is not the shortest needs requests >= 2"
            )


def check_safety_margin(value: object) -> float:
    """``value`` as a safety margin, or :class:`ConfigurationError` unless a number in [0, 1)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1:
        raise ConfigurationError(f"safety_margin must be a number in [0, 1), got {value!r}")
    return float(value)


#: (gate id, loop time) of the last admission the current task got. ``observe`` runs in the task
#: that sent the request, so a gate can tell a 429 for a request sent before it reacted to the
#: previous 429 (the same episode) from one sent after it (its pause was not enough).
_admission: contextvars.ContextVar[tuple[int, float] | None] = contextvars.ContextVar(
    "smartlead_async_admission", default=None
)


class LocalRateGate:
    """The in-process gate: aiolimiter windows plus a key-wide pause on server feedback.

    Use it inside one event loop (aiolimiter objects and its lock are loop-bound; the limiters are
    built on the first ``acquire``, sized for that loop's clock). Clients get one from a per-loop
    registry, so every client of one key shares it.

    A 429 with ``Retry-After`` pauses every caller for that long. A 429 without it pauses them
    only until the server's window can admit again: until the oldest of the last ``N``
    admissions is ``W * (1 + safety_margin)`` old, for every rule whose last ``N`` admissions all
    lie in that stretched window (when none does, the shortest rule's oldest admission inside its
    window decides). A 429 for a request admitted after the gate reacted to the previous one, with
    no success in between, means that pause was not enough (another process, a limit the rules do
    not know): it pauses at least ``backoff_base``, doubling with each further such 429, capped
    at ``max_pause``.

    Args:
        limits: Rules to enforce, all of them.
        safety_margin: Fraction by which each window is lengthened, to absorb the spread ``J``
            of the delay between admission here and arrival at the server: a window ``W`` becomes
            ``W * (1 + safety_margin)``, so choose ``safety_margin >= J / W``.
        backoff_base: Least pause after the second 429 in a row without ``Retry-After`` (see
            above), in seconds; doubles with each further one.
        max_pause: Longest pause the gate will take from server feedback.
    """

    def __init__(
        self,
        limits: Sequence[RateLimit] = DEFAULT_RATE_LIMITS,
        *,
        safety_margin: float = DEFAULT_SAFETY_MARGIN,
        backoff_base: float = 2.0,
        max_pause: float = 120.0,
    ) -> None:
        check_local_limits(limits)
        self.safety_margin = check_safety_margin(safety_margin)
        stretch = 1.0 + self.safety_margin
        # Shortest window last: it is the one whose precision sets the sustained rate.
        ordered = _by_window(limits)
        last = len(ordered) - 1
        self.limits: tuple[RateLimit, ...] = tuple(limits)
        # Per rule, what its limiter may admit in any window (see the module docs).
        self._capacities = [
            (rule, rule.requests if i == last else rule.requests - 1)
            for i, rule in enumerate(ordered)
        ]
        # Built on first use, in the loop they serve: their size depends on its clock.
        self._limiters: list[AsyncLimiter] = []
        self._clock: _Clock | None = None
        # Per rule, its stretched window and its last N admission times (shortest window last).
        self._logs = [
            (rule.seconds * stretch, collections.deque[float](maxlen=rule.requests))
            for rule in ordered
        ]
        self._longest_window = ordered[0].seconds * stretch
        self._backoff_base = backoff_base
        self._max_pause = max_pause
        self._lock = asyncio.Lock()
        self._paused_until = 0.0
        self._last_admission = -math.inf
        self._strikes = 0  # 429s without Retry-After in a row, one per episode
        self._last_strike = -math.inf  # when the gate last reacted to a fresh 429

    @staticmethod
    def _now() -> float:
        return asyncio.get_running_loop().time()

    @property
    def paused_for(self) -> float:
        """Seconds left in the current key-wide pause (0 when not paused)."""
        return max(0.0, self._paused_until - self._now())

    def is_idle(self) -> bool:
        """True when forgetting this gate could not let a later gate exceed any rule."""
        return (
            not self._lock.locked()
            and self._now() >= self._last_admission + self._longest_window
            and self.paused_for == 0.0
        )

    def _limiters_of(self, loop: asyncio.AbstractEventLoop) -> tuple[_Clock, list[AsyncLimiter]]:
        if self._clock is None:
            clock = _Clock(loop)
            stretch = 1.0 + self.safety_margin
            self._limiters = [
                _limiter_for(rule, capacity, stretch, clock.tick)
                for rule, capacity in self._capacities
            ]
            self._clock = clock
        return self._clock, self._limiters

    async def acquire(self) -> None:
        """Wait for a pause to end and for every window to have room, then admit one request.

        A request that must wait sleeps once, for the whole ticks of the loop's clock after which
        every limiter has room; their ``acquire`` then admits it without waiting.
        """
        loop = asyncio.get_running_loop()
        clock, limiters = self._limiters_of(loop)
        async with self._lock:
            while True:
                # A timed sleep, not an Event: a later 429 can push the deadline out while we wait.
                while (pause := self.paused_for) > 0:  # noqa: ASYNC110
                    await asyncio.sleep(pause)
                ticks = clock.ticks_until_room(limiters)
                if not ticks:
                    break
                # Once, not in aiolimiter's timer loop: on a millisecond clock its sub-tick timers
                # fire with the clock unmoved, and it re-arms them until the clock ticks.
                await asyncio.sleep(ticks * clock.tick)
                # Then round again: a pause may have begun while we slept, and a wake-up a tick
                # early (a clock one rounding short) sleeps the missing tick.
            # Every limiter has room: each acquire charges it at once, with no await in between
            # (a cancellation cannot charge some limiters and not others).
            for limiter in limiters:
                await limiter.acquire()
            now = self._last_admission = loop.time()
            for _, log in self._logs:
                log.append(now)
            _admission.set((id(self), now))

    async def observe(self, feedback: RateFeedback) -> None:
        """Pause every caller of the key on a 429 or an exhausted ``remaining`` (see above)."""
        mark = _admission.get()
        # Feedback on a request admitted before the gate reacted to the last 429 tells nothing
        # new; a request whose admission is unknown (observe from another task) counts as new.
        fresh = mark is None or mark[0] != id(self) or mark[1] > self._last_strike
        if feedback.status == 429:
            if feedback.retry_after is not None:
                self._pause(feedback.retry_after, reason="429 Too Many Requests")
            else:
                if fresh:
                    self._strikes += 1
                    self._last_strike = self._now()
                self._pause(self._until_window_admits(), reason="429 without Retry-After")
        elif feedback.status < 400 and fresh:
            self._strikes = 0
        exhausted = feedback.remaining is not None and feedback.remaining <= 0
        if exhausted and feedback.reset_after is not None:
            self._pause(feedback.reset_after, reason="the server reports 0 requests left")

    def _until_window_admits(self) -> float:
        """Seconds until the windows have room again by this gate's own admissions, or the
        backoff once 429s without Retry-After come in a row (see the class docs)."""
        now = self._now()
        full = [log[0] + span for span, log in self._logs if len(log) == log.maxlen]
        reopens = max(full, default=now)
        if reopens <= now:
            # No window is full by our count, yet the server refused (other traffic on the key,
            # a skewed clock): the shortest window is the first to free a slot.
            span, log = self._logs[-1]
            reopens = next((t + span for t in log if t + span > now), now)
        doublings = min(self._strikes - 2, 32)  # _pause caps it; this only keeps the float finite
        backoff = self._backoff_base * 2.0**doublings if self._strikes > 1 else 0.0
        return max(reopens - now, backoff)

    def _pause(self, seconds: float, *, reason: str) -> None:
        seconds = min(max(seconds, 0.0), self._max_pause)
        until = self._now() + seconds
        if seconds > 0 and until > self._paused_until:
            self._paused_until = until
            logger.warning("rate gate paused for %.2f s: %s", seconds, reason)


@attrs.define
class _Entry:
    gate: RateGate
    limits: tuple[RateLimit, ...]
    users: int = 0

    def is_idle(self) -> bool:
        # A gate without is_idle() keeps no history of its own (a shared gate's lives in its
        # store), so forgetting it once no client uses it cannot let a successor exceed a rule.
        is_idle = getattr(self.gate, "is_idle", None)
        return True if is_idle is None else bool(is_idle())


#: (factory, key, base URL); the factory is ``None`` for the built-in LocalRateGate.
_Entries = dict[tuple[RateGateFactory | None, APIKey, str], _Entry]


class _GateRegistry:
    """One gate per (gate factory, API key, base URL) per event loop.

    Gates are loop-bound, so each loop keeps its own gates, in an attribute: a finished loop and
    its gates become garbage together. A table keyed weakly by loop cannot do that — its values
    hold the loop (aiolimiter and ``asyncio.Lock`` keep a reference to it), so the keys never die.
    Loops that refuse attributes fall back to such a table; there a loop that ends while one of
    its gates is still busy stays referenced.

    A gate with no attached client is dropped only once it is idle, so clients created and closed
    in quick succession (one per FastAPI request, say) still share it.
    """

    _ATTRIBUTE = "_smartlead_async_gates"

    def __init__(self) -> None:
        self._fallback: weakref.WeakKeyDictionary[object, _Entries] = weakref.WeakKeyDictionary()

    def _entries(self) -> _Entries:
        return self._entries_of(asyncio.get_running_loop())

    def _entries_of(self, loop: object) -> _Entries:
        entries: _Entries | None = getattr(loop, self._ATTRIBUTE, None)
        if entries is None:
            entries = {}
            try:
                setattr(loop, self._ATTRIBUTE, entries)
            except AttributeError:
                entries = self._fallback.setdefault(loop, entries)
        return entries

    def attach(
        self,
        api_key: APIKey,
        base_url: str,
        limits: Sequence[RateLimit],
        factory: RateGateFactory | None = None,
        safety_margin: float = DEFAULT_SAFETY_MARGIN,
    ) -> RateGate:
        """Return the shared gate for the key, creating it if needed, and count one more user.

        Args:
            api_key: The key the gate admits requests for.
            base_url: The API root; gates of different roots are separate.
            limits: The rules; every client of one key and factory must pass the same.
            factory: Builds the gate (a shared one, say); ``None`` for a :class:`LocalRateGate`.
            safety_margin: The LocalRateGate's margin; every client of one key must pass the
                same (a factory's gate takes its margin from the factory).
        """
        entries = self._entries()
        self._sweep(entries)
        slot = (factory, api_key, base_url)
        entry = entries.get(slot)
        if entry is None:
            rules = tuple(limits)
            gate = (
                LocalRateGate(rules, safety_margin=safety_margin)
                if factory is None
                else factory(api_key, base_url, rules)
            )
            entry = entries[slot] = _Entry(gate, rules)
        elif entry.limits != tuple(limits):
            raise ConfigurationError(
                "another client of this API key already uses different rate_limits "
                f"({entry.limits!r}); every client of one key must use the same limits"
            )
        elif (
            factory is None
            and isinstance(entry.gate, LocalRateGate)
            and entry.gate.safety_margin != safety_margin
        ):
            raise ConfigurationError(
                "another client of this API key already uses safety_margin="
                f"{entry.gate.safety_margin!r}; every client of one key must use the same"
            )
        entry.users += 1
        return entry.gate

    def detach(self, gate: RateGate) -> None:
        """Count one user less for ``gate``; idle gates without users are released lazily."""
        entries = self._entries()
        for entry in entries.values():
            if entry.gate is gate:
                entry.users = max(0, entry.users - 1)
        self._sweep(entries)

    def __len__(self) -> int:
        return len(self._entries())

    @staticmethod
    def _sweep(entries: _Entries) -> None:
        for key in [k for k, e in entries.items() if e.users == 0 and e.is_idle()]:
            gate = entries.pop(key).gate
            # A gate holding connections (a shared gate's subscription) is closed as it goes.
            close = getattr(gate, "aclose", None)
            if close is not None:
                _closing.start(close())


#: Closings of dropped gates still running.
_closing = Background()


#: The process-wide registry used by SmartleadClient.
gate_registry = _GateRegistry()
