"""RedisRateGate: one rate gate for every process of an API key, its state kept in Redis.

How it admits
-------------
Each rule "N per W seconds" keeps a sliding-window log in a sorted set: the slot times of the
last N admissions, in Redis's own clock (``TIME``), so the clocks of the hosts never matter. One
Lua script reads the time, checks *every* rule and reserves the earliest slot that keeps all of
them: no earlier than any slot already reserved, at least ``W * (1 + safety_margin) / N`` after
the latest slot of the shortest rule (paced like the local gate, so a window's requests do not
leave together), and more than ``W * (1 + safety_margin)`` after the N-th latest. A slot at most
``horizon`` seconds ahead is reserved and the caller sleeps until it; a later one is not
reserved and the caller is told to come back when it is half the horizon away, which leaves room
for the reservations other processes make meanwhile. Check and reservation are one script, so no
other process can come between them.

Callers in one process take turns through an ``asyncio.Lock`` (the holder sleeps until its slot),
so an admission costs one Redis round trip, and a process holds at most one future slot.

The key-wide pause
------------------
A 429 or an exhausted ``remaining`` seen by any process writes a pause deadline (Redis time) that
every admission reads, and publishes it on a channel of the key. A caller sleeping until a slot
it reserved before the pause listens on that channel (one subscription per gate, read only by
the sleeping caller, so it costs no round trips) and gives the slot up when a pause covering it
arrives. When the subscription is missing or broke during the sleep, the caller reads the
deadline once more after sleeping instead (one more round trip). A pause published less than
one Redis delivery latency before a slot can still miss it, as a response can be in flight.
A pause this process could not write (Redis unreachable) travels with its next admission.

A 429 with ``Retry-After`` pauses that long. One without it pauses until the logs can admit
again: until the N-th latest slot of every full rule is one lengthened window old (when none is
full, until the oldest slot of the shortest rule leaves its window). A 429 for a request
admitted after the gate reacted to the previous one, with no success between, pauses at least
``backoff_base``, doubling with each further one, capped at ``max_pause``: the behaviour of
:class:`LocalRateGate`.

Lost state
----------
The epoch marker, the pause deadline, the last reserved slot and the rules' signature live in
one hash without a TTL; the logs expire once idle. An epoch marker is written by the first
admission after the hash is gone (first use, restart, flush, eviction). Until one longest window
plus the horizon has passed since the marker was written, nothing is admitted: the forgotten
admissions, including slots reserved ahead before the loss, have then all left every window.
A rule's log that is gone, or lacks the last reserved slot, while that slot is still inside the
rule's window (a ``volatile-*`` eviction policy removes the logs first, a manual delete) fences
the next slot to more than one window after the last one.

Rules
-----
Every process of a key must use the same rules: the hash keeps their signature, and while an
admission under it is still inside its longest window an admission with other rules raises
:class:`~smartlead_async.errors.ConfigurationError`. After that the new rules take over, fenced
like lost logs.

Failing closed
--------------
No request is admitted without a reservation in Redis. Failed or slow calls (``command_timeout``)
are retried with capped, jittered backoff; after ``outage_timeout`` of failure ``acquire`` raises
:class:`~smartlead_async.errors.RateGateUnavailableError`. With ``local_fallback=True`` the gate
instead waits one longest window plus the horizon, then admits through a :class:`LocalRateGate`
sized to ``floor(N / expected_processes)`` of each rule, probing Redis meanwhile. The probe that
finds Redis back records this process's local admissions of the last longest window into the
Redis logs, so every process counts them from then on. Messages and logs name the kind of Redis
failure only: redis-py's messages can carry the server's address, and a URL its password.

When the fallback is safe: only when every process of the key loses Redis together (one Redis
down for all). If some keep reaching it (a partial partition, a worker on another network path),
the processes on Redis do not see the fallback admissions until they are recorded, nor the
fallback processes theirs: in one window up to ``N + F * floor(N / expected_processes)`` requests
can go out, ``F`` being the processes in fallback.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import hashlib
import logging
import math
import random
import secrets
import time
from collections.abc import Awaitable, Sequence
from typing import TypedDict, Unpack, cast

import attrs
from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.exceptions import NoScriptError, RedisError

from smartlead_async._background import Background
from smartlead_async._ratelimit import (
    DEFAULT_RATE_LIMITS,
    LocalRateGate,
    RateFeedback,
    RateGateFactory,
    RateLimit,
    _admission,
    check_local_limits,
)
from smartlead_async._secrets import APIKey
from smartlead_async.errors import ConfigurationError, RateGateUnavailableError

__all__ = ["RedisGateOptions", "RedisRateGate", "redis_rate_gate"]

logger = logging.getLogger("smartlead_async")

_MICROS = 1_000_000
# asyncio.timeout raises the builtin TimeoutError; a refused or reset connection is an OSError.
_REDIS_FAILURES = (RedisError, OSError, TimeoutError)
_BACKOFF_FIRST = 0.05  # seconds before the first retry of a failed Redis call
_BACKOFF_CAP = 1.0
_PROBE_INTERVAL = 1.0  # how often a gate in local fallback asks whether Redis is back

# Times are integer microseconds of Redis's clock: exact in Lua's doubles, and integers survive
# the conversion of Lua replies (which truncates).
_SCRIPT = """
-- KEYS: the state hash (epoch, pause, last, rules, rules_until), then one sorted set per rule.
-- ARGV: mode, pause (from now; for 'reopen' the least pause), horizon, fence, member, pause
-- channel, rules' signature, longest pause, ages of local admissions ('record'), then capacity
-- and window of each rule. Modes: 'admit' reserves; 'pause' records a pause; 'reopen' pauses
-- until the logs can admit; 'record' adds local admissions to the logs.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local state = KEYS[1]
local mode = ARGV[1]
local function fmt(v) return string.format('%d', v) end
local function rule(i) return tonumber(ARGV[8 + 2 * i]), tonumber(ARGV[9 + 2 * i]) end
local function trim(i, window)
  -- Older entries are more than a window before any slot still to come.
  redis.call('ZREMRANGEBYSCORE', KEYS[i + 1], '-inf', '(' .. fmt(now - window))
end
local function keep(i, capacity, window, ahead)
  redis.call('ZREMRANGEBYRANK', KEYS[i + 1], 0, -(capacity + 1))
  redis.call('PEXPIRE', KEYS[i + 1], math.floor((ahead + window) / 1000) + 1000)
end
local paused_until = tonumber(redis.call('HGET', state, 'pause') or '0')
local function pause_for(pause)
  if pause > 0 and now + pause > paused_until then
    paused_until = now + pause
    redis.call('HSET', state, 'pause', fmt(paused_until))
    redis.call('PUBLISH', ARGV[6], fmt(paused_until))
  end
end
local rules = #KEYS - 1
if mode == 'reopen' then
  local reopen = -1
  local shortest = 1
  for i = 1, rules do
    local capacity, window = rule(i)
    if window < select(2, rule(shortest)) then shortest = i end
    trim(i, window)
    if redis.call('ZCARD', KEYS[i + 1]) >= capacity then
      local nth = redis.call('ZRANGE', KEYS[i + 1], -capacity, -capacity, 'WITHSCORES')
      reopen = math.max(reopen, tonumber(nth[2]) + window + 1)
    end
  end
  if reopen < 0 then
    local oldest = redis.call('ZRANGE', KEYS[shortest + 1], 0, 0, 'WITHSCORES')
    if #oldest > 0 then reopen = tonumber(oldest[2]) + select(2, rule(shortest)) + 1 end
  end
  pause_for(math.min(math.max(reopen - now, tonumber(ARGV[2])), tonumber(ARGV[8])))
  return {0, math.max(paused_until - now, 0), now, 0}
end
pause_for(tonumber(ARGV[2]))
if mode == 'pause' then
  return {0, math.max(paused_until - now, 0), now, 0}
end
local last = tonumber(redis.call('HGET', state, 'last') or '-1')
if mode == 'record' then
  local n = 0
  for age in string.gmatch(ARGV[9], '%d+') do
    n = n + 1
    local stamp = now - tonumber(age)
    last = math.max(last, stamp)
    for i = 1, rules do
      local capacity, window = rule(i)
      if stamp >= now - window then
        redis.call('ZADD', KEYS[i + 1], fmt(stamp), ARGV[5] .. ':' .. n)
      end
    end
  end
  for i = 1, rules do
    local capacity, window = rule(i)
    trim(i, window)
    keep(i, capacity, window, 0)
  end
  if last >= 0 then redis.call('HSET', state, 'last', fmt(last)) end
  return {0, math.max(paused_until - now, 0), now, 0}
end
local signature = redis.call('HGET', state, 'rules')
if signature and signature ~= ARGV[7]
    and now < tonumber(redis.call('HGET', state, 'rules_until') or '0') then
  return {-1, 0, now, 0, signature}
end
local epoch = tonumber(redis.call('HGET', state, 'epoch') or '-1')
if epoch < 0 then
  epoch = now
  redis.call('HSET', state, 'epoch', fmt(now))
end
local slot = math.max(now, paused_until, epoch + tonumber(ARGV[4]))
local longest = 0
local shortest = math.huge
local paced = -1
for i = 1, rules do
  local capacity, window = rule(i)
  longest = math.max(longest, window)
  trim(i, window)
  local latest = redis.call('ZRANGE', KEYS[i + 1], -capacity, -1, 'WITHSCORES')
  local top = -1
  if #latest > 0 then
    top = tonumber(latest[#latest])
    slot = math.max(slot, top)
  end
  if window < shortest then
    shortest = window
    paced = top >= 0 and top + math.floor(window / capacity) or -1
  end
  if #latest >= 2 * capacity then
    -- Strictly after the window of the N-th latest: a closed window holds both ends.
    slot = math.max(slot, tonumber(latest[2]) + window + 1)
  end
  if top < last and last >= now - window then
    -- Every slot enters every log: this log lost entries still inside its window.
    slot = math.max(slot, last + window + 1)
  end
end
-- Paced like the local gate (burst 1): one slot per W / N of the shortest rule, so a window's
-- N requests do not leave together and meet the next window's at its edge.
slot = math.max(slot, paced)
local wait = slot - now
if wait > tonumber(ARGV[3]) then
  -- Back when the slot is half the horizon away: callers told "at the horizon's edge" came
  -- back together, one took that slot and every other found its own pushed past the edge.
  return {0, wait - math.floor(tonumber(ARGV[3]) / 2), now, slot}
end
for i = 1, rules do
  local capacity, window = rule(i)
  redis.call('ZADD', KEYS[i + 1], fmt(slot), ARGV[5])
  keep(i, capacity, window, wait)
end
redis.call('HSET', state, 'last', fmt(slot), 'rules', ARGV[7], 'rules_until', fmt(slot + longest))
return {1, wait, now, slot}
"""
_SCRIPT_SHA = hashlib.sha1(_SCRIPT.encode()).hexdigest()


class RedisGateOptions(TypedDict, total=False):
    """Keyword options of :class:`RedisRateGate`, as taken by :func:`redis_rate_gate`."""

    safety_margin: float
    prefix: str
    outage_timeout: float
    local_fallback: bool
    expected_processes: int | None
    horizon: float | None
    command_timeout: float
    backoff_base: float
    max_pause: float


@attrs.frozen
class _Reply:
    status: int  # 1 admitted (slot reserved), 0 not admitted, -1 other rules hold the key
    wait: float  # seconds: until the reserved slot, until coming back, or of pause left
    now: float  # Redis time of the call, Unix seconds
    slot: float  # Redis time of the slot, Unix seconds
    other_rules: str = ""  # the signature that holds the key, for status -1

    @property
    def admitted(self) -> bool:
        return self.status == 1


def _parse(raw: object) -> _Reply:
    if isinstance(raw, list) and len(raw) == 5 and raw[0] == -1:
        other = raw.pop()
        if isinstance(other, bytes):
            other = other.decode(errors="replace")
        if isinstance(other, str):
            return _Reply(-1, 0.0, raw[2] / _MICROS, 0.0, other)
    if not (isinstance(raw, list) and len(raw) == 4 and all(isinstance(v, int) for v in raw)):
        raise RedisError("the rate gate script answered an unexpected reply")
    status, wait, now, slot = raw
    return _Reply(status, wait / _MICROS, now / _MICROS, slot / _MICROS)


def _key_digest(api_key: str | APIKey) -> str:
    raw = api_key.reveal() if isinstance(api_key, APIKey) else api_key
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _signature(limits: Sequence[RateLimit]) -> str:
    return ",".join(f"{rule.requests}/{float(rule.seconds)!r}s" for rule in limits)


class _ChannelGapError(Exception):
    """The pause channel may have missed messages (redis-py resubscribed after a reconnect)."""


class RedisRateGate:
    """A :class:`~smartlead_async.RateGate` shared by every process of an API key through Redis.

    See the module docs for the algorithm. Use one per event loop (it holds an ``asyncio.Lock``
    and a pause subscription); :func:`redis_rate_gate` gives clients one per loop and key
    automatically and closes it when it is dropped. A gate made directly is closed with
    :meth:`aclose` (closing the Redis client closes its subscription too).

    Args:
        redis: A ``redis.asyncio.Redis`` client (``decode_responses`` does not matter).
        api_key: The key whose limit is shared; only a SHA-256 digest of it reaches Redis.
        limits: Rules, all enforced exactly as sliding windows (``burst`` is not used: a log
            needs no bucket). Every process of a key must use the same rules: ``acquire``
            raises :class:`~smartlead_async.ConfigurationError` while another process's
            admission under other rules is inside their longest window.
        safety_margin: Fraction by which each window is lengthened, to absorb the spread of
            latency between processes and the server; 0.05 suits one region, use 0.10 across
            regions.
        prefix: First part of every Redis key.
        outage_timeout: Seconds of failing Redis calls after which ``acquire`` raises
            :class:`~smartlead_async.RateGateUnavailableError` (or falls back, see below).
        local_fallback: After ``outage_timeout``, admit through a local gate sized to
            ``floor(N / expected_processes)`` of each rule, after a fence of one longest window
            plus the horizon. Safe only when every process of the key loses Redis together and
            no more than ``expected_processes`` processes run: while some processes still reach
            Redis, up to ``N + F * floor(N / expected_processes)`` requests can go out in one
            window (``F`` processes in fallback). Local admissions are recorded in Redis when it
            answers again.
        expected_processes: How many processes share the key; required with ``local_fallback``.
        horizon: Furthest ahead, in seconds, a slot is reserved; a caller whose slot is later
            sleeps and asks again. Defaults to two shortest lengthened windows (room for 2N
            processes' reservations, N the shortest rule's requests).
        command_timeout: Seconds one Redis call may take before it counts as failed.
        backoff_base: Least pause after the second 429 in a row without ``Retry-After`` (see
            the module docs); doubles with each further one.
        max_pause: Longest pause taken from server feedback.

    Raises:
        ConfigurationError: Invalid options, or rules a process's fallback share cannot keep
            (a rule with fewer requests than ``expected_processes``).
    """

    def __init__(
        self,
        redis: Redis,
        api_key: str | APIKey,
        limits: Sequence[RateLimit] = DEFAULT_RATE_LIMITS,
        *,
        safety_margin: float = 0.05,
        prefix: str = "smartlead",
        outage_timeout: float = 30.0,
        local_fallback: bool = False,
        expected_processes: int | None = None,
        horizon: float | None = None,
        command_timeout: float = 2.0,
        backoff_base: float = 2.0,
        max_pause: float = 120.0,
    ) -> None:
        digest = _key_digest(api_key)
        del api_key  # only the digest is kept: tracebacks with locals must not show the key
        if not limits:
            raise ConfigurationError("rate_limits must contain at least one RateLimit")
        if not 0 <= safety_margin < 1:
            raise ConfigurationError("safety_margin must be in [0, 1)")
        for name, value in (
            ("outage_timeout", outage_timeout),
            ("command_timeout", command_timeout),
            ("horizon", 1.0 if horizon is None else horizon),
        ):
            if not value > 0:
                raise ConfigurationError(f"{name} must be > 0 seconds, got {value!r}")
        self.limits: tuple[RateLimit, ...] = tuple(limits)
        self._fallback_rules: tuple[RateLimit, ...] | None = None
        if local_fallback:
            self._fallback_rules = self._shares(expected_processes)
        self.safety_margin = safety_margin
        stretch = 1.0 + safety_margin
        windows = [rule.seconds * stretch for rule in self.limits]
        self._shortest = min(windows)
        # Paced slots come W/N apart, so a horizon of one window holds N reservations: more
        # processes than that would poll ("come back later") for every request. Two windows
        # keep up to 2N processes at about one round trip per request.
        self._horizon = 2 * self._shortest if horizon is None else horizon
        self._longest = max(windows)
        self._outage_timeout = outage_timeout
        self._command_timeout = command_timeout
        self._backoff_base = backoff_base
        self._max_pause = max_pause
        self._expected = expected_processes or 1
        base = f"{prefix}:gate:{{{digest}}}"  # a hash tag: all keys of a key in one cluster slot
        self._label = f"{prefix}:gate:{{{digest[:8]}…}}"
        self._keys = [f"{base}:state"] + [
            f"{base}:rule:{rule.requests}:{float(rule.seconds)!r}" for rule in self.limits
        ]
        self._channel = f"{base}:pauses"
        self._signature = _signature(self.limits)
        self._rule_args = [
            str(value)
            for rule, window in zip(self.limits, windows, strict=True)
            for value in (rule.requests, round(window * _MICROS))
        ]
        self._fence_us = round((self._longest + self._horizon) * _MICROS)
        self._redis = redis
        self._script_known = False  # whether this gate has had Redis cache the script
        self._member = secrets.token_hex(8)
        self._calls = 0
        self._lock = asyncio.Lock()
        self._paused_until = 0.0
        self._unshared_until = 0.0  # a pause Redis has not taken yet (loop time)
        self._clock_offset: float | None = None  # loop time minus Redis time, from the last reply
        self._pubsub: PubSub | None = None
        self._next_subscribe = 0.0
        self._closing = Background()
        self._strikes = 0  # 429s without Retry-After in a row, one per episode
        self._last_strike = -math.inf  # when the gate last reacted to a fresh 429
        self._last_admission = -math.inf
        self._failing_since: float | None = None
        self._declared_at: float | None = None  # when outage_timeout last ran out
        self._fallback: LocalRateGate | None = None
        self._fallback_from = 0.0
        self._next_probe = 0.0
        self._local_admissions: collections.deque[float] = collections.deque(
            maxlen=max(rule.requests for rule in self.limits)
        )

    def _shares(self, processes: object) -> tuple[RateLimit, ...]:
        """Each rule cut to one process's share for the fallback; refuses shares of nothing."""
        if isinstance(processes, bool) or not isinstance(processes, int) or processes < 1:
            raise ConfigurationError("local_fallback needs expected_processes, an int >= 1")
        shares = []
        for rule in self.limits:
            if rule.requests < processes:
                raise ConfigurationError(
                    f"local_fallback cannot keep {rule!r} across expected_processes={processes}: "
                    "each process's share would be 0 requests; lower expected_processes or "
                    "turn local_fallback off"
                )
            shares.append(RateLimit(rule.requests // processes, rule.seconds))
        check_local_limits(shares)
        return tuple(shares)

    def __repr__(self) -> str:
        return f"<RedisRateGate {self._label} limits={self.limits!r}>"

    @staticmethod
    def _now() -> float:
        return asyncio.get_running_loop().time()

    @property
    def paused_for(self) -> float:
        """Seconds left in a pause this process knows of (0 when not paused)."""
        return max(0.0, self._paused_until - self._now())

    @property
    def in_fallback(self) -> bool:
        """Whether the gate currently admits through its local fallback."""
        return self._fallback is not None

    def is_idle(self) -> bool:
        """True when no caller waits, no pause is pending and the last admission is a window
        old. The history lives in Redis, so forgetting the gate earlier would be safe; keeping
        it lets clients built one after another (per request) share its lock and backoff."""
        return (
            not self._lock.locked()
            and self.paused_for == 0.0
            and self._now() >= self._last_admission + self._longest
            and (self._fallback is None or self._fallback.is_idle())
        )

    async def aclose(self) -> None:
        """Close the pause subscription (the gate subscribes again if used later)."""
        pubsub, self._pubsub = self._pubsub, None
        if pubsub is not None:
            self._discard(pubsub)
        await self._closing.wait()

    async def acquire(self) -> None:
        """Wait until one request may be sent (see :meth:`admit`)."""
        await self.admit()

    async def admit(self) -> float:
        """Wait until one request may be sent; return its slot as a Unix time.

        The slot is in Redis's clock; in local fallback it is this host's ``time.time()``.

        Raises:
            RateGateUnavailableError: Redis failed for ``outage_timeout`` (without fallback).
            ConfigurationError: Another process of the key uses different rules.
        """
        entered = self._now()
        async with self._lock:
            declared = self._declared_at
            if self._fallback is None and declared is not None and declared >= entered:
                # Redis ran out of time while this caller queued: fail with the holder.
                raise self._unavailable(self._now() - (self._failing_since or entered), "queued")
            while True:
                if self._fallback is not None:
                    stamp = await self._admit_locally()
                    if stamp is not None:
                        return stamp
                    continue
                try:
                    slot = await self._reserve()
                except RateGateUnavailableError:
                    if self._fallback_rules is None:
                        raise
                    self._enter_fallback()
                    continue
                if slot is not None:
                    now = self._last_admission = self._now()
                    _admission.set((id(self), now))
                    return slot

    async def _reserve(self) -> float | None:
        """One reservation and the sleep until its slot: the slot, or ``None`` to go round."""
        if self._pubsub is None and self._failing_since is None:
            await self._subscribe()
        watched = self._pubsub  # only a subscription older than the reservation covers it
        reply = await self._call("admit")
        if reply.status < 0:
            raise ConfigurationError(
                f"another process of this API key uses other rate_limits ({reply.other_rules}) "
                f"than this one ({self._signature}); every process of one key must use the same"
            )
        if not reply.admitted:
            await asyncio.sleep(reply.wait)
            return None
        if reply.wait > 0 and not await self._sleep_to_slot(reply.wait, watched):
            return None  # the slot is left unused: a pause covers it
        # A pause this process learnt of while it slept outranks the slot.
        return reply.slot if self.paused_for == 0.0 else None

    async def _sleep_to_slot(self, wait: float, watched: PubSub | None) -> bool:
        """Sleep until a reserved slot; False when a key-wide pause may cover it."""
        deadline = self._now() + wait
        current = watched is not None and watched is self._pubsub
        if current and watched is not None and await self._watch_until(watched, deadline):
            return self.paused_for == 0.0
        await asyncio.sleep(max(0.0, deadline - self._now()))
        self._learn(await self._call("pause"))  # a pause written while no one listened
        return self.paused_for == 0.0

    async def _watch_until(self, pubsub: PubSub, deadline: float) -> bool:
        """Apply pause messages until ``deadline`` or a pause; False when the channel failed."""
        try:
            while (left := deadline - self._now()) > 0:
                message = await pubsub.get_message(timeout=left)
                if message is None:
                    continue
                if message.get("type") != "message":
                    raise _ChannelGapError
                self._learn_deadline(message.get("data"))
                if self.paused_for > 0:
                    return True
            return True
        except (*_REDIS_FAILURES, _ChannelGapError, ValueError):
            logger.warning("shared rate gate: the pause channel failed; reading pauses instead")
        except asyncio.CancelledError:
            self._drop(pubsub)  # a read cut short leaves the connection mid-reply
            raise
        self._drop(pubsub)
        return False

    def _learn_deadline(self, data: object) -> None:
        if isinstance(data, bytes | str) and self._clock_offset is not None:
            until = int(data) / _MICROS + self._clock_offset
            self._paused_until = max(self._paused_until, until)

    def _learn(self, reply: _Reply) -> None:
        """Take the pause left from a reply."""
        self._paused_until = max(self._paused_until, self._now() + reply.wait)

    async def _subscribe(self) -> None:
        """Subscribe to the key's pause channel, or leave it for a later admission."""
        if self._pubsub is not None or self._now() < self._next_subscribe:
            return
        pubsub = self._redis.pubsub()
        try:
            async with asyncio.timeout(self._command_timeout):
                await pubsub.subscribe(self._channel)
                while True:  # the confirmation: from then on every pause is delivered
                    message = await pubsub.get_message(timeout=self._command_timeout)
                    if message is not None and message.get("type") == "subscribe":
                        break
        except _REDIS_FAILURES as error:
            logger.warning("shared rate gate: no pause channel (%s)", type(error).__name__)
            # Until then, sleeping callers read the pause after the sleep instead.
            self._next_subscribe = self._now() + _PROBE_INTERVAL
            self._discard(pubsub)
            return
        self._pubsub = pubsub

    def _drop(self, pubsub: PubSub) -> None:
        if self._pubsub is pubsub:
            self._pubsub = None
        self._discard(pubsub)

    def _discard(self, pubsub: PubSub) -> None:
        self._closing.start(self._close(pubsub))

    @staticmethod
    async def _close(pubsub: PubSub) -> None:
        # Closing a broken connection can fail; nothing is left to release then.
        with contextlib.suppress(*_REDIS_FAILURES):
            await pubsub.aclose()  # type: ignore[no-untyped-call]  # redis-py leaves it untyped

    async def observe(self, feedback: RateFeedback) -> None:
        """Pause every process of the key on a 429 or an exhausted ``remaining`` (see above)."""
        if self._fallback is not None:
            await self._fallback.observe(feedback)
        mark = _admission.get()
        # Feedback on a request admitted before the gate reacted to the last 429 tells nothing
        # new; a request whose admission is unknown (observe from another task) counts as new.
        fresh = mark is None or mark[0] != id(self) or mark[1] > self._last_strike
        if feedback.status == 429:
            if feedback.retry_after is not None:
                await self._pause(feedback.retry_after, "429 Too Many Requests")
            else:
                if fresh:
                    self._strikes += 1
                    self._last_strike = self._now()
                await self._pause_until_reopen()
        elif feedback.status < 400 and fresh:
            self._strikes = 0
        exhausted = feedback.remaining is not None and feedback.remaining <= 0
        if exhausted and feedback.reset_after is not None:
            await self._pause(feedback.reset_after, "x-ratelimit-remaining is 0")

    async def _pause(self, seconds: float, reason: str) -> None:
        seconds = min(max(seconds, 0.0), self._max_pause)
        until = self._now() + seconds
        if seconds <= 0 or until <= self._paused_until:
            return
        self._paused_until = self._unshared_until = until
        logger.warning("shared rate gate paused for %.2f s: %s", seconds, reason)
        self._report(await self._try("pause"))

    async def _pause_until_reopen(self) -> None:
        doublings = min(self._strikes - 2, 32)  # the script caps it; this keeps the float finite
        backoff = min(
            self._backoff_base * 2.0**doublings if self._strikes > 1 else 0.0, self._max_pause
        )
        outcome = await self._try("reopen", least=backoff)
        if isinstance(outcome, _Reply):
            self._learn(outcome)
            logger.warning(
                "shared rate gate paused for %.2f s: 429 without Retry-After", outcome.wait
            )
            return
        # Without the logs, the shortest window is the first that can free a slot.
        until = self._now() + min(max(backoff, self._shortest), self._max_pause)
        self._paused_until = max(self._paused_until, until)
        self._unshared_until = max(self._unshared_until, until)
        self._report(outcome)

    @staticmethod
    def _report(outcome: _Reply | str) -> None:
        if not isinstance(outcome, _Reply):
            logger.warning(
                "shared rate gate: could not share the pause (%s); it goes with the next admission",
                outcome,
            )

    def _args(self, mode: str, least: float, ages: str) -> list[str]:
        self._calls += 1
        carried = least if mode == "reopen" else max(0.0, self._unshared_until - self._now())
        return [
            mode,
            str(round(carried * _MICROS)),
            str(round(self._horizon * _MICROS)),
            str(self._fence_us),
            f"{self._member}:{self._calls}",
            self._channel,
            self._signature,
            str(round(self._max_pause * _MICROS)),
            ages,
            *self._rule_args,
        ]

    async def _try(
        self, mode: str, *, within: float | None = None, least: float = 0.0, ages: str = ""
    ) -> _Reply | str:
        """One script call: its reply, or the name of the failure's type (never its message)."""
        unshared = self._unshared_until
        try:
            async with asyncio.timeout(self._command_timeout if within is None else within):
                raw = await self._run_script(self._args(mode, least, ages))
            reply = _parse(raw)
        except _REDIS_FAILURES as error:
            return type(error).__name__
        self._clock_offset = self._now() - reply.now
        if self._unshared_until == unshared:  # Redis has it now, unless a newer one came
            self._unshared_until = 0.0
        return reply

    async def _run_script(self, args: list[str]) -> object:
        """The admission script's raw reply, in one round trip when Redis has it cached.

        The first call sends the script itself (EVAL, which also caches it), so a fresh gate
        does not pay EVALSHA, NOSCRIPT, SCRIPT LOAD and EVALSHA again; later calls send its
        digest, and after a Redis restart emptied the cache, one EVAL sends it again.
        """
        if self._script_known:
            try:
                sent = self._redis.evalsha(_SCRIPT_SHA, len(self._keys), *self._keys, *args)
                return await cast("Awaitable[object]", sent)
            except NoScriptError:
                self._script_known = False
        sent = self._redis.eval(_SCRIPT, len(self._keys), *self._keys, *args)
        raw = await cast("Awaitable[object]", sent)
        self._script_known = True
        return raw

    async def _call(self, mode: str) -> _Reply:
        """The script's reply, retrying failures with capped, jittered backoff.

        Raises:
            RateGateUnavailableError: Calls kept failing for ``outage_timeout``.
        """
        attempt = 0
        while True:
            started = self._now()
            since = started if self._failing_since is None else self._failing_since
            budget = since + self._outage_timeout - started
            # Already out of time (an earlier caller declared the outage): one probe, no retry.
            timeout = self._command_timeout if budget <= 0 else min(self._command_timeout, budget)
            outcome = await self._try(mode, within=timeout)
            if isinstance(outcome, _Reply):
                if self._failing_since is not None:
                    logger.warning("shared rate gate: Redis answers again")
                self._failing_since = self._declared_at = None
                return outcome
            if self._failing_since is None:
                logger.warning("shared rate gate: Redis call failed (%s); retrying", outcome)
            self._failing_since = since
            now = self._now()
            if now - since >= self._outage_timeout:
                self._declared_at = now
                raise self._unavailable(now - since, outcome)
            attempt += 1
            backoff = min(_BACKOFF_CAP, _BACKOFF_FIRST * 2.0 ** (attempt - 1))
            jittered = backoff * (0.5 + random.random() / 2)
            await asyncio.sleep(min(jittered, since + self._outage_timeout - now))

    def _unavailable(self, seconds: float, kind: str) -> RateGateUnavailableError:
        logger.error("shared rate gate: Redis unavailable for %.1f s (%s)", seconds, kind)
        return RateGateUnavailableError(
            f"the shared rate gate could not reach Redis for {seconds:.1f} s ({kind}); "
            "nothing was sent"
        )

    def _enter_fallback(self) -> None:
        assert self._fallback_rules is not None
        now = self._now()
        self._fallback = LocalRateGate(self._fallback_rules, safety_margin=self.safety_margin)
        # Slots this and other processes reserved through Redis may still be in their windows.
        self._fallback_from = now + self._longest + self._horizon
        self._next_probe = now + _PROBE_INTERVAL
        logger.warning(
            "shared rate gate: Redis unavailable, admitting locally at 1/%d of the limit",
            self._expected,
        )

    async def _admit_locally(self) -> float | None:
        """Admit through the fallback; ``None`` when Redis is back (the caller goes round)."""
        assert self._fallback is not None
        await asyncio.sleep(max(0.0, self._fallback_from - self._now()))
        if self._now() >= self._next_probe:
            self._next_probe = self._now() + _PROBE_INTERVAL
            # The probe hands Redis the local admissions still inside a window, as ages (Redis
            # turns them into its own time), so every process counts them from then on.
            now = self._now()
            ages = " ".join(
                str(round((now - stamp) * _MICROS))
                for stamp in self._local_admissions
                if now - stamp < self._longest
            )
            if isinstance(await self._try("record", ages=ages), _Reply):
                logger.warning("shared rate gate: Redis answers again, leaving local fallback")
                self._fallback = None
                self._local_admissions.clear()
                self._failing_since = self._declared_at = None
                return None
        await self._fallback.acquire()
        self._last_admission = self._now()
        self._local_admissions.append(self._last_admission)
        return time.time()


@attrs.frozen(eq=False)
class _RedisGateFactory:
    """Builds one :class:`RedisRateGate` per key; equal for the same Redis client and options, so
    a factory made per request still resolves to the gate of the first."""

    redis: Redis
    options: tuple[tuple[str, object], ...]

    def __call__(
        self, api_key: APIKey, base_url: str, limits: Sequence[RateLimit]
    ) -> RedisRateGate:
        del base_url  # SmartLead counts per key, whatever the URL
        options: RedisGateOptions = dict(self.options)  # type: ignore[assignment]
        return RedisRateGate(self.redis, api_key, limits, **options)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _RedisGateFactory)
            and other.redis is self.redis
            and other.options == self.options
        )

    def __hash__(self) -> int:
        return hash((id(self.redis), self.options))


def redis_rate_gate(redis: Redis, **options: Unpack[RedisGateOptions]) -> RateGateFactory:
    """A gate factory for ``SmartleadClient(key, rate_gate=redis_rate_gate(redis))``.

    The client builds one :class:`RedisRateGate` per event loop per key and base URL from it, so
    every client of a key in a process shares one gate (and one lock), and every process shares
    the Redis state. Options are those of :class:`RedisRateGate`; the limits are the client's
    ``rate_limits``.

    Raises:
        ConfigurationError: Invalid options (checked here, not at the first request).
    """
    RedisRateGate(redis, "options-check", **options)
    return _RedisGateFactory(redis, tuple(sorted(options.items())))
