"""A webhook receiver for ``uvicorn --workers N`` in the many-worker dedupe test.

Every worker imports this module and receives into one :class:`WebhookDispatcher` whose store is
``RedisDedupe`` on ``SMARTLEAD_TEST_REDIS_URL`` (or ``MemoryDedupe`` with
``SMARTLEAD_TEST_DEDUPE=memory``, to measure what a per-process store does). The handler keeps
its evidence in that Redis, where the test reads it: ``runs:<stats_id>`` on entry,
``successes:<stats_id>`` on success, and the worker's PID in the set ``pids``. A ``stats_id``
starting with ``fail-`` makes the handler raise the first time it runs for that delivery.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator

import redis.asyncio as aioredis
from fastapi import FastAPI

from smartlead_async.integrations.fastapi import smartlead_webhook_router
from smartlead_async.redis import RedisDedupe
from smartlead_async.webhooks import DedupeStore, MemoryDedupe, WebhookDispatcher, WebhookEvent

#: How long a handler works: long enough for concurrent copies to overlap it.
HANDLER_SECONDS = 0.03

_redis = aioredis.Redis.from_url(os.environ["SMARTLEAD_TEST_REDIS_URL"])
_store: DedupeStore = (
    MemoryDedupe() if os.environ.get("SMARTLEAD_TEST_DEDUPE") == "memory" else RedisDedupe(_redis)
)
hooks = WebhookDispatcher(dedupe=_store)


@hooks.on("*")
async def record(event: WebhookEvent) -> None:
    """Count the run, fail the first run of a ``fail-`` delivery, count the success."""
    stats_id = str(event.stats_id)
    await _redis.incr(f"runs:{stats_id}")
    await _redis.sadd("pids", os.getpid())
    await asyncio.sleep(HANDLER_SECONDS)
    if stats_id.startswith("fail-") and await _redis.incr(f"failures:{stats_id}") == 1:
        raise RuntimeError("injected failure")
    await _redis.incr(f"successes:{stats_id}")


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    await _redis.aclose()


app = FastAPI(lifespan=lifespan)
app.include_router(smartlead_webhook_router("/hooks/smartlead", hooks))


@app.get("/worker")
async def worker() -> int:
    """Which worker answered (the test waits until every worker has)."""
    return os.getpid()
