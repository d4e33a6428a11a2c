"""A real ``redis-server`` for the tests, started and stopped by PID, or fakeredis without one.

``redis-server`` (Debian package ``redis-server``) runs on a free loopback port with persistence
off. Without the binary, tests that only need Redis semantics run on ``fakeredis`` (which runs
Lua scripts through ``lupa``); tests that need a real process (restart, stall, outage) are
skipped, unless ``SMARTLEAD_REQUIRE_REDIS=1`` is set (as ``.ci/run`` does), which makes a missing
server an error instead.

The fixtures, registered for every test module by ``tests/conftest.py``::

    async def test_x(redis_client): ...          # real server if installed, else fakeredis
    async def test_y(redis_server): ...          # a RedisServer: .url, .restart(), .stall()
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator, Awaitable, Iterator
from typing import TypeVar

import pytest
import pytest_asyncio
import redis.asyncio as aioredis

from smartlead_async.testing import RedisServer

REQUIRE_ENV = "SMARTLEAD_REQUIRE_REDIS"
BINARY = shutil.which("redis-server")
T = TypeVar("T")


async def reply(command: Awaitable[T] | T) -> T:
    """The reply of a ``redis.asyncio`` command.

    redis-py types the commands it shares between its sync and asyncio clients as
    ``Awaitable[T] | T``; on ``redis.asyncio`` the call is always awaitable.
    """
    if isinstance(command, Awaitable):
        return await command
    return command


def _missing_server() -> None:
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"redis-server is not installed and {REQUIRE_ENV}=1")
    pytest.skip("needs a real redis-server (apt-get install redis-server)")


@pytest.fixture(scope="session")
def redis_server_process() -> Iterator[RedisServer | None]:
    """One server for the session, or ``None`` when the binary is missing."""
    if BINARY is None:
        yield None
        return
    server = RedisServer(BINARY)
    server.start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    """A fresh server of its own, for tests that restart, stall or stop it."""
    if BINARY is None:
        _missing_server()
    server = RedisServer(str(BINARY))
    server.start()
    try:
        yield server
    finally:
        server.close()


@pytest_asyncio.fixture
async def redis_client(
    redis_server_process: RedisServer | None,
) -> AsyncIterator[aioredis.Redis]:
    """An empty database: the session's real server if installed, else fakeredis."""
    if redis_server_process is not None:
        client = aioredis.Redis.from_url(redis_server_process.url)
    else:
        if os.environ.get(REQUIRE_ENV) == "1":
            _missing_server()
        import fakeredis

        client = fakeredis.FakeAsyncRedis()
    await client.flushdb()
    try:
        yield client
    finally:
        await client.flushdb()
        await client.aclose()
