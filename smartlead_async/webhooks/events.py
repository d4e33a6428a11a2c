"""The webhook event models: one attrs class per event type SmartLead posts.

Every event type is named once, in :class:`~smartlead_async.models.WebhookEventType` (the 13
documented types); :func:`event_class` maps each to its class here. Any other ``event_type``
decodes into :class:`UnknownEvent`, so a new event never raises.

Events arrive in two envelopes (docs/api-notes.md, Webhook events): the flat one keyed by
``event_type``, and the newer ``{id, type, created_at, data, links, meta{attempt, level}}``.
:mod:`~smartlead_async.webhooks.parse` decodes both into the same classes; what the newer
envelope and the delivery headers (``X-Request-Id``, ``X-Webhook-Level``) say about the delivery
is kept in :attr:`WebhookEvent.delivery` (:class:`WebhookDelivery`).
"""

from __future__ import annotations

import datetime as dt
import re
from types import MappingProxyType

import attrs

from smartlead_async._json import JSON
from smartlead_async.models._base import Model, OpenStrEnum, wire_name
from smartlead_async.models.webhooks import WebhookEventType

__all__ = [
    "DELIVERY_KEY",
    "CampaignStatusChanged",
    "DeliveryMeta",
    "EmailAccountDisconnected",
    "EmailBounced",
    "EmailLinkClicked",
    "EmailOpened",
    "EmailReplied",
    "EmailSent",
    "FirstEmailSent",
    "LeadCategory",
    "LeadCategoryChange",
    "LeadCategoryUpdated",
    "LeadCorrespondence",
    "LeadUnsubscribed",
    "LinkedinDisconnected",
    "ManualStepReached",
    "ThreadMessage",
    "UnknownEvent",
    "UntrackedReplies",
    "WebhookDelivery",
    "WebhookEvent",
    "WebhookLeadData",
    "WebhookLevel",
    "WebhookMessage",
    "event_class",
]

#: The key under which :meth:`WebhookEvent.to_dict` keeps :attr:`WebhookEvent.delivery`. It is
#: the SDK's, not SmartLead's: :func:`~smartlead_async.webhooks.parse_events` drops it from a
#: received body, so a delivery cannot claim another's ``X-Request-Id``.
DELIVERY_KEY = "_delivery"


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
class LeadCategory(Model):
    """The lead's category as ``lead_data.category`` gives it: its name and sentiment."""

    name: str | None = None
    sentiment_type: str | None = None


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
    category: LeadCategory | None = None


@attrs.frozen(kw_only=True)
class ThreadMessage(Model):
    """One message of a thread (``history``, ``last_reply``)."""

    stats_id: str | None = None
    type: str | None = None
    message_id: str | None = None
    time: dt.datetime | None = None
    email_body: str | None = None
    subject: str | None = None


class WebhookLevel(OpenStrEnum):
    """Which webhook a delivery came from (``X-Webhook-Level``, ``meta.level``)."""

    USER = "user"
    CLIENT = "client"
    CAMPAIGN = "campaign"


@attrs.frozen(kw_only=True)
class DeliveryMeta(Model):
    """The newer envelope's ``meta``: which try this is (1 for the first) and the level."""

    attempt: int | None = None
    level: WebhookLevel | None = None


@attrs.frozen(kw_only=True)
class WebhookDelivery(Model):
    """What a delivery says about itself, outside the event's own fields.

    ``request_id`` and ``level`` are the ``X-Request-Id`` and ``X-Webhook-Level`` headers (when
    :func:`~smartlead_async.webhooks.parse_events` is given the headers); ``id``, ``type``,
    ``created_at``, ``links`` and ``meta`` are the newer envelope's own keys (``None`` for a
    flat body). Documented, never captured live (docs/api-notes.md, Webhook authenticity).
    """

    request_id: str | None = None
    level: WebhookLevel | None = None
    id: str | None = None
    type: str | None = None
    created_at: dt.datetime | None = None
    links: JSON = None
    meta: DeliveryMeta | None = None


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
    #: The delivery's headers and newer-envelope keys; ``None`` for a flat body parsed without
    #: headers. Travels under :data:`DELIVERY_KEY` in :meth:`to_dict`.
    delivery: WebhookDelivery | None = attrs.field(default=None, metadata=wire_name(DELIVERY_KEY))

    @property
    def request_id(self) -> str | None:
        """The delivery's ``X-Request-Id`` (one id per delivery, for idempotency)."""
        return self.delivery.request_id if self.delivery else None

    @property
    def level(self) -> WebhookLevel | None:
        """``user``, ``client`` or ``campaign``: the ``X-Webhook-Level`` header, else the newer
        envelope's ``meta.level``."""
        if self.delivery is None:
            return None
        if self.delivery.level is not None:
            return self.delivery.level
        return self.delivery.meta.level if self.delivery.meta else None

    @property
    def attempt(self) -> int | None:
        """Which try this delivery is (1 for the first), when the newer envelope says."""
        meta = self.delivery.meta if self.delivery else None
        return meta.attempt if meta else None

    @property
    def occurred_at(self) -> dt.datetime | None:
        """When the event happened: ``event_timestamp``, else the event's own deprecated time
        field (``time_sent``, ``time_opened`` …), else ``created_at`` of the event or its
        envelope."""
        if self.event_timestamp is not None:
            return self.event_timestamp
        for name in _OWN_TIMES:
            value = getattr(self, name, None)
            if isinstance(value, dt.datetime):
                return value
        return self.delivery.created_at if self.delivery else None

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
_OWN_TIMES = ("time_sent", "time_opened", "time_clicked", "time_replied", "created_at")


@attrs.frozen(kw_only=True)
class _SentFields(WebhookEvent):
    """The fields of ``EMAIL_SENT`` and ``FIRST_EMAIL_SENT`` (not an event class)."""

    sent_message: WebhookMessage | None = None
    time_sent: dt.datetime | None = None
    custom_subject: str | None = None
    custom_email_message: str | None = None
    message_id: str | None = None


@attrs.frozen(kw_only=True)
class EmailSent(_SentFields):
    """``EMAIL_SENT``: an email of the sequence went out (every step)."""


@attrs.frozen(kw_only=True)
class FirstEmailSent(_SentFields):
    """``FIRST_EMAIL_SENT``: the first step went out (``sequence_number`` 1).

    Documented with ``EMAIL_SENT``'s payload. Not a subclass of :class:`EmailSent`: a webhook
    subscribed to both posts step 1 twice, once as each type, and an ``EmailSent`` handler gets
    only the ``EMAIL_SENT`` copy.
    """


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
    """``LEAD_UNSUBSCRIBED``: the lead clicked the unsubscribe link.

    The documented example names the lead with ``lead_email`` (read :attr:`lead_email`) and
    ``lead_name``, not ``to_email``.
    """

    lead_name: str | None = None
    unsubscribed_client_id_map: JSON = None


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
class CampaignStatusChanged(WebhookEvent):
    """``CAMPAIGN_STATUS_CHANGED``: a campaign started, paused, completed …

    No payload is documented: the envelope is typed (``campaign_id``, ``campaign_status`` …),
    everything else is in ``extra``.
    """


@attrs.frozen(kw_only=True)
class UntrackedReplies(WebhookEvent):
    """``UNTRACKED_REPLIES``: a reply came from a sender that is not a lead of the campaign.

    No payload is documented: the envelope is typed, everything else is in ``extra``.
    """


@attrs.frozen(kw_only=True)
class ManualStepReached(WebhookEvent):
    """``MANUAL_STEP_REACHED``: a lead reached a manual step (a call, a LinkedIn action).

    No payload is documented: the envelope is typed, everything else is in ``extra``.
    """


@attrs.frozen(kw_only=True)
class EmailAccountDisconnected(WebhookEvent):
    """``EMAIL_ACCOUNT_DISCONNECTED``: a mailbox's SMTP or IMAP connection failed.

    Sent by the per-user disconnect hook, described in the newer envelope
    (``type: "email.account.disconnected"``) whose ``data`` is not documented: its keys are
    decoded as the envelope's where they match, the rest is in ``extra``; the envelope's own
    keys are in :attr:`delivery`.
    """


@attrs.frozen(kw_only=True)
class LinkedinDisconnected(WebhookEvent):
    """``LINKEDIN_DISCONNECTED``: a LinkedIn account's session is no longer valid.

    Sent by the per-user disconnect hook; no payload is documented: the envelope is typed,
    everything else is in ``extra``.
    """


@attrs.frozen(kw_only=True)
class UnknownEvent(WebhookEvent):
    """Any other ``event_type``: the envelope is typed, everything else is in ``extra``."""


_EVENT_CLASSES: MappingProxyType[str, type[WebhookEvent]] = MappingProxyType(
    {
        WebhookEventType.EMAIL_SENT: EmailSent,
        WebhookEventType.FIRST_EMAIL_SENT: FirstEmailSent,
        WebhookEventType.EMAIL_OPEN: EmailOpened,
        WebhookEventType.EMAIL_LINK_CLICK: EmailLinkClicked,
        WebhookEventType.EMAIL_REPLY: EmailReplied,
        WebhookEventType.EMAIL_BOUNCE: EmailBounced,
        WebhookEventType.LEAD_UNSUBSCRIBED: LeadUnsubscribed,
        WebhookEventType.LEAD_CATEGORY_UPDATED: LeadCategoryUpdated,
        WebhookEventType.CAMPAIGN_STATUS_CHANGED: CampaignStatusChanged,
        WebhookEventType.UNTRACKED_REPLIES: UntrackedReplies,
        WebhookEventType.MANUAL_STEP_REACHED: ManualStepReached,
        WebhookEventType.EMAIL_ACCOUNT_DISCONNECTED: EmailAccountDisconnected,
        WebhookEventType.LINKEDIN_DISCONNECTED: LinkedinDisconnected,
    }
)


def event_class(event_type: str) -> type[WebhookEvent]:
    """The class an ``event_type`` decodes into: :class:`UnknownEvent` for a type this SDK
    version does not know."""
    return _EVENT_CLASSES.get(event_type, UnknownEvent)
