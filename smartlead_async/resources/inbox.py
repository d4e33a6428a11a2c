"""``client.inbox``: the master inbox: replies, views and actions on a conversation."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Literal

from smartlead_async._endpoints import Endpoint, Paging, Unwrap, calls
from smartlead_async._json import JSON
from smartlead_async._pagination import Pager
from smartlead_async._validation import (
    normalize_block_entry,
    normalize_email,
    require_id,
    require_ids,
    require_int_range,
    require_text,
)
from smartlead_async._window import Moment, window
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.common import OkResponse
from smartlead_async.models.inbox import (
    InboxLead,
    InboxPage,
    ReplyStatus,
    SavedView,
    UntrackedRepliesPage,
    UntrackedReply,
    UntrackedReplyAssociated,
)
from smartlead_async.resources._base import Resource

__all__ = ["InboxResource"]

#: Inbox views serve at most 20 rows per page.
INBOX_MAX_LIMIT = 20
UNTRACKED_MAX_LIMIT = 100
# Views are reads that happen to be POSTs (filters in the body): safe to repeat.
_VIEW = Paging(max_limit=INBOX_MAX_LIMIT, in_body=True)


def _view_route(path: str) -> Endpoint[InboxPage]:
    return Endpoint("POST", path, InboxPage, idempotent=True, page=_VIEW)


# Never repeated after an ambiguous failure: a replay would send the email twice.
REPLY = Endpoint("POST", "campaigns/{campaign_id}/reply-email-thread", OkResponse)
FORWARD = Endpoint("POST", "campaigns/{campaign_id}/forward-email", OkResponse)
VIEW_REPLIES = _view_route("master-inbox/inbox-replies")
VIEW_UNREAD = _view_route("master-inbox/unread-replies")
VIEW_SNOOZED = _view_route("master-inbox/snoozed")
VIEW_IMPORTANT = _view_route("master-inbox/important")
VIEW_SCHEDULED = _view_route("master-inbox/scheduled")
VIEW_REMINDERS = _view_route("master-inbox/reminders")
VIEW_ARCHIVED = _view_route("master-inbox/archived")
VIEW_SENT = _view_route("master-inbox/sent")
VIEW_ASSIGNED_TO_ME = _view_route("master-inbox/assigned-me")
VIEW_CUSTOM = _view_route("master-inbox/views")
# A replay would save the view twice.
CREATE_SAVED_VIEW = Endpoint(
    "POST", "master-inbox/saved-views", SavedView, unwrap=Unwrap.DATA, acknowledged=True
)
REPLY_STATUS = Endpoint(
    "GET", "master-inbox/reply-status", ReplyStatus, unwrap=Unwrap.DATA, acknowledged=True
)
IGNORE_REPLY = Endpoint("PATCH", "master-inbox/ignore-reply", OkResponse, idempotent=True)
# Associating the same reply with the same lead again changes nothing.
ASSOCIATE_UNTRACKED = Endpoint(
    "POST",
    "master-inbox/untracked-replies/associate-to-lead",
    UntrackedReplyAssociated,
    idempotent=True,
)
GET_INBOX_LEAD = Endpoint("GET", "master-inbox/{email_lead_map_id}", InboxLead, unwrap=Unwrap.DATA)
UNTRACKED_REPLIES = Endpoint(
    "GET",
    "master-inbox/untracked-replies",
    UntrackedRepliesPage,
    acknowledged=True,
    page=Paging(max_limit=UNTRACKED_MAX_LIMIT),
)
# Setting a value to what it already is changes nothing: these actions are safe to repeat.
UPDATE_REVENUE = Endpoint("PATCH", "master-inbox/update-revenue", OkResponse, idempotent=True)
UPDATE_CATEGORY = Endpoint("PATCH", "master-inbox/update-category", OkResponse, idempotent=True)
RESUME_LEAD = Endpoint("PATCH", "master-inbox/resume-lead", OkResponse, idempotent=True)
CHANGE_READ_STATUS = Endpoint(
    "PATCH", "master-inbox/change-read-status", OkResponse, idempotent=True
)
# A replay would add a second task or note.
CREATE_TASK = Endpoint("POST", "master-inbox/create-task", OkResponse)
CREATE_NOTE = Endpoint("POST", "master-inbox/create-note", OkResponse)
SET_REMINDER = Endpoint("POST", "master-inbox/set-reminder", OkResponse, idempotent=True)
PUSH_TO_SUBSEQUENCE = Endpoint(
    "POST", "master-inbox/push-to-subsequence", OkResponse, idempotent=True
)
UPDATE_TEAM_MEMBER = Endpoint(
    "POST", "master-inbox/update-team-member", OkResponse, idempotent=True
)
BLOCK_DOMAINS = Endpoint("POST", "master-inbox/block-domains", OkResponse, idempotent=True)
#: Task priorities.
TaskPriority = Literal["LOW", "MEDIUM", "HIGH"]
#: Sort orders of the replies view.
ReplySort = Literal["REPLY_TIME_DESC", "SENT_TIME_DESC"]
REPLY_SORTS: tuple[ReplySort, ...] = ("REPLY_TIME_DESC", "SENT_TIME_DESC")
#: The ``emailStatus`` filter of the views.
EmailStatus = Literal[
    "Opened", "Clicked", "Replied", "Unsubscribed", "Bounced", "Accepted", "Not Replied"
]
EMAIL_STATUSES: tuple[EmailStatus, ...] = (
    "Opened",
    "Clicked",
    "Replied",
    "Unsubscribed",
    "Bounced",
    "Accepted",
    "Not Replied",
)
_MAX_SEARCH = 30
_MAX_VIEW_NAME = 255
_MESSAGE_ID = re.compile(r"^<[^<>\s]+@[^<>\s]+>$")
_MAX_CAMPAIGN_FILTER = 5
_MAX_ACCOUNT_FILTER = 20
_MAX_OTHER_FILTER = 10


def _aware(name: str, value: dt.datetime) -> str:
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        raise RequestValidationError(f"{name} must be a timezone-aware datetime")
    return value.isoformat()


def _ids(name: str, values: Sequence[int] | None, limit: int) -> list[JSON] | None:
    return None if values is None else require_ids(name, values, max_count=limit)


class InboxResource(Resource):
    """Replies and conversations across campaigns (the master inbox)."""

    @calls(REPLY)
    async def reply(
        self,
        campaign_id: int,
        *,
        email_stats_id: str,
        email_body: str,
        reply_message_id: str,
        reply_email_time: dt.datetime,
        reply_email_body: str,
        cc: Sequence[str] = (),
        bcc: Sequence[str] = (),
        add_signature: bool | None = None,
    ) -> OkResponse:
        """Reply in a lead's thread; SmartLead queues the email and sends it soon.

        Take ``email_stats_id`` (the ``stats_id``), ``reply_message_id``, ``reply_email_time``
        and ``reply_email_body`` from the message you answer: see
        ``client.leads.message_history`` or a webhook's ``stats_id``. Never retried after an
        ambiguous failure: a replay would send the email twice.
        """
        require_id("campaign_id", campaign_id)
        body: dict[str, JSON] = {
            "email_stats_id": require_text("email_stats_id", email_stats_id),
            "email_body": require_text("email_body", email_body),
            "reply_message_id": require_text("reply_message_id", reply_message_id),
            "reply_email_time": _aware("reply_email_time", reply_email_time),
            "reply_email_body": require_text("reply_email_body", reply_email_body),
        }
        if cc:
            body["cc"] = ",".join(normalize_email(email, field="cc") for email in cc)
        if bcc:
            body["bcc"] = ",".join(normalize_email(email, field="bcc") for email in bcc)
        if add_signature is not None:
            body["add_signature"] = add_signature
        return await self._pipeline.call(REPLY, json=body, campaign_id=campaign_id)

    @calls(FORWARD)
    async def forward(
        self, campaign_id: int, *, message_id: str, stats_id: str, to_emails: Sequence[str]
    ) -> OkResponse:
        """Forward a message of a thread to other addresses."""
        require_id("campaign_id", campaign_id)
        if isinstance(to_emails, str) or not to_emails:
            raise RequestValidationError("to_emails must be a non-empty sequence")
        body: dict[str, JSON] = {
            "message_id": require_text("message_id", message_id),
            "stats_id": require_text("stats_id", stats_id),
            "to_emails": ",".join(normalize_email(email, field="to_emails") for email in to_emails),
        }
        return await self._pipeline.call(FORWARD, json=body, campaign_id=campaign_id)

    def _view(
        self,
        endpoint: Endpoint[InboxPage],
        *,
        offset: int,
        limit: int,
        with_history: bool | None,
        filters: dict[str, JSON] | None = None,
        sort_by: str | None = None,
    ) -> Pager[InboxLead]:
        # `with_history=None`: the view takes no `fetch_message_history` key at all
        # (docs/api-notes.md, Master inbox).
        body: dict[str, JSON] = {}
        if filters:
            body["filters"] = filters
        if sort_by is not None:
            if sort_by not in REPLY_SORTS:
                raise RequestValidationError(f"sort_by must be one of {REPLY_SORTS}")
            body["sortBy"] = sort_by
        query = {} if with_history is None else {"fetch_message_history": with_history}
        return self._pipeline.pager(endpoint, start=offset, limit=limit, query=query, json=body)

    @calls(VIEW_REPLIES)
    def replies(
        self,
        *,
        offset: int = 0,
        limit: int = INBOX_MAX_LIMIT,
        with_history: bool = False,
        campaign_ids: Sequence[int] | None = None,
        email_account_ids: Sequence[int] | None = None,
        category_ids: Sequence[int] | None = None,
        email_status: str | None = None,
        start: Moment | None = None,
        end: Moment | None = None,
        sort_by: ReplySort | None = None,
    ) -> Pager[InboxLead]:
        """Conversations with replies, newest reply first (1 to 20 per page).

        Args:
            offset: First row.
            limit: Rows per page (at most 20).
            with_history: Include each thread's messages (``email_history``).
            campaign_ids: At most 5 campaigns.
            email_account_ids: At most 20 mailboxes.
            category_ids: At most 10 lead categories.
            email_status: ``emailStatus`` filter.
            start: Only replies from then on (a date or a tz-aware datetime; give ``end`` too).
            end: Only replies until then (a date includes that whole day, UTC).
            sort_by: ``REPLY_TIME_DESC`` (default) or ``SENT_TIME_DESC``.
        """
        filters: dict[str, JSON] = {}
        campaigns = _ids("campaign_ids", campaign_ids, _MAX_CAMPAIGN_FILTER)
        if campaigns is not None:
            filters["campaignId"] = campaigns
        accounts = _ids("email_account_ids", email_account_ids, _MAX_ACCOUNT_FILTER)
        if accounts is not None:
            filters["emailAccountId"] = accounts
        categories = _ids("category_ids", category_ids, _MAX_OTHER_FILTER)
        if categories is not None:
            filters["leadCategories"] = {"categoryIdsIn": categories}
        if email_status is not None:
            filters["emailStatus"] = email_status
        reply_time = _reply_time(start, end)
        if reply_time is not None:
            filters["replyTimeBetween"] = reply_time
        return self._view(
            VIEW_REPLIES,
            offset=offset,
            limit=limit,
            with_history=with_history,
            filters=filters,
            sort_by=sort_by,
        )

    @calls(VIEW_UNREAD)
    def unread(
        self, *, offset: int = 0, limit: int = INBOX_MAX_LIMIT, with_history: bool = False
    ) -> Pager[InboxLead]:
        """Conversations with unread replies."""
        return self._view(VIEW_UNREAD, offset=offset, limit=limit, with_history=with_history)

    @calls(VIEW_SNOOZED)
    def snoozed(
        self, *, offset: int = 0, limit: int = INBOX_MAX_LIMIT, with_history: bool = False
    ) -> Pager[InboxLead]:
        """Snoozed conversations."""
        return self._view(VIEW_SNOOZED, offset=offset, limit=limit, with_history=with_history)

    @calls(VIEW_IMPORTANT)
    def important(
        self, *, offset: int = 0, limit: int = INBOX_MAX_LIMIT, with_history: bool = False
    ) -> Pager[InboxLead]:
        """Conversations marked important."""
        return self._view(VIEW_IMPORTANT, offset=offset, limit=limit, with_history=with_history)

    @calls(VIEW_SCHEDULED)
    def scheduled(
        self, *, offset: int = 0, limit: int = INBOX_MAX_LIMIT, with_history: bool = False
    ) -> Pager[InboxLead]:
        """Conversations with a scheduled email."""
        return self._view(VIEW_SCHEDULED, offset=offset, limit=limit, with_history=with_history)

    @calls(VIEW_REMINDERS)
    def reminders(self, *, offset: int = 0, limit: int = INBOX_MAX_LIMIT) -> Pager[InboxLead]:
        """Conversations with a reminder (the view takes no message-history flag: SmartLead
        answers an unknown key with 400)."""
        return self._view(VIEW_REMINDERS, offset=offset, limit=limit, with_history=None)

    @calls(VIEW_ARCHIVED)
    def archived(
        self, *, offset: int = 0, limit: int = INBOX_MAX_LIMIT, with_history: bool = False
    ) -> Pager[InboxLead]:
        """Archived conversations."""
        return self._view(VIEW_ARCHIVED, offset=offset, limit=limit, with_history=with_history)

    @calls(VIEW_SENT)
    def sent(self, *, offset: int = 0, limit: int = INBOX_MAX_LIMIT) -> Pager[InboxLead]:
        """Conversations by sent messages (the view takes no message-history flag: SmartLead
        answers an unknown key with 400)."""
        return self._view(VIEW_SENT, offset=offset, limit=limit, with_history=None)

    @calls(VIEW_ASSIGNED_TO_ME)
    def assigned_to_me(
        self,
        *,
        offset: int = 0,
        limit: int = INBOX_MAX_LIMIT,
        with_history: bool = False,
        search: str | None = None,
        category_ids: Sequence[int] | None = None,
        exclude_category_ids: Sequence[int] | None = None,
        uncategorised: bool | None = None,
        categorised: bool | None = None,
        email_status: EmailStatus | None = None,
        campaign_id: int | None = None,
        email_account_id: int | None = None,
        team_member_id: int | None = None,
        campaign_tag_id: int | None = None,
        client_id: int | None = None,
        start: Moment | None = None,
        end: Moment | None = None,
        sort_by: ReplySort | None = None,
    ) -> Pager[InboxLead]:
        """Conversations assigned to you (``POST /master-inbox/assigned-me``; 1 to 20 per page).

        The filters are the views' own (see :meth:`custom_view`).
        """
        filters = _view_filters(
            search=search,
            category_ids=category_ids,
            exclude_category_ids=exclude_category_ids,
            uncategorised=uncategorised,
            categorised=categorised,
            email_status=email_status,
            campaign_id=campaign_id,
            email_account_id=email_account_id,
            team_member_id=team_member_id,
            campaign_tag_id=campaign_tag_id,
            client_id=client_id,
            sub_sequence_id=None,
            start=start,
            end=end,
        )
        return self._view(
            VIEW_ASSIGNED_TO_ME,
            offset=offset,
            limit=limit,
            with_history=with_history,
            filters=filters,
            sort_by=sort_by,
        )

    @calls(VIEW_CUSTOM)
    def custom_view(
        self,
        *,
        offset: int = 0,
        limit: int = INBOX_MAX_LIMIT,
        with_history: bool = False,
        search: str | None = None,
        category_ids: Sequence[int] | None = None,
        exclude_category_ids: Sequence[int] | None = None,
        uncategorised: bool | None = None,
        categorised: bool | None = None,
        email_status: EmailStatus | None = None,
        campaign_id: int | None = None,
        email_account_id: int | None = None,
        team_member_id: int | None = None,
        campaign_tag_id: int | None = None,
        client_id: int | None = None,
        sub_sequence_id: int | None = None,
        start: Moment | None = None,
        end: Moment | None = None,
        sort_by: ReplySort | None = None,
    ) -> Pager[InboxLead]:
        """Conversations matching your own filters (``POST /master-inbox/views``; 1 to 20 per
        page).

        Args:
            offset: First row.
            limit: Rows per page (at most 20).
            with_history: Include each thread's messages (``email_history``).
            search: Free text, at most 30 characters.
            category_ids: Only these lead categories (at most 10).
            exclude_category_ids: Not these lead categories (at most 10).
            uncategorised: Only conversations without a lead category (``unassigned``).
            categorised: Only conversations with one (``isAssigned``).
            email_status: ``Opened``, ``Clicked``, ``Replied``, ``Unsubscribed``, ``Bounced``,
                ``Accepted`` or ``Not Replied``.
            campaign_id: One campaign.
            email_account_id: One mailbox.
            team_member_id: One campaign team member.
            campaign_tag_id: One campaign tag.
            client_id: One client's campaigns.
            sub_sequence_id: One subsequence.
            start: Only replies from then on (give ``end`` too).
            end: Only replies until then (a date includes that whole day, UTC).
            sort_by: ``REPLY_TIME_DESC`` (default) or ``SENT_TIME_DESC``.
        """
        filters = _view_filters(
            search=search,
            category_ids=category_ids,
            exclude_category_ids=exclude_category_ids,
            uncategorised=uncategorised,
            categorised=categorised,
            email_status=email_status,
            campaign_id=campaign_id,
            email_account_id=email_account_id,
            team_member_id=team_member_id,
            campaign_tag_id=campaign_tag_id,
            client_id=client_id,
            sub_sequence_id=sub_sequence_id,
            start=start,
            end=end,
        )
        return self._view(
            VIEW_CUSTOM,
            offset=offset,
            limit=limit,
            with_history=with_history,
            filters=filters,
            sort_by=sort_by,
        )

    @calls(CREATE_SAVED_VIEW)
    async def create_saved_view(
        self,
        *,
        name: str,
        limited_access: bool = True,
        search: str | None = None,
        category_ids: Sequence[int] | None = None,
        exclude_category_ids: Sequence[int] | None = None,
        uncategorised: bool | None = None,
        categorised: bool | None = None,
        email_status: EmailStatus | None = None,
        campaign_id: int | None = None,
        email_account_id: int | None = None,
        team_member_id: int | None = None,
        campaign_tag_id: int | None = None,
        client_id: int | None = None,
        sub_sequence_id: int | None = None,
        start: Moment | None = None,
        end: Moment | None = None,
    ) -> SavedView:
        """Save a named inbox view (``POST /master-inbox/saved-views``): the filters of
        :meth:`custom_view`, stored. ``limited_access`` (default ``True``) keeps it to its
        creator's scope. Not retried after an ambiguous failure (it could save two)."""
        if not isinstance(name, str) or not name.strip() or len(name.strip()) > _MAX_VIEW_NAME:
            raise RequestValidationError(f"name must be 1 to {_MAX_VIEW_NAME} characters")
        if not isinstance(limited_access, bool):
            raise RequestValidationError("limited_access must be True or False")
        filters = _view_filters(
            search=search,
            category_ids=category_ids,
            exclude_category_ids=exclude_category_ids,
            uncategorised=uncategorised,
            categorised=categorised,
            email_status=email_status,
            campaign_id=campaign_id,
            email_account_id=email_account_id,
            team_member_id=team_member_id,
            campaign_tag_id=campaign_tag_id,
            client_id=client_id,
            sub_sequence_id=sub_sequence_id,
            start=start,
            end=end,
        )
        body: dict[str, JSON] = {
            "name": name.strip(),
            "filters": filters,
            "limitedAccess": limited_access,
        }
        return await self._pipeline.call(CREATE_SAVED_VIEW, json=body)

    @calls(REPLY_STATUS)
    async def reply_status(self, *, message_id: str) -> ReplyStatus:
        """Whether a reply sent from the inbox went out, by its ``Message-ID`` with the angle
        brackets (``<…@example.com>``). An unknown id raises ``NotFoundError``."""
        if not isinstance(message_id, str) or not _MESSAGE_ID.match(message_id.strip()):
            raise RequestValidationError(
                f"message_id must be a Message-ID in angle brackets, got {message_id!r}"
            )
        return await self._pipeline.call(REPLY_STATUS, query={"message_id": message_id.strip()})

    @calls(IGNORE_REPLY)
    async def ignore_reply(self, *, email_stats_id: str, ignore: bool = True) -> OkResponse:
        """Stop counting a reply as a reply (``ignore=False`` counts it again); the reply is
        named by its ``stats_id``."""
        if not isinstance(ignore, bool):
            raise RequestValidationError("ignore must be True or False")
        body: dict[str, JSON] = {
            "id": require_text("email_stats_id", email_stats_id),
            "ignore_reply": ignore,
        }
        return await self._action(IGNORE_REPLY, body)

    @calls(ASSOCIATE_UNTRACKED)
    async def associate_untracked_reply(
        self, untracked_reply_id: str, campaign_id: int, lead_map_id: int
    ) -> UntrackedReplyAssociated:
        """File an untracked reply (an id from :meth:`untracked_replies`) under a lead of a
        campaign (``lead_map_id``: the lead's map id in that campaign).

        Raises:
            ResponseDecodeError: The answer says ``sucess: false`` (SmartLead's spelling).
        """
        body: dict[str, JSON] = {
            "emailCampaignId": require_id("campaign_id", campaign_id),
            "leadMapId": require_id("lead_map_id", lead_map_id),
            "untrackedReplyId": require_text("untracked_reply_id", untracked_reply_id),
        }
        return await self._pipeline.call(ASSOCIATE_UNTRACKED, json=body)

    @calls(GET_INBOX_LEAD)
    async def get(self, email_lead_map_id: int) -> InboxLead:
        """One conversation by its map id (``GET /master-inbox/{email_lead_map_id}``)."""
        return await self._pipeline.call(
            GET_INBOX_LEAD, email_lead_map_id=require_id("email_lead_map_id", email_lead_map_id)
        )

    @calls(UNTRACKED_REPLIES)
    def untracked_replies(
        self,
        *,
        offset: int = 0,
        limit: int = 20,
        with_body: bool = False,
        from_email: str | None = None,
        to_email: str | None = None,
        subject: str | None = None,
    ) -> Pager[UntrackedReply]:
        """Replies that arrived outside campaign threads (1 to 100 per page)."""
        query = {
            "fetchBody": True if with_body else None,
            "from_email": from_email,
            "to_email": to_email,
            "subject_line": subject,
        }
        return self._pipeline.pager(UNTRACKED_REPLIES, start=offset, limit=limit, query=query)

    async def _action(self, endpoint: Endpoint[OkResponse], body: dict[str, JSON]) -> OkResponse:
        return await self._pipeline.call(endpoint, json=body)

    @calls(UPDATE_REVENUE)
    async def update_revenue(self, email_lead_map_id: int, *, revenue: float) -> OkResponse:
        """Record the revenue a conversation brought."""
        if isinstance(revenue, bool) or not isinstance(revenue, int | float) or revenue < 0:
            raise RequestValidationError(f"revenue must be a number >= 0, got {revenue!r}")
        return await self._action(
            UPDATE_REVENUE, {"email_lead_map_id": _map_id(email_lead_map_id), "revenue": revenue}
        )

    @calls(UPDATE_CATEGORY)
    async def update_category(self, email_lead_map_id: int, category_id: int | None) -> OkResponse:
        """Set (or, with ``None``, clear) a conversation's lead category."""
        category = None if category_id is None else require_id("category_id", category_id)
        return await self._action(
            UPDATE_CATEGORY,
            {"email_lead_map_id": _map_id(email_lead_map_id), "category_id": category},
        )

    @calls(RESUME_LEAD)
    async def resume_lead(
        self, email_lead_map_id: int, *, campaign_id: int, delay_days: int | None = None
    ) -> OkResponse:
        """Resume a paused lead from the inbox."""
        body: dict[str, JSON] = {
            "email_lead_map_id": _map_id(email_lead_map_id),
            "campaign_id": require_id("campaign_id", campaign_id),
        }
        if delay_days is not None:
            body["resume_delay_days"] = require_int_range("delay_days", delay_days, 0)
        return await self._action(RESUME_LEAD, body)

    @calls(CHANGE_READ_STATUS)
    async def mark_read(self, email_lead_map_id: int, *, read: bool = True) -> OkResponse:
        """Mark a conversation read (or unread with ``read=False``)."""
        return await self._action(
            CHANGE_READ_STATUS,
            {"email_lead_map_id": _map_id(email_lead_map_id), "read_status": bool(read)},
        )

    @calls(CREATE_TASK)
    async def create_task(
        self,
        email_lead_map_id: int,
        *,
        name: str,
        description: str = "",
        priority: TaskPriority = "MEDIUM",
        due_date: dt.datetime,
    ) -> OkResponse:
        """Create a task on a conversation."""
        body: dict[str, JSON] = {
            "email_lead_map_id": _map_id(email_lead_map_id),
            "name": require_text("name", name),
            "description": description,
            "priority": require_text("priority", priority),
            "due_date": _aware("due_date", due_date),
        }
        return await self._action(CREATE_TASK, body)

    @calls(CREATE_NOTE)
    async def create_note(self, email_lead_map_id: int, *, note: str) -> OkResponse:
        """Add a note to a conversation."""
        body: dict[str, JSON] = {
            "email_lead_map_id": _map_id(email_lead_map_id),
            "note_message": require_text("note", note),
        }
        return await self._action(CREATE_NOTE, body)

    @calls(SET_REMINDER)
    async def set_reminder(
        self, email_lead_map_id: int, *, email_stats_id: str, message: str, at: dt.datetime
    ) -> OkResponse:
        """Remind yourself about a conversation at a given time."""
        body: dict[str, JSON] = {
            "email_lead_map_id": _map_id(email_lead_map_id),
            "email_stats_id": require_text("email_stats_id", email_stats_id),
            "message": require_text("message", message),
            "reminder_time": _aware("at", at),
        }
        return await self._action(SET_REMINDER, body)

    @calls(PUSH_TO_SUBSEQUENCE)
    async def push_to_subsequence(self, email_lead_map_id: int, sub_sequence_id: int) -> OkResponse:
        """Move a conversation's lead into a subsequence."""
        body: dict[str, JSON] = {
            "email_lead_map_id": _map_id(email_lead_map_id),
            "sub_sequence_id": require_id("sub_sequence_id", sub_sequence_id),
        }
        return await self._action(PUSH_TO_SUBSEQUENCE, body)

    @calls(UPDATE_TEAM_MEMBER)
    async def assign_team_member(self, email_lead_map_id: int, team_member_id: int) -> OkResponse:
        """Assign a conversation to a team member."""
        body: dict[str, JSON] = {
            "email_lead_map_id": _map_id(email_lead_map_id),
            "team_member_id": require_id("team_member_id", team_member_id),
        }
        return await self._action(UPDATE_TEAM_MEMBER, body)

    @calls(BLOCK_DOMAINS)
    async def block_domains(
        self, *, domains: Sequence[str], source: str | None = None
    ) -> OkResponse:
        """Block whole domains from the inbox (adds them to the block list)."""
        if isinstance(domains, str) or not domains:
            raise RequestValidationError("domains must be a non-empty sequence")
        entries = [normalize_block_entry(domain) for domain in domains]
        if any("@" in entry for entry in entries):
            raise RequestValidationError("block_domains takes domains, not email addresses")
        body: dict[str, JSON] = {"domains": list[JSON](entries)}
        if source is not None:
            body["source"] = source
        return await self._action(BLOCK_DOMAINS, body)


def _map_id(value: int) -> int:
    return require_id("email_lead_map_id", value)


def _view_filters(
    *,
    search: str | None,
    category_ids: Sequence[int] | None,
    exclude_category_ids: Sequence[int] | None,
    uncategorised: bool | None,
    categorised: bool | None,
    email_status: EmailStatus | None,
    campaign_id: int | None,
    email_account_id: int | None,
    team_member_id: int | None,
    campaign_tag_id: int | None,
    client_id: int | None,
    sub_sequence_id: int | None,
    start: Moment | None,
    end: Moment | None,
) -> dict[str, JSON]:
    """The ``filters`` object the views and saved views share, in SmartLead's keys."""
    filters: dict[str, JSON] = {}
    if search is not None:
        if not isinstance(search, str) or not search.strip() or len(search) > _MAX_SEARCH:
            raise RequestValidationError(f"search must be 1 to {_MAX_SEARCH} characters")
        filters["search"] = search
    categories: dict[str, JSON] = {}
    for key, flag, flag_name in (
        ("unassigned", uncategorised, "uncategorised"),
        ("isAssigned", categorised, "categorised"),
    ):
        if flag is not None:
            if not isinstance(flag, bool):
                raise RequestValidationError(f"{flag_name} must be True or False")
            categories[key] = flag
    excluded = _ids("exclude_category_ids", exclude_category_ids, _MAX_OTHER_FILTER)
    if excluded is not None:
        categories["categoryIdsNotIn"] = excluded
    included = _ids("category_ids", category_ids, _MAX_OTHER_FILTER)
    if included is not None:
        categories["categoryIdsIn"] = included
    if categories:
        filters["leadCategories"] = categories
    if email_status is not None:
        if email_status not in EMAIL_STATUSES:
            raise RequestValidationError(f"email_status must be one of {EMAIL_STATUSES}")
        filters["emailStatus"] = email_status
    for key, value, name in (
        ("campaignId", campaign_id, "campaign_id"),
        ("emailAccountId", email_account_id, "email_account_id"),
        ("campaignTeamMemberId", team_member_id, "team_member_id"),
        ("campaignTagId", campaign_tag_id, "campaign_tag_id"),
        ("campaignClientId", client_id, "client_id"),
        ("subSequenceId", sub_sequence_id, "sub_sequence_id"),
    ):
        if value is not None:
            filters[key] = require_id(name, value)
    reply_time = _reply_time(start, end)
    if reply_time is not None:
        filters["replyTimeBetween"] = reply_time
    return filters


def _reply_time(start: Moment | None, end: Moment | None) -> list[JSON] | None:
    """The ``replyTimeBetween`` pair of the replies view and the other views; both or neither."""
    if start is None and end is None:
        return None
    if start is None or end is None:
        raise RequestValidationError("a reply-time window needs both start and end")
    return list[JSON](window(start, end, "datetime"))
