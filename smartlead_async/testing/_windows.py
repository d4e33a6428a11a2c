"""Strict sliding-window rate counting for the fake."""

from __future__ import annotations

import collections
from collections.abc import Callable, Sequence
from typing import Protocol

import attrs


class RateRule(Protocol):
    """At most ``requests`` in any ``seconds``-long window (the SDK's ``RateLimit`` is one)."""

    @property
    def requests(self) -> int: ...

    @property
    def seconds(self) -> float: ...


class SlidingWindows:
    """Strict sliding-window counters per API key: a request at ``t`` is refused when ``N``
    accepted requests already lie in ``(t - W, t]``. Refused requests are not counted."""

    def __init__(self, limits: Sequence[RateRule], clock: Callable[[], float]) -> None:
        self._limits = tuple(limits)
        self._clock = clock
        self._accepted: dict[str, collections.deque[float]] = collections.defaultdict(
            collections.deque
        )

    def admit(self, key: str) -> float | None:
        """Record a request; return ``None`` if allowed, else seconds until it would be."""
        if not self._limits:
            return None
        now = self._clock()
        history = self._accepted[key]
        longest = max(rule.seconds for rule in self._limits)
        while history and history[0] <= now - longest:
            history.popleft()
        wait = 0.0
        for rule in self._limits:
            in_window = [t for t in history if t > now - rule.seconds]
            if len(in_window) >= rule.requests:
                wait = max(wait, in_window[-rule.requests] + rule.seconds - now)
        if wait > 0:
            return wait
        history.append(now)
        return None


@attrs.frozen
class RateWindow:
    """A rule of the fake's own: at most ``requests`` in any ``seconds``-long window."""

    requests: int
    seconds: float

    def __attrs_post_init__(self) -> None:
        if self.requests < 1 or self.seconds <= 0:
            raise ValueError(f"a window needs requests >= 1 and seconds > 0, got {self!r}")
