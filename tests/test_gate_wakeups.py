"""The gate on a millisecond clock (uvloop's): one timer per admission, and still the rule."""

from __future__ import annotations

import asyncio
import contextvars
import math
from collections.abc import Callable
from typing import TypeVarTuple

from smartlead_async import DEFAULT_RATE_LIMITS, LocalRateGate, RateLimit

from .helpers import VirtualTimeLoop
from .test_ratelimit import busiest_window, hammer

Ts = TypeVarTuple("Ts")


class MillisecondClockLoop(VirtualTimeLoop):
    """uvloop's clock and timers on virtual time: ``time()`` ticks in whole milliseconds and a
    timer's delay is rounded to whole milliseconds, so a 0.3 ms sleep returns at once."""

    def __init__(self) -> None:
        super().__init__()
        self.timers = 0
        self._clock_resolution = 1e-3  # what the gate assumes for a loop that does not say

    def time(self) -> float:
        return math.floor(self.virtual_now * 1000) / 1000

    def call_at(
        self,
        when: float,
        callback: Callable[[*Ts], object],
        *args: *Ts,
        context: contextvars.Context | None = None,
    ) -> asyncio.TimerHandle:
        self.timers += 1
        now = self.time()
        return super().call_at(
            now + round((when - now) * 1000) / 1000, callback, *args, context=context
        )


def run(limits: tuple[RateLimit, ...], callers: int, per_caller: int) -> tuple[list[float], int]:
    loop = MillisecondClockLoop()
    try:
        times = loop.run_until_complete(hammer(LocalRateGate(limits), callers, per_caller))
    finally:
        loop.close()
    return times, loop.timers


def test_sub_millisecond_waits_cost_one_timer_each_not_a_spin() -> None:
    # 3,000/s: every wait is ~0.34 ms, below the clock's tick. A bucket that re-reads the clock
    # after waking sees no time pass and re-arms (the old gate: ~1,000 timers per admission).
    times, timers = run((RateLimit(3000, 1.0),), callers=4, per_caller=75)
    assert len(times) == 300
    assert timers <= len(times)
    assert busiest_window(times, 1.0) <= 3000


def test_a_millisecond_clock_still_keeps_a_ten_millisecond_rule() -> None:
    # Waits of ~0.5 ms on a 1 ms clock: early wake-ups must not pack 21 into any 10 ms.
    times, timers = run((RateLimit(20, 0.01),), callers=8, per_caller=50)
    assert len(times) == 400
    assert timers <= len(times)
    assert busiest_window(times, 0.01) <= 20


def test_the_default_rule_on_a_millisecond_clock() -> None:
    times, timers = run(DEFAULT_RATE_LIMITS, callers=20, per_caller=3)
    assert busiest_window(times, 2.0) == 10
    assert timers <= len(times)
    achieved = (len(times) - 1) / (max(times) - min(times))
    assert 0.95 * 5.0 <= achieved <= 5.0
