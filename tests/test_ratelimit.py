"""The rate gate, on a virtual clock: strict windows, sharing per key, pauses, release."""

from __future__ import annotations

import asyncio
import bisect
import random

import pytest
from aiolimiter import AsyncLimiter
from aioresponses import aioresponses
from multidict import CIMultiDict, CIMultiDictProxy

from smartlead_async import (
    ACCOUNT_RATE_LIMITS,
    DEFAULT_RATE_LIMITS,
    PRO_PLAN_RATE_LIMITS,
    STANDARD_PLAN_RATE_LIMITS,
    ConfigurationError,
    LocalRateGate,
    RateFeedback,
    RateLimit,
    SmartleadClient,
)
from smartlead_async._pipeline import _feedback
from smartlead_async._ratelimit import gate_registry
from smartlead_async._transport import RawResponse
from smartlead_async.testing._windows import SlidingWindows

from .helpers import API_KEY, BASE_URL, RecordingGate, run_in_virtual_time, url

CAMPAIGNS = url("/campaigns")


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


@pytest.mark.parametrize(
    "limits", [STANDARD_PLAN_RATE_LIMITS, PRO_PLAN_RATE_LIMITS, ACCOUNT_RATE_LIMITS]
)
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


@pytest.mark.parametrize(
    ("admissions", "refused_at", "reopens_at"),
    [
        # A full window: the oldest of the last 10 admissions (t=0) leaves W(1+m) later.
        (10, 1.9, 2.05),
        # Three admissions, yet refused (other traffic): the oldest one leaves at 2.05.
        (3, 0.5, 2.05),
        # Twelve: the window now starts at the third admission (t=0.41).
        (12, 2.3, 0.41 + 2.05),
        # Nothing of ours left in the window: no pause at all.
        (1, 2.5, 2.5),
    ],
)
def test_429_without_retry_after_pauses_until_the_window_admits_again(
    admissions: int, refused_at: float, reopens_at: float
) -> None:
    # The old gate paused the key 2 s after any 429 without Retry-After, whatever the window.
    async def main() -> tuple[list[float], float, float]:
        gate = LocalRateGate(DEFAULT_RATE_LIMITS, safety_margin=0.025)
        loop = asyncio.get_running_loop()
        times = await hammer(gate, callers=1, per_caller=admissions)
        await asyncio.sleep(refused_at - loop.time())
        await gate.observe(RateFeedback(status=429))
        paused = gate.paused_for
        await gate.acquire()
        return times, paused, loop.time()

    times, paused, next_admission = run_in_virtual_time(main)
    assert times == pytest.approx([i * 0.205 for i in range(admissions)], abs=1e-3)
    assert paused == pytest.approx(reopens_at - refused_at, abs=1e-3)
    assert next_admission == pytest.approx(reopens_at, abs=1e-3)


def test_on_a_jittery_network_429s_cost_a_window_pause_not_two_seconds() -> None:
    # A strict server behind 0-300 ms of delay, with the default 2.5 % margin (too small for that
    # spread): some requests arrive less than a window apart and are refused without
    # Retry-After. The old gate paused the key 2 s for each, and fell to ~55 % of the rate.
    async def main() -> tuple[list[float], int]:
        gate = LocalRateGate(DEFAULT_RATE_LIMITS)
        loop = asyncio.get_running_loop()
        server = SlidingWindows(DEFAULT_RATE_LIMITS, loop.time)
        delays = random.Random(13)
        admitted: list[float] = []
        refused = 0

        async def caller() -> None:
            nonlocal refused
            while loop.time() < 120.0:
                await gate.acquire()
                admitted.append(loop.time())
                await asyncio.sleep(delays.uniform(0.0, 0.3))
                status = 200 if server.admit(API_KEY) is None else 429
                refused += status == 429
                await gate.observe(RateFeedback(status=status))

        await asyncio.gather(*(caller() for _ in range(10)))
        return admitted, refused

    times, refused = run_in_virtual_time(main)
    assert refused >= 5  # the attack happened
    assert busiest_window(times, 2.0) == 10
    achieved = (len(times) - 1) / (max(times) - min(times))
    assert achieved >= 0.95 * 5.0 / 1.025  # the margin's rate: no pause beyond the window's


def test_429s_in_a_row_back_off_but_429s_of_requests_already_in_flight_do_not() -> None:
    async def main() -> list[float]:
        gate = LocalRateGate(DEFAULT_RATE_LIMITS, backoff_base=5.0, max_pause=8.0)
        pauses: list[float] = []

        async def request(status: int, answered: asyncio.Event | None = None) -> None:
            await gate.acquire()
            if answered is not None:
                await answered.wait()
            await gate.observe(RateFeedback(status=status))
            pauses.append(gate.paused_for)

        # Two requests in flight together are both refused: one episode, a window pause.
        answered = asyncio.Event()
        in_flight = [asyncio.create_task(request(429, answered)) for _ in range(2)]
        await asyncio.sleep(1.0)
        answered.set()
        await asyncio.gather(*in_flight)
        # Requests sent after the gate reacted are refused again: back off, doubling, capped.
        await asyncio.create_task(request(429))
        await asyncio.create_task(request(429))
        # A success of a request sent after the last 429 ends the streak.
        await asyncio.create_task(request(200))
        await asyncio.create_task(request(429))
        return pauses

    first, in_flight, second, third, success, after_success = run_in_virtual_time(main)
    assert first < 2.05
    assert in_flight < 2.05
    assert (second, third) == pytest.approx((5.0, 8.0), abs=1e-3)
    assert success == 0.0
    assert after_success < 2.05


def test_429_without_retry_after_honours_the_reset_it_carries() -> None:
    async def main() -> float:
        gate = LocalRateGate(DEFAULT_RATE_LIMITS)
        await gate.acquire()
        await gate.observe(RateFeedback(status=429, remaining=0, reset_after=30.0))
        return gate.paused_for

    assert run_in_virtual_time(main) == pytest.approx(30.0, abs=1e-3)


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
def test_rate_limit_rejects_invalid_rules(args: tuple[int, float], kwargs: dict[str, int]) -> None:
    with pytest.raises(ConfigurationError):
        RateLimit(*args, **kwargs)


def test_gate_requires_at_least_one_rule() -> None:
    with pytest.raises(ConfigurationError):
        LocalRateGate([])


def test_safety_margin_reaches_the_shared_gate_and_sets_its_rate() -> None:
    async def main() -> tuple[float, list[float]]:
        async with SmartleadClient(API_KEY, base_url=BASE_URL, safety_margin=0.15) as client:
            gate = client._gate()
            assert isinstance(gate, LocalRateGate)
            times = await hammer(gate, callers=20, per_caller=10)
            return gate.safety_margin, times

    margin, times = run_in_virtual_time(main)
    assert margin == 0.15
    # Each 2 s window is stretched to 2.3 s: ten admissions per 2.3 s, not per 2.05 s.
    assert busiest_window(times, 2.3 - 1e-6) == 10
    achieved = (len(times) - 1) / (max(times) - min(times))
    assert achieved == pytest.approx(5.0 / 1.15, rel=0.01)


@pytest.mark.parametrize("margin", [-0.01, 1.0, 1.5, float("nan"), True, "0.1"])
def test_safety_margin_is_validated(margin: object) -> None:
    with pytest.raises(ConfigurationError, match="safety_margin"):
        SmartleadClient(API_KEY, base_url=BASE_URL, safety_margin=margin)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="safety_margin"):
        LocalRateGate(safety_margin=margin)  # type: ignore[arg-type]


def test_safety_margin_is_refused_with_a_custom_gate() -> None:
    with pytest.raises(ConfigurationError, match="safety_margin"):
        SmartleadClient(API_KEY, base_url=BASE_URL, rate_gate=LocalRateGate(), safety_margin=0.1)


def test_clients_of_one_key_must_agree_on_the_safety_margin() -> None:
    async def main() -> None:
        first = SmartleadClient(API_KEY, base_url=BASE_URL, safety_margin=0.1)
        same = SmartleadClient(API_KEY, base_url=BASE_URL, safety_margin=0.1)
        default = SmartleadClient(API_KEY, base_url=BASE_URL)
        assert same._gate() is first._gate()
        with pytest.raises(ConfigurationError, match=r"safety_margin=0\.1"):
            default._gate()
        for client in (first, same, default):
            await client.aclose()

    run_in_virtual_time(main)


NOW = 1_700_000_000.0


@pytest.mark.parametrize(
    ("headers", "remaining", "reset_after"),
    [
        ({}, None, None),
        ({"x-ratelimit-remaining": "3", "x-ratelimit-reset": "20"}, 3, 20.0),
        ({"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(NOW) + 12)}, 0, 12.0),
        ({"x-ratelimit-reset": "7"}, None, 7.0),
        # Drafts up to -06: separate fields, reset in seconds.
        ({"RateLimit-Remaining": "0", "RateLimit-Reset": "7", "RateLimit-Limit": "10"}, 0, 7.0),
        # Draft -07: one dictionary.
        ({"RateLimit": "limit=10, remaining=0, reset=30"}, 0, 30.0),
        # Draft -08 on: a list of policies; the most restrictive wins.
        ({"RateLimit": '"default";r=0;t=30'}, 0, 30.0),
        ({"RateLimit": '"burst";r=4;t=1, "daily";r=0;t=3600'}, 0, 3600.0),
        ({"RateLimit": '"a";r=0;t=5, "b";r=0;t=9'}, 0, 9.0),
        ({"RateLimit": '"per, min; x";r=1;t=9'}, 1, 9.0),
        # No t: the policy's window bounds the reset.
        ({"RateLimit": '"default";r=0', "RateLimit-Policy": '"default";q=10;w=2'}, 0, 2.0),
        ({"RateLimit": '"default";r=0', "RateLimit-Policy": '"other";q=10;w=2'}, 0, None),
        # Several spellings at once: the exhausted one decides.
        ({"x-ratelimit-remaining": "5", "RateLimit": '"default";r=0;t=30'}, 0, 30.0),
        (
            {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "4", "RateLimit-Remaining": "2"},
            0,
            4.0,
        ),
        # Malformed values are ignored, never raised (int(inf) would).
        ({"x-ratelimit-remaining": "abc"}, None, None),
        ({"x-ratelimit-remaining": "inf", "RateLimit-Remaining": "nan"}, None, None),
        ({"RateLimit": 'garbage;;;, =, "unterminated'}, None, None),
        ({"RateLimit": '"default";r=zero;t=1'}, None, None),
        ({"x-ratelimit-remaining": "0", "x-ratelimit-reset": "-5"}, 0, 0.0),
    ],
)
def test_rate_limit_headers_become_feedback(
    headers: dict[str, str], remaining: int | None, reset_after: float | None
) -> None:
    raw = RawResponse(200, CIMultiDictProxy(CIMultiDict(headers)), b"[]", "GET", BASE_URL)
    feedback = _feedback(raw, None, now=NOW)
    assert (feedback.remaining, feedback.reset_after) == (remaining, reset_after)


async def test_structured_rate_limit_header_pauses_the_key_end_to_end(
    mock_api: aioresponses,
) -> None:
    gate = RecordingGate()
    async with SmartleadClient(API_KEY, base_url=BASE_URL, rate_gate=gate) as sl:
        mock_api.get(CAMPAIGNS, payload=[], headers={"RateLimit": '"default";r=0;t=30'})
        await sl.campaigns.list()
    assert [(f.remaining, f.reset_after) for f in gate.feedback] == [(0, 30.0)]


def test_account_preset_holds_the_observed_200_per_minute_and_the_documented_10_per_2s() -> None:
    assert (RateLimit(200, 60.0), RateLimit(10, 2.0)) == ACCOUNT_RATE_LIMITS

    async def main() -> list[float]:
        return await hammer(LocalRateGate(ACCOUNT_RATE_LIMITS), callers=50, per_caller=10)

    times = run_in_virtual_time(main)
    assert 190 <= busiest_window(times, 60.0) <= 200
    assert busiest_window(times, 2.0) <= 10
