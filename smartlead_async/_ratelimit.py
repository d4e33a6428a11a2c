"""The request gate: at most N requests in any W-second window, per API key.

Sizing (why the limiters look the way they do)
----------------------------------------------
An ``aiolimiter.AsyncLimiter`` is a leaky bucket of capacity ``B`` draining at ``r`` per second. Its
bucket starts empty, so within any closed window of ``W`` seconds it admits up to
``B + floor(r * W)`` requests — not ``N``. ``AsyncLimiter(10, 2)`` therefore admits up to 20 in
the first two seconds. To honour a strict sliding window of ``N`` per ``W`` we choose
``r = (N - B + 1) / (W * (1 + safety_margin))``; with ``B = 1`` that is ``N / W`` shaved by the
margin, which is how the default gate reaches ~97 % of the allowed rate without a single 429.

When several rules apply (plan presets), admission is serialised by a lock and goes through the
limiters in order. A later limiter can hold a request after an earlier one admitted it, which can
pack one extra request into the earlier limiter's window, so every limiter except the last is
sized for ``N - 1``. The last limiter is the one for the shortest window.

Server feedback pauses every caller of the key: a 429 pauses for ``Retry-After`` (or an
exponential backoff when absent), and ``x-ratelimit-remaining: 0`` pauses until
``x-ratelimit-reset``.
"""

from __future__ import annotations

import asyncio
import logging
import math
import weakref
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import attrs
from aiolimiter import AsyncLimiter

from smartlead_async._secrets import APIKey
from smartlead_async.errors import ConfigurationError

__all__ = [
    "DEFAULT_RATE_LIMITS",
    "PRO_PLAN_RATE_LIMITS",
    "STANDARD_PLAN_RATE_LIMITS",
    "LocalRateGate",
    "RateFeedback",
    "RateGate",
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

    Args:
        requests: Maximum number of requests in the window.
        seconds: Window length in seconds.
        burst: How many requests may go out back to back when the key has been idle. ``1`` gives
            the highest sustained rate; a larger burst lowers the sustained rate to keep the rule
            (see the module docs). Must be below ``requests``, or equal to 1.
    """

    requests: int = attrs.field(validator=_positive_int)
    seconds: float = attrs.field(validator=_positive_number)
    burst: int = attrs.field(default=1, kw_only=True, validator=_positive_int)

    def __attrs_post_init__(self) -> None:
        if self.burst > 1 and self.burst >= self.requests:
            raise ConfigurationError(
                f"RateLimit burst ({self.burst}) must be smaller than requests ({self.requests})"
            )


#: The documented limit: 10 requests per 2 seconds per API key (help center, seed 003).
DEFAULT_RATE_LIMITS: tuple[RateLimit, ...] = (RateLimit(10, 2.0),)
#: The newer "Standard" tier: 60/min, 1,000/h, burst 10/s (catalog 1.2).
STANDARD_PLAN_RATE_LIMITS: tuple[RateLimit, ...] = (
    RateLimit(60, 60.0, burst=10),
    RateLimit(1000, 3600.0, burst=100),
    RateLimit(10, 1.0),
)
#: The newer "Pro" tier: 120/min, 3,000/h, burst 20/s (catalog 1.2).
PRO_PLAN_RATE_LIMITS: tuple[RateLimit, ...] = (
    RateLimit(120, 60.0, burst=20),
    RateLimit(3000, 3600.0, burst=300),
    RateLimit(20, 1.0),
)


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


def _limiter_for(rule: RateLimit, capacity: int, safety_margin: float) -> AsyncLimiter:
    """An AsyncLimiter admitting at most ``capacity`` requests in any closed ``rule.seconds``."""
    burst = min(rule.burst, capacity)
    rate = (capacity - burst + 1) / (rule.seconds * (1.0 + safety_margin))
    return AsyncLimiter(burst, burst / rate)


class LocalRateGate:
    """The in-process gate: aiolimiter windows plus a key-wide pause on server feedback.

    Create it inside the event loop that will use it (aiolimiter objects are loop-bound). Clients
    get one from a per-loop registry, so every client of one key shares it.

    Args:
        limits: Rules to enforce, all of them.
        safety_margin: Fraction by which each window is lengthened, to absorb clock and network
            jitter between this process and the server's counter.
        backoff_base: First pause after a 429 without ``Retry-After``, in seconds; doubles with
            each consecutive 429.
        max_pause: Longest pause the gate will take from server feedback.
    """

    def __init__(
        self,
        limits: Sequence[RateLimit] = DEFAULT_RATE_LIMITS,
        *,
        safety_margin: float = 0.025,
        backoff_base: float = 2.0,
        max_pause: float = 120.0,
    ) -> None:
        if not limits:
            raise ConfigurationError("rate_limits must contain at least one RateLimit")
        if not 0 <= safety_margin < 1:
            raise ConfigurationError("safety_margin must be in [0, 1)")
        # Shortest window last: it is the one whose precision sets the sustained rate.
        ordered = sorted(limits, key=lambda rule: rule.seconds, reverse=True)
        last = len(ordered) - 1
        self.limits: tuple[RateLimit, ...] = tuple(limits)
        self._limiters = [
            _limiter_for(rule, rule.requests if i == last else rule.requests - 1, safety_margin)
            for i, rule in enumerate(ordered)
        ]
        self._longest_window = ordered[0].seconds * (1.0 + safety_margin)
        self._backoff_base = backoff_base
        self._max_pause = max_pause
        self._lock = asyncio.Lock()
        self._paused_until = 0.0
        self._last_admission = -math.inf
        self._consecutive_429 = 0

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

    async def acquire(self) -> None:
        """Wait for a pause to end and for every window to have room, then admit one request."""
        async with self._lock:
            while True:
                # A timed sleep, not an Event: a later 429 can push the deadline out while we wait.
                while (pause := self.paused_for) > 0:  # noqa: ASYNC110
                    await asyncio.sleep(pause)
                for limiter in self._limiters:
                    await limiter.acquire()
                # A pause that began while we waited makes this admission stale: go round again.
                if self.paused_for == 0.0:
                    break
            self._last_admission = self._now()

    async def observe(self, feedback: RateFeedback) -> None:
        """Pause every caller of the key on a 429 or an exhausted ``x-ratelimit-remaining``."""
        if feedback.status == 429:
            self._consecutive_429 += 1
            if feedback.retry_after is not None:
                pause = feedback.retry_after
            else:
                pause = self._backoff_base * 2.0 ** (self._consecutive_429 - 1)
            self._pause(pause, reason="429 Too Many Requests")
            return
        if feedback.status < 400:
            self._consecutive_429 = 0
        if feedback.remaining is not None and feedback.remaining <= 0 and feedback.reset_after:
            self._pause(feedback.reset_after, reason="x-ratelimit-remaining is 0")

    def _pause(self, seconds: float, *, reason: str) -> None:
        seconds = min(max(seconds, 0.0), self._max_pause)
        until = self._now() + seconds
        if until > self._paused_until:
            self._paused_until = until
            logger.warning("rate gate paused for %.2f s: %s", seconds, reason)


@attrs.define
class _Entry:
    gate: LocalRateGate
    users: int = 0


_Entries = dict[tuple[APIKey, str], _Entry]


class _GateRegistry:
    """One LocalRateGate per (API key, base URL) per event loop.

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

    def attach(self, api_key: APIKey, base_url: str, limits: Sequence[RateLimit]) -> LocalRateGate:
        """Return the shared gate for the key, creating it if needed, and count one more user."""
        entries = self._entries()
        self._sweep(entries)
        entry = entries.get((api_key, base_url))
        if entry is None:
            entry = entries[(api_key, base_url)] = _Entry(LocalRateGate(limits))
        elif entry.gate.limits != tuple(limits):
            raise ConfigurationError(
                "another client of this API key already uses different rate_limits "
                f"({entry.gate.limits!r}); every client of one key must use the same limits"
            )
        entry.users += 1
        return entry.gate

    def detach(self, gate: LocalRateGate) -> None:
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
        for key in [k for k, e in entries.items() if e.users == 0 and e.gate.is_idle()]:
            del entries[key]


#: The process-wide registry used by SmartleadClient.
gate_registry = _GateRegistry()
