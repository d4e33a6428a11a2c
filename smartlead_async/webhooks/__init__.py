"""Webhook events, sans I/O: parse, verify and dedupe what SmartLead posts to you.

No web framework (and no HTTP client) is imported here; :mod:`smartlead_async.integrations`
holds thin adapters. Three modules, every public name re-exported here:

* :mod:`~smartlead_async.webhooks.events`: the typed event models, one class per event type,
  :class:`UnknownEvent` for any other;
* :mod:`~smartlead_async.webhooks.parse`: :func:`parse_events`, :func:`verify_secret_key`,
  :func:`verify_signature`, with the body's nesting checked before it is parsed;
* :mod:`~smartlead_async.webhooks.dispatch`: :class:`WebhookDispatcher`, the dedupe stores and
  the status each outcome is answered with.

The errors live in :mod:`smartlead_async.errors` and are importable from here too.
"""

from smartlead_async.errors import (
    InvalidWebhookError,
    MissingEventTypeError,
    WebhookAuthenticationError,
    WebhookError,
    WebhookJSONError,
)
from smartlead_async.webhooks.dispatch import (
    MAX_BODY_BYTES,
    DedupeStore,
    DispatchResult,
    EventHandler,
    Handler,
    MemoryDedupe,
    WebhookDispatcher,
    delivery_key,
)
from smartlead_async.webhooks.events import (
    EmailBounced,
    EmailLinkClicked,
    EmailOpened,
    EmailReplied,
    EmailSent,
    LeadCategoryChange,
    LeadCategoryUpdated,
    LeadCorrespondence,
    LeadUnsubscribed,
    ThreadMessage,
    UnknownEvent,
    WebhookEvent,
    WebhookLeadData,
    WebhookMessage,
    event_class,
)
from smartlead_async.webhooks.parse import (
    MAX_JSON_DEPTH,
    parse_event,
    parse_events,
    verify_secret_key,
    verify_signature,
)

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
    "EventHandler",
    "Handler",
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
    "event_class",
    "parse_event",
    "parse_events",
    "verify_secret_key",
    "verify_signature",
]
