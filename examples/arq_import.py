"""A large lead import as durable jobs on three arq workers sharing one key's rate in Redis.

``main()`` starts a ``redis-server`` on a free port (or uses ``REDIS_URL``), the fake SmartLead
server enforcing the key's documented limit (10 requests per 2 s, answering 429 past it), and
three arq worker processes (this file, ``worker`` argument). It submits 6,000 leads as 60 chunks
of 100 with :func:`smartlead_async.jobs.enqueue_import`, submits them again (every chunk is
dropped: same import id, same job ids), waits for the aggregated status, checks that all 6,000
are in the campaign with no 429, and stops every process it started by PID. Exit status 0 when
the checks hold.

    python examples/arq_import.py
    python examples/arq_import.py worker    # one worker: REDIS_URL, SMARTLEAD_API_KEY,
                                            # SMARTLEAD_BASE_URL from the environment

With your own deployment, put ``WorkerSettings = worker_settings(...)`` in a module and run
``arq yourmodule.WorkerSettings`` on each worker host.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from arq.connections import RedisSettings, create_pool
from arq.worker import run_worker

from smartlead_async import RateLimit
from smartlead_async.jobs import enqueue_import, worker_settings
from smartlead_async.testing import FakeSmartlead, RedisServer

WORKERS = 3
CHUNKS = 60
CHUNK_SIZE = 100
#: SmartLead's documented limit for one key; the fake answers 429 past it.
KEY_LIMIT = RateLimit(10, 2.0)


def worker() -> None:
    """One arq worker process, configured by the environment (the key never on a command line)."""
    run_worker(
        worker_settings(
            redis_settings=RedisSettings.from_dsn(os.environ["REDIS_URL"]),
            base_url=os.environ["SMARTLEAD_BASE_URL"],
            rate_limits=[KEY_LIMIT],  # the shared gate: one budget for every worker
            poll_delay=0.05,
        )
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop one process we started, by its PID: SIGTERM (arq shuts down cleanly), then SIGKILL."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


@contextlib.contextmanager
def workers(env: dict[str, str]) -> Iterator[list[subprocess.Popen[bytes]]]:
    """``WORKERS`` worker processes of this file, stopped by PID on exit."""
    started: list[subprocess.Popen[bytes]] = []
    try:
        for _ in range(WORKERS):
            command = [sys.executable, str(Path(__file__).resolve()), "worker"]
            started.append(subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL))
        yield started
    finally:
        for process in started:
            _stop(process)


async def demo(redis_url: str) -> bool:
    """Run the import; True when every lead landed once with no 429."""
    rows = [
        {"email": f"lead{n}@example.com", "first_name": f"Lead {n}"}
        for n in range(CHUNKS * CHUNK_SIZE)
    ]
    async with FakeSmartlead(rate_limits=[KEY_LIMIT]) as fake:
        campaign = fake.state.add_campaign("Big import")
        env = {
            **os.environ,
            "REDIS_URL": redis_url,
            "SMARTLEAD_API_KEY": fake.api_key,
            "SMARTLEAD_BASE_URL": fake.base_url,
        }
        pool = await create_pool(RedisSettings.from_dsn(redis_url))
        try:
            with workers(env) as started:
                print(f"arq workers: {len(started)}")
                import_id = f"demo-{uuid.uuid4().hex[:8]}"
                began = time.monotonic()
                job = await enqueue_import(
                    pool, campaign.id, rows, import_id=import_id, chunk_size=CHUNK_SIZE
                )
                again = await enqueue_import(
                    pool, campaign.id, rows, import_id=import_id, chunk_size=CHUNK_SIZE
                )
                print(
                    f"submitted {job.total_rows} rows as {job.chunks} chunks ({job.enqueued} jobs)"
                )
                print(f"submitted again: {again.enqueued} jobs enqueued, {again.dropped} dropped")
                async with asyncio.timeout(120):
                    status = await job.wait(poll_interval=0.2)
                elapsed = time.monotonic() - began
        finally:
            await pool.aclose()
        stored = len(campaign.leads)
        rejected = fake.state.rate_limited
        add_calls = sum(
            1 for r in fake.state.requests if r.method == "POST" and r.path.endswith("/leads")
        )
    counts = ", ".join(f"{n} {outcome}" for outcome, n in status.counts.items() if n)
    print(f"chunks done: {status.chunks_done}/{status.chunks_total} in {elapsed:.1f} s")
    print(f"outcomes: {counts}; to retry: {len(status.rows_to_retry())}")
    print(f"add-leads calls: {add_calls}; answered 429: {rejected}")
    print(f"stored in the campaign: {stored}/{len(rows)}")
    return stored == status.uploaded == len(rows) and rejected == 0 and again.enqueued == 0


async def main() -> int:
    """Use ``REDIS_URL`` if set, else a throwaway ``redis-server``."""
    with contextlib.ExitStack() as stack:
        redis_url = os.environ.get("REDIS_URL") or stack.enter_context(RedisServer()).url
        ok = await demo(redis_url)
    print("stopped every process")
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    if sys.argv[1:] == ["worker"]:
        worker()
    else:
        sys.exit(asyncio.run(main()))
