"""Webhook events, sans I/O: parse, verify and dedupe what SmartLead posts to you.

No web framework is imported here; :mod:`smartlead_async.integrations` holds thin adapters.

* :func:`parse_event` / :func:`parse_events` turn a body (bytes, text or a mapping) into typed
  events: one class per event type (docs/api-notes.md#webhook-events), :class:`UnknownEvent` for any
  other ``event_type`` (a new event never raises). A JSON array yields several events. Text
  nested deeper than :data:`MAX_JSON_DEPTH` is refused before ``json.loads`` sees it (which
  would otherwise raise ``RecursionError``), so a hostile body is a :class:`WebhookJSONError`.
* :func:`verify_secret_key` compares the in-body ``secret_key`` in constant time. That is what
  campaign webhooks carry; it is a shared secret, not a signature, and the dashboard's test
  button sends the literal ``"secretkey"``.
* :func:`verify_signature` checks ``X-Smartlead-Signature: sha256=<HMAC-SHA256 of the raw
  body>``, described by the help center for the newer account-level webhooks and never observed
  on campaign webhooks: use it only if your deliveries carry the header.
* :class:`MemoryDedupe` (or any :class:`DedupeStore`) with :func:`delivery_key` lets a retried
  or concurrently repeated delivery be processed once: a copy *claims* the key before its
  handler runs, so N simultaneous copies run the handler exactly once.
* :class:`WebhookDispatcher` puts it together and tells the adapter which status to answer.

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
import datetime as dt
import hashlib
import hmac
import json
import logging
import re
import time
from collections.abc import AsyncIterable, Awaitable, Callable, Mapping
from typing import Protocol, cast, runtime_checkable

import attrs
import cattrs

from smartlead_async._background import Background
from smartlead_async._convert import make_converter
from smartlead_async._json import JSON
from smartlead_async.errors import SmartleadError
from smartlead_async.models._base import Model, wire_name
from smartlead_async.models.webhooks import WebhookEventType

__all__ = [
    "MAX_BODY_BYTES",
    "MAX_JSON_DEPTH",
    "DedupeStore",
    "DispatchResult",
    "EmailBounced",
    "EmailLinkClicked",
    "EmailOpened",
    "EmailReplied",
    "EmailSent",
    "InvalidWebhookError",
    "LeadCategoryChange",
    "LeadCategoryUpdated",
    "LeadCorrespondence",
    "LeadUnsubscribed",
    "MemoryDedupe",
    "MissingEventTypeError",
    "ThreadMessage",
    "UnknownEvent",
    "WebhookAuthenticationError",
    "WebhookDispatcher",
    "WebhookError",
    "WebhookEvent",
    "WebhookJSONError",
    "WebhookLeadData",
    "WebhookMessage",
    "delivery_key",
    "parse_event",
    "parse_events",
    "verify_secret_key",
    "verify_signature",
]


logger = logging.getLogger("smartlead_async")

#: Default cap on a delivery's body. SmartLead's largest events (a reply with its thread in
#: ``history``) are tens of kilobytes.
MAX_BODY_BYTES = 1 << 20
#: Default cap on JSON nesting. Real payloads nest about four levels deep.
MAX_JSON_DEPTH = 64


class WebhookError(SmartleadError, ValueError):
    """Root of webhook parsing and verification errors."""


class InvalidWebhookError(WebhookError):
    """The body is not JSON, not an object (or array of objects), or has no ``event_type``."""


class WebhookJSONError(InvalidWebhookError):
    """The body is not valid JSON."""


class MissingEventTypeError(InvalidWebhookError):
    """An event object has no ``event_type`` (so it cannot even be an ``UnknownEvent``)."""


class WebhookAuthenticationError(WebhookError):
    """The secret key or signature does not match."""


def _hidden(value: object) -> str:
    return "None" if value is None else "'***'"


@attrs.frozen(kw_only=True)
class WebhookMessage(Model):
    """An email as webhooks embed it (``sent_message``, ``reply_message``, ``bounce_message``)."""

    message_id: str | None = None
    html: str | None = None
    text: str | None = None
    time: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class LeadCorrespondence(Model):
    """Who actually replied (added 2025): the lead, or a colleague or forwardee."""

    target_lead_email: str | None = attrs.field(default=None, metadata=wire_name("targetLeadEmail"))
    reply_received_from: str | None = attrs.field(
        default=None, metadata=wire_name("replyReceivedFrom")
    )
    replied_company_domain: str | None = attrs.field(
        default=None, metadata=wire_name("repliedCompanyDomain")
    )
    forwarded_from: str | None = attrs.field(default=None, metadata=wire_name("forwardedFrom"))


@attrs.frozen(kw_only=True)
class LeadCategoryChange(Model):
    """The category a lead moved from and to."""

    old_id: int | None = None
    old_name: str | None = None
    new_id: int | None = None
    new_name: str | None = None


@attrs.frozen(kw_only=True)
class WebhookLeadData(Model):
    """The lead's fields, as ``LEAD_CATEGORY_UPDATED`` sends them."""

    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone_number: str | None = None
    company_name: str | None = None
    website: str | None = None
    location: str | None = None
    company_url: str | None = None
    linkedin_profile: str | None = None
    custom_fields: JSON = None


@attrs.frozen(kw_only=True)
class ThreadMessage(Model):
    """One message of a thread (``history``, ``last_reply``)."""

    stats_id: str | None = None
    type: str | None = None
    message_id: str | None = None
    time: dt.datetime | None = None
    email_body: str | None = None
    subject: str | None = None


@attrs.frozen(kw_only=True)
class WebhookEvent(Model):
    """The envelope every event carries (docs/api-notes.md, Webhook events).

    ``from_email`` is always *your* mailbox and ``to_email`` the lead, replies included.
    ``secret_key`` is hidden in reprs. Use :attr:`lead_email` rather than a single field: the
    lead's address sits in different keys depending on the event and its age.
    """

    event_type: WebhookEventType
    webhook_id: int | None = None
    webhook_name: str | None = None
    webhook_url: str | None = None
    event_timestamp: dt.datetime | None = None
    campaign_id: int | None = None
    campaign_name: str | None = None
    campaign_status: str | None = None
    client_id: int | None = None
    sequence_number: int | None = None
    from_email: str | None = None
    to_email: str | None = None
    to_name: str | None = None
    subject: str | None = None
    stats_id: str | None = None
    sl_email_lead_id: str | None = None
    sl_email_lead_map_id: int | None = None
    sl_lead_email: str | None = None
    app_url: str | None = None
    ui_master_inbox_link: str | None = None
    secret_key: str | None = attrs.field(default=None, repr=_hidden)
    description: str | None = None
    metadata: JSON = None
    #: Deprecated alias some events and older receivers use (``lead_email``).
    lead_email_alias: str | None = attrs.field(default=None, metadata=wire_name("lead_email"))

    @property
    def lead_email(self) -> str | None:
        """The lead's address: ``sl_lead_email``, else ``to_email``, else the ``lead_email``
        alias, else the address in ``description`` ("… sent to x@y got bounced")."""
        for candidate in (self.sl_lead_email, self.to_email, self.lead_email_alias):
            if candidate:
                return candidate
        found = _EMAIL_IN_TEXT.search(self.description or "")
        return found.group(0) if found else None


_EMAIL_IN_TEXT = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


@attrs.frozen(kw_only=True)
class EmailSent(WebhookEvent):
    """``EMAIL_SENT``: an email of the sequence went out."""

    sent_message: WebhookMessage | None = None
    time_sent: dt.datetime | None = None
    custom_subject: str | None = None
    custom_email_message: str | None = None
    message_id: str | None = None


@attrs.frozen(kw_only=True)
class EmailOpened(WebhookEvent):
    """``EMAIL_OPEN``: first open of an email."""

    time_opened: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class EmailLinkClicked(WebhookEvent):
    """``EMAIL_LINK_CLICK``: a unique click on a link."""

    time_clicked: dt.datetime | None = None
    link_clicked: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class EmailReplied(WebhookEvent):
    """``EMAIL_REPLY``: the lead (or someone at their company) replied.

    Answer with ``client.inbox.reply(campaign_id, email_stats_id=event.stats_id, …)``.
    """

    stats_thread_id: str | None = None
    cc_emails: tuple[str, ...] = ()
    sent_message: WebhookMessage | None = None
    reply_message: WebhookMessage | None = None
    lead_correspondence: LeadCorrespondence | None = attrs.field(
        default=None, metadata=wire_name("leadCorrespondence")
    )
    time_replied: dt.datetime | None = None
    sent_message_body: str | None = None
    message_id: str | None = None
    reply_body: str | None = None
    preview_text: str | None = None


@attrs.frozen(kw_only=True)
class LeadUnsubscribed(WebhookEvent):
    """``LEAD_UNSUBSCRIBED``: the lead unsubscribed (documented by envelope only)."""


@attrs.frozen(kw_only=True)
class LeadCategoryUpdated(WebhookEvent):
    """``LEAD_CATEGORY_UPDATED``: the lead's category changed (for the webhook's categories)."""

    lead_id: int | None = None
    created_at: dt.datetime | None = None
    lead_category: LeadCategoryChange | None = None
    lead_data: WebhookLeadData | None = None
    history: tuple[ThreadMessage, ...] = ()
    last_reply: ThreadMessage | None = None
    from_alias: str | None = attrs.field(default=None, metadata=wire_name("from"))
    to_alias: str | None = attrs.field(default=None, metadata=wire_name("to"))
    lead_name: str | None = None
    category: str | None = None
    lead_category_id: int | None = None
    last_reply_alias: ThreadMessage | None = attrs.field(
        default=None, metadata=wire_name("lastReply")
    )


@attrs.frozen(kw_only=True)
class EmailBounced(WebhookEvent):
    """``EMAIL_BOUNCE``: an email bounced (``is_sender_originated_bounce`` tells whose fault)."""

    created_at: dt.datetime | None = None
    sent_message: WebhookMessage | None = None
    bounce_message: WebhookMessage | None = None
    is_sender_originated_bounce: bool | None = None
    time_sent: dt.datetime | None = None
    custom_subject: str | None = None
    custom_email_message: str | None = None
    sent_message_body: str | None = None
    message_id: str | None = None
    is_bounced: bool | None = None
    bounce_reply_message_id: str | None = None
    bounce_reply_email: str | None = None
    bounce_reply_email_preview: str | None = None


@attrs.frozen(kw_only=True)
class UnknownEvent(WebhookEvent):
    """Any other ``event_type``: the envelope is typed, everything else is in ``extra``."""


_EVENT_CLASSES: dict[str, type[WebhookEvent]] = {
    "EMAIL_SENT": EmailSent,
    "EMAIL_OPEN": EmailOpened,
    "EMAIL_LINK_CLICK": EmailLinkClicked,
    "EMAIL_REPLY": EmailReplied,
    "LEAD_UNSUBSCRIBED": LeadUnsubscribed,
    "LEAD_CATEGORY_UPDATED": LeadCategoryUpdated,
    "EMAIL_BOUNCE": EmailBounced,
}
_CONVERTER = make_converter()


# Backslash escapes first (left to right, as a JSON string scanner pairs them), so that what is
# left of every string is quote-free and `"[^"]*"` removes it in linear time. Outside strings a
# backslash is a syntax error at which json.loads stops, so pairing it there changes nothing.
_ESCAPE = re.compile(r"\\.", re.DOTALL)
_STRING = re.compile(r'"[^"]*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _check_depth(text: str, max_depth: int) -> None:
    """Refuse text whose brackets (outside strings) nest deeper than ``max_depth`` or do not
    balance, without recursion: every round deletes the innermost ``[]`` pairs, which lowers a
    balanced sequence's depth by exactly one, so ``max_depth`` rounds empty any legal one."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", _ESCAPE.sub("", text)))
    brackets = brackets.replace("{", "[").replace("}", "]")
    for _ in range(max_depth):
        if not brackets:
            return
        inner = brackets.replace("[]", "")
        if inner == brackets:
            break
        brackets = inner
    if brackets:
        raise WebhookJSONError(
            f"webhook body is not JSON: brackets unbalanced or nested deeper than {max_depth}"
        )


def _load(raw: bytes | str | Mapping[str, object] | list[object], max_depth: int) -> JSON:
    if isinstance(raw, bytes | str):
        try:
            # The decoding json.loads does for bytes, done first so the depth scan sees the text.
            text = (
                raw
                if isinstance(raw, str)
                else raw.decode(json.detect_encoding(raw), "surrogatepass")
            )
        except UnicodeDecodeError as exc:
            raise WebhookJSONError(f"webhook body is not JSON: {exc}") from None
        _check_depth(text, max_depth)
        try:
            loaded: JSON = json.loads(text)
        except ValueError as exc:
            raise WebhookJSONError(f"webhook body is not JSON: {exc}") from None
        return loaded
    # Mappings and lists come from a framework that already parsed JSON: JSON values inside.
    if isinstance(raw, Mapping):
        return cast(JSON, dict(raw))
    return cast(JSON, list(raw))


def _event(item: JSON, converter: cattrs.Converter) -> WebhookEvent:
    if not isinstance(item, dict):
        # The type, not a repr: a repr of a hostile value is as deep and as long as the value.
        raise InvalidWebhookError(
            f"a webhook event must be a JSON object, got {type(item).__name__}"
        )
    event_type = item.get("event_type")
    if not isinstance(event_type, str) or not event_type:
        raise MissingEventTypeError("webhook body has no event_type")
    cls = _EVENT_CLASSES.get(event_type, UnknownEvent)
    try:
        return converter.structure(item, cls)
    except cattrs.BaseValidationError as exc:
        problems = "; ".join(cattrs.transform_error(exc))
        raise InvalidWebhookError(f"{event_type} event does not decode: {problems}") from None


def parse_events(
    raw: bytes | str | Mapping[str, object] | list[object],
    *,
    converter: cattrs.Converter | None = None,
    max_depth: int = MAX_JSON_DEPTH,
) -> list[WebhookEvent]:
    """Every event of a body: one for an object, several for an array.

    Bytes and text are checked for nesting before they are parsed, so any input (a 100,000-deep
    ``[[[…`` included) either decodes or raises :class:`InvalidWebhookError`. The size of the
    input is the caller's to bound (:class:`WebhookDispatcher` does).

    Args:
        raw: The body as received, or JSON your framework already parsed.
        converter: A cattrs converter (e.g. a strict one, for tests).
        max_depth: Deepest bracket nesting accepted in bytes or text.

    Raises:
        WebhookJSONError: Not JSON, or nested deeper than ``max_depth``.
        InvalidWebhookError: Not objects, or an object without ``event_type``.
    """
    data = _load(raw, max_depth)
    items = data if isinstance(data, list) else [data]
    return [_event(item, converter or _CONVERTER) for item in items]


def parse_event(
    raw: bytes | str | Mapping[str, object],
    *,
    converter: cattrs.Converter | None = None,
    max_depth: int = MAX_JSON_DEPTH,
) -> WebhookEvent:
    """The single event of a body (SmartLead posts one event per request).

    Raises:
        InvalidWebhookError: As :func:`parse_events`, or when the body holds several events.
    """
    events = parse_events(raw, converter=converter, max_depth=max_depth)
    if len(events) != 1:
        raise InvalidWebhookError(f"expected one event, got {len(events)}; use parse_events")
    return events[0]


def verify_secret_key(event: WebhookEvent | Mapping[str, object], expected: str) -> None:
    """Check the in-body ``secret_key`` against yours, in constant time.

    Raises:
        WebhookAuthenticationError: Missing or different (the message never shows either key).
    """
    given = event.secret_key if isinstance(event, WebhookEvent) else event.get("secret_key")
    if not isinstance(given, str) or not hmac.compare_digest(given.encode(), expected.encode()):
        raise WebhookAuthenticationError("webhook secret_key does not match")


def verify_signature(raw_body: bytes, header: str | None, secret: str) -> None:
    """Check ``X-Smartlead-Signature: sha256=<hex HMAC-SHA256 of the raw body>``.

    Pass the body exactly as received (before any JSON parsing).

    Raises:
        WebhookAuthenticationError: Missing, malformed or wrong signature.
    """
    if not header or not header.startswith("sha256="):
        raise WebhookAuthenticationError("missing or malformed X-Smartlead-Signature")
    expected = hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()
    # Bytes, not str: compare_digest raises TypeError on non-ASCII text (a hostile header).
    given = header.removeprefix("sha256=").lower().encode("utf-8", "surrogateescape")
    if not hmac.compare_digest(given, expected.encode()):
        raise WebhookAuthenticationError("X-Smartlead-Signature does not match the body")


def delivery_key(event: WebhookEvent, request_id: str | None = None) -> str:
    """A key that is the same for every retry of one delivery.

    ``X-Request-Id`` when the delivery has one; else ``stats_id`` + ``event_type``; else the
    message id; else the event's own timestamp and lead.
    """
    if request_id:
        return f"request:{request_id}"
    if event.stats_id:
        return f"stats:{event.stats_id}:{event.event_type}"
    message_id = getattr(event, "message_id", None)
    if message_id:
        return f"message:{message_id}:{event.event_type}"
    return f"event:{event.event_type}:{event.lead_email}:{event.event_timestamp}"


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


EventHandler = Callable[[WebhookEvent], Awaitable[None]]


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
    ``"*"``; events with no handler are acknowledged and ignored.

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
        signing_secret: Key of ``X-Smartlead-Signature`` (checked when given).
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

    def on(self, *kinds: type[WebhookEvent] | str) -> Callable[[EventHandler], EventHandler]:
        """Register a handler with a decorator: ``@dispatcher.on(EmailReplied)``."""

        def register(handler: EventHandler) -> EventHandler:
            for kind in kinds:
                self._handlers[kind] = handler
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
            events = parse_events(raw_body)
            if self._secret is not None:
                for event in events:
                    verify_secret_key(event, self._secret)
        except WebhookAuthenticationError as exc:
            return DispatchResult(401, {"ok": False, "error": str(exc)})
        except InvalidWebhookError as exc:
            return DispatchResult(400, {"ok": False, "error": str(exc)})
        processed = duplicates = 0
        request_id = headers.get("X-Request-Id")
        for index, event in enumerate(events):
            key = delivery_key(event, f"{request_id}:{index}" if request_id else None)
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
