"""The webhook event models: one attrs class per event type SmartLead posts.

Every event type is named once, in :class:`~smartlead_async.models.WebhookEventType` (the types a
webhook subscribes to); :func:`event_class` maps each to its class here. Any other ``event_type``
decodes into :class:`UnknownEvent`, so a new event never raises.
"""

from __future__ import annotations

import datetime as dt
import re
from types import MappingProxyType

import attrs

from smartlead_async._json import JSON
from smartlead_async.models._base import Model, wire_name
from smartlead_async.models.webhooks import WebhookEventType

__all__ = [
    "EmailBounced",
    "EmailLinkClicked",
    "EmailOpened",
    "EmailReplied",
    "EmailSent",
    "LeadCategoryChange",
    "LeadCategoryUpdated",
    "LeadCorrespondence",
    "LeadUnsubscribed",
    "ThreadMessage",
    "UnknownEvent",
    "WebhookEvent",
    "WebhookLeadData",
    "WebhookMessage",
    "event_class",
]


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
    """The envelope every event carries.

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


_EVENT_CLASSES: MappingProxyType[str, type[WebhookEvent]] = MappingProxyType(
    {
        WebhookEventType.EMAIL_SENT: EmailSent,
        WebhookEventType.EMAIL_OPEN: EmailOpened,
        WebhookEventType.EMAIL_LINK_CLICK: EmailLinkClicked,
        WebhookEventType.EMAIL_REPLY: EmailReplied,
        WebhookEventType.LEAD_UNSUBSCRIBED: LeadUnsubscribed,
        WebhookEventType.LEAD_CATEGORY_UPDATED: LeadCategoryUpdated,
        WebhookEventType.EMAIL_BOUNCE: EmailBounced,
    }
)


def event_class(event_type: str) -> type[WebhookEvent]:
    """The class an ``event_type`` decodes into: :class:`UnknownEvent` for a type this SDK
    version does not know."""
    return _EVENT_CLASSES.get(event_type, UnknownEvent)
