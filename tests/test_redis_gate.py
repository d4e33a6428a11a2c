"""RedisRateGate: one gate for many processes of a key, state in Redis, failing closed.

"Processes" are gate instances with a Redis client each, sharing one database. Admissions are
checked by the Redis-time slots the gate returns, or end to end against a strict fake server.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import logging
import traceback
from collections.abc import Awaitable, Callable, Sequence
from typing import Unpack

import pytest
import redis.asyncio as aioredis
import redis.exceptions as redis_exceptions

from smartlead_async import (
    ConfigurationError,
    RateFeedback,
    RateGateUnavailableError,
    RateLimit,
    SmartleadClient,
)
from smartlead_async._ratelimit import LocalRateGate, gate_registry
from smartlead_async.redis import RedisRateGate, redis_rate_gate
from smartlead_async.redis._gate import _SCRIPT_SHA, RedisGateOptions
from smartlead_async.testing import FakeSmartlead, RedisServer

from .helpers import API_KEY, BASE_URL
from .redis_support import reply
from .test_ratelimit import busiest_window

FAST = RateLimit(5, 0.2)


async def test_no_window_holds_more_than_n_across_processes(redis_client: aioredis.Redis) -> None:
    # Three processes, eight callers each, all at once: per-process counting would admit 15
    # in the first window.
    gates = [RedisRateGate(redis_client, API_KEY, [FAST]) for _ in range(3)]
    slots = await asyncio.gather(*(gate.admit() for gate in gates for _ in range(8)))
    assert busiest_window(slots, 0.2) == 5
    # Paced at the full rate, not a slow trickle: one slot per lengthened window / N, never
    # a window's five together (they would all meet the next window's five at its edge).
    ordered = sorted(slots)
    assert min(b - a for a, b in itertools.pairwise(ordered)) >= 0.2 * 1.05 / 5 - 1e-6
    assert ordered[-1] - ordered[0] < (len(slots) - 1) * 0.2 * 1.05 / 5 + 0.05


async def test_every_rule_of_a_multi_rule_preset_holds(redis_client: aioredis.Redis) -> None:
    rules = [RateLimit(3, 0.1), RateLimit(5, 0.4)]
    gates = [RedisRateGate(redis_client, API_KEY, rules, horizon=0.1) for _ in range(2)]
    slots = await asyncio.gather(*(gate.admit() for gate in gates for _ in range(6)))
    assert busiest_window(slots, 0.1) == 3
    assert busiest_window(slots, 0.4) == 5


async def test_a_429_in_one_process_pauses_the_others(redis_client: aioredis.Redis) -> None:
    seen, other = (RedisRateGate(redis_client, API_KEY, [FAST]) for _ in range(2))
    await seen.admit()
    await other.admit()  # both past the start-up fence
    now = await _redis_now(redis_client)
    await seen.observe(RateFeedback(status=429, retry_after=0.3))
    slot = await other.admit()
    assert slot - now >= 0.3
    # remaining: 0 is a pause too, for every process.
    now = await _redis_now(redis_client)
    await other.observe(RateFeedback(status=200, remaining=0, reset_after=0.25))
    assert await seen.admit() - now >= 0.25


async def test_the_raw_key_never_reaches_redis(redis_client: aioredis.Redis) -> None:
    gate = RedisRateGate(redis_client, API_KEY, [FAST], prefix="acme")
    await gate.admit()
    await gate.observe(RateFeedback(status=429, retry_after=0.01))
    keys = [key.decode() async for key in redis_client.scan_iter()]
    digest = hashlib.sha256(API_KEY.encode()).hexdigest()[:32]
    assert keys
    assert all(key.startswith(f"acme:gate:{{{digest}}}:") for key in keys)
    dump = repr(keys)
    for key in keys:
        kind = (await redis_client.type(key)).decode()
        if kind == "zset":
            dump += repr(await redis_client.zrange(key, 0, -1, withscores=True))
        elif kind == "hash":
            dump += repr(await reply(redis_client.hgetall(key)))
        else:
            dump += repr(await redis_client.get(key))
    assert API_KEY not in dump
    assert "SECRET" not in dump
    assert API_KEY not in repr(gate)


STRICT = RateLimit(5, 1.0)


def _gated_client(
    server: FakeSmartlead, redis: aioredis.Redis, **options: Unpack[RedisGateOptions]
) -> SmartleadClient:
    """A client of ``server`` whose gate keeps the server's own rule, without retries."""
    gate = RedisRateGate(redis, API_KEY, [STRICT], **options)
    return SmartleadClient(API_KEY, base_url=server.base_url, max_retries=0, rate_gate=gate)


async def _burst(clients: Sequence[SmartleadClient], per_client: int) -> None:
    await asyncio.gather(*(c.campaigns.list() for c in clients for _ in range(per_client)))


async def test_a_restart_that_loses_the_log_is_fenced_by_the_epoch(
    redis_server: RedisServer,
) -> None:
    # A full window is admitted, then Redis restarts empty. Without the epoch marker the next
    # five go out at once, inside the strict server's window: 429.
    redis_a = aioredis.Redis.from_url(redis_server.url)
    redis_b = aioredis.Redis.from_url(redis_server.url)
    async with FakeSmartlead(api_keys=(API_KEY,), rate_limits=[STRICT]) as server:
        first = _gated_client(server, redis_a, horizon=0.2)
        second = _gated_client(server, redis_b, horizon=0.2)
        try:
            await _burst([first, second], 1)  # past the start-up fence
            await asyncio.sleep(1.1)  # an empty window, so the next burst fills one exactly
            await _burst([first, second], 2)
            gate = first._gate()
            assert isinstance(gate, RedisRateGate)
            await asyncio.to_thread(redis_server.restart)
            assert await redis_a.script_exists(_SCRIPT_SHA) == [False]
            await _burst([first, second], 3)
        finally:
            await first.aclose()
            await second.aclose()
            await redis_a.aclose()
            await redis_b.aclose()
        assert server.state.rate_limited == 0
        assert len(server.state.requests) == 12
    # The gate sent its script again on NOSCRIPT: it kept working after the restart.


async def test_a_stalled_redis_holds_every_caller_and_sends_nothing(
    redis_server: RedisServer,
) -> None:
    redis = aioredis.Redis.from_url(redis_server.url)
    async with FakeSmartlead(api_keys=(API_KEY,), rate_limits=[STRICT]) as server:
        client = _gated_client(server, redis, command_timeout=0.2, horizon=0.2)
        try:
            await client.campaigns.list()
            redis_server.stall()
            asyncio.get_running_loop().call_later(1.5, redis_server.resume)
            calls = asyncio.gather(*(client.campaigns.list() for _ in range(4)))
            await asyncio.sleep(1.4)
            assert len(server.state.requests) == 1  # no request went out unguarded
            await calls
        finally:
            redis_server.resume()
            await client.aclose()
            await redis.aclose()
        assert server.state.rate_limited == 0
        assert len(server.state.requests) == 5


async def test_an_outage_past_the_timeout_raises_without_the_password(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    password = "hunter2-very-secret"
    redis = aioredis.Redis.from_url(
        redis_server.url.replace("redis://", f"redis://gateuser:{password}@")
    )
    gate = RedisRateGate(redis, API_KEY, [FAST], outage_timeout=0.3)
    redis_server.stop()
    loop = asyncio.get_running_loop()
    started = loop.time()
    caplog.set_level(logging.DEBUG, logger="smartlead_async")
    try:
        outcomes = await asyncio.gather(*(gate.acquire() for _ in range(3)), return_exceptions=True)
    finally:
        await redis.aclose()
    elapsed = loop.time() - started
    assert all(isinstance(error, RateGateUnavailableError) for error in outcomes)
    assert elapsed >= 0.3  # the holder spent the whole outage_timeout retrying
    # Callers that queued meanwhile fail with the holder, without an outage_timeout of their own.
    assert ["(queued)" in str(error) for error in outcomes] == [False, True, True]
    error = outcomes[0]
    assert isinstance(error, RateGateUnavailableError)
    assert error.__cause__ is None
    assert error.__context__ is None
    shown = traceback.TracebackException.from_exception(error, capture_locals=True)
    text = "".join(shown.format()) + str(error) + repr(error) + caplog.text
    for secret in (password, "gateuser:", API_KEY, str(redis_server.port)):
        assert secret not in text


async def test_local_fallback_admits_a_share_after_a_fence(redis_server: RedisServer) -> None:
    redis = aioredis.Redis.from_url(redis_server.url)
    rule = RateLimit(4, 0.2)
    gate = RedisRateGate(
        redis, API_KEY, [rule], outage_timeout=0.2, local_fallback=True, expected_processes=2
    )
    try:
        await gate.admit()
        redis_server.stop()
        loop = asyncio.get_running_loop()
        down = loop.time()
        stamps = []
        for _ in range(6):
            await gate.acquire()
            stamps.append(loop.time())
    finally:
        await redis.aclose()
    assert gate.in_fallback
    assert stamps[0] - down >= 0.2 + 0.2 * 1.05  # outage_timeout, then one window of fence
    assert busiest_window(stamps, 0.2) == 2  # half of the rule: the other process has the rest


def test_fallback_needs_the_number_of_processes(redis_client: aioredis.Redis) -> None:
    with pytest.raises(ConfigurationError, match="expected_processes"):
        redis_rate_gate(redis_client, local_fallback=True)


async def test_clients_built_per_request_share_one_gate(redis_client: aioredis.Redis) -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as server:
        before = len(gate_registry)
        gates = []
        for _ in range(5):  # one client per request, each with a factory of its own
            factory = redis_rate_gate(redis_client, horizon=0.1)
            async with SmartleadClient(
                API_KEY, base_url=server.base_url, rate_limits=[FAST], rate_gate=factory
            ) as client:
                gates.append(client._gate())
                await client.campaigns.list()
        assert all(gate is gates[0] for gate in gates)
        assert isinstance(gates[0], RedisRateGate)
        assert gates[0].limits == (FAST,)  # the client's rate_limits reach the factory
        assert len(gate_registry) == before + 1
        # A different Redis client is a different gate: nothing else is shared by accident.
        elsewhere = aioredis.Redis()
        async with SmartleadClient(
            API_KEY, base_url=BASE_URL, rate_gate=redis_rate_gate(elsewhere)
        ) as other:
            assert other._gate() is not gates[0]
            assert len(gate_registry) == before + 2
        await elsewhere.aclose()


def test_rate_gate_must_be_a_gate_or_a_factory() -> None:
    with pytest.raises(ConfigurationError, match="RateGate or a factory"):
        SmartleadClient(API_KEY, rate_gate=42)  # type: ignore[arg-type]


async def test_a_429_still_pauses_when_redis_cannot_take_it(
    redis_client: aioredis.Redis, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pause could not be written; it must travel with this process's next admission.
    gate, other = (RedisRateGate(redis_client, API_KEY, [FAST]) for _ in range(2))
    await gate.admit()
    await other.admit()

    async def unreachable(_: list[str]) -> object:
        raise redis_exceptions.ConnectionError("Error 111 connecting to 10.0.0.7:6379.")

    with monkeypatch.context() as patched:
        patched.setattr(gate, "_run_script", unreachable)
        await gate.observe(RateFeedback(status=429, retry_after=0.5))
    now = await _redis_now(redis_client)
    assert await reply(redis_client.hget(gate._keys[0], "pause")) is None  # nothing reached Redis
    slot = await gate.admit()  # carries the pause
    assert slot - now >= 0.4
    assert await other.admit() - now >= 0.4


async def _skip_start_fence(redis: aioredis.Redis, gate: RedisRateGate) -> None:
    """Mark the state as old, so the first admissions are not held by the epoch fence."""
    await reply(redis.hset(gate._keys[0], "epoch", "0"))


async def _redis_now(redis: aioredis.Redis) -> float:
    seconds, micros = await redis.time()
    return float(seconds + micros / 1e6)


@pytest.mark.parametrize("channel", ["subscribed", "unsubscribed"])
async def test_a_slot_reserved_before_a_pause_is_not_used_during_it(
    redis_client: aioredis.Redis, monkeypatch: pytest.MonkeyPatch, channel: str
) -> None:
    # A reserves the slot after B's full window and sleeps; B then gets a 429 with Retry-After:
    # 30. Checking only A's own knowledge on waking, A would send inside B's pause. The 1 s
    # window leaves 0.9 s for the test to tell B of the 429 before A's slot comes.
    rule = RateLimit(2, 1.0)
    waiting, seen = (RedisRateGate(redis_client, API_KEY, [rule]) for _ in range(2))
    await _skip_start_fence(redis_client, waiting)
    if channel == "unsubscribed":  # no pause channel: the deadline is read after the sleep

        async def no_channel() -> None:
            return None

        monkeypatch.setattr(waiting, "_subscribe", no_channel)
    else:
        await waiting.admit()
        await asyncio.sleep(1.1)  # A's window empties: it is subscribed from now on
    await seen.admit()
    await seen.admit()
    admission = asyncio.create_task(waiting.admit())
    await asyncio.sleep(0.05)  # A holds its reserved slot, ~1 s ahead
    await seen.observe(RateFeedback(status=429, retry_after=30.0))
    await asyncio.sleep(1.2)  # past A's slot
    try:
        assert not admission.done()
        assert waiting.paused_for > 25  # of the 30 s pause, 1.25 s slept since
    finally:
        admission.cancel()
        await asyncio.gather(admission, return_exceptions=True)
        await waiting.aclose()
        await seen.aclose()


async def test_a_lost_rule_log_is_fenced_by_the_last_slot(redis_client: aioredis.Redis) -> None:
    # The log of a rule is deleted (as a volatile-* eviction does), its state hash kept: without
    # the last-slot fence the next five go out in the same window.
    rule = RateLimit(5, 0.5)
    gate = RedisRateGate(redis_client, API_KEY, [rule])
    await _skip_start_fence(redis_client, gate)
    slots = [await gate.admit() for _ in range(5)]
    await redis_client.delete(gate._keys[1])
    slots += [await gate.admit() for _ in range(5)]
    assert busiest_window(slots, 0.5) == 5
    assert slots[5] - slots[4] > 0.5 * 1.05


async def test_an_eviction_of_the_logs_is_fenced_too(redis_server: RedisServer) -> None:
    redis = aioredis.Redis.from_url(redis_server.url)
    rule = RateLimit(5, 1.0)
    gate = RedisRateGate(redis, API_KEY, [rule])
    try:
        await _skip_start_fence(redis, gate)
        slots = [await gate.admit() for _ in range(5)]
        used = int((await redis.info("memory"))["used_memory"])
        await redis.config_set("maxmemory-policy", "volatile-ttl")
        await redis.config_set("maxmemory", used + 200_000)
        async with redis.pipeline(transaction=False) as pipe:
            for i in range(400):  # data with long TTLs: volatile-ttl evicts the logs first
                pipe.set(f"app:{i}", "x" * 2000, ex=86400)
            await pipe.execute()
        assert await redis.exists(gate._keys[1]) == 0  # the log was evicted
        assert await redis.exists(gate._keys[0]) == 1  # the state hash has no TTL: kept
        await redis.config_set("maxmemory", 0)
        slots += [await gate.admit() for _ in range(5)]
    finally:
        await gate.aclose()
        await redis.aclose()
    assert busiest_window(slots, 1.0) == 5


async def test_processes_with_different_rules_are_refused_then_fenced(
    redis_client: aioredis.Redis,
) -> None:
    # Logs are per rule: a process with other rules would count in logs nobody else reads.
    first = RedisRateGate(redis_client, API_KEY, [RateLimit(2, 0.2)])
    other = RedisRateGate(redis_client, API_KEY, [RateLimit(3, 0.3)])
    await _skip_start_fence(redis_client, first)
    last = await first.admit()
    with pytest.raises(ConfigurationError, match=r"other rate_limits \(2/0.2s\)"):
        await other.acquire()
    await asyncio.sleep(0.25)  # the old rules' last admission has left their longest window
    # The new rules take over, their empty log fenced by the last slot of the old ones.
    assert await other.admit() - last > 0.3 * 1.05


@pytest.mark.parametrize(
    ("rules", "processes"),
    [
        ([RateLimit(10, 2.0)], 11),
        ([RateLimit(60, 60.0), RateLimit(10, 1.0)], 12),
        ([RateLimit(200, 60.0), RateLimit(10, 2.0)], 150),  # 200 // 150 = 1 beside 10 // 150
    ],
)
def test_fallback_shares_that_cannot_keep_the_rules_are_refused(
    redis_client: aioredis.Redis, rules: list[RateLimit], processes: int
) -> None:
    # max(1, floor(N / P)) gave each of P processes one request: P > N in a window.
    with pytest.raises(ConfigurationError, match="share would be 0"):
        RedisRateGate(
            redis_client, API_KEY, rules, local_fallback=True, expected_processes=processes
        )


def test_fallback_shares_the_local_gate_cannot_enforce_are_refused(
    redis_client: aioredis.Redis,
) -> None:
    # 3 // 2 = 1 in the longer rule: a local gate sizes it N - 1 = 0.
    with pytest.raises(ConfigurationError, match="requests >= 2"):
        RedisRateGate(
            redis_client,
            API_KEY,
            [RateLimit(3, 60.0), RateLimit(2, 2.0)],
            local_fallback=True,
            expected_processes=2,
        )


async def test_local_admissions_are_recorded_when_redis_answers_again(
    redis_client: aioredis.Redis, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A falls back and admits its share; C never lost Redis. When A gets Redis back, C must see
    # A's admissions: otherwise C sends a full window on top of them.
    rule = RateLimit(4, 0.5)
    fallback = RedisRateGate(
        redis_client,
        API_KEY,
        [rule],
        local_fallback=True,
        expected_processes=2,
        outage_timeout=0.1,
    )
    steady = RedisRateGate(redis_client, API_KEY, [rule])
    await _skip_start_fence(redis_client, fallback)

    async def unreachable(_: list[str]) -> object:
        raise redis_exceptions.ConnectionError("Error 111 connecting")

    with monkeypatch.context() as patched:
        patched.setattr(fallback, "_run_script", unreachable)
        stamps = [await fallback.admit() for _ in range(2)]
    assert fallback.in_fallback
    fallback._next_probe = 0.0  # probe at the next admission
    back = asyncio.create_task(fallback.admit())
    await asyncio.sleep(0.05)  # A's probe has reached Redis
    stamps += await asyncio.gather(*(steady.admit() for _ in range(4)))
    stamps.append(await back)
    assert not fallback.in_fallback
    assert busiest_window(stamps, 0.5) == 4
    await fallback.aclose()
    await steady.aclose()


async def test_a_429_without_retry_after_pauses_until_the_window_admits(
    redis_client: aioredis.Redis,
) -> None:
    # The logs say when the window reopens; a fixed 2 s pause (doubling) wastes most of it.
    rule = RateLimit(3, 0.5)
    gate, other = (RedisRateGate(redis_client, API_KEY, [rule], backoff_base=0.8) for _ in "ab")
    await _skip_start_fence(redis_client, gate)
    first = await gate.admit()
    await gate.admit()
    await gate.admit()
    await other.observe(RateFeedback(status=429))  # another task: a fresh 429, the first
    reopens = first + 0.5 * 1.05
    deadline = int(await reply(redis_client.hget(gate._keys[0], "pause")) or 0) / 1e6
    assert deadline == pytest.approx(reopens, abs=0.005)
    assert 0 < other.paused_for <= 0.5 * 1.05  # well short of the 0.8 s backoff
    slot = await gate.admit()  # every process waits for it
    assert slot >= reopens
    await gate.observe(RateFeedback(status=429))  # this process's first: the window decides
    assert gate.paused_for < 0.8 - 0.2
    # A 429 for a request admitted after the gate reacted to the last: that pause was not
    # enough (other traffic on the key), so the backoff starts.
    again = await gate.admit()
    await gate.observe(RateFeedback(status=429))
    assert gate.paused_for >= 0.8 - 0.05
    deadline = int(await reply(redis_client.hget(gate._keys[0], "pause")) or 0) / 1e6
    assert deadline - again >= 0.8 - 0.01  # shared with every process
    await gate.aclose()
    await other.aclose()


def test_the_local_gate_refuses_a_longer_rule_of_one_request() -> None:
    # Sized N - 1 = 0 beside a shorter rule, it raised ZeroDivisionError at the first admission.
    with pytest.raises(ConfigurationError, match="requests >= 2"):
        LocalRateGate([RateLimit(1, 60.0), RateLimit(1, 2.0)])


class CommandLog:
    """Wraps a Redis client's ``execute_command`` to record each command's name."""

    def __init__(self, redis: aioredis.Redis) -> None:
        self.names: list[str] = []
        send: Callable[..., Awaitable[object]] = redis.execute_command

        async def record(*args: object, **options: object) -> object:
            self.names.append(str(args[0]).upper())
            return await send(*args, **options)

        redis.execute_command = record  # type: ignore[method-assign]


async def test_a_fresh_gate_admits_in_one_round_trip_and_one_after_a_lost_script(
    redis_client: aioredis.Redis,
) -> None:
    # EVALSHA, NOSCRIPT, SCRIPT LOAD, EVALSHA was four commands (three round trips more than
    # needed) for every process's first admission, and again after every Redis restart.
    await redis_client.script_flush()
    log = CommandLog(redis_client)
    gate = RedisRateGate(redis_client, API_KEY, [RateLimit(100, 1.0)])
    await gate.admit()
    await gate.admit()
    before_flush = len(log.names)
    await redis_client.script_flush()  # what a restart does to the cache
    await gate.admit()
    scripts = [n for n in log.names[:before_flush] if n in {"EVAL", "EVALSHA", "SCRIPT"}]
    after = [n for n in log.names[before_flush + 1 :] if n in {"EVAL", "EVALSHA", "SCRIPT"}]
    # The first call sends the script; every later one only its digest (the start-up fence may
    # ask for a second call). After the flush: one refused digest, then the script once.
    assert scripts[0] == "EVAL"
    assert set(scripts[1:]) == {"EVALSHA"}
    assert after == ["EVALSHA", "EVAL"]


async def test_processes_starting_together_pass_the_fence_in_two_calls_each(
    redis_client: aioredis.Redis,
) -> None:
    # During the start-up fence a caller is told when to come back. Told "when your slot is at
    # the horizon's edge", every caller after the first found its slot pushed past the edge by
    # the others' reservations and came back a second (and third) time.
    log = CommandLog(redis_client)
    gates = [RedisRateGate(redis_client, API_KEY, [RateLimit(10, 0.2)]) for _ in range(8)]
    slots = await asyncio.gather(*(gate.admit() for gate in gates))
    assert busiest_window(slots, 0.2) <= 10
    assert sum(name in {"EVAL", "EVALSHA"} for name in log.names) == 2 * len(gates)
    # A process joining once the fence is over reserves in its first call.
    before = len(log.names)
    await RedisRateGate(redis_client, API_KEY, [RateLimit(10, 0.2)]).admit()
    assert sum(name in {"EVAL", "EVALSHA"} for name in log.names[before:]) == 1
