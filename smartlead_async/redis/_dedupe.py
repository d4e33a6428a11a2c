"""Webhook dedupe shared by every worker through Redis: :class:`RedisDedupe`."""

from __future__ import annotations

import hashlib
import logging
import secrets
from typing import Final

import redis.asyncio as aioredis

__all__ = ["RedisDedupe"]

logger = logging.getLogger("smartlead_async")

_DONE: Final = b"done"

# Replace the claim with the "done" marker if the claim is still ours, or if it expired and
# nobody took the key since: either way our handler succeeded, and recording it spares a retry.
# A key another worker claimed after our claim expired is left alone (that worker is running).
_COMPLETE: Final = """
local held = redis.call('GET', KEYS[1])
if held == ARGV[1] or held == false then
    redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
    return 1
end
if held == ARGV[2] then
    return 1
end
return 0
"""

# Compare-and-delete: a release that comes after our claim expired must not free the claim of
# the worker that took the key since.
_RELEASE: Final = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
end
return 0
"""


def _milliseconds(name: str, seconds: float) -> int:
    if not seconds > 0:
        raise ValueError(f"{name} must be > 0")
    return max(1, round(seconds * 1000))


class RedisDedupe:
    """A :class:`~smartlead_async.webhooks.DedupeStore` in Redis: one claim per delivery across
    every worker and host that shares the database.

    * :meth:`claim` is ``SET key <token> NX PX claim_ttl`` with a random token per claim, which
      this instance remembers;
    * :meth:`complete` replaces the claim with a ``done`` marker kept ``done_ttl`` (a Lua
      compare-and-set), unless another worker claimed the key after ours expired;
    * :meth:`release` deletes the claim only if it still holds our token (compare-and-delete),
      so a release that comes after an expiry cannot free another worker's claim;
    * :meth:`completed` is ``GET key == done``.

    Keys are ``<prefix>:<SHA-256 of the delivery key>``: bounded in length whatever the
    delivery key, and namespaced by ``prefix``.

    Call :meth:`complete` or :meth:`release` from the process that claimed (the dispatcher
    does). Within that process a key this instance still holds is refused to a second copy even
    after its Redis TTL ran out: the holder is alive (a crashed process holds nothing), and a
    second copy would run alongside it. Across processes the TTL is what frees the claim of a
    crashed worker, so keep ``claim_ttl`` longer than your slowest handler.

    Redis errors are raised as they come (redis-py's exceptions name the host and port, never
    the password); :class:`~smartlead_async.webhooks.WebhookDispatcher` answers them with 503,
    so SmartLead retries, and never runs the handler without a claim. A stalled server makes
    every call wait as long as the client lets it: give the client a ``socket_timeout``.

    Args:
        redis: A ``redis.asyncio.Redis`` client (``decode_responses`` either way).
        prefix: Namespace of the keys.
        claim_ttl: Seconds a claim lasts unless completed or released. The default lets
            SmartLead's 5-minute retry of a delivery whose worker died run it again.
        done_ttl: Seconds a completed delivery is remembered (and its copies answered 200).
            SmartLead's retries end within the hour; the default is a week.
    """

    def __init__(
        self,
        redis: aioredis.Redis,
        *,
        prefix: str = "smartlead:webhooks",
        claim_ttl: float = 240.0,
        done_ttl: float = 7 * 24 * 3600.0,
    ) -> None:
        self._redis = redis
        self._prefix = prefix
        self._claim_ms = _milliseconds("claim_ttl", claim_ttl)
        self._done_ms = _milliseconds("done_ttl", done_ttl)
        # Redis key -> token of the claim this instance holds on it.
        self._tokens: dict[str, str] = {}
        self._complete = redis.register_script(_COMPLETE)
        self._release = redis.register_script(_RELEASE)

    def redis_key(self, key: str) -> str:
        """The Redis key a delivery key is stored under."""
        return f"{self._prefix}:{hashlib.sha256(key.encode()).hexdigest()}"

    async def claim(self, key: str) -> bool:
        """See :meth:`DedupeStore.claim <smartlead_async.webhooks.DedupeStore.claim>`."""
        name = self.redis_key(key)
        if name in self._tokens:
            return False
        token = f"claim:{secrets.token_hex(16)}"
        # Reserved before the round trip, so a concurrent local copy cannot slip in meanwhile.
        self._tokens[name] = token
        try:
            taken = await self._redis.set(name, token, nx=True, px=self._claim_ms)
        except BaseException:
            del self._tokens[name]
            raise
        if not taken:
            del self._tokens[name]
            return False
        return True

    async def complete(self, key: str) -> None:
        """See :meth:`DedupeStore.complete <smartlead_async.webhooks.DedupeStore.complete>`."""
        name = self.redis_key(key)
        token = self._tokens.pop(name, None)
        if token is None:
            return
        recorded = await self._complete(keys=[name], args=[token, _DONE, self._done_ms])
        if not recorded:
            logger.warning(
                "webhook claim %s expired and was taken by another worker before its handler "
                "finished: claim_ttl is shorter than the handler",
                name,
            )

    async def release(self, key: str) -> None:
        """See :meth:`DedupeStore.release <smartlead_async.webhooks.DedupeStore.release>`."""
        name = self.redis_key(key)
        token = self._tokens.pop(name, None)
        if token is not None:
            await self._release(keys=[name], args=[token])

    async def completed(self, key: str) -> bool:
        """See :meth:`DedupeStore.completed <smartlead_async.webhooks.DedupeStore.completed>`."""
        value = await self._redis.get(self.redis_key(key))
        return value in (_DONE, _DONE.decode())
