"""Imports as arq jobs: stable job ids, chunk idempotency, aggregation, a killed worker.

Workers run in-process in burst mode (they stop when the queue is empty), except the one the
crash test kills, which is a subprocess stopped by PID.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import textwrap
import types
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TypedDict, Unpack

import pytest
import pytest_asyncio
import redis.asyncio as aioredis
from arq.connections import ArqRedis, RedisSettings, create_pool
from arq.constants import default_queue_name, in_progress_key_prefix, result_key_prefix
from arq.worker import Worker

from smartlead_async import ConfigurationError, RateLimit
from smartlead_async.bulk import RowOutcome
from smartlead_async.jobs import (
    IMPORT_CHUNK,
    chunk_job_id,
    enqueue_import,
    import_status,
    worker_settings,
)
from smartlead_async.redis import RedisRateGate
from smartlead_async.testing import FakeSmartlead, RedisServer

from .helpers import lead_list
from .redis_support import reply

# arq 0.28 closes its pool with redis-py's deprecated close(); the warning is arq's, not ours.
pytestmark = pytest.mark.filterwarnings("ignore:Call to deprecated close:DeprecationWarning")

ROOT = Path(__file__).resolve().parent.parent
ADD_LEADS = "/leads"


def leads(count: int, start: int = 0) -> list[dict[str, object]]:
    return [{"email": f"lead{i}@example.com", "first_name": f"L{i}"} for i in range(start, count)]


def add_leads_requests(fake: FakeSmartlead) -> list[list[str]]:
    """The emails of every add-leads call the fake received, in order."""
    return [
        [str(row["email"]) for row in lead_list(request.json)]
        for request in fake.state.requests
        if request.method == "POST" and request.path.endswith(ADD_LEADS)
    ]


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeSmartlead]:
    async with FakeSmartlead() as server:
        yield server


@pytest_asyncio.fixture
async def pool(redis_server: RedisServer) -> AsyncIterator[ArqRedis]:
    arq_pool = await create_pool(RedisSettings.from_dsn(redis_server.url))
    try:
        yield arq_pool
    finally:
        await arq_pool.aclose()


class BurstOptions(TypedDict, total=False):
    """The ``worker_settings`` options the tests vary."""

    max_jobs: int
    job_timeout: float


async def run_burst(
    redis_url: str,
    fake: FakeSmartlead,
    *,
    # A tiny window: a fresh shared gate waits one window before its first admission.
    rate_limits: tuple[RateLimit, ...] = (RateLimit(100, 0.05),),
    **options: Unpack[BurstOptions],
) -> Worker:
    """Run one in-process worker until the queue is empty; return it (for its counters)."""
    settings = worker_settings(
        redis_settings=RedisSettings.from_dsn(redis_url),
        api_key=fake.api_key,
        base_url=fake.base_url,
        rate_limits=rate_limits,
        **options,
    )
    # worker_settings answers dict[str, object], which arq's typed Worker(...) cannot take.
    worker = Worker(**settings, burst=True, poll_delay=0.01, handle_signals=False)  # type: ignore[arg-type]
    try:
        await worker.main()
    finally:
        await worker.close()
    return worker


async def test_resubmitted_import_is_dropped_by_its_job_ids(
    redis_server: RedisServer, pool: ArqRedis, fake: FakeSmartlead
) -> None:
    campaign = fake.state.add_campaign("Q1")
    rows = leads(250)
    first = await enqueue_import(pool, campaign.id, rows, import_id="q1", chunk_size=100)
    again = await enqueue_import(pool, campaign.id, rows, import_id="q1", chunk_size=100)

    assert (first.chunks, first.enqueued, first.total_rows) == (3, 3, 250)
    assert first.job_ids == tuple(chunk_job_id("q1", n) for n in range(3))
    assert (again.enqueued, again.dropped) == (0, 3)
    assert await pool.zcard(default_queue_name) == 3

    worker = await run_burst(redis_server.url, fake)
    assert (worker.jobs_complete, worker.jobs_failed) == (3, 0)
    # Finished jobs keep their arq result: a third submission is dropped as well.
    late = await enqueue_import(pool, campaign.id, rows, import_id="q1", chunk_size=100)
    assert late.enqueued == 0
    assert await pool.zcard(default_queue_name) == 0
    sent = add_leads_requests(fake)
    assert sorted(email for batch in sent for email in batch) == sorted(
        str(r["email"]) for r in rows
    )
    assert len(campaign.leads) == 250


async def test_finished_chunk_is_not_sent_again_once_arq_forgets_its_job(
    redis_server: RedisServer, pool: ArqRedis, fake: FakeSmartlead
) -> None:
    campaign = fake.state.add_campaign("Q1")
    rows = leads(200)
    await enqueue_import(pool, campaign.id, rows, import_id="q1", chunk_size=100)
    await run_burst(redis_server.url, fake)
    calls = len(add_leads_requests(fake))
    # arq keeps results for an hour only; after that the same job id is accepted again.
    for chunk in range(2):
        await pool.delete(result_key_prefix + chunk_job_id("q1", chunk))
    again = await enqueue_import(pool, campaign.id, rows, import_id="q1", chunk_size=100)
    assert again.enqueued == 2

    worker = await run_burst(redis_server.url, fake)

    assert worker.jobs_complete == 2
    assert len(add_leads_requests(fake)) == calls  # nothing sent again
    status = await import_status(pool, "q1")
    assert status.uploaded == 200
    assert status.counts[RowOutcome.ALREADY_IN_CAMPAIGN] == 0


async def test_different_rows_under_a_used_import_id_are_refused(
    redis_client: aioredis.Redis,
) -> None:
    arq_pool = ArqRedis(connection_pool=redis_client.connection_pool)
    await enqueue_import(arq_pool, 7, leads(200), import_id="q1", chunk_size=100)
    changed = leads(200)
    changed[120] = {"email": "someone-else@example.com"}

    with pytest.raises(ConfigurationError, match="different rows"):
        await enqueue_import(arq_pool, 7, changed, import_id="q1", chunk_size=100)
    with pytest.raises(ConfigurationError, match="different rows"):
        # The same two full chunks, then more: chunk 1 is no longer the last, and the extra
        # rows must not be appended to an import whose outcome may already be reported.
        await enqueue_import(arq_pool, 7, leads(300), import_id="q1", chunk_size=100)
    with pytest.raises(ConfigurationError, match="different rows"):
        await enqueue_import(arq_pool, 7, leads(200), import_id="q1", chunk_size=50)
    assert await arq_pool.zcard(default_queue_name) == 2
    same = await enqueue_import(arq_pool, 7, leads(200), import_id="q1", chunk_size=100)
    assert (same.chunks, same.enqueued) == (2, 0)


async def stored_bytes(redis: aioredis.Redis, key: bytes) -> bytes:
    kind = await redis.type(key)
    if kind == b"string":
        return bytes(await redis.get(key) or b"")
    if kind == b"hash":
        return b"".join(await reply(redis.hvals(key.decode())))
    return b"".join(await redis.zrange(key, 0, -1))


async def test_key_stays_out_of_settings_and_job_payloads(redis_client: aioredis.Redis) -> None:
    secret = "sl-live-0123456789-SECRET"
    settings = worker_settings(api_key=secret)
    hooks = [settings["on_startup"], settings["on_shutdown"]]
    functions = [hook for hook in hooks if isinstance(hook, types.FunctionType)]
    assert len(functions) == 2
    cells = [repr(cell.cell_contents) for hook in functions for cell in hook.__closure__ or ()]
    assert secret not in repr(settings) + "".join(cells)

    arq_pool = ArqRedis(connection_pool=redis_client.connection_pool)
    await enqueue_import(arq_pool, 7, leads(10), import_id="q1")
    stored = b"".join([await stored_bytes(arq_pool, key) for key in await arq_pool.keys("*")])
    assert secret.encode() not in stored
    assert b"lead3@example.com" in stored  # the payloads are in what was read


async def test_status_aggregates_chunks_by_input_row_number(
    redis_server: RedisServer, pool: ArqRedis
) -> None:
    rows: list[dict[str, object]] = leads(30)
    rows[3] = {"email": "not-an-email"}
    rows[14] = {"email": "lead2@example.com"}  # repeats row 2, in another chunk
    rows[17] = {"email": "x@example.com", "first_name": 5}  # a number where a string is required
    rows[25] = {"email": "member@example.com"}
    rows[28] = {"email": "spam@blocked.test"}
    async with FakeSmartlead(lead_credits=25) as fake:
        campaign = fake.state.add_campaign("Q1")
        fake.state.enroll(campaign, "member@example.com")
        fake.state.block_list.add("blocked.test")
        job = await enqueue_import(pool, campaign.id, rows, import_id="q1", chunk_size=10)
        before = await job.status()
        await run_burst(redis_server.url, fake, max_jobs=1)
        status = await job.wait(poll_interval=0.01)

    assert (before.chunks_total, before.chunks_done, before.is_finished) == (3, 0, False)
    assert (status.chunks_total, status.chunks_done, status.total_rows) == (3, 3, 30)
    assert sum(status.counts.values()) == 30
    # 27 valid, distinct rows; one is already a member, one blocked: 25 need credits, 25 given.
    assert status.counts[RowOutcome.INVALID] == 2
    assert status.counts[RowOutcome.DUPLICATE_IN_INPUT] == 1
    assert status.counts[RowOutcome.ALREADY_IN_CAMPAIGN] == 1
    assert status.counts[RowOutcome.BLOCKED] == 1
    assert status.uploaded == 25
    by_row = {result.row: result for result in status.rows}
    assert by_row[3].outcome is by_row[17].outcome is RowOutcome.INVALID
    assert "lead 17" in by_row[17].reason  # the message names the input row
    assert by_row[14].outcome is RowOutcome.DUPLICATE_IN_INPUT
    # Rows 25 and 28 shared a batch with uploads: SmartLead's counters do not say which row
    # was the member and which was blocked, so they are counted, not listed.
    assert 25 not in by_row
    assert 28 not in by_row
    for result in status.rows:
        assert result.email == rows[result.row]["email"]
    assert status.is_complete
    assert status.rows_to_retry() == []


async def test_open_rows_come_back_with_their_input_numbers(
    redis_server: RedisServer, pool: ArqRedis
) -> None:
    rows = leads(30)
    async with FakeSmartlead(lead_credits=12) as fake:
        campaign = fake.state.add_campaign("Q1")
        job = await enqueue_import(pool, campaign.id, rows, import_id="q1", chunk_size=10)
        await run_burst(redis_server.url, fake, max_jobs=1)
        status = await job.wait(poll_interval=0.01)
        stored = set(campaign.leads)

    retry = status.rows_to_retry()
    assert status.uploaded == 12 == len(stored)
    assert status.counts[RowOutcome.NOT_SENT] == 18
    assert not status.is_complete
    assert status.stop_reasons == ("lead limit reached",)
    # Every input row that did not land is to be retried, by its input position. The batch in
    # which credits ran out (2 uploaded, 8 not sent) does not say which row was which: all 10
    # of its rows are retried (SmartLead reports the 2 as already in the campaign then).
    landed = {n for n, row in enumerate(rows) if str(row["email"]) in stored}
    numbers = {result.row for result in retry}
    assert numbers >= set(range(30)) - landed
    extra = [result for result in retry if result.row in landed]
    assert len(extra) == 2
    assert all(result.outcome is RowOutcome.UNCONFIRMED for result in extra)
    assert len(retry) == 20
    assert [result.email for result in retry] == [rows[n]["email"] for n in sorted(numbers)]


WORKER = textwrap.dedent(
    """
    import os
    from arq.connections import RedisSettings
    from arq.worker import run_worker
    from smartlead_async import RateLimit
    from smartlead_async.jobs import worker_settings

    run_worker(worker_settings(
        redis_settings=RedisSettings.from_dsn(os.environ["REDIS_URL"]),
        base_url=os.environ["SMARTLEAD_BASE_URL"],
        rate_limits=[RateLimit(1, 0.2)],  # one batch every 0.2 s: the chunk lands in parts
        poll_delay=0.01,
    ))
    """
)


async def test_chunk_of_a_killed_worker_is_finished_by_another(
    redis_server: RedisServer, pool: ArqRedis, fake: FakeSmartlead, tmp_path: Path
) -> None:
    campaign = fake.state.add_campaign("Q1")
    rows = leads(1000)
    job = await enqueue_import(pool, campaign.id, rows, import_id="q1", chunk_size=1000)
    env = {
        **os.environ,
        "REDIS_URL": redis_server.url,
        "SMARTLEAD_BASE_URL": fake.base_url,
        "SMARTLEAD_API_KEY": fake.api_key,
        "PYTHONPATH": str(ROOT),
    }
    log = (tmp_path / "worker.log").open("wb")
    worker = await asyncio.create_subprocess_exec(
        sys.executable, "-c", WORKER, env=env, stdout=log, stderr=log
    )
    try:
        async with asyncio.timeout(30):
            while len(add_leads_requests(fake)) < 3:  # noqa: ASYNC110 - the fake is in this loop
                await asyncio.sleep(0.01)
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        await worker.wait()
        log.close()
    landed_first = len(campaign.leads)
    assert 300 <= landed_first < 1000, (tmp_path / "worker.log").read_text()
    job_id = chunk_job_id("q1", 0)
    assert await pool.zscore(default_queue_name, job_id) is not None  # still queued
    # Fast-forward the dead worker's in-progress lock (it would expire job_timeout + 10 s on).
    assert await pool.pexpire(in_progress_key_prefix + job_id, 1)
    await asyncio.sleep(0.01)

    # Every process of a key must use the same rules (the shared gate refuses others).
    second = await run_burst(redis_server.url, fake, rate_limits=(RateLimit(1, 0.2),))
    status = await job.wait(poll_interval=0.01)

    assert (second.jobs_complete, second.jobs_failed) == (1, 0)
    assert sorted(campaign.leads) == sorted(str(row["email"]) for row in rows)
    assert sum(status.counts.values()) == 1000
    assert status.uploaded + status.counts[RowOutcome.ALREADY_IN_CAMPAIGN] == 1000
    assert status.counts[RowOutcome.ALREADY_IN_CAMPAIGN] >= landed_first
    assert status.is_complete
    result = await reply(pool.hget("smartlead:imports:q1:results", "0"))
    assert isinstance(result, bytes)  # redis-py types replies as str; undecoded they are bytes
    assert b'"attempt": 2' in result


async def test_worker_registers_the_chunk_function_and_closes_its_client(
    redis_server: RedisServer, pool: ArqRedis, fake: FakeSmartlead
) -> None:
    settings = worker_settings(
        redis_settings=RedisSettings.from_dsn(redis_server.url),
        api_key=fake.api_key,
        base_url=fake.base_url,
    )
    # worker_settings answers dict[str, object], which arq's typed Worker(...) cannot take.
    worker = Worker(**settings, burst=True, poll_delay=0.01, handle_signals=False)  # type: ignore[arg-type]
    assert list(worker.functions) == [IMPORT_CHUNK]
    await worker.main()
    client = worker.ctx["smartlead_client"]
    assert not client.closed
    assert isinstance(client._gate(), RedisRateGate)  # the default: the key's shared gate
    await worker.close()
    assert client.closed


async def test_a_timed_out_chunk_finishes_the_import_with_its_rows_open(
    redis_server: RedisServer, pool: ArqRedis, fake: FakeSmartlead
) -> None:
    # Before: arq fails a timed-out job for good (no retry) and the chunk stored no outcome, so
    # the import never finished and its rows were in no rows_to_retry().
    from smartlead_async.testing import FaultKind, Faults

    campaign = fake.state.add_campaign("slow")
    fake.set_route_faults("POST /campaigns/{campaign_id}/leads", Faults(1.0, [FaultKind.HANG]))
    job = await enqueue_import(pool, campaign.id, leads(150), import_id="slow", chunk_size=150)
    worker = await run_burst(redis_server.url, fake, job_timeout=0.5)
    assert worker.jobs_failed == 1  # arq's verdict: timed out, not retried
    status = await job.status()
    assert status.is_finished
    assert not status.is_complete
    assert sorted(r.row for r in status.rows_to_retry()) == list(range(150))
    assert all("timed out" in r.reason or r.outcome is RowOutcome.UNCONFIRMED
               for r in status.rows_to_retry())  # fmt: skip
