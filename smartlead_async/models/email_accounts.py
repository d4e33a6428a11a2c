"""Email-account (sending mailbox) models."""

from __future__ import annotations

import datetime as dt

import attrs

from smartlead_async._json import JSON
from smartlead_async._pagination import Envelope
from smartlead_async.models._base import Model, OpenStrEnum, wire_name

__all__ = [
    "BulkConfigUpdated",
    "CampaignEmailAccount",
    "CampaignEmailAccountsAdded",
    "CampaignEmailAccountsRemoved",
    "EmailAccount",
    "EmailAccountSaved",
    "EmailAccountType",
    "EmailAttachment",
    "EmailSent",
    "MailboxTags",
    "MailboxTagsList",
    "OAuthEmailAccountSaved",
    "Tag",
    "WarmupDayStats",
    "WarmupDetails",
    "WarmupStats",
    "WarmupStatus",
]


def _redacted(value: object) -> str:
    # The API returns mailbox passwords in plaintext (base64 on some routes): never print them.
    return "None" if value is None else "'***'"


class EmailAccountType(OpenStrEnum):
    """The mailbox provider kind."""

    SMTP = "SMTP"
    GMAIL = "GMAIL"
    ZOHO = "ZOHO"
    OUTLOOK = "OUTLOOK"


class WarmupStatus(OpenStrEnum):
    """Whether warmup runs for a mailbox."""

    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"


@attrs.frozen(kw_only=True)
class WarmupDetails(Model):
    """Warmup state of a mailbox. ``warmup_reputation`` arrives as ``"100%"`` or ``95``."""

    id: int | None = None
    status: WarmupStatus | None = None
    created_at: dt.datetime | None = None
    reply_rate: float | None = None
    warmup_key_id: str | None = None
    blocked_reason: str | None = None
    total_sent_count: int | None = None
    total_spam_count: int | None = None
    warmup_max_count: int | None = None
    warmup_min_count: int | None = None
    is_warmup_blocked: bool | None = None
    max_email_per_day: int | None = None
    warmup_reputation: float | None = None


@attrs.frozen(kw_only=True)
class EmailAccount(Model):
    """A sending mailbox. ``password`` and ``imap_password`` are shown as ``'***'`` in reprs."""

    id: int
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    user_id: int | None = None
    from_name: str | None = None
    from_email: str | None = None
    username: str | None = None
    password: str | None = attrs.field(default=None, repr=_redacted)
    smtp_host: str | None = None
    smtp_port: int | None = None
    smtp_port_type: str | None = None
    message_per_day: int | None = None
    different_reply_to_address: str | None = None
    is_different_imap_account: bool | None = None
    imap_username: str | None = None
    imap_password: str | None = attrs.field(default=None, repr=_redacted)
    imap_host: str | None = None
    imap_port: int | None = None
    imap_port_type: str | None = None
    signature: str | None = None
    custom_tracking_domain: str | None = None
    bcc_email: str | None = None
    is_smtp_success: bool | None = None
    is_imap_success: bool | None = None
    smtp_failure_error: str | None = None
    imap_failure_error: str | None = None
    type: EmailAccountType | None = None
    daily_sent_count: int | None = None
    campaign_count: int | None = None
    client_id: int | None = None
    is_suspended: bool | None = None
    min_time_to_wait_in_mins: int | None = attrs.field(
        default=None, metadata=wire_name("minTimeToWaitInMins")
    )
    tags: JSON = None
    warmup_details: WarmupDetails | None = None
    campaign_ids: tuple[int, ...] = ()


@attrs.frozen(kw_only=True)
class EmailAccountSaved(Model):
    """The answer to saving a mailbox or its warmup settings."""

    ok: bool = True
    message: str | None = None
    email_account_id: int | None = attrs.field(default=None, metadata=wire_name("emailAccountId"))
    warmup_key: str | None = attrs.field(default=None, metadata=wire_name("warmupKey"))


@attrs.frozen(kw_only=True)
class CampaignEmailAccount(Model):
    """The link between a campaign and a sending mailbox."""

    id: int
    email_campaign_id: int | None = None
    email_account_id: int | None = None
    updated_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class CampaignEmailAccountsAdded(Model):
    """The answer to adding mailboxes to a campaign."""

    ok: bool = True
    result: tuple[CampaignEmailAccount, ...] = ()


@attrs.frozen(kw_only=True)
class CampaignEmailAccountsRemoved(Model):
    """The answer to removing mailboxes from a campaign (``result``: how many were removed)."""

    ok: bool = True
    result: int = 0


@attrs.frozen(kw_only=True)
class WarmupDayStats(Model):
    """Warmup counters of one day."""

    id: int | None = None
    date: dt.date | None = None
    sent_count: int = 0
    reply_count: int = 0
    save_from_spam_count: int = 0


@attrs.frozen(kw_only=True)
class WarmupStats(Model):
    """Warmup counters of the last 7 days (totals arrive as strings)."""

    id: int
    sent_count: int = 0
    spam_count: int = 0
    inbox_count: int = 0
    warmup_email_received_count: int = 0
    stats_by_date: tuple[WarmupDayStats, ...] = ()


@attrs.frozen(kw_only=True)
class Tag(Model):
    """A mailbox tag."""

    id: int
    name: str | None = None
    color: str | None = None


@attrs.frozen(kw_only=True)
class MailboxTags(Model):
    """A mailbox and its tags, as the tag look-up by sending address answers them."""

    email_account_id: int | None = None
    from_email: str | None = None
    tags: tuple[Tag, ...] = ()


@attrs.frozen(kw_only=True)
class MailboxTagsList(Model, Envelope):
    """The answer to looking tags up by sending address (``{"ok": true, "data": [...]}``)."""

    data: tuple[MailboxTags, ...] = ()

    @property
    def page_items(self) -> tuple[MailboxTags, ...]:
        """The mailboxes found."""
        return self.data


@attrs.frozen(kw_only=True)
class OAuthEmailAccountSaved(Model):
    """The answer to adding (or updating) an OAuth mailbox: ``{"ok": true, "message", "data":
    {id, from_email, type, is_smtp_success, is_imap_success}}``."""

    ok: bool = True
    message: str | None = None
    data: EmailAccount | None = None


@attrs.frozen(kw_only=True)
class BulkConfigUpdated(Model):
    """The answer to a bulk mailbox-config update (``{"message": ...}``: no success flag)."""

    message: str | None = None


@attrs.frozen(kw_only=True)
class EmailSent(Model):
    """The ``data`` of a single email sent with ``POST /send-email/initiate``."""

    message: str | None = None
    message_id: str | None = None


@attrs.frozen(kw_only=True)
class EmailAttachment:
    """A file to attach to a single email; ``content`` is the raw bytes (the SDK base64-encodes
    them for the wire)."""

    filename: str
    content: bytes = attrs.field(repr=lambda value: f"<{len(value)} bytes>")
    mime_type: str = "application/octet-stream"
