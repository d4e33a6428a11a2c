"""The gate on a millisecond clock (uvloop's): one timer per admission, and still the rule."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import math
from collections.abc import Callable
from typing import Any, TypeVarTuple

import pytest
from aiolimiter import AsyncLimiter

from smartlead_async import DEFAULT_RATE_LIMITS, PRO_PLAN_RATE_LIMITS, LocalRateGate, RateLimit

from .helpers import VirtualTimeLoop, run_in_virtual_time
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


def test_the_gate_is_aiolimiter_and_never_arms_its_timers() -> None:
    # The design card: aiolimiter is the gate's core. The gate sleeps for it, so a limiter's own
    # timer loop (the spin on a millisecond clock) never starts: no waiter, no waker.
    async def main() -> list[AsyncLimiter]:
        gate = LocalRateGate(PRO_PLAN_RATE_LIMITS)
        limiters: list[AsyncLimiter] = []
        armed = 0

        async def caller() -> None:
            nonlocal armed
            for _ in range(5):
                await gate.acquire()
                limiters[:] = gate._limiters
                armed += sum(
                    bool(lim._waiters) or lim._waker_handle is not None for lim in limiters
                )

        await asyncio.gather(*(caller() for _ in range(8)))
        assert armed == 0
        return limiters

    loop = MillisecondClockLoop()
    try:
        limiters = loop.run_until_complete(main())
    finally:
        loop.close()
    assert len(limiters) == len(PRO_PLAN_RATE_LIMITS)
    assert all(isinstance(limiter, AsyncLimiter) for limiter in limiters)


def test_a_rule_faster_than_the_clock_ticks_is_not_held_to_one_request_per_tick() -> None:
    # 50 requests per millisecond: a bucket of one request would admit one per tick (1,000/s).
    # A bucket that holds a tick's drain keeps the rate with a wake-up per tick, not per request.
    rule = RateLimit(5000, 0.1)
    times, timers = run((rule,), callers=16, per_caller=625)
    assert len(times) == 10_000
    assert busiest_window(times, 0.1) <= 5000
    achieved = (len(times) - 1) / (max(times) - min(times))
    assert achieved >= 0.9 * 50_000
    assert timers <= len(times) / 20


def test_a_waiter_cancelled_mid_sleep_charges_no_limiter() -> None:
    # Every limiter is charged at once after the one sleep, or none is: a cancellation (a
    # max_gate_wait, a caller's timeout) while asleep adds nothing to any level (they only drain).
    async def main() -> tuple[list[float], list[float], float]:
        loop = asyncio.get_running_loop()
        gate = LocalRateGate(PRO_PLAN_RATE_LIMITS)
        for _ in range(20):  # the short rule's bucket is full: the next request must wait
            await gate.acquire()
        before = [lim._level for lim in gate._limiters]
        waiter = asyncio.ensure_future(gate.acquire())
        await asyncio.sleep(0.01)
        waiter.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await waiter
        after = [lim._level for lim in gate._limiters]
        start = loop.time()
        await gate.acquire()
        return before, after, loop.time() - start

    before, after, waited = run_in_virtual_time(main)
    assert all(a <= b for a, b in zip(after, before, strict=True))
    assert 0 < waited < 1.0


def test_on_uvloop_a_busy_rule_costs_at_most_one_timer_per_admission() -> None:
    # The real millisecond clock: 20 requests per millisecond, a wait under a tick for most. The
    # old aiolimiter gate re-armed 0 ms timers until the clock ticked (thousands per admission).
    uvloop = pytest.importorskip("uvloop")
    rule = RateLimit(2000, 0.1)

    async def main() -> tuple[list[float], int]:
        loop = asyncio.get_running_loop()
        timers = 0
        call_later = loop.call_later

        def counting(delay: float, callback: Callable[..., object], *args: Any, **kw: Any) -> Any:
            nonlocal timers
            timers += 1
            return call_later(delay, callback, *args, **kw)

        loop.call_later = counting  # type: ignore[method-assign, assignment]
        try:
            return await hammer(LocalRateGate((rule,)), callers=8, per_caller=400), timers
        finally:
            loop.call_later = call_later  # type: ignore[method-assign]

    loop = uvloop.new_event_loop()
    try:
        times, timers = loop.run_until_complete(main())
    finally:
        loop.close()
    assert len(times) == 3200
    assert busiest_window(times, 0.1) <= 2000
    assert timers <= len(times)
