"""The arq import example runs end to end and exits 0 (it needs a real redis-server)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import redis.asyncio as aioredis

from smartlead_async.jobs import import_status
from smartlead_async.testing import RedisServer

ROOT = Path(__file__).resolve().parent.parent


async def test_arq_import_lands_every_lead_once_without_a_429(redis_server: RedisServer) -> None:
    env = {**os.environ, "REDIS_URL": redis_server.url}
    example = await asyncio.create_subprocess_exec(
        sys.executable,
        str(ROOT / "examples" / "arq_import.py"),
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        async with asyncio.timeout(120):
            out, err = await example.communicate()
    finally:
        if example.returncode is None:
            example.kill()
            await example.wait()
    stdout = out.decode()
    assert example.returncode == 0, stdout + err.decode()
    lines = stdout.splitlines()
    assert lines[0] == "arq workers: 3"
    assert "submitted 6000 rows as 60 chunks (60 jobs)" in lines
    assert "submitted again: 0 jobs enqueued, 60 dropped" in lines
    assert "outcomes: 6000 uploaded; to retry: 0" in lines
    assert "add-leads calls: 60; answered 429: 0" in lines
    assert "stored in the campaign: 6000/6000" in lines
    assert lines[-2:] == ["stopped every process", "OK"]
    # What the workers stored agrees, and they shut down cleanly (arq deletes its health-check
    # key on a clean exit; a worker still running would keep it).
    client = aioredis.Redis.from_url(redis_server.url)
    try:
        assert await client.keys("arq:queue:health-check") == []
        (results,) = await client.keys("smartlead:imports:*:results")
        status = await import_status(client, results.decode().split(":")[2])
    finally:
        await client.aclose()
    assert (status.chunks_done, status.total_rows, status.uploaded) == (60, 6000, 6000)
