"""Campaign webhook subscription models (docs/api-notes.md, Webhook subscriptions)."""

from __future__ import annotations

import datetime as dt

import attrs

from smartlead_async._json import JSON
from smartlead_async.models._base import Model, OpenStrEnum, wire_name

__all__ = [
    "GlobalWebhook",
    "Webhook",
    "WebhookEventType",
    "WebhookSaved",
    "WebhookSummary",
    "WebhookTimeRange",
]


@attrs.frozen(kw_only=True)
class Webhook(Model):
    """A campaign webhook: where SmartLead posts which events (and, for category updates, which
    lead categories, by name)."""

    id: int
    name: str | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    webhook_url: str | None = None
    email_campaign_id: int | None = None
    event_types: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


class WebhookEventType(OpenStrEnum):
    """The 13 documented webhook event types (open: newer ones pass through).

    The first eleven are selectable on a webhook; ``EMAIL_ACCOUNT_DISCONNECTED`` and
    ``LINKEDIN_DISCONNECTED`` come from the per-user disconnect hook
    (docs/api-notes.md, Webhook events).
    """

    EMAIL_SENT = "EMAIL_SENT"
    FIRST_EMAIL_SENT = "FIRST_EMAIL_SENT"
    EMAIL_OPEN = "EMAIL_OPEN"
    EMAIL_LINK_CLICK = "EMAIL_LINK_CLICK"
    EMAIL_REPLY = "EMAIL_REPLY"
    EMAIL_BOUNCE = "EMAIL_BOUNCE"
    LEAD_UNSUBSCRIBED = "LEAD_UNSUBSCRIBED"
    LEAD_CATEGORY_UPDATED = "LEAD_CATEGORY_UPDATED"
    CAMPAIGN_STATUS_CHANGED = "CAMPAIGN_STATUS_CHANGED"
    UNTRACKED_REPLIES = "UNTRACKED_REPLIES"
    MANUAL_STEP_REACHED = "MANUAL_STEP_REACHED"
    EMAIL_ACCOUNT_DISCONNECTED = "EMAIL_ACCOUNT_DISCONNECTED"
    LINKEDIN_DISCONNECTED = "LINKEDIN_DISCONNECTED"


@attrs.frozen(kw_only=True)
class WebhookSaved(Model):
    """The echo of a created or updated campaign webhook.

    Some accounts echo ``event_type_map``/``category_id_map`` objects instead of arrays; the SDK
    turns those into ``event_types``/``categories`` before decoding.
    """

    ok: bool = True
    id: int | None = None
    name: str | None = None
    webhook_url: str | None = None
    email_campaign_id: int | None = None
    event_types: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class WebhookTimeRange(Model):
    """The window a delivery summary covers."""

    from_time: dt.datetime | None = attrs.field(default=None, metadata=wire_name("from"))
    to_time: dt.datetime | None = attrs.field(default=None, metadata=wire_name("to"))


@attrs.frozen(kw_only=True)
class WebhookSummary(Model):
    """Delivery counts per event type (sent, success, failed, retry-scheduled …)."""

    summary: JSON = None
    time_range: WebhookTimeRange | None = attrs.field(default=None, metadata=wire_name("timeRange"))


@attrs.frozen(kw_only=True)
class GlobalWebhook(Model):
    """An account-, client- or campaign-level webhook, or the answer to creating or changing
    one (``{ok, id, webhook_url}`` / ``{ok, id, message}``; older pages said ``webhook_id``)."""

    ok: bool = True
    id: int | None = None
    webhook_id: int | None = None
    message: str | None = None
    name: str | None = None
    webhook_url: str | None = None
    email_campaign_id: int | None = None
    association_type: JSON = None
    event_type_map: JSON = None
    category_id_map: JSON = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
