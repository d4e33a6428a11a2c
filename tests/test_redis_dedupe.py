"""RedisDedupe: claim, complete and release across store instances and worker processes.

The unit tests run on ``redis_client`` (a real server when installed, else fakeredis). The store
failure tests and the many-worker test need real ``redis-server`` processes; the latter serves
``tests/webhook_workers_app.py`` with ``uvicorn --workers 4`` and fans copies of deliveries out
to it, with injected handler failures and SmartLead-style retries.
"""

from __future__ import annotations

import asyncio
import collections
import json
import logging
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import aiohttp
import pytest
import redis.asyncio as aioredis
from redis.typing import EncodableT, KeyT

from smartlead_async.redis import RedisDedupe
from smartlead_async.testing import RedisServer
from smartlead_async.webhooks import DedupeStore, WebhookDispatcher, WebhookEvent

from .helpers import ends_by_itself
from .test_examples import load

ROOT = Path(__file__).resolve().parent.parent
# The example's process helpers: uvicorn workers started and stopped by PID.
multiworker = load("examples/fastapi_multiworker.py")
OPEN = json.dumps({"event_type": "EMAIL_OPEN", "stats_id": "st-1", "to_email": "a@x.io"}).encode()


async def test_a_claim_is_exclusive_across_instances_until_released(
    redis_client: aioredis.Redis,
) -> None:
    first, second = RedisDedupe(redis_client), RedisDedupe(redis_client)
    assert isinstance(first, DedupeStore)
    assert await first.claim("delivery")
    assert not await second.claim("delivery")
    assert not await first.claim("delivery")  # a second local copy, too
    assert not await second.completed("delivery")  # in progress, not done: the 503 case
    await first.release("delivery")
    assert await second.claim("delivery")
    assert not await first.claim("delivery")


async def test_complete_is_seen_by_every_instance_and_kept_done_ttl(
    redis_client: aioredis.Redis,
) -> None:
    first = RedisDedupe(redis_client, claim_ttl=30, done_ttl=3600)
    second = RedisDedupe(redis_client)
    assert await first.claim("delivery")
    name = first.redis_key("delivery")
    assert 29_000 < await redis_client.pttl(name) <= 30_000
    await first.complete("delivery")
    assert await second.completed("delivery")
    assert await first.completed("delivery")
    assert not await second.claim("delivery")
    assert not await first.claim("delivery")
    assert 3_599_000 < await redis_client.pttl(name) <= 3_600_000
    # A release after completion (or by a store that never claimed) does not undo it.
    await first.release("delivery")
    await second.release("delivery")
    assert await second.completed("delivery")


async def test_an_expired_claim_taken_over_cannot_be_released_or_completed_by_its_first_owner(
    redis_client: aioredis.Redis,
) -> None:
    slow = RedisDedupe(redis_client, claim_ttl=0.05)
    other, third = RedisDedupe(redis_client), RedisDedupe(redis_client)
    assert await slow.claim("delivery")
    name = slow.redis_key("delivery")
    deadline = time.monotonic() + 2
    while await redis_client.exists(name):  # the 50 ms TTL, enforced by Redis itself
        assert time.monotonic() < deadline, "the claim never expired"
        await asyncio.sleep(0.01)
    assert await other.claim("delivery")
    taken_by_other = await redis_client.get(name)

    await slow.release("delivery")  # a plain DEL would free the other worker's claim here
    assert await redis_client.get(name) == taken_by_other
    assert not await third.claim("delivery")

    assert await slow.claim("delivery") is False  # still the other worker's
    await slow.complete("delivery")  # no claim of its own: changes nothing
    assert await redis_client.get(name) == taken_by_other
    assert not await third.completed("delivery")

    await other.release("delivery")
    assert await third.claim("delivery")


async def test_a_late_complete_by_a_live_holder_does_not_overwrite_the_new_claim(
    redis_client: aioredis.Redis, caplog: pytest.LogCaptureFixture
) -> None:
    slow = RedisDedupe(redis_client, claim_ttl=0.05)
    other = RedisDedupe(redis_client)
    assert await slow.claim("delivery")
    name = slow.redis_key("delivery")
    await redis_client.pexpire(name, 1)  # the claim runs out while its handler still works
    await asyncio.sleep(0.01)
    assert await other.claim("delivery")
    with caplog.at_level(logging.WARNING, logger="smartlead_async"):
        await slow.complete("delivery")
    assert not await other.completed("delivery")
    assert (await redis_client.get(name) or b"").startswith(b"claim:")
    assert "claim_ttl is shorter than the handler" in caplog.text
    # The other worker's own outcome still counts.
    await other.complete("delivery")
    assert await slow.completed("delivery")


async def test_a_late_complete_on_an_unclaimed_key_records_the_success(
    redis_client: aioredis.Redis,
) -> None:
    # The handler did succeed: recording it spares a retry that would run it again.
    slow = RedisDedupe(redis_client)
    assert await slow.claim("delivery")
    await redis_client.delete(slow.redis_key("delivery"))  # as if the claim had expired
    await slow.complete("delivery")
    assert await RedisDedupe(redis_client).completed("delivery")


async def test_keys_are_hashed_namespaced_and_distinct(redis_client: aioredis.Redis) -> None:
    long_key = "request:" + "r" * 10_000
    store = RedisDedupe(redis_client, prefix="tenant-a:hooks")
    elsewhere = RedisDedupe(redis_client, prefix="tenant-b:hooks")
    assert await store.claim(long_key)
    assert await store.claim(long_key + "x")  # one character apart: another delivery
    assert await elsewhere.claim(long_key)  # another namespace: independent
    names = sorted(key.decode() for key in await redis_client.keys("*"))
    assert len(names) == 3
    assert all(len(name) == len("tenant-a:hooks:") + 64 for name in names)
    assert sum(name.startswith("tenant-a:hooks:") for name in names) == 2
    assert not any("rrrr" in name for name in names)
    assert store.redis_key(long_key) in names


async def test_values_are_read_the_same_with_decoded_responses(
    redis_server_process: RedisServer | None,
) -> None:
    if redis_server_process is None:
        pytest.skip("needs a real redis-server for a second, decoding client")
    decoding = aioredis.Redis.from_url(redis_server_process.url, decode_responses=True)
    try:
        await decoding.flushdb()
        store = RedisDedupe(decoding)
        assert await store.claim("delivery")
        await store.complete("delivery")
        assert await store.completed("delivery")
        assert not await RedisDedupe(decoding).claim("delivery")
    finally:
        await decoding.flushdb()
        await decoding.aclose()


@pytest.mark.parametrize("option", ["claim_ttl", "done_ttl"])
@pytest.mark.parametrize("value", [0, -1.0, float("nan")])
def test_ttls_must_be_positive(option: str, value: float) -> None:
    ttls = {"claim_ttl": 240.0, "done_ttl": 3600.0, option: value}
    with pytest.raises(ValueError, match=option):
        RedisDedupe(aioredis.Redis(), claim_ttl=ttls["claim_ttl"], done_ttl=ttls["done_ttl"])


async def test_concurrent_copies_through_one_dispatcher_run_the_handler_once(
    redis_client: aioredis.Redis,
) -> None:
    calls = 0

    async def handler(event: WebhookEvent) -> None:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.02)

    dispatchers = [WebhookDispatcher({"*": handler}, dedupe=RedisDedupe(redis_client))] * 2
    dispatchers.append(WebhookDispatcher({"*": handler}, dedupe=RedisDedupe(redis_client)))
    results = await asyncio.gather(*(d.dispatch(OPEN, {}) for d in dispatchers * 5))
    assert calls == 1
    assert sorted(r.status for r in results) == [200] + [503] * 14
    again = await dispatchers[2].dispatch(OPEN, {})
    assert (again.status, again.body["duplicates"], calls) == (200, 1, 1)


# --- the store failing ---------------------------------------------------------------------------


class FailingStore:
    """A store that raises on the operations named in ``failing``, else behaves like Redis."""

    def __init__(self, inner: DedupeStore, failing: set[str]) -> None:
        self.inner = inner
        self.failing = failing

    def _check(self, operation: str) -> None:
        if operation in self.failing:
            raise ConnectionError(f"store down during {operation}")

    async def claim(self, key: str) -> bool:
        self._check("claim")
        return await self.inner.claim(key)

    async def complete(self, key: str) -> None:
        self._check("complete")
        await self.inner.complete(key)

    async def release(self, key: str) -> None:
        self._check("release")
        await self.inner.release(key)

    async def completed(self, key: str) -> bool:
        self._check("completed")
        return await self.inner.completed(key)


class Counting:
    def __init__(self, fail: bool = False) -> None:
        self.calls = 0
        self.fail = fail

    async def __call__(self, event: WebhookEvent) -> None:
        self.calls += 1
        if self.fail:
            raise RuntimeError("handler failed")


@pytest.mark.parametrize("failing", ["claim", "completed"])
async def test_a_store_that_cannot_decide_answers_503_and_never_runs_the_handler(
    redis_client: aioredis.Redis, failing: str, caplog: pytest.LogCaptureFixture
) -> None:
    inner = RedisDedupe(redis_client)
    if failing == "completed":
        assert await RedisDedupe(redis_client).claim("stats:st-1:EMAIL_OPEN")  # refused claim
    handler = Counting()
    store = FailingStore(inner, {failing})
    result = await WebhookDispatcher({"*": handler}, dedupe=store).dispatch(OPEN, {})
    assert result.status == 503
    assert result.body == {"ok": False, "error": "dedupe store unavailable; retry later"}
    assert handler.calls == 0
    # Both calls are the claim step; the exception's own text says which one failed.
    assert f"failed to claim: ConnectionError: store down during {failing}" in caplog.text
    # Once the store is back, the retry runs the delivery (it was not recorded as done).
    if failing == "completed":
        await redis_client.flushdb()
    store.failing.clear()
    retried = await WebhookDispatcher({"*": handler}, dedupe=store).dispatch(OPEN, {})
    assert (retried.status, handler.calls) == (200, 1)


async def test_a_failed_release_still_answers_500_and_the_claim_expires_for_the_retry(
    redis_client: aioredis.Redis, caplog: pytest.LogCaptureFixture
) -> None:
    failing = Counting(fail=True)
    store = FailingStore(RedisDedupe(redis_client, claim_ttl=0.05), {"release"})
    result = await WebhookDispatcher({"*": failing}, dedupe=store).dispatch(OPEN, {})
    assert (result.status, result.body) == (500, {"ok": False, "error": "handler failed"})
    assert "failed to release: ConnectionError" in caplog.text
    retry = WebhookDispatcher({"*": Counting()}, dedupe=RedisDedupe(redis_client))
    assert (await retry.dispatch(OPEN, {})).status == 503  # the claim is still held
    deadline = time.monotonic() + 2
    while (answer := await retry.dispatch(OPEN, {})).status == 503:
        assert time.monotonic() < deadline, "the stuck claim never expired"
        await asyncio.sleep(0.01)
    assert answer.status == 200


async def test_a_failed_complete_after_success_answers_200_not_a_retry(
    redis_client: aioredis.Redis, caplog: pytest.LogCaptureFixture
) -> None:
    handler = Counting()
    store = FailingStore(RedisDedupe(redis_client), {"complete"})
    result = await WebhookDispatcher({"*": handler}, dedupe=store).dispatch(OPEN, {})
    assert (result.status, result.body["processed"], handler.calls) == (200, 1, 1)
    assert "failed to complete: ConnectionError" in caplog.text


async def test_an_unreachable_redis_answers_503_without_its_password(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    password = "hunter2-redis-PASSWORD"
    admin = aioredis.Redis.from_url(redis_server.url)
    await admin.config_set("requirepass", password)
    await admin.aclose()
    port = redis_server.port
    handler = Counting()
    wrong = aioredis.Redis.from_url(f"redis://:{password}-wrong@127.0.0.1:{port}/0")
    right = aioredis.Redis.from_url(f"redis://:{password}@127.0.0.1:{port}/0")
    try:
        answers = [
            await WebhookDispatcher({"*": handler}, dedupe=RedisDedupe(wrong)).dispatch(OPEN, {})
        ]
        redis_server.stop()  # every key and the password are gone with it
        for client in (right, wrong):
            dispatcher = WebhookDispatcher({"*": handler}, dedupe=RedisDedupe(client))
            answers.append(await dispatcher.dispatch(OPEN, {}))
    finally:
        await wrong.aclose()
        await right.aclose()
    assert [a.status for a in answers] == [503, 503, 503]
    assert handler.calls == 0
    assert "AuthenticationError" in caplog.text
    assert "ConnectionError" in caplog.text
    assert password not in caplog.text
    assert all(password not in json.dumps(a.body) for a in answers)


async def test_a_stalled_redis_answers_503_once_the_clients_socket_times_out(
    redis_server: RedisServer,
) -> None:
    client = aioredis.Redis.from_url(redis_server.url, socket_timeout=0.2)
    handler = Counting()
    dispatcher = WebhookDispatcher({"*": handler}, dedupe=RedisDedupe(client))
    try:
        await client.ping()
        redis_server.stall()
        # The stall lasts until resume() below: only the client's socket timeout can end it.
        dispatch = asyncio.ensure_future(dispatcher.dispatch(OPEN, {}))
        ended = await ends_by_itself(dispatch)
    finally:
        redis_server.resume()
    try:
        assert ended, "the dispatch waited for the stalled Redis"
        assert (dispatch.result().status, handler.calls) == (503, 0)
    finally:
        await dispatch
        await client.aclose()


# --- many worker processes -----------------------------------------------------------------------


def stats_id(index: int, fail_every: int) -> str:
    """Every ``fail_every``-th delivery's handler fails on its first run (the app's rule)."""
    return f"{'fail-' if index % fail_every == 0 else 'ok-'}{index}"


async def fan_out(url: str, deliveries: int, copies: int, fail_every: int) -> dict[str, int]:
    """Post ``copies`` concurrent copies of each delivery, then re-post every copy not answered
    200, round after round, as SmartLead retries; count the answers."""

    def body(index: int) -> bytes:
        event = {
            "event_type": "EMAIL_OPEN",
            "stats_id": stats_id(index, fail_every),
            "to_email": f"lead{index}@x.io",
        }
        return json.dumps(event).encode()

    counts: collections.Counter[str] = collections.Counter()
    outstanding = [(index, copy) for index in range(deliveries) for copy in range(copies)]
    connector = aiohttp.TCPConnector(force_close=True, limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def post(index: int) -> int:
            headers = {"Content-Type": "application/json", "X-Request-Id": f"req-{index}"}
            async with http.post(f"{url}/hooks/smartlead", data=body(index), headers=headers) as r:
                answer = await r.json()
                counts["posts"] += 1
                counts[f"answered {r.status}"] += 1
                if r.status == 200:
                    counts["processed"] += answer["processed"]
                    counts["duplicates answered 200"] += answer["duplicates"]
                return r.status

        while outstanding:
            counts["rounds"] += 1
            assert counts["rounds"] <= 50, f"still not delivered: {outstanding}"
            statuses = await asyncio.gather(*(post(index) for index, _ in outstanding))
            outstanding = [item for item, s in zip(outstanding, statuses, strict=True) if s != 200]
            await asyncio.sleep(0.02)
    return dict(counts)


async def handler_evidence(
    client: aioredis.Redis, deliveries: int, fail_every: int
) -> dict[str, list[int]]:
    """Per delivery, from the workers' own records: runs and successes."""
    ids = [stats_id(i, fail_every) for i in range(deliveries)]
    runs = await client.mget([f"runs:{i}" for i in ids])
    successes = await client.mget([f"successes:{i}" for i in ids])
    return {
        "runs": [int(r or 0) for r in runs],
        "successes": [int(s or 0) for s in successes],
    }


async def test_four_uvicorn_workers_on_one_redis_run_each_delivery_exactly_once(
    redis_server: RedisServer, capsys: pytest.CaptureFixture[str]
) -> None:
    deliveries, copies, workers, fail_every = 40, 4, 4, 4
    env = {"SMARTLEAD_TEST_REDIS_URL": redis_server.url}
    serving = multiworker.uvicorn_workers(
        "webhook_workers_app:app", workers, env, app_dir=ROOT / "tests"
    )
    with serving as (url, pids):
        await multiworker.wait_for_workers(url, workers, pids)
        counts = await fan_out(url, deliveries, copies, fail_every)
    client = aioredis.Redis.from_url(redis_server.url)
    try:
        evidence = await handler_evidence(client, deliveries, fail_every)
        served_by = len(await client.smembers("pids"))
    finally:
        await client.aclose()
    injected = len(range(0, deliveries, fail_every))
    with capsys.disabled():
        print(
            f"\n{workers} workers: {deliveries} deliveries x {copies} copies; handler runs "
            f"{sum(evidence['runs'])}, successes {sum(evidence['successes'])}, "
            f"{served_by} workers ran handlers; {counts}"
        )
    assert evidence["successes"] == [1] * deliveries  # none lost, none run twice
    assert sum(evidence["runs"]) == deliveries + injected  # every failure retried exactly once
    assert counts["answered 200"] == deliveries * copies  # every copy ends acknowledged
    assert counts["processed"] == deliveries
    assert counts["answered 500"] == injected
    assert counts["duplicates answered 200"] == deliveries * copies - deliveries
    assert served_by >= 2  # the copies really were spread over processes


async def test_a_cancellation_while_completing_still_records_the_success(
    redis_client: aioredis.Redis, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: the client hanging up during complete's round trip left the claim pending; it
    # expired and SmartLead's retry ran the handler a second time.
    runs = 0

    async def handler(_event: WebhookEvent) -> None:
        nonlocal runs
        runs += 1

    body = json.dumps({"event_type": "EMAIL_OPEN", "stats_id": "st-c", "to_email": "a@x.io"})
    store = RedisDedupe(redis_client, claim_ttl=0.3)
    finish = asyncio.Event()
    record = store._complete

    async def slow_complete(
        keys: Sequence[KeyT] | None = None, args: Iterable[EncodableT] | None = None
    ) -> object:
        await finish.wait()  # the round trip is in flight when the request is cancelled
        return await record(keys=keys, args=args)

    monkeypatch.setattr(store, "_complete", slow_complete)
    first = asyncio.create_task(
        WebhookDispatcher({"*": handler}, dedupe=store).dispatch(body.encode(), {})
    )
    while runs == 0:  # noqa: ASYNC110 - the handler's own counter
        await asyncio.sleep(0.005)
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first
    finish.set()
    await asyncio.sleep(0.4)  # past claim_ttl: an unrecorded claim would have expired by now
    retry = await WebhookDispatcher(
        {"*": handler}, dedupe=RedisDedupe(redis_client, claim_ttl=0.3)
    ).dispatch(body.encode(), {})
    assert retry.status == 200
    assert runs == 1
