"""Webhooks: campaign subscriptions, account-level (global) webhooks and delivery records."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend._common import ApiError, Ids, now, refuse

__all__ = [
    "ACCOUNT_EVENT_TYPES",
    "CAMPAIGN_EVENT_TYPES",
    "EVENT_TYPES",
    "LEAD_EVENT_TYPES",
    "FakeGlobalWebhook",
    "FakeWebhook",
    "WebhookDelivery",
    "WebhookStore",
]

#: The 11 event types a campaign (or global) webhook subscribes to
#: (docs/api-notes.md, Webhook events).
CAMPAIGN_EVENT_TYPES = (
    "EMAIL_SENT",
    "FIRST_EMAIL_SENT",
    "EMAIL_OPEN",
    "EMAIL_LINK_CLICK",
    "EMAIL_REPLY",
    "EMAIL_BOUNCE",
    "LEAD_UNSUBSCRIBED",
    "LEAD_CATEGORY_UPDATED",
    "CAMPAIGN_STATUS_CHANGED",
    "UNTRACKED_REPLIES",
    "MANUAL_STEP_REACHED",
)
#: The two that only the per-user disconnect hook (a user setting, no API route) receives.
ACCOUNT_EVENT_TYPES = ("EMAIL_ACCOUNT_DISCONNECTED", "LINKEDIN_DISCONNECTED")
#: Every event type the fake emits: the 13 documented ones.
EVENT_TYPES = CAMPAIGN_EVENT_TYPES + ACCOUNT_EVENT_TYPES
#: The events about one lead of a campaign (``emit`` needs ``lead_email`` for them).
LEAD_EVENT_TYPES = tuple(
    e for e in CAMPAIGN_EVENT_TYPES if e not in ("CAMPAIGN_STATUS_CHANGED", "UNTRACKED_REPLIES")
)
_NOT_FOUND = "Webhook not found"


def _check_url(url: JSON) -> str:
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise refuse(400, f"Invalid webhook_url - {url}")
    return url


@attrs.define
class FakeWebhook:
    """A campaign webhook: where to post which events (and, for categories, which ones)."""

    id: int
    campaign_id: int
    name: str
    webhook_url: str
    event_types: list[str]
    categories: list[str] = attrs.field(factory=list)
    created_at: str = attrs.field(factory=now)
    updated_at: str = attrs.field(factory=now)

    def wants(self, event_type: str, category: JSON = None) -> bool:
        """Whether an event goes to this webhook (category events filter on ``categories``)."""
        if event_type not in self.event_types:
            return False
        return not (
            event_type == "LEAD_CATEGORY_UPDATED"
            and self.categories
            and category not in self.categories
        )

    def to_wire(self) -> dict[str, JSON]:
        """The webhook as ``GET /campaigns/{id}/webhooks`` returns it."""
        return {
            "id": self.id,
            "name": self.name,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "webhook_url": self.webhook_url,
            "email_campaign_id": self.campaign_id,
            "event_types": list(self.event_types),
            "categories": list(self.categories),
        }


@attrs.define
class FakeGlobalWebhook:
    """An account-, client- or campaign-level webhook: the fields it was saved with."""

    id: int
    fields: dict[str, JSON]

    @property
    def level(self) -> str:
        """``user``, ``client`` or ``campaign`` (``association_type``; ``user`` when unset)."""
        return str(self.fields.get("association_type") or "user").lower()

    def covers(self, campaign_id: int, client_id: int | None) -> bool:
        """Whether a campaign's events reach this webhook, by its level."""
        if self.level == "campaign":
            return self.fields.get("email_campaign_id") == campaign_id
        if self.level == "client":
            return client_id is not None and self.fields.get("client_id") == client_id
        return True

    def enabled(self, event_type: str) -> bool:
        """Whether ``event_type`` is on in ``event_type_map``."""
        events = self.fields.get("event_type_map")
        return isinstance(events, dict) and events.get(event_type) is True

    def wants(self, event_type: str, category_id: JSON = None) -> bool:
        """Whether an event goes to this webhook: on in ``event_type_map`` and, for category
        events, its category in ``category_id_map`` (when that names any)."""
        if not self.enabled(event_type):
            return False
        categories = self.fields.get("category_id_map")
        if event_type != "LEAD_CATEGORY_UPDATED" or not isinstance(categories, dict):
            return True
        return not categories or categories.get(str(category_id)) is True

    def to_wire(self) -> dict[str, JSON]:
        """The webhook as ``GET /webhook/{id}`` returns it."""
        return {"id": self.id, **self.fields}


@attrs.frozen
class WebhookDelivery:
    """One POST of an event to a webhook URL, and how it went.

    Attributes:
        webhook_id: The subscription that matched (``None`` for the per-user disconnect hook).
        url: Where the event was posted.
        event_type: The event.
        payload: The event's flat fields (the whole body of a flat delivery, the ``data`` of a
            newer-envelope one).
        request_id: The ``X-Request-Id`` header sent with it.
        status: The receiver's HTTP status, or ``None`` when the POST failed.
        error: Why the POST failed, when it did.
        envelope: ``"flat"`` (the legacy body) or ``"v2"`` (``{id, type, data, links, meta}``).
        level: The ``X-Webhook-Level`` sent: ``campaign`` or ``user``.
        attempt: Which try this was (1 for the first; a redelivery counts up).
        event_id: The newer envelope's ``id`` (kept across redeliveries), ``None`` when flat.
        headers: Every header sent (``X-Smartlead-Signature`` too, when signed).
        body: The raw bytes posted, which the signature covers.
    """

    webhook_id: int | None
    url: str
    event_type: str
    payload: dict[str, JSON]
    request_id: str
    status: int | None = None
    error: str | None = None
    envelope: str = "flat"
    level: str = "campaign"
    attempt: int = 1
    event_id: str | None = None
    headers: dict[str, str] = attrs.field(factory=dict, repr=False)
    body: bytes = attrs.field(default=b"", repr=False)

    @property
    def failed(self) -> bool:
        """Whether the receiver did not take it (no answer, or 4xx/5xx)."""
        return self.status is None or self.status >= 400


class WebhookStore:
    """Campaign webhooks, global webhooks and every delivery made."""

    def __init__(self, ids: Ids) -> None:
        self._ids = ids
        #: Campaign id → its webhooks.
        self.by_campaign: dict[int, list[FakeWebhook]] = {}
        self.global_webhooks: dict[int, FakeGlobalWebhook] = {}
        self.deliveries: list[WebhookDelivery] = []
        #: The per-user disconnect hook (``notify_on_disconnect.webhookUrl`` in the user's
        #: settings; no API route sets it): where ``ACCOUNT_EVENT_TYPES`` go. ``None``: nowhere.
        self.disconnect_url: str | None = None

    def of(self, campaign_id: int) -> list[FakeWebhook]:
        """A campaign's webhooks."""
        return self.by_campaign.setdefault(campaign_id, [])

    def add(
        self, campaign_id: int, name: str, webhook_url: str, event_types: Sequence[str]
    ) -> FakeWebhook:
        """A new campaign webhook."""
        webhook = FakeWebhook(self._ids(), campaign_id, name, webhook_url, list(event_types))
        self.of(campaign_id).append(webhook)
        return webhook

    def upsert(
        self,
        campaign_id: int,
        webhook_id: int | None,
        *,
        name: str | None,
        webhook_url: JSON,
        event_types: Sequence[JSON],
        categories: Sequence[JSON],
    ) -> FakeWebhook:
        """Create a campaign webhook, or replace one by id (404 when the id is unknown)."""
        url = _check_url(webhook_url)
        unknown = [e for e in event_types if e not in CAMPAIGN_EVENT_TYPES]
        if not event_types or unknown:
            raise refuse(400, f"Invalid event_types - {unknown or list(event_types)}")
        existing = next((h for h in self.of(campaign_id) if h.id == webhook_id), None)
        if webhook_id is not None and existing is None:
            raise refuse(404, _NOT_FOUND)
        if existing is None:
            existing = self.add(campaign_id, name or "", url, [])
        existing.name = existing.name if name is None else name
        existing.webhook_url = url
        existing.event_types = [str(e) for e in event_types]
        existing.categories = [str(c) for c in categories]
        existing.updated_at = now()
        return existing

    def delete(self, campaign_id: int, webhook_id: JSON) -> None:
        """Delete a campaign webhook (404 when it is not one of the campaign's)."""
        hooks = self.of(campaign_id)
        remaining = [h for h in hooks if h.id != webhook_id]
        if len(remaining) == len(hooks):
            raise refuse(404, _NOT_FOUND)
        self.by_campaign[campaign_id] = remaining

    def global_for(
        self, event_type: str, campaign_id: int, client_id: int | None
    ) -> list[FakeGlobalWebhook]:
        """The global webhooks a campaign's ``event_type`` goes to (categories aside).

        A user-level webhook for the event takes precedence over client- and campaign-level
        ones (docs/api-notes.md, Webhook events).
        """
        hooks = [
            hook
            for hook in self.global_webhooks.values()
            if hook.enabled(event_type) and hook.covers(campaign_id, client_id)
        ]
        users = [hook for hook in hooks if hook.level == "user"]
        return users or hooks

    def deliveries_of(self, campaign_id: int) -> list[WebhookDelivery]:
        """Every delivery of a campaign's events."""
        return [d for d in self.deliveries if d.payload.get("campaign_id") == campaign_id]

    def create_global(self, fields: Mapping[str, JSON]) -> FakeGlobalWebhook:
        """A new global webhook."""
        _check_url(fields.get("webhook_url"))
        webhook = FakeGlobalWebhook(self._ids(), dict(fields))
        self.global_webhooks[webhook.id] = webhook
        return webhook

    def delete_global(self, webhook_id: int) -> None:
        """Delete a global webhook (404 when unknown)."""
        del self.global_webhooks[self.existing_global(webhook_id).id]

    def existing_global(self, webhook_id: int) -> FakeGlobalWebhook:
        """A global webhook, or the API's 404."""
        webhook = self.global_webhooks.get(webhook_id)
        if webhook is None:
            raise ApiError(404, {"error": _NOT_FOUND})
        return webhook
