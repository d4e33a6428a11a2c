"""Webhook events, sans I/O: parse, verify and dedupe what SmartLead posts to you.

No web framework is imported here; :mod:`smartlead_async.integrations` holds thin adapters.

* :func:`parse_event` / :func:`parse_events` turn a body (bytes, text or a mapping) into typed
  events: one attrs class per event type of catalog section 9, :class:`UnknownEvent` for any
  other ``event_type`` (a new event never raises). A JSON array yields several events.
* :func:`verify_secret_key` compares the in-body ``secret_key`` in constant time. That is what
  campaign webhooks carry; it is a shared secret, not a signature, and the dashboard's test
  button sends the literal ``"secretkey"``.
* :func:`verify_signature` checks ``X-Smartlead-Signature: sha256=<HMAC-SHA256 of the raw
  body>``, described by the help center for the newer account-level webhooks and never observed
  on campaign webhooks: use it only if your deliveries carry the header.
* :class:`MemoryDedupe` (or any :class:`DedupeStore`) with :func:`delivery_key` lets a retried
  delivery be processed once.
* :class:`WebhookDispatcher` puts it together: verify, parse, dedupe, call your handler, and
  tell the adapter which status to answer.
"""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import hmac
import json
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Protocol, cast, runtime_checkable

import attrs
import cattrs

from smartlead_async._convert import make_converter
from smartlead_async._json import JSON
from smartlead_async.errors import SmartleadError
from smartlead_async.models._base import Model, wire_name
from smartlead_async.models.webhooks import WebhookEventType

__all__ = [
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
    """The envelope every event carries (catalog 9.4).

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


def _load(raw: bytes | str | Mapping[str, object] | list[object]) -> JSON:
    if isinstance(raw, bytes | str):
        try:
            loaded: JSON = json.loads(raw)
        except ValueError as exc:
            raise WebhookJSONError(f"webhook body is not JSON: {exc}") from None
        return loaded
    # Mappings and lists come from a framework that already parsed JSON: JSON values inside.
    if isinstance(raw, Mapping):
        return cast(JSON, dict(raw))
    return cast(JSON, list(raw))


def _event(item: JSON, converter: cattrs.Converter) -> WebhookEvent:
    if not isinstance(item, dict):
        raise InvalidWebhookError(f"a webhook event must be a JSON object, got {item!r:.80}")
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
) -> list[WebhookEvent]:
    """Every event of a body: one for an object, several for an array.

    Raises:
        InvalidWebhookError: Not JSON, not objects, or an object without ``event_type``.
    """
    data = _load(raw)
    items = data if isinstance(data, list) else [data]
    return [_event(item, converter or _CONVERTER) for item in items]


def parse_event(
    raw: bytes | str | Mapping[str, object], *, converter: cattrs.Converter | None = None
) -> WebhookEvent:
    """The single event of a body (SmartLead posts one event per request).

    Raises:
        InvalidWebhookError: As :func:`parse_events`, or when the body holds several events.
    """
    events = parse_events(raw, converter=converter)
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
    if not hmac.compare_digest(header.removeprefix("sha256=").lower(), expected):
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
    """Remembers which deliveries were processed (implement it over Redis for many workers)."""

    async def seen(self, key: str) -> bool:
        """Whether ``key`` was already marked processed."""
        ...

    async def mark(self, key: str) -> None:
        """Record ``key`` as processed."""
        ...


class MemoryDedupe:
    """An in-process LRU of processed delivery keys.

    Args:
        max_keys: How many keys to remember; the oldest are forgotten first. SmartLead retries
            a delivery a few times within minutes, so a few thousand covers busy receivers.
    """

    def __init__(self, max_keys: int = 10_000) -> None:
        if max_keys < 1:
            raise ValueError("max_keys must be >= 1")
        self._keys: collections.OrderedDict[str, None] = collections.OrderedDict()
        self._max_keys = max_keys

    async def seen(self, key: str) -> bool:
        """See :meth:`DedupeStore.seen`."""
        if key in self._keys:
            self._keys.move_to_end(key)
            return True
        return False

    async def mark(self, key: str) -> None:
        """See :meth:`DedupeStore.mark`."""
        self._keys[key] = None
        self._keys.move_to_end(key)
        while len(self._keys) > self._max_keys:
            self._keys.popitem(last=False)


EventHandler = Callable[[WebhookEvent], Awaitable[None]]


@attrs.frozen
class DispatchResult:
    """What to answer SmartLead: an HTTP status and a small JSON body (no internals)."""

    status: int
    body: dict[str, JSON]


class WebhookDispatcher:
    """Verify, parse, dedupe and dispatch deliveries; framework adapters only do the I/O.

    Handlers are chosen by event class (``EmailReplied``), then by ``event_type`` string, then
    ``"*"``; events with no handler are acknowledged and ignored.

    Status codes: 200 when processed (or a duplicate), 400 for a malformed body, 401 for a bad
    secret or signature, 500 when a handler raised. A 500 makes SmartLead retry the delivery;
    the handler's exception is logged, never sent back, and the delivery is not marked as seen.

    Args:
        handlers: Event class or type name → async handler.
        secret: Expected in-body ``secret_key`` (checked when given).
        signing_secret: Key of ``X-Smartlead-Signature`` (checked when given).
        dedupe: Where processed deliveries are remembered; ``None`` disables dedupe.
    """

    def __init__(
        self,
        handlers: Mapping[type[WebhookEvent] | str, EventHandler] | None = None,
        *,
        secret: str | None = None,
        signing_secret: str | None = None,
        dedupe: DedupeStore | None = None,
    ) -> None:
        self._handlers: dict[type[WebhookEvent] | str, EventHandler] = dict(handlers or {})
        self._secret = secret
        self._signing_secret = signing_secret
        self._dedupe = dedupe if dedupe is not None else MemoryDedupe()

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

    async def dispatch(self, raw_body: bytes, headers: Mapping[str, str]) -> DispatchResult:
        """Handle one delivery: the raw body and its headers (case-insensitive mapping)."""
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
            if await self._dedupe.seen(key):
                duplicates += 1
                continue
            handler = self.handler_for(event)
            if handler is not None:
                try:
                    await handler(event)
                except Exception:
                    logger.exception("webhook handler failed for %s", event.event_type)
                    return DispatchResult(500, {"ok": False, "error": "handler failed"})
            await self._dedupe.mark(key)
            processed += 1
        return DispatchResult(200, {"ok": True, "processed": processed, "duplicates": duplicates})
