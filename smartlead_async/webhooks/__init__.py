"""Webhook events, sans I/O: parse, verify and dedupe what SmartLead posts to you.

No web framework (and no HTTP client) is imported here; :mod:`smartlead_async.integrations`
holds thin adapters. Three modules, every public name re-exported here:

* :mod:`~smartlead_async.webhooks.events`: the typed event models, one class per event type
  (the 13 documented ones), :class:`UnknownEvent` for any other, and :class:`WebhookDelivery`
  (``X-Request-Id``, ``X-Webhook-Level`` and the newer envelope's own keys);
* :mod:`~smartlead_async.webhooks.parse`: :func:`parse_events` (both envelopes),
  :func:`verify_secret_key`, :func:`verify_signature` (``sha256=`` HMAC of the raw body), with
  the body's nesting checked before it is parsed;
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
    DELIVERY_KEY,
    CampaignStatusChanged,
    DeliveryMeta,
    EmailAccountDisconnected,
    EmailBounced,
    EmailLinkClicked,
    EmailOpened,
    EmailReplied,
    EmailSent,
    FirstEmailSent,
    LeadCategory,
    LeadCategoryChange,
    LeadCategoryUpdated,
    LeadCorrespondence,
    LeadUnsubscribed,
    LinkedinDisconnected,
    ManualStepReached,
    ThreadMessage,
    UnknownEvent,
    UntrackedReplies,
    WebhookDelivery,
    WebhookEvent,
    WebhookLeadData,
    WebhookLevel,
    WebhookMessage,
    event_class,
)
from smartlead_async.webhooks.parse import (
    MAX_JSON_DEPTH,
    SIGNATURE_PREFIX,
    event_type_of,
    parse_event,
    parse_events,
    verify_secret_key,
    verify_signature,
)

__all__ = [
    "DELIVERY_KEY",
    "MAX_BODY_BYTES",
    "MAX_JSON_DEPTH",
    "SIGNATURE_PREFIX",
    "CampaignStatusChanged",
    "DedupeStore",
    "DeliveryMeta",
    "DispatchResult",
    "EmailAccountDisconnected",
    "EmailBounced",
    "EmailLinkClicked",
    "EmailOpened",
    "EmailReplied",
    "EmailSent",
    "EventHandler",
    "FirstEmailSent",
    "Handler",
    "InvalidWebhookError",
    "LeadCategory",
    "LeadCategoryChange",
    "LeadCategoryUpdated",
    "LeadCorrespondence",
    "LeadUnsubscribed",
    "LinkedinDisconnected",
    "ManualStepReached",
    "MemoryDedupe",
    "MissingEventTypeError",
    "ThreadMessage",
    "UnknownEvent",
    "UntrackedReplies",
    "WebhookAuthenticationError",
    "WebhookDelivery",
    "WebhookDispatcher",
    "WebhookError",
    "WebhookEvent",
    "WebhookJSONError",
    "WebhookLeadData",
    "WebhookLevel",
    "WebhookMessage",
    "delivery_key",
    "event_class",
    "event_type_of",
    "parse_event",
    "parse_events",
    "verify_secret_key",
    "verify_signature",
]
