"""max_gate_wait: a bounded wait in the rate gate, a typed error before sending, safe to cancel."""

from __future__ import annotations

import asyncio
import logging

import pytest
import redis.asyncio as aioredis
from aioresponses import aioresponses

from smartlead_async import (
    GateTimeoutError,
    Page,
    RateFeedback,
    RateLimit,
    SmartleadClient,
    SmartleadError,
)
from smartlead_async._ratelimit import LocalRateGate
from smartlead_async.events import GateWaited, PipelineEvent, RequestSent
from smartlead_async.redis import RedisRateGate, redis_rate_gate
from smartlead_async.testing import FakeSmartlead, RedisServer

from .helpers import API_KEY, run_in_virtual_time, sent_requests, url
from .test_ratelimit import busiest_window

CAMPAIGNS = url("/campaigns")
SLOW = [RateLimit(1, 10.0)]  # one admission per 10.25 s


def test_an_attempt_over_max_gate_wait_raises_before_anything_is_sent() -> None:
    async def main() -> tuple[GateTimeoutError, float, int, float, int]:
        loop = asyncio.get_running_loop()
        with aioresponses() as mocked:
            mocked.get(CAMPAIGNS, payload=[], repeat=True)
            async with SmartleadClient(API_KEY, rate_limits=SLOW, max_gate_wait=0.5) as sl:
                await sl.campaigns.list()
                started = loop.time()
                with pytest.raises(GateTimeoutError) as caught:
                    await sl.campaigns.list()
                gave_up_after = loop.time() - started
                sent = len(sent_requests(mocked))
                # The gate is intact: an unbounded request waits its turn and goes.
                await sl.with_options(max_gate_wait=None).campaigns.list()
                return caught.value, gave_up_after, sent, loop.time(), len(sent_requests(mocked))

    error, gave_up_after, sent, finished_at, sent_in_all = run_in_virtual_time(main)
    assert gave_up_after == pytest.approx(0.5, abs=1e-3)
    assert sent == 1  # the refused attempt sent nothing
    assert finished_at == pytest.approx(10.25, abs=1e-2)
    assert sent_in_all == 2
    assert isinstance(error, SmartleadError)
    assert isinstance(error, TimeoutError)
    assert (error.method, error.route, error.max_gate_wait, error.attempt) == (
        "GET",
        "campaigns",
        0.5,
        1,
    )
    assert "max_gate_wait=0.5 s" in str(error)
    assert "nothing was sent" in str(error)
    assert error.__cause__ is None
    assert error.__suppress_context__


def test_the_callers_own_timeout_and_cancellation_are_not_mistaken_for_the_bound() -> None:
    # The attack: a pipeline that turns every TimeoutError in the gate into GateTimeoutError
    # would hide the caller's own deadline, and swallowing CancelledError would hang shutdowns.
    async def main() -> tuple[type[BaseException], bool]:
        with aioresponses() as mocked:
            mocked.get(CAMPAIGNS, payload=[], repeat=True)
            async with SmartleadClient(API_KEY, rate_limits=SLOW, max_gate_wait=5.0) as sl:
                await sl.campaigns.list()
                try:
                    async with asyncio.timeout(0.2):
                        await sl.campaigns.list()
                except TimeoutError as exc:
                    outer = type(exc)
                task = asyncio.ensure_future(sl.campaigns.list())
                await asyncio.sleep(0.1)
                task.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await task
                return outer, task.cancelled()

    outer, cancelled = run_in_virtual_time(main)
    assert outer is TimeoutError  # the caller's, not GateTimeoutError
    assert cancelled


class TimeoutRaisingGate:
    """A gate whose store timed out: its own TimeoutError is not the bound's."""

    async def acquire(self) -> None:
        raise TimeoutError("store timed out")

    async def observe(self, feedback: RateFeedback) -> None:
        del feedback


async def test_a_gates_own_timeout_error_passes_through_unchanged(
    mock_api: aioresponses,
) -> None:
    async with SmartleadClient(API_KEY, rate_gate=TimeoutRaisingGate(), max_gate_wait=5.0) as sl:
        with pytest.raises(TimeoutError, match="store timed out") as caught:
            await sl.campaigns.list()
    assert not isinstance(caught.value, GateTimeoutError)
    assert mock_api.requests == {}


def test_timed_out_waiters_leave_the_local_gate_intact() -> None:
    # 30 callers, 5 admitted per second (10 per 2 s): most give up after 1 s. Their cut-short
    # waits must release the gate's lock and take no capacity, or the next round would stall.
    async def main() -> tuple[int, int, list[float], float, bool]:
        loop = asyncio.get_running_loop()
        sent_at: list[float] = []

        def record(event: PipelineEvent) -> None:
            if isinstance(event, RequestSent):
                sent_at.append(loop.time())

        with aioresponses() as mocked:
            mocked.get(CAMPAIGNS, payload=[], repeat=True)
            async with SmartleadClient(
                API_KEY, max_gate_wait=1.0, max_retries=0, event_hooks=[record]
            ) as sl:
                first = await asyncio.gather(
                    *(sl.campaigns.list() for _ in range(30)), return_exceptions=True
                )
                second_round_at = loop.time()
                unbounded = sl.with_options(max_gate_wait=None)
                await asyncio.gather(*(unbounded.campaigns.list() for _ in range(10)))
                gate = sl._gate()
                assert isinstance(gate, LocalRateGate)
                idle = not gate._lock.locked()
        admitted = sum(1 for result in first if isinstance(result, Page) and not result)
        refused = sum(1 for result in first if isinstance(result, GateTimeoutError))
        return admitted, refused, sent_at, second_round_at, idle

    admitted, refused, sent_at, second_round_at, idle = run_in_virtual_time(main)
    assert admitted == 5  # t = 0, 0.205, 0.41, 0.615, 0.82
    assert refused == 25
    assert idle
    assert len(sent_at) == 15
    assert busiest_window(sent_at, 2.0) == 10
    second = sorted(t for t in sent_at if t >= second_round_at)
    # Paced at the rule's rate from where the first round left off, not stalled.
    assert second[0] - second_round_at < 0.21
    assert second[-1] - second[0] == pytest.approx(9 * 0.205, abs=1e-2)


async def test_timed_out_waiters_leave_the_redis_gate_intact(
    redis_client: aioredis.Redis,
) -> None:
    # Cut short while queued on the gate's lock, while sleeping to a reserved slot (watching
    # the pause channel), or while the admission script runs: the gate must go on admitting,
    # within the rule.
    rule = [RateLimit(2, 0.2)]
    async with (
        FakeSmartlead(api_keys=(API_KEY,)) as fake,
        SmartleadClient(
            API_KEY,
            base_url=fake.base_url,
            rate_limits=rule,
            rate_gate=redis_rate_gate(redis_client, prefix="gate-wait-test"),
            max_gate_wait=0.03,
            max_retries=0,
        ) as sl,
    ):
        first = await asyncio.gather(
            *(sl.campaigns.list() for _ in range(12)), return_exceptions=True
        )
        assert all(isinstance(result, Page | GateTimeoutError) for result in first)
        refused = sum(isinstance(result, GateTimeoutError) for result in first)
        unbounded = sl.with_options(max_gate_wait=None)
        second = await asyncio.gather(*(unbounded.campaigns.list() for _ in range(4)))
        gate = sl._gate()
        assert isinstance(gate, RedisRateGate)
        assert not gate._lock.locked()
    assert refused >= 8  # the bound did cut waits short
    assert [list(page) for page in second] == [[]] * 4
    arrivals = [r.received_at for r in fake.state.requests]
    assert len(arrivals) == 12 - refused + 4
    assert busiest_window(arrivals, 0.2) <= 2


def test_every_gate_wait_is_logged_at_debug_and_reported(caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> list[GateWaited]:
        waits: list[GateWaited] = []

        def record(event: PipelineEvent) -> None:
            if isinstance(event, GateWaited):
                waits.append(event)

        with aioresponses() as mocked:
            mocked.get(CAMPAIGNS, payload=[], repeat=True)
            async with SmartleadClient(API_KEY, rate_limits=SLOW, event_hooks=[record]) as sl:
                await sl.campaigns.list()
                await sl.campaigns.list()
        return waits

    caplog.set_level(logging.DEBUG, logger="smartlead_async")
    waits = run_in_virtual_time(main)
    assert [round(w.seconds, 2) for w in waits] == [0.0, 10.25]
    logged = [r.getMessage() for r in caplog.records if "in the rate gate" in r.getMessage()]
    assert logged == [
        "GET campaigns waited 0.000 s in the rate gate (attempt 1)",
        "GET campaigns waited 10.250 s in the rate gate (attempt 1)",
    ]
    assert all(r.levelno == logging.DEBUG for r in caplog.records if "rate gate" in r.msg)


async def test_a_redis_gate_cut_short_mid_call_admits_again_once_redis_answers(
    redis_server: RedisServer,
) -> None:
    # The bound fires while the admission script's reply is in flight (Redis frozen): the
    # connection is left mid-reply. The gate must neither hang nor admit unguarded afterwards.
    redis = aioredis.Redis.from_url(redis_server.url)
    gate = RedisRateGate(redis, API_KEY, [RateLimit(2, 0.2)], command_timeout=5.0)
    try:
        await gate.admit()
        redis_server.stall()
        try:
            with pytest.raises(TimeoutError):
                async with asyncio.timeout(0.05):
                    await gate.admit()
            assert not gate._lock.locked()
        finally:
            redis_server.resume()
        async with asyncio.timeout(2.0):
            slots = [await gate.admit() for _ in range(3)]
    finally:
        await gate.aclose()
        await redis.aclose()
    assert busiest_window(slots, 0.2) <= 2
