"""Redis for the benchmarks: counting round trips; the server is ``testing.RedisServer``."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from typing import Any

import redis.asyncio as aioredis
from redis.asyncio.connection import Connection

from smartlead_async.testing import RedisServer

BINARY = shutil.which("redis-server")
__all__ = ["BINARY", "CountingConnection", "RedisServer", "counting_client"]


class CountingConnection(Connection):
    """A connection that counts round trips: one per packed send (a pipeline is one send).

    The handshake of each new connection (``CLIENT SETINFO`` ...) is counted apart, in
    ``handshakes``, so that ``round_trips`` is what the caller's commands cost.
    """

    round_trips = 0
    handshakes = 0
    connections = 0

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._connecting = False

    async def on_connect(self) -> None:
        CountingConnection.connections += 1
        self._connecting = True
        try:
            await super().on_connect()
        finally:
            self._connecting = False

    async def send_packed_command(
        self, command: bytes | str | Iterable[bytes], check_health: bool = True
    ) -> None:
        await super().send_packed_command(command, check_health)
        if self._connecting:
            CountingConnection.handshakes += 1
        else:
            CountingConnection.round_trips += 1


def counting_client(url: str) -> aioredis.Redis:
    """A client whose round trips, across all its connections, are counted by
    :class:`CountingConnection`."""
    pool = aioredis.ConnectionPool.from_url(url, connection_class=CountingConnection)
    return aioredis.Redis(connection_pool=pool)
