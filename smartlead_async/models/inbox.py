"""Master inbox models."""

from __future__ import annotations

import datetime as dt

import attrs

from smartlead_async._json import JSON
from smartlead_async._pagination import Envelope
from smartlead_async.models._base import Model, OpenStrEnum, wire_name
from smartlead_async.models.leads import MessageHistoryItem

__all__ = [
    "AssociatedReply",
    "InboxLead",
    "InboxMessage",
    "InboxPage",
    "ReplyStatus",
    "ReplyStatusValue",
    "SavedView",
    "UntrackedRepliesData",
    "UntrackedRepliesPage",
    "UntrackedRepliesResult",
    "UntrackedReply",
    "UntrackedReplyAssociated",
]


@attrs.frozen(kw_only=True)
class InboxMessage(MessageHistoryItem):
    """One message of an inbox thread (``fetch_message_history=True``): a message-history item
    with its sender, recipient and click details."""

    from_email: str | None = attrs.field(default=None, metadata=wire_name("from"))
    to_email: str | None = attrs.field(default=None, metadata=wire_name("to"))
    click_details: JSON = None


@attrs.frozen(kw_only=True)
class InboxLead(Model):
    """A lead-in-a-campaign as the master inbox lists it. Act on it with ``email_lead_map_id``."""

    email_lead_map_id: int
    email_lead_id: int | None = None
    lead_email: str | None = None
    lead_first_name: str | None = None
    lead_last_name: str | None = None
    lead_status: str | None = None
    lead_category_id: int | None = None
    email_campaign_id: int | None = None
    email_campaign_name: str | None = None
    email_account_id: int | None = None
    client_id: int | None = None
    last_sent_time: dt.datetime | None = None
    last_reply_time: dt.datetime | None = None
    has_new_unread_email: bool | None = None
    is_important: bool | None = None
    is_archived: bool | None = None
    is_snoozed: bool | None = None
    team_member_id: int | None = None
    revenue: float | None = None
    current_sequence_number: int | None = None
    sequence_count: int | None = None
    sub_sequence_id: int | None = None
    lead_next_timestamp_to_send: dt.datetime | None = None
    email_history: tuple[InboxMessage, ...] = ()


@attrs.frozen(kw_only=True)
class InboxPage(Model, Envelope):
    """One page of an inbox view."""

    ok: bool = True
    data: tuple[InboxLead, ...] = ()
    offset: int = 0
    limit: int = 20

    @property
    def page_items(self) -> tuple[InboxLead, ...]:
        """The conversations."""
        return self.data


@attrs.frozen(kw_only=True)
class UntrackedReply(Model):
    """A reply that arrived outside any campaign thread (``id`` may be numeric on the wire)."""

    id: str
    from_email: str | None = None
    to_email: str | None = None
    subject: str | None = None


@attrs.frozen(kw_only=True)
class UntrackedRepliesData(Model):
    """The innermost part of the untracked-replies answer."""

    replies: tuple[UntrackedReply, ...] = ()


@attrs.frozen(kw_only=True)
class UntrackedRepliesResult(Model):
    """The middle part of the untracked-replies answer; it carries its own ``success`` flag."""

    success: bool | None = None
    data: UntrackedRepliesData | None = None

    def __attrs_post_init__(self) -> None:
        # The outer `ok: true` does not vouch for the inner result.
        if self.success is False:
            raise ValueError("the untracked-replies result says success: false")


@attrs.frozen(kw_only=True)
class UntrackedRepliesPage(Model, Envelope):
    """One page of untracked replies: ``{"ok": true, "data": {"success": true, "data":
    {"replies": [...]}}}`` (docs/api-notes.md, Response envelopes)."""

    ok: bool = True
    data: UntrackedRepliesResult | None = None

    @property
    def page_items(self) -> tuple[UntrackedReply, ...]:
        """The replies (none when the answer carries no list)."""
        inner = self.data.data if self.data is not None else None
        return inner.replies if inner is not None else ()


@attrs.frozen(kw_only=True)
class SavedView(Model):
    """A saved master-inbox view: a name and the view filters it applies."""

    id: int
    name: str | None = None
    filters: JSON = None
    limited_access: bool | None = attrs.field(default=None, metadata=wire_name("limitedAccess"))
    team_member_id: int | None = attrs.field(default=None, metadata=wire_name("teamMemberId"))
    client_id: int | None = attrs.field(default=None, metadata=wire_name("clientId"))
    created_at: dt.datetime | None = attrs.field(default=None, metadata=wire_name("createdAt"))
    updated_at: dt.datetime | None = attrs.field(default=None, metadata=wire_name("updatedAt"))


class ReplyStatusValue(OpenStrEnum):
    """Where a queued reply stands (only ``COMPLETED`` is documented; others pass through)."""

    COMPLETED = "COMPLETED"


@attrs.frozen(kw_only=True)
class ReplyStatus(Model):
    """The delivery state of a reply sent from the inbox, looked up by its ``Message-ID``."""

    message_id: str | None = None
    status: ReplyStatusValue | None = None
    status_message: str | None = None
    event_time: dt.datetime | None = None
    scheduled_time: dt.datetime | None = None
    email_stats_id: str | None = None


@attrs.frozen(kw_only=True)
class AssociatedReply(Model):
    """Where an untracked reply now belongs."""

    lead_map_id: int | None = attrs.field(default=None, metadata=wire_name("leadMapId"))
    sw_message_id: str | None = attrs.field(default=None, metadata=wire_name("swMessageId"))


@attrs.frozen(kw_only=True)
class UntrackedReplyAssociated(Model):
    """The answer to associating an untracked reply with a lead.

    SmartLead spells the success flag ``sucess`` here (docs/api-notes.md, Verbatim quirks); it
    is read as :attr:`success`, and an answer whose flag is false is refused.
    """

    success: bool | None = attrs.field(default=None, metadata=wire_name("sucess"))
    message: str | None = None
    data: AssociatedReply | None = None

    def __attrs_post_init__(self) -> None:
        if self.success is False:
            raise ValueError("the association answer says sucess: false")
