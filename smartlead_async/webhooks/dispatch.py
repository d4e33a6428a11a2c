"""Dedupe and dispatch webhook deliveries, sans I/O: :class:`WebhookDispatcher`.

* :class:`MemoryDedupe` (or any :class:`DedupeStore`) with :func:`delivery_key` lets a retried
  or concurrently repeated delivery be processed once: a copy *claims* the key before its
  handler runs, so N simultaneous copies run the handler exactly once.
* :class:`WebhookDispatcher` puts parsing, verification and dedupe together and tells the
  framework adapter (:mod:`smartlead_async.integrations`) which status to answer.

Order of checks, cheapest and least trusting first: the body size cap (:data:`MAX_BODY_BYTES`,
enforced while reading, so an oversized body is never held in memory); the HMAC signature, over
the raw bytes and therefore before any parsing; the depth-limited parse; the ``secret_key``,
which can only be checked after the parse because it travels inside the JSON body; the dedupe
claim; the handler.

SmartLead treats 2xx as delivered, 4xx as a permanent failure it does not retry, and 5xx or a
timeout as temporary (retried after 1, 5 and 30 minutes). The dispatcher answers accordingly:

=====  ===================================================================================
200    processed, or a duplicate of a delivery whose handler already completed
400    not JSON, nested too deep, not event objects, or an object without ``event_type``
401    wrong ``secret_key`` or ``X-Smartlead-Signature``
413    body larger than the dispatcher's ``max_body_bytes``
500    your handler raised: the claim is released, so SmartLead's retry runs it again
503    a copy of this delivery is being handled right now: retry later (it may still fail);
       or the dedupe store failed before the handler ran (the handler is not run)
=====  ===================================================================================
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import time
from collections.abc import AsyncIterable, Awaitable, Callable, Mapping
from typing import Protocol, TypeAlias, TypeVar, cast, overload, runtime_checkable

import attrs

from smartlead_async._background import Background
from smartlead_async._json import JSON
from smartlead_async.errors import InvalidWebhookError, WebhookAuthenticationError
from smartlead_async.webhooks.events import EmailLinkClicked, EmailReplied, WebhookEvent
from smartlead_async.webhooks.parse import parse_events, verify_secret_key, verify_signature

__all__ = [
    "MAX_BODY_BYTES",
    "DedupeStore",
    "DispatchResult",
    "EventHandler",
    "Handler",
    "MemoryDedupe",
    "WebhookDispatcher",
    "delivery_key",
]

logger = logging.getLogger("smartlead_async")

#: Default cap on a delivery's body. SmartLead's largest events (a reply with its thread in
#: ``history``) are tens of kilobytes.
MAX_BODY_BYTES = 1 << 20


def delivery_key(event: WebhookEvent, request_id: str | None = None) -> str:
    """A key that is the same for every retry of one delivery.

    (docs/api-notes.md, Webhook retries and deduplication)

    The first that is known, in this order:

    1. ``request:<X-Request-Id>``: ``request_id``, else the ``X-Request-Id`` the event was
       parsed with (:attr:`~WebhookEvent.request_id`);
    2. ``envelope:<id>``: the newer envelope's event id (``evt_…``), the same on each attempt;
    3. ``stats:<stats_id>:<event_type>``, the documented fallback; for ``EMAIL_REPLY`` and
       ``EMAIL_LINK_CLICK``, which one email can cause several times, the reply's message id
       or the links clicked are appended when the event carries them;
    4. ``message:<message_id>:<event_type>``;
    5. ``event:<event_type>:<campaign_id>:<lead>:<step>:<time>``, from the event's own fields
       (the events page's campaign + recipient + event type + timestamp).
    """
    request_id = request_id or event.request_id
    if request_id:
        return f"request:{request_id}"
    if event.delivery is not None and event.delivery.id:
        return f"envelope:{event.delivery.id}"
    if event.stats_id:
        key = f"stats:{event.stats_id}:{event.event_type}"
        detail = _repeat_detail(event)
        return f"{key}:{detail}" if detail else key
    message_id = getattr(event, "message_id", None)
    if message_id:
        return f"message:{message_id}:{event.event_type}"
    occurred = event.occurred_at.isoformat() if event.occurred_at else None
    return (
        f"event:{event.event_type}:{event.campaign_id}:{event.lead_email}:"
        f"{event.sequence_number}:{occurred}"
    )


def _repeat_detail(event: WebhookEvent) -> str | None:
    """What tells apart two events of one type caused by one email (one ``stats_id``)."""
    if isinstance(event, EmailReplied):
        reply = event.reply_message.message_id if event.reply_message else None
        return reply or event.message_id
    if isinstance(event, EmailLinkClicked) and event.link_clicked:
        return " ".join(event.link_clicked)
    return None


@runtime_checkable
class DedupeStore(Protocol):
    """Claims deliveries so that each runs its handler once, across copies, retries and workers.

    The dispatcher calls :meth:`claim` before the handler, then exactly one of :meth:`complete`
    (the handler succeeded) or :meth:`release` (it raised or was cancelled); it calls
    :meth:`completed` only after a refused claim, to tell a finished duplicate (answered 200)
    from one still in progress (answered 503). Every method is one Redis command: ``SET key
    pending NX PX <ttl>``, ``SET key done PX <retention>``, ``DEL key`` and ``GET key``
    (:class:`smartlead_async.redis.RedisDedupe` makes the middle two compare-and-set scripts
    on a per-claim token, so a late call after an expiry cannot touch another worker's claim).
    """

    async def claim(self, key: str) -> bool:
        """Take ``key`` for this caller: True if it is now ours to process; False if it was
        completed already or is claimed by someone else (the claim must expire, so that a
        crashed worker does not block the delivery forever)."""
        ...

    async def complete(self, key: str) -> None:
        """Record ``key`` as processed: every later claim is refused."""
        ...

    async def release(self, key: str) -> None:
        """Drop this caller's claim on ``key`` unprocessed: the next copy may claim it."""
        ...

    async def completed(self, key: str) -> bool:
        """Whether ``key`` was recorded as processed."""
        ...


class MemoryDedupe:
    """An in-process :class:`DedupeStore`: claims with a time-to-live, completed keys in an LRU.

    A live claim is never evicted: when ``max_keys`` claims are held at once, further claims are
    refused (the delivery is answered 503 and retried) rather than letting a second copy in.
    A claim that is neither completed nor released expires after ``claim_ttl`` seconds; the TTL
    must exceed your handler's longest run, since the store cannot tell an expired claim's
    late :meth:`complete` or :meth:`release` from the new owner's.

    Args:
        max_keys: How many completed keys to remember (the least recently seen are forgotten
            first), and how many claims may be held at once. SmartLead retries a delivery a
            few times within the hour, so a few thousand covers busy receivers.
        claim_ttl: Seconds a claim lasts. The default lets SmartLead's 5-minute retry of a
            delivery whose worker died run it again.
        clock: Monotonic seconds (inject a fake one in tests).
    """

    def __init__(
        self,
        max_keys: int = 10_000,
        *,
        claim_ttl: float = 240.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_keys < 1:
            raise ValueError("max_keys must be >= 1")
        if not claim_ttl > 0:
            raise ValueError("claim_ttl must be > 0")
        self._done: collections.OrderedDict[str, None] = collections.OrderedDict()
        # key -> deadline. One TTL and a monotonic clock keep insertion order = deadline order.
        self._claims: collections.OrderedDict[str, float] = collections.OrderedDict()
        self._max_keys = max_keys
        self._claim_ttl = claim_ttl
        self._clock = clock

    async def claim(self, key: str) -> bool:
        """See :meth:`DedupeStore.claim`."""
        now = self._clock()
        while self._claims and next(iter(self._claims.values())) <= now:
            self._claims.popitem(last=False)
        if key in self._done:
            self._done.move_to_end(key)
            return False
        if key in self._claims or len(self._claims) >= self._max_keys:
            return False
        self._claims[key] = now + self._claim_ttl
        return True

    async def complete(self, key: str) -> None:
        """See :meth:`DedupeStore.complete`."""
        self._claims.pop(key, None)
        self._done[key] = None
        self._done.move_to_end(key)
        while len(self._done) > self._max_keys:
            self._done.popitem(last=False)

    async def release(self, key: str) -> None:
        """See :meth:`DedupeStore.release`."""
        self._claims.pop(key, None)

    async def completed(self, key: str) -> bool:
        """See :meth:`DedupeStore.completed`."""
        return key in self._done


E = TypeVar("E", bound=WebhookEvent)
#: An async handler of one event class.
Handler: TypeAlias = Callable[[E], Awaitable[None]]
#: A handler of any event: what the dispatcher calls.
EventHandler: TypeAlias = Handler[WebhookEvent]


#: Completions still running after their request was cancelled.
_completions = Background()


def _completed(completion: asyncio.Future[None]) -> None:
    exc = None if completion.cancelled() else completion.exception()
    if isinstance(exc, Exception):
        _store_failed("complete", exc)


def _store_failed(operation: str, exc: Exception) -> None:
    # The exception's type and text only: no traceback, whose frames hold the store's client.
    logger.error("webhook dedupe store failed to %s: %s: %s", operation, type(exc).__name__, exc)


@attrs.frozen
class DispatchResult:
    """What to answer SmartLead: an HTTP status and a small JSON body (no internals)."""

    status: int
    body: dict[str, JSON]


class WebhookDispatcher:
    """Verify, parse, dedupe and dispatch deliveries; framework adapters only do the I/O.

    Handlers are chosen by event class (``EmailReplied``), then by ``event_type`` string, then
    ``"*"``; events with no handler are acknowledged and ignored. Each event is parsed with the
    delivery's headers, so a handler reads ``event.request_id`` and ``event.level``
    (``X-Request-Id``, ``X-Webhook-Level``).

    Checks run in the order of the module docs (size, signature, parse, secret, claim) and
    answer with the status table there. Each event's :func:`delivery_key` is claimed in the
    dedupe store before its handler runs, so copies of one delivery that arrive together run the
    handler once: the claimant answers when its handler is done, the others at once with 503
    (not 200, because the claimant may still fail; SmartLead retries them). A copy that arrives
    after the handler completed is answered 200 as a duplicate. When the handler raises, its
    exception is logged, never sent back, the claim is released and the answer is 500, so that
    SmartLead's retry runs it again. A body holding several events stops at the first event that
    fails or is in progress; the retry skips the events already completed. When the store
    raises, the error is logged (type and message, no traceback): before the handler ran the
    answer is 503 and the handler is not run; a failed release still answers 500 (the claim
    lasts until its TTL); a failed complete after the handler succeeded answers 200, since a
    retry would run the handler again once the claim expires.

    Args:
        handlers: Event class or type name → async handler.
        secret: Expected in-body ``secret_key`` (checked when given).
        signing_secret: Key of ``X-Smartlead-Signature`` (checked when given; where SmartLead
            issues it is not documented, and no capture shows the header yet).
        dedupe: Where deliveries are claimed; ``None`` (the default) uses a new
            :class:`MemoryDedupe`, which only dedupes within this process.
        max_body_bytes: Largest body accepted; a larger one is answered 413 without being read
            further (:meth:`receive`).
    """

    def __init__(
        self,
        handlers: Mapping[type[WebhookEvent] | str, EventHandler] | None = None,
        *,
        secret: str | None = None,
        signing_secret: str | None = None,
        dedupe: DedupeStore | None = None,
        max_body_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        if max_body_bytes < 1:
            raise ValueError("max_body_bytes must be >= 1")
        self._handlers: dict[type[WebhookEvent] | str, EventHandler] = dict(handlers or {})
        self._secret = secret
        self._signing_secret = signing_secret
        self._dedupe = dedupe if dedupe is not None else MemoryDedupe()
        self._max_body_bytes = max_body_bytes

    @overload
    def on(self, *kinds: type[E]) -> Callable[[Handler[E]], Handler[E]]: ...

    @overload
    def on(
        self, *kinds: type[WebhookEvent] | str
    ) -> Callable[[Handler[WebhookEvent]], Handler[WebhookEvent]]: ...

    def on(self, *kinds: type[E] | str) -> Callable[[Handler[E]], Handler[E]]:
        """Register a handler with a decorator: ``@dispatcher.on(EmailReplied)``.

        Typed for the classes it is given: ``@hooks.on(EmailReplied)`` accepts ``async def
        on_reply(event: EmailReplied) -> None``, and a type checker refuses a handler written for
        another event class. A handler for ``event_type`` strings or ``"*"`` takes any
        :class:`WebhookEvent` (:class:`UnknownEvent` included).
        """

        def register(handler: Handler[E]) -> Handler[E]:
            for kind in kinds:
                # Sound: handler_for gives a class's handler only instances of that class.
                self._handlers[kind] = cast("EventHandler", handler)
            return handler

        return register

    def handler_for(self, event: WebhookEvent) -> EventHandler | None:
        """The handler an event goes to, if any."""
        for cls in type(event).__mro__:
            if cls in self._handlers:
                return self._handlers[cls]
        return self._handlers.get(str(event.event_type)) or self._handlers.get("*")

    def _too_large(self) -> DispatchResult:
        return DispatchResult(
            413, {"ok": False, "error": f"body larger than {self._max_body_bytes} bytes"}
        )

    async def receive(
        self, body: AsyncIterable[bytes], headers: Mapping[str, str]
    ) -> DispatchResult:
        """Handle one delivery whose body is still being read: what adapters call.

        A ``Content-Length`` above ``max_body_bytes`` is answered 413 before a byte of the body
        is read; otherwise chunks are read until the body ends or would exceed the cap (413,
        the rest is never read). While reading, at most ``max_body_bytes`` plus the chunk in
        hand are held, besides the framework's own read-ahead buffer.

        Args:
            body: The body's chunks, as the framework streams them.
            headers: The request headers (a case-insensitive mapping).
        """
        declared = headers.get("Content-Length", "").strip()
        # A length of 19+ digits is over any cap, and int() refuses 4,301+ digits outright.
        if (
            declared.isascii()
            and declared.isdigit()
            and (len(declared) > 18 or int(declared) > self._max_body_bytes)
        ):
            return self._too_large()
        chunks: list[bytes] = []
        size = 0
        async for chunk in body:
            size += len(chunk)
            if size > self._max_body_bytes:
                return self._too_large()
            chunks.append(chunk)
        raw_body = b"".join(chunks)
        del chunks  # the joined copy is all that is needed from here on
        return await self.dispatch(raw_body, headers)

    async def dispatch(self, raw_body: bytes, headers: Mapping[str, str]) -> DispatchResult:
        """Handle one delivery already read whole: the raw body and its headers
        (case-insensitive mapping). Prefer :meth:`receive`, which never reads past the cap."""
        if len(raw_body) > self._max_body_bytes:
            return self._too_large()
        try:
            if self._signing_secret is not None:
                signature = headers.get("X-Smartlead-Signature")
                verify_signature(raw_body, signature, self._signing_secret)
            events = parse_events(raw_body, headers=headers)
            if self._secret is not None:
                for event in events:
                    verify_secret_key(event, self._secret)
        except WebhookAuthenticationError as exc:
            return DispatchResult(401, {"ok": False, "error": str(exc)})
        except InvalidWebhookError as exc:
            return DispatchResult(400, {"ok": False, "error": str(exc)})
        processed = duplicates = 0
        for index, event in enumerate(events):
            # One X-Request-Id for a body of several events: each event's key adds its index.
            several = len(events) > 1 and event.request_id
            key = delivery_key(event, f"{event.request_id}:{index}" if several else None)
            try:
                claimed = await self._dedupe.claim(key)
                duplicate = not claimed and await self._dedupe.completed(key)
            except Exception as exc:
                # Whether the delivery ran is unknown: running the handler unclaimed could run it
                # twice, and a 200 could lose it. A 503 makes SmartLead retry.
                _store_failed("claim", exc)
                return DispatchResult(
                    503, {"ok": False, "error": "dedupe store unavailable; retry later"}
                )
            if duplicate:
                duplicates += 1
                continue
            if not claimed:
                return DispatchResult(
                    503, {"ok": False, "error": "delivery in progress elsewhere; retry later"}
                )
            handler = self.handler_for(event)
            try:
                if handler is not None:
                    await handler(event)
            except BaseException as exc:
                # Cancelled too (the client hung up): an unfinished delivery must stay claimable.
                try:
                    await self._dedupe.release(key)
                except Exception as store_exc:
                    # The claim then lasts until its TTL; the retry after that runs the handler.
                    _store_failed("release", store_exc)
                if not isinstance(exc, Exception):
                    raise
                logger.exception("webhook handler failed for %s", event.event_type)
                return DispatchResult(500, {"ok": False, "error": "handler failed"})
            # Shielded: the handler succeeded, so a cancellation now (the client hung up) must
            # not leave the claim to expire, or SmartLead's retry would run the handler again.
            completion = _completions.start(self._dedupe.complete(key))
            completion.add_done_callback(_completed)
            # A failure is logged by _completed and answered 200: a 5xx would make SmartLead
            # run the handler again.
            with contextlib.suppress(Exception):
                await asyncio.shield(completion)
            processed += 1
        return DispatchResult(200, {"ok": True, "processed": processed, "duplicates": duplicates})
