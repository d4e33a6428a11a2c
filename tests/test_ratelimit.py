"""The rate gate, on a virtual clock: strict windows, sharing per key, pauses, release."""

from __future__ import annotations

import asyncio
import bisect

import pytest
from aiolimiter import AsyncLimiter

from smartlead_async import (
    DEFAULT_RATE_LIMITS,
    PRO_PLAN_RATE_LIMITS,
    STANDARD_PLAN_RATE_LIMITS,
    ConfigurationError,
    LocalRateGate,
    RateFeedback,
    RateLimit,
    SmartleadClient,
)
from smartlead_async._ratelimit import gate_registry

from .helpers import API_KEY, BASE_URL, run_in_virtual_time


def busiest_window(times: list[float], window: float) -> int:
    """The largest number of admissions inside any closed interval of length ``window``."""
    ordered = sorted(times)
    return max(bisect.bisect_right(ordered, start + window) - i for i, start in enumerate(ordered))


async def hammer(gate: LocalRateGate, callers: int, per_caller: int) -> list[float]:
    loop = asyncio.get_running_loop()
    admitted: list[float] = []

    async def caller() -> None:
        for _ in range(per_caller):
            await gate.acquire()
            admitted.append(loop.time())

    await asyncio.gather(*(caller() for _ in range(callers)))
    return admitted


def test_naive_aiolimiter_admits_twice_the_rule_in_the_first_window() -> None:
    # The trap this gate exists for: AsyncLimiter(10, 2) starts empty and also refills.
    async def main() -> list[float]:
        limiter, loop, times = AsyncLimiter(10, 2), asyncio.get_running_loop(), []
        for _ in range(40):
            await limiter.acquire()
            times.append(loop.time())
        return times

    assert busiest_window(run_in_virtual_time(main), 2.0) > 10


def test_default_gate_never_admits_eleven_in_any_two_seconds_with_50_callers() -> None:
    async def main() -> list[float]:
        return await hammer(LocalRateGate(DEFAULT_RATE_LIMITS), callers=50, per_caller=6)

    times = run_in_virtual_time(main)
    assert len(times) == 300
    assert busiest_window(times, 2.0) == 10
    # Throughput: 300 admissions at the allowed 5/s would take 60 s (first one at t=0).
    elapsed = max(times) - min(times)
    achieved = (len(times) - 1) / elapsed
    assert achieved >= 0.95 * 5.0
    assert achieved <= 5.0


@pytest.mark.parametrize("limits", [STANDARD_PLAN_RATE_LIMITS, PRO_PLAN_RATE_LIMITS])
def test_plan_presets_keep_every_rule(limits: tuple[RateLimit, ...]) -> None:
    async def main() -> list[float]:
        return await hammer(LocalRateGate(limits), callers=20, per_caller=80)

    times = run_in_virtual_time(main)
    for rule in limits:
        assert busiest_window(times, rule.seconds) <= rule.requests, rule


def test_multi_rule_gate_allows_a_burst_then_the_sustained_rate() -> None:
    limits = (RateLimit(30, 60.0, burst=10), RateLimit(5, 1.0))

    async def main() -> list[float]:
        return await hammer(LocalRateGate(limits), callers=10, per_caller=9)

    times = sorted(run_in_virtual_time(main))
    assert busiest_window(times, 60.0) <= 30
    assert busiest_window(times, 1.0) <= 5
    # The burst of 10 goes out at the short window's pace (5 per second), not one per 2 s.
    assert times[9] - times[0] < 3.0


def test_429_pauses_every_caller_for_retry_after() -> None:
    async def main() -> tuple[float, list[float]]:
        gate = LocalRateGate(DEFAULT_RATE_LIMITS)
        loop = asyncio.get_running_loop()
        await gate.acquire()
        await gate.observe(RateFeedback(status=429, retry_after=7.0))
        paused_at = loop.time()
        times = await hammer(gate, callers=5, per_caller=1)
        return paused_at, times

    paused_at, times = run_in_virtual_time(main)
    assert min(times) >= paused_at + 7.0 - 1e-9


def test_429_without_retry_after_backs_off_exponentially_and_resets_on_success() -> None:
    async def main() -> list[float]:
        gate = LocalRateGate(DEFAULT_RATE_LIMITS, backoff_base=2.0)
        pauses = []
        for _ in range(3):
            await gate.observe(RateFeedback(status=429))
            pauses.append(gate.paused_for)
            await gate.acquire()
        await gate.observe(RateFeedback(status=200))
        await gate.observe(RateFeedback(status=429))
        pauses.append(gate.paused_for)
        return pauses

    assert run_in_virtual_time(main) == pytest.approx([2.0, 4.0, 8.0, 2.0], abs=1e-3)


def test_exhausted_remaining_header_pauses_until_reset() -> None:
    async def main() -> tuple[float, float]:
        gate = LocalRateGate(DEFAULT_RATE_LIMITS)
        loop = asyncio.get_running_loop()
        await gate.observe(RateFeedback(status=200, remaining=5, reset_after=30.0))
        assert gate.paused_for == 0.0
        await gate.observe(RateFeedback(status=200, remaining=0, reset_after=30.0))
        start = loop.time()
        await gate.acquire()
        return start, loop.time()

    start, admitted = run_in_virtual_time(main)
    assert admitted - start == pytest.approx(30.0, abs=1e-3)


def test_pause_is_capped() -> None:
    async def main() -> float:
        gate = LocalRateGate(DEFAULT_RATE_LIMITS, max_pause=60.0)
        await gate.observe(RateFeedback(status=429, retry_after=3600.0))
        return gate.paused_for

    assert run_in_virtual_time(main) == pytest.approx(60.0, abs=1e-3)


def test_two_clients_of_one_key_share_one_gate_and_stay_under_the_limit() -> None:
    async def main() -> list[float]:
        loop = asyncio.get_running_loop()
        first = SmartleadClient(API_KEY, base_url=BASE_URL)
        second = SmartleadClient(API_KEY, base_url=BASE_URL)
        other_key = SmartleadClient(API_KEY + "-other", base_url=BASE_URL)
        gate = first._gate()
        assert second._gate() is gate
        assert other_key._gate() is not gate
        admitted: list[float] = []

        async def caller(client: SmartleadClient) -> None:
            for _ in range(10):
                await client._gate().acquire()
                admitted.append(loop.time())

        await asyncio.gather(*(caller(c) for c in (first, second) for _ in range(10)))
        for client in (first, second, other_key):
            await client.aclose()
        return admitted

    times = run_in_virtual_time(main)
    assert len(times) == 200
    assert busiest_window(times, 2.0) == 10


def test_clients_created_per_request_keep_sharing_until_the_gate_is_idle() -> None:
    async def main() -> tuple[int, int, int]:
        client = SmartleadClient(API_KEY, base_url=BASE_URL)
        gate = client._gate()
        await gate.acquire()
        await client.aclose()
        # Closed right after a request: the next client must see the same history.
        successor = SmartleadClient(API_KEY, base_url=BASE_URL)
        assert successor._gate() is gate
        await successor.aclose()
        during = len(gate_registry)
        await asyncio.sleep(2.1)  # longer than the window: forgetting the gate is now safe
        probe = SmartleadClient(API_KEY + "-probe", base_url=BASE_URL)
        probe._gate()
        after = len(gate_registry)
        await probe.aclose()
        return during, after, len(gate_registry)

    during, after, _ = run_in_virtual_time(main)
    assert during == 1
    assert after == 1  # the idle gate was released, only the probe's gate is left


def test_clients_of_one_key_must_agree_on_limits() -> None:
    async def main() -> None:
        first = SmartleadClient(API_KEY, base_url=BASE_URL)
        first._gate()
        second = SmartleadClient(API_KEY, base_url=BASE_URL, rate_limits=[RateLimit(1, 1)])
        with pytest.raises(ConfigurationError, match="different rate_limits"):
            second._gate()
        await first.aclose()

    run_in_virtual_time(main)


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((0, 1.0), {}), ((10, 0), {}), ((10, -2.0), {}), ((True, 1.0), {}), ((5, 1.0), {"burst": 5})],
)
def test_rate_limit_rejects_invalid_rules(args: tuple[object, ...], kwargs: dict[str, int]) -> None:
    with pytest.raises(ConfigurationError):
        RateLimit(*args, **kwargs)  # type: ignore[arg-type]


def test_gate_requires_at_least_one_rule() -> None:
    with pytest.raises(ConfigurationError):
        LocalRateGate([])
