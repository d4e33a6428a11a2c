"""``client.leads``: campaign leads, account-wide lead records, categories and pushes.

The block list is the sub-resource ``client.leads.block_list``
(:class:`~smartlead_async.resources.block_list.BlockListResource`).
"""

from __future__ import annotations

import asyncio
import csv
import functools
import io
from collections.abc import AsyncIterable, Awaitable, Callable, Iterable, Mapping, Sequence, Sized
from typing import TypeVar, cast, get_args

from smartlead_async._convert import to_wire
from smartlead_async._endpoints import Endpoint, Paging, Unwrap, calls, helper_of
from smartlead_async._json import JSON
from smartlead_async._lead_codec import lead_to_wire
from smartlead_async._pagination import Pager, Rows
from smartlead_async._pipeline import Pipeline
from smartlead_async._request import QueryValue
from smartlead_async._validation import (
    MAX_CUSTOM_FIELDS,
    MAX_CUSTOM_FIELDS_DOCUMENTED,
    MAX_LEADS_PER_REQUEST,
    MAX_LEADS_PER_REQUEST_DOCUMENTED,
    normalize_email,
    require_id,
    require_ids,
    require_int_range,
    require_optional_id,
)
from smartlead_async._window import Moment, moment
from smartlead_async.bulk import (
    DEFAULT_CONCURRENCY,
    BulkResult,
    Importer,
    ImportReport,
    ImportStream,
    ProgressCallback,
    ReadBack,
    run_each,
    unique,
)
from smartlead_async.errors import NotFoundError, RequestValidationError
from smartlead_async.models.common import DataResult, OkResponse
from smartlead_async.models.lead_lists import AllLeadsPage
from smartlead_async.models.leads import (
    AddLeadsResult,
    CampaignLead,
    CampaignLeadSearchPage,
    CampaignLeadsPage,
    FoundCampaignLead,
    Lead,
    LeadCampaign,
    LeadCategory,
    LeadHistoryByLead,
    LeadImportSettings,
    LeadRow,
    LeadStatus,
    LeadStatusName,
    LeadType,
    ManualCompleteResult,
    MessageHistory,
    PushAction,
    PushResult,
)
from smartlead_async.resources._base import Resource, deprecated_alias
from smartlead_async.resources.block_list import BLOCK_LIST_MAX_LIMIT, BlockListResource
from smartlead_async.resources.crm import LeadCrmResource
from smartlead_async.resources.lead_categories import LeadCategoriesResource

__all__ = ["LeadsResource", "parse_csv_export"]

#: ``GET /campaigns/{id}/leads`` serves at most 100 rows per page.
CAMPAIGN_LEADS_MAX_LIMIT = 100
ALL_LEADS_MAX_LIMIT = 1000
#: Lead ids per push (``leadList.leadIds``, ``leadIds``).
MAX_PUSHED_LEADS = 10_000
_ALL_AT_ONCE = Paging(max_limit=None)

# Safe to repeat: SmartLead dedupes by email within a campaign, so a replay reports the rows as
# `already_added_to_campaign` instead of adding them twice.
ADD_LEADS = Endpoint("POST", "campaigns/{campaign_id}/leads", AddLeadsResult, idempotent=True)
LIST_CAMPAIGN_LEADS = Endpoint(
    "GET",
    "campaigns/{campaign_id}/leads",
    CampaignLeadsPage,
    page=Paging(max_limit=CAMPAIGN_LEADS_MAX_LIMIT),
)
# An unknown email is answered 200 `{}` (docs/api-notes.md, Not found answers).
GET_LEAD_BY_EMAIL = Endpoint("GET", "leads/", Lead, empty_is_not_found=True)
# The lead comes wrapped as `{"data": [lead]}`; an unknown id is answered `{"data": []}`.
GET_LEAD = Endpoint("GET", "leads/{lead_id}", Lead, unwrap=Unwrap.FIRST_OF_DATA)
# Setting the same fields, category or state again changes nothing: safe to repeat.
UPDATE_LEAD = Endpoint(
    "POST", "campaigns/{campaign_id}/leads/{lead_id}", OkResponse, idempotent=True
)
UPDATE_LEAD_CATEGORY = Endpoint(
    "POST", "campaigns/{campaign_id}/leads/{lead_id}/category", OkResponse, idempotent=True
)
PAUSE_LEAD = Endpoint(
    "POST", "campaigns/{campaign_id}/leads/{lead_id}/pause", OkResponse, idempotent=True
)
RESUME_LEAD = Endpoint(
    "POST", "campaigns/{campaign_id}/leads/{lead_id}/resume", OkResponse, idempotent=True
)
# Documented as {"ok": true, "message": "success"}; the live API answers the bare text `success`.
# Not repeated after an ambiguous failure: once applied, the lead is no longer a member, so a
# replay is refused as not found and a done removal would be reported as failed.
DELETE_LEAD = Endpoint(
    "DELETE", "campaigns/{campaign_id}/leads/{lead_id}", OkResponse, text_ok=True
)
UNSUBSCRIBE_FROM_CAMPAIGN = Endpoint(
    "POST", "campaigns/{campaign_id}/leads/{lead_id}/unsubscribe", OkResponse, idempotent=True
)
UNSUBSCRIBE_LEAD = Endpoint("POST", "leads/{lead_id}/unsubscribe", OkResponse, idempotent=True)
MARK_COMPLETE = Endpoint(
    "POST",
    "campaigns/{campaign_id}/leads/{campaign_lead_map_id}/manual-complete",
    ManualCompleteResult,
)
MESSAGE_HISTORY = Endpoint(
    "GET", "campaigns/{campaign_id}/leads/{lead_id}/message-history", MessageHistory
)
LEAD_CAMPAIGNS = Endpoint(
    "GET", "leads/{lead_id}/campaigns", Rows[LeadCampaign], unwrap=Unwrap.ROWS, page=_ALL_AT_ONCE
)
EXPORT_LEADS = Endpoint("GET", "campaigns/{campaign_id}/leads-export", str, unwrap=Unwrap.TEXT)
LEAD_CATEGORIES = Endpoint(
    "GET", "leads/fetch-categories", Rows[LeadCategory], unwrap=Unwrap.ROWS, page=_ALL_AT_ONCE
)
LIST_ALL_LEADS = Endpoint(
    "GET",
    "leads/all",
    AllLeadsPage,
    page=Paging(max_limit=ALL_LEADS_MAX_LIMIT, cursor="lastSeenLeadId"),
)
CAMPAIGN_OVERVIEW = Endpoint("GET", "leads/{lead_id}/campaign-overview", DataResult)
SEQUENCE_DETAILS = Endpoint("GET", "leads/{campaign_lead_map_id}/sequence-details", DataResult)
PUSH_TO_CAMPAIGN = Endpoint("POST", "leads/push-to-campaign", PushResult)
PUSH_TO_LIST = Endpoint("POST", "leads/push-to-list", PushResult)
PUSH_CAMPAIGN_TO_LIST = Endpoint("POST", "leads/campaign/push-to-list", PushResult)
#: ``POST /campaigns/{id}/leads/filter`` serves at most 100 hits per page.
LEAD_SEARCH_MAX_LIMIT = 100
# A read sent as POST: safe to repeat. Paged by the map id of the last hit, sent back in the body
# as `lastSeenLeadId` (docs/api-notes.md, Verbatim quirks).
SEARCH_CAMPAIGN_LEADS = Endpoint(
    "POST",
    "campaigns/{campaign_id}/leads/filter",
    CampaignLeadSearchPage,
    idempotent=True,
    page=Paging(max_limit=LEAD_SEARCH_MAX_LIMIT, cursor="lastSeenLeadId", in_body=True),
)
# A read sent as POST, on a page graded unaudited: the last path segment is an opaque literal
# printed in the docs (docs/api-notes.md, Verbatim quirks).
BULK_MESSAGE_HISTORY = Endpoint(
    "POST",
    "campaigns/{campaign_id}/message-history-for-leads/bbfbdsFGHlBr76ruhjvh6fhHL",
    LeadHistoryByLead,
    idempotent=True,
    weak=True,
)
PUSH_ACTIONS: tuple[PushAction, ...] = get_args(PushAction)
_LEAD_STATUSES = ("STARTED", "INPROGRESS", "COMPLETED", "STOPPED", "PAUSED", "BLOCKED")
_EMAIL_STATUSES = (
    "is_opened",
    "is_clicked",
    "is_bounced",
    "is_replied",
    "is_unsubscribed",
    "is_accepted",
    "not_replied",
    "is_sender_bounced",
    "got_reply",
)
_STATUS_FILTERS = (
    "all",
    "active",
    "replied",
    "failed",
    "scheduled",
    "manual_followups",
    "completed",
    "paused",
)
_FIELD_SETS = ("drafted_table", "active_table")
_SCHEDULE_TYPES = ("MANUAL", "AUTO")
LEAD_TYPES: tuple[LeadType, ...] = get_args(LeadType)
#: The result type of a per-lead helper's call.
T = TypeVar("T")


def parse_csv_export(text: str) -> list[dict[str, str]]:
    """Rows of a ``leads-export`` CSV as dicts keyed by column (``custom_fields`` stays JSON)."""
    return list(csv.DictReader(io.StringIO(text)))


class LeadsResource(Resource):
    """Add leads to campaigns, list them, look them up, act on them.

    Attributes:
        block_list: The block list (``client.leads.block_list``).
        lead_categories: Create, change and delete lead categories
            (``client.leads.lead_categories``; :meth:`categories` lists them).
        crm: A lead's notes, tasks and tags (``client.leads.crm``; contested routes).
    """

    def __init__(self, pipeline: Pipeline) -> None:
        super().__init__(pipeline)
        self.block_list = BlockListResource(self._pipeline)
        self.lead_categories = LeadCategoriesResource(self._pipeline)
        self.crm = LeadCrmResource(self._pipeline)

    @calls(ADD_LEADS)
    async def add_to_campaign(
        self,
        campaign_id: int,
        *,
        leads: Sequence[LeadRow],
        settings: LeadImportSettings | None = None,
        max_leads: int = MAX_LEADS_PER_REQUEST,
        max_custom_fields: int = MAX_CUSTOM_FIELDS,
    ) -> AddLeadsResult:
        """Add up to 100 leads to a campaign (``POST /campaigns/{campaign_id}/leads``).

        Every lead is validated first (email syntax, known keys, at most 20 custom fields); emails
        are stripped and their domain lower-cased. The call is retried after ambiguous failures:
        SmartLead dedupes by email within a campaign, so a replay reports the rows as
        ``already_added_to_campaign`` instead of adding them twice.

        Args:
            campaign_id: Target campaign.
            leads: 1 to ``max_leads`` leads, as :class:`LeadInput` or mappings with wire keys.
            settings: Import flags (block list, unsubscribe list, duplicates in other campaigns).
            max_leads: The most leads this call accepts: 100 by default; up to 400, the limit
                SmartLead's API reference documents on an unaudited page
                (docs/api-notes.md, Adding leads). Opt in only for an account known to take
                more: one that still enforces 100 refuses the whole call.
            max_custom_fields: The most custom fields per lead: 20 by default; up to 200, as
                the reference documents (same caveat).

        Raises:
            RequestValidationError: Before sending, for any invalid lead or batch size.
        """
        require_id("campaign_id", campaign_id)
        lead_cap = _lead_cap(max_leads)
        field_cap = _custom_field_cap(max_custom_fields)
        if isinstance(leads, str | bytes | Mapping) or not isinstance(leads, Sequence):
            raise RequestValidationError("leads must be a sequence of LeadInput or mappings")
        if not 1 <= len(leads) <= lead_cap:
            raise RequestValidationError(
                f"add_to_campaign takes 1 to {lead_cap} leads per call, got "
                f"{len(leads)}; use bulk helpers for more"
            )
        body: dict[str, JSON] = {
            "lead_list": [
                lead_to_wire(lead, i, max_custom_fields=field_cap) for i, lead in enumerate(leads)
            ]
        }
        if settings is not None:
            body["settings"] = to_wire(self._pipeline.converter, settings)
        return await self._pipeline.call(ADD_LEADS, json=body, campaign_id=campaign_id)

    @calls(LIST_CAMPAIGN_LEADS)
    def list_by_campaign(
        self,
        campaign_id: int,
        *,
        offset: int = 0,
        limit: int = CAMPAIGN_LEADS_MAX_LIMIT,
        status: LeadStatus | LeadStatusName | None = None,
        lead_category_id: int | None = None,
        email_status: str | None = None,
        created_after: Moment | None = None,
        last_sent_after: Moment | None = None,
        event_after: Moment | None = None,
    ) -> Pager[CampaignLead]:
        """Leads of a campaign (``GET /campaigns/{campaign_id}/leads``), 1 to 100 per page.

        ``await`` the result for one :class:`~smartlead_async.Page`, or ``async for`` over it for
        every lead. ``email_status`` is sent as the camelCase ``emailStatus`` (``is_opened``,
        ``is_replied``, …). ``created_after``, ``last_sent_after`` and ``event_after`` take a
        date or a timezone-aware datetime (sent as ``created_at_gt``, ``last_sent_time_gt`` and
        ``event_time_gt``).

        Raises:
            RequestValidationError: A bad id, page bound or time (before sending).
        """
        require_id("campaign_id", campaign_id)
        bounds = {
            "created_at_gt": ("created_after", created_after),
            "last_sent_time_gt": ("last_sent_after", last_sent_after),
            "event_time_gt": ("event_after", event_after),
        }
        filters: dict[str, QueryValue | None] = {
            "status": str(status) if status is not None else None,
            "lead_category_id": require_optional_id("lead_category_id", lead_category_id),
            "emailStatus": email_status,
            **{
                key: moment(name, value, "datetime")
                for key, (name, value) in bounds.items()
                if value is not None
            },
        }
        return self._pipeline.pager(
            LIST_CAMPAIGN_LEADS,
            start=offset,
            limit=limit,
            query=filters,
            campaign_id=campaign_id,
        )

    @calls(SEARCH_CAMPAIGN_LEADS)
    def search_by_campaign(
        self,
        campaign_id: int,
        *,
        search_text: str | None = None,
        limit: int = LEAD_SEARCH_MAX_LIMIT,
        start_after: int | None = None,
        lead_statuses: Sequence[LeadStatus | LeadStatusName] | None = None,
        email_statuses: Sequence[str] | None = None,
        lead_category_ids: Sequence[int] | None = None,
        lead_category_is_null: bool | None = None,
        email_account_ids: Sequence[int] | None = None,
        esp_domain_types: Sequence[int] | None = None,
        seg_types: Sequence[int] | None = None,
        sequence_numbers: Sequence[int] | None = None,
        sequence_ids: Sequence[int] | None = None,
        seq_variant_ids: Sequence[int] | None = None,
        seq_schedule_type: str | None = None,
        status_filter: str | None = None,
        field_set: str | None = None,
        deleted_email_addresses: Sequence[str] | None = None,
        manual_completion_seq_ids: Sequence[int] | None = None,
        include_sender_bounce: bool | None = None,
    ) -> Pager[FoundCampaignLead]:
        """Search a campaign's leads (``POST /campaigns/{campaign_id}/leads/filter``), 1 to 100
        hits per page, walked by cursor: each page's ``lastSeenEclmId`` is sent back as
        ``lastSeenLeadId`` (``start_after`` starts after a given map id).

        Args:
            campaign_id: The campaign.
            search_text: Space-separated words; each must partly match the email, first or last
                name (case-insensitive).
            limit: Hits per page.
            start_after: Start after this campaign lead map id.
            lead_statuses: ``STARTED``, ``INPROGRESS``, ``COMPLETED``, ``STOPPED``, ``PAUSED``,
                ``BLOCKED``.
            email_statuses: ``is_opened``, ``is_clicked``, ``is_bounced``, ``is_replied``,
                ``is_unsubscribed``, ``is_accepted``, ``not_replied``, ``is_sender_bounced``,
                ``got_reply``.
            lead_category_ids: Categories; ``-1`` also matches uncategorised leads.
            lead_category_is_null: Only uncategorised leads.
            email_account_ids: Leads assigned to these mailboxes.
            esp_domain_types: Integers 0 to 2.
            seg_types: Integers 0 to 10.
            sequence_numbers: Steps 1 to 999.
            sequence_ids: Sequence step ids.
            seq_variant_ids: Variant ids.
            seq_schedule_type: ``MANUAL`` or ``AUTO``.
            status_filter: ``all``, ``active``, ``replied``, ``failed``, ``scheduled``,
                ``manual_followups``, ``completed`` or ``paused``.
            field_set: ``drafted_table`` (compact, SmartLead's default) or ``active_table``.
            deleted_email_addresses: Emails (each at most 320 characters).
            manual_completion_seq_ids: Leads waiting on these manual steps (sends
                ``filterLeadsForManualCompletion`` with ``filterManualSeqIds``).
            include_sender_bounce: Include sender bounces.

        Raises:
            RequestValidationError: A bad filter, or ``field_set="active_table"`` with
                ``status_filter="replied"``, whose pages need a second cursor
                (``lastSeenReplyTime``) this pager does not send.
        """
        require_id("campaign_id", campaign_id)
        if field_set == "active_table" and status_filter == "replied":
            raise RequestValidationError(
                "active_table + replied pages by a second cursor (lastSeenReplyTime) that "
                "this pager does not send; use another field_set or status_filter"
            )
        body: dict[str, JSON] = {}
        if search_text is not None:
            body["searchText"] = str(search_text)
        _put_choices(body, "leadStatuses", "lead_statuses", lead_statuses, _LEAD_STATUSES)
        _put_choices(body, "emailStatuses", "email_statuses", email_statuses, _EMAIL_STATUSES)
        if lead_category_ids is not None:
            body["leadCategoryIds"] = _category_ids(lead_category_ids)
        if lead_category_is_null is not None:
            body["leadCategoryIsNull"] = bool(lead_category_is_null)
        for key, name, values, low, high in (
            ("emailAccountIds", "email_account_ids", email_account_ids, 1, None),
            ("espDomainTypes", "esp_domain_types", esp_domain_types, 0, 2),
            ("segTypes", "seg_types", seg_types, 0, 10),
            ("sequenceNumbers", "sequence_numbers", sequence_numbers, 1, 999),
            ("sequenceIds", "sequence_ids", sequence_ids, 1, None),
            ("seqVariantIds", "seq_variant_ids", seq_variant_ids, 1, None),
        ):
            if values is not None:
                body[key] = _int_list(name, values, low, high)
        _put_choice(
            body, "seqScheduleType", "seq_schedule_type", seq_schedule_type, _SCHEDULE_TYPES
        )
        _put_choice(body, "statusFilter", "status_filter", status_filter, _STATUS_FILTERS)
        _put_choice(body, "fieldSet", "field_set", field_set, _FIELD_SETS)
        if deleted_email_addresses is not None:
            body["deletedEmailAddresses"] = _deleted_addresses(deleted_email_addresses)
        if manual_completion_seq_ids is not None:
            body["filterLeadsForManualCompletion"] = True
            body["filterManualSeqIds"] = require_ids(
                "manual_completion_seq_ids", manual_completion_seq_ids
            )
        if include_sender_bounce is not None:
            body["includeSenderBounce"] = bool(include_sender_bounce)
        return self._pipeline.pager(
            SEARCH_CAMPAIGN_LEADS,
            start=start_after,
            limit=limit,
            json=body,
            campaign_id=campaign_id,
        )

    @calls(BULK_MESSAGE_HISTORY)
    async def message_history_for_leads(
        self,
        campaign_id: int,
        lead_ids: Sequence[int] | None = None,
        *,
        event_after: Moment | None = None,
    ) -> LeadHistoryByLead:
        """Emails sent to several leads of a campaign, keyed by lead id (**[weak]**: the page
        is unaudited, its example unverified, and the path ends in an opaque literal token).

        Args:
            campaign_id: The campaign.
            lead_ids: The leads (``lead_ids``); ``None`` sends no filter.
            event_after: Only emails after this date or aware datetime (``event_time_gt``).
        """
        require_id("campaign_id", campaign_id)
        body: dict[str, JSON] = {}
        if lead_ids is not None:
            body["lead_ids"] = require_ids("lead_ids", lead_ids)
        query: dict[str, QueryValue | None] = {
            "event_time_gt": (
                moment("event_after", event_after, "datetime") if event_after is not None else None
            )
        }
        return await self._pipeline.call(
            BULK_MESSAGE_HISTORY, query=query, json=body, campaign_id=campaign_id
        )

    @calls(GET_LEAD_BY_EMAIL)
    async def get_by_email(self, *, email: str) -> Lead:
        """Look a lead up by email across the account (``GET /leads/?email=``).

        Returns:
            The lead with the campaigns it belongs to.

        Raises:
            NotFoundError: No lead has that email (the API answers ``{}``).
            RequestValidationError: ``email`` is not a valid address (before sending).
        """
        return await self._pipeline.call(GET_LEAD_BY_EMAIL, query={"email": normalize_email(email)})

    @calls(GET_LEAD)
    async def get(self, lead_id: int) -> Lead:
        """One lead by its account-wide id (``GET /leads/{lead_id}``).

        Raises:
            NotFoundError: No such lead (the API answers an empty ``data`` list).
        """
        return await self._pipeline.call(GET_LEAD, lead_id=require_id("lead_id", lead_id))

    @calls(UPDATE_LEAD)
    async def update(self, campaign_id: int, lead_id: int, *, lead: LeadRow) -> OkResponse:
        """Update a lead's fields (``POST /campaigns/{campaign_id}/leads/{lead_id}``).

        ``email`` is required even when unchanged; edits apply in every campaign of the lead.
        """
        return await self._lead_action(UPDATE_LEAD, campaign_id, lead_id, lead_to_wire(lead, 0))

    @calls(UPDATE_LEAD_CATEGORY)
    async def update_category(
        self, campaign_id: int, lead_id: int, category_id: int | None, *, pause_lead: bool = False
    ) -> OkResponse:
        """Set (or, with ``None``, clear) a lead's category in a campaign; optionally pause it.

        Category ids come from :meth:`categories` (1 to 7 are the defaults).
        """
        body: JSON = {
            "category_id": require_optional_id("category_id", category_id),
            "pause_lead": pause_lead,
        }
        return await self._lead_action(UPDATE_LEAD_CATEGORY, campaign_id, lead_id, body)

    @calls(PAUSE_LEAD)
    async def pause(self, campaign_id: int, lead_id: int) -> OkResponse:
        """Pause a lead in a campaign: no more sends until resumed."""
        return await self._lead_action(PAUSE_LEAD, campaign_id, lead_id)

    @calls(RESUME_LEAD)
    async def resume(
        self, campaign_id: int, lead_id: int, *, delay_days: int | None = None
    ) -> OkResponse:
        """Resume a paused lead, optionally after ``delay_days`` days."""
        if delay_days is not None:
            require_int_range("delay_days", delay_days, 0)
        body: JSON = None if delay_days is None else {"resume_lead_with_delay_days": delay_days}
        return await self._lead_action(RESUME_LEAD, campaign_id, lead_id, body)

    @calls(DELETE_LEAD)
    async def delete_from_campaign(self, campaign_id: int, lead_id: int) -> OkResponse:
        """Remove a lead from a campaign. A lead in no other campaign may leave the account too.

        The live API answers the bare text ``success`` (documented as ``{"ok": true}``); both are
        returned as ``OkResponse(ok=True)``. Not retried after an ambiguous failure.
        """
        return await self._lead_action(DELETE_LEAD, campaign_id, lead_id)

    @calls(UNSUBSCRIBE_FROM_CAMPAIGN)
    async def unsubscribe_from_campaign(self, campaign_id: int, lead_id: int) -> OkResponse:
        """Unsubscribe a lead from one campaign only."""
        return await self._lead_action(UNSUBSCRIBE_FROM_CAMPAIGN, campaign_id, lead_id)

    @calls(UNSUBSCRIBE_LEAD)
    async def unsubscribe(self, lead_id: int) -> OkResponse:
        """Unsubscribe a lead from every campaign, now and future. Not reversible via the API.

        Raises:
            OperationFailedError: The API answered 200 ``{"ok": false}``: nothing was changed.
        """
        return await self._pipeline.call(UNSUBSCRIBE_LEAD, lead_id=require_id("lead_id", lead_id))

    @calls(MARK_COMPLETE)
    async def mark_complete(
        self, campaign_id: int, campaign_lead_map_id: int
    ) -> ManualCompleteResult:
        """Mark a lead's current step complete. Takes the *map* id (``campaign_lead_map_id``)."""
        return await self._pipeline.call(
            MARK_COMPLETE,
            json={},
            campaign_id=require_id("campaign_id", campaign_id),
            campaign_lead_map_id=require_id("campaign_lead_map_id", campaign_lead_map_id),
        )

    @calls(MESSAGE_HISTORY)
    async def message_history(self, campaign_id: int, lead_id: int) -> MessageHistory:
        """The thread between a campaign and a lead (what you need to reply)."""
        return await self._pipeline.call(
            MESSAGE_HISTORY,
            campaign_id=require_id("campaign_id", campaign_id),
            lead_id=require_id("lead_id", lead_id),
        )

    @calls(LEAD_CAMPAIGNS)
    def campaigns(self, lead_id: int) -> Pager[LeadCampaign]:
        """The campaigns a lead belongs to (``GET /leads/{lead_id}/campaigns``; one page: the
        route is not paged)."""
        return self._pipeline.pager(LEAD_CAMPAIGNS, lead_id=require_id("lead_id", lead_id))

    @calls(EXPORT_LEADS)
    async def export_csv(self, campaign_id: int) -> str:
        """A campaign's leads as CSV text; parse it with :func:`parse_csv_export`."""
        return await self._pipeline.call(
            EXPORT_LEADS, campaign_id=require_id("campaign_id", campaign_id)
        )

    @calls(LEAD_CATEGORIES)
    def categories(self) -> Pager[LeadCategory]:
        """The account's lead categories, to resolve category names to ids (one page: the
        route is not paged)."""
        return self._pipeline.pager(LEAD_CATEGORIES)

    async def _lead_action(
        self, endpoint: Endpoint[OkResponse], campaign_id: int, lead_id: int, body: JSON = None
    ) -> OkResponse:
        return await self._pipeline.call(
            endpoint,
            json=body,
            campaign_id=require_id("campaign_id", campaign_id),
            lead_id=require_id("lead_id", lead_id),
        )

    @calls(LIST_ALL_LEADS)
    def list_all(
        self,
        *,
        limit: int = 100,
        start_after: int | None = None,
        campaign_id: int | None = None,
        status: LeadStatus | LeadStatusName | None = None,
        email_status: str | None = None,
        lead_type: LeadType | None = None,
        list_id: int | None = None,
        client_id: int | None = None,
        email: str | None = None,
    ) -> Pager[Lead]:
        """Every lead of the account, walked by cursor (``lastSeenLeadId``), 1 to 1,000 a page.

        ``start_after`` is a lead id: the walk starts with the lead after it.
        """
        if lead_type is not None and lead_type not in LEAD_TYPES:
            raise RequestValidationError(f"lead_type must be one of {LEAD_TYPES}")
        filters: dict[str, QueryValue | None] = {
            "campaignId": require_optional_id("campaign_id", campaign_id),
            "status": str(status) if status is not None else None,
            "emailStatus": email_status,
            "leadType": lead_type,
            "listId": require_optional_id("list_id", list_id),
            "clientId": require_optional_id("client_id", client_id),
            "leadEmail": normalize_email(email) if email is not None else None,
        }
        return self._pipeline.pager(LIST_ALL_LEADS, start=start_after, limit=limit, query=filters)

    @calls(CAMPAIGN_OVERVIEW)
    async def campaign_overview(self, lead_id: int) -> DataResult:
        """A lead's activity across its campaigns (shape documented by example only)."""
        return await self._pipeline.call(CAMPAIGN_OVERVIEW, lead_id=require_id("lead_id", lead_id))

    @calls(SEQUENCE_DETAILS)
    async def sequence_details(self, campaign_lead_map_id: int, *, campaign_id: int) -> DataResult:
        """Where a lead stands in a campaign's sequence (takes the map id)."""
        return await self._pipeline.call(
            SEQUENCE_DETAILS,
            query={"campaignId": require_id("campaign_id", campaign_id)},
            campaign_lead_map_id=require_id("campaign_lead_map_id", campaign_lead_map_id),
        )

    @calls(PUSH_TO_CAMPAIGN)
    async def push_to_campaign(
        self,
        campaign_id: int,
        lead_ids: Sequence[int] | None = None,
        list_id: int | None = None,
        *,
        all_leads: bool = False,
        action: PushAction = "copy",
    ) -> PushResult:
        """Copy or move leads into a campaign.

        The leads are chosen by ``leadList`` (docs/api-notes.md, Lead lists): ``lead_ids``
        (1 to 10,000), a whole ``list_id`` (optionally narrowed by ``lead_ids``), or
        ``all_leads=True`` alone.

        Args:
            campaign_id: The target campaign.
            lead_ids: Lead ids (``leadList.leadIds``).
            list_id: A lead list (``leadList.listId``).
            all_leads: Every lead of the account (``leadList.allLeads``).
            action: ``copy`` or ``move``.
        """
        selection: dict[str, JSON] = {}
        if all_leads:
            if lead_ids is not None or list_id is not None:
                raise RequestValidationError("all_leads=True takes no lead_ids or list_id")
            selection["allLeads"] = True
        else:
            if lead_ids is None and list_id is None:
                raise RequestValidationError("pass lead_ids, list_id or all_leads=True")
            if list_id is not None:
                selection["listId"] = require_id("list_id", list_id)
            if lead_ids is not None:
                selection["leadIds"] = require_ids("lead_ids", lead_ids, max_count=MAX_PUSHED_LEADS)
        body: dict[str, JSON] = {
            "campaignId": require_id("campaign_id", campaign_id),
            "action": _push_action(action),
            "leadList": selection,
        }
        return await self._pipeline.call(PUSH_TO_CAMPAIGN, json=body)

    @calls(PUSH_TO_LIST)
    async def push_to_list(
        self,
        list_id: int,
        *,
        lead_ids: Sequence[int] | None = None,
        all_leads: bool = False,
        action: PushAction = "copy",
    ) -> PushResult:
        """Copy or move leads (or all of them) into a lead list."""
        body: dict[str, JSON] = {
            "listId": require_id("list_id", list_id),
            "action": _push_action(action),
            **_selection("leadIds", lead_ids, all_leads),
        }
        return await self._pipeline.call(PUSH_TO_LIST, json=body)

    @calls(PUSH_CAMPAIGN_TO_LIST)
    async def push_campaign_leads_to_list(
        self,
        campaign_id: int,
        list_id: int,
        *,
        lead_map_ids: Sequence[int] | None = None,
        all_leads: bool = False,
    ) -> PushResult:
        """Copy a campaign's leads (by map id, or all) into a lead list."""
        body: dict[str, JSON] = {
            "campaignId": require_id("campaign_id", campaign_id),
            "listId": require_id("list_id", list_id),
            **_selection("leadMapIds", lead_map_ids, all_leads),
        }
        return await self._pipeline.call(PUSH_CAMPAIGN_TO_LIST, json=body)

    def _importer(
        self,
        campaign_id: int,
        leads: object,
        *,
        batch_size: int,
        concurrency: int,
        settings: LeadImportSettings | None,
        on_progress: ProgressCallback | None,
        dry_run: bool,
        dedupe_input: bool,
        resolve_ambiguous: bool,
        max_custom_fields: int,
    ) -> Importer:
        require_id("campaign_id", campaign_id)
        require_int_range("batch_size", batch_size, 1, MAX_LEADS_PER_REQUEST_DOCUMENTED)
        field_cap = _custom_field_cap(max_custom_fields)
        require_int_range("concurrency", concurrency, 1)
        if isinstance(leads, str | bytes | Mapping) or not isinstance(
            leads, Iterable | AsyncIterable
        ):
            # A str or dict is iterable too, and would be imported character by character or
            # key by key: refuse it before anything is sent.
            raise RequestValidationError(
                "leads must be an iterable of LeadInput or mappings (one per lead), got "
                f"{type(leads).__name__}"
            )
        wire_settings = to_wire(self._pipeline.converter, settings) if settings else None

        async def send(rows: list[dict[str, JSON]]) -> AddLeadsResult:
            body: dict[str, JSON] = {"lead_list": list[JSON](rows)}
            if wire_settings is not None:
                body["settings"] = wire_settings
            return await self._pipeline.call(ADD_LEADS, json=body, campaign_id=campaign_id)

        return Importer(
            send=send,
            encode=(
                lead_to_wire
                if field_cap == MAX_CUSTOM_FIELDS
                else functools.partial(lead_to_wire, max_custom_fields=field_cap)
            ),
            read_back=self._read_back(campaign_id) if resolve_ambiguous else None,
            batch_size=batch_size,
            concurrency=concurrency,
            on_progress=on_progress,
            total=len(leads) if isinstance(leads, Sized) else None,
            dry_run=dry_run,
            dedupe_input=dedupe_input,
        )

    def _read_back(self, campaign_id: int) -> ReadBack:
        """The read-backs that resolve ambiguous add-leads answers (see ``_attribution``)."""

        async def block_list() -> tuple[frozenset[str], int]:
            entries: set[str] = set()
            requests = 0
            async for page in self.block_list.list(limit=BLOCK_LIST_MAX_LIMIT).pages():
                requests += 1
                entries.update(e.email_or_domain.lower() for e in page if e.email_or_domain)
            return frozenset(entries), requests

        async def is_member(email: str) -> bool:
            try:
                lead = await self.get_by_email(email=email)
            except NotFoundError:
                return False
            return any(c.campaign_id == campaign_id for c in lead.lead_campaign_data)

        async def in_campaign(emails: list[str]) -> tuple[set[str], int]:
            wanted = set(emails)
            first = await self.list_by_campaign(campaign_id, limit=CAMPAIGN_LEADS_MAX_LIMIT)
            pages = -(-(first.total or 0) // CAMPAIGN_LEADS_MAX_LIMIT)
            if first.total is not None and pages - 1 <= len(wanted):
                # Reading the whole campaign costs fewer requests than a look-up per email.
                found = {str(m.lead.email).lower() for m in first}
                requests = 1
                if first.next_start is not None:
                    rest = self.list_by_campaign(
                        campaign_id, offset=first.next_start, limit=CAMPAIGN_LEADS_MAX_LIMIT
                    )
                    async for page in rest.pages():
                        requests += 1
                        found.update(str(m.lead.email).lower() for m in page)
                return found & wanted, requests
            ordered = list(wanted)
            members = await asyncio.gather(*(is_member(email) for email in ordered))
            found = {email for email, member in zip(ordered, members, strict=True) if member}
            return found, 1 + len(wanted)

        return ReadBack(block_list=block_list, in_campaign=in_campaign)

    @helper_of(ADD_LEADS)
    async def bulk_import(
        self,
        campaign_id: int,
        *,
        leads: Iterable[LeadRow] | AsyncIterable[LeadRow],
        batch_size: int = MAX_LEADS_PER_REQUEST,
        concurrency: int = DEFAULT_CONCURRENCY,
        settings: LeadImportSettings | None = None,
        on_progress: ProgressCallback | None = None,
        dedupe_input: bool = True,
        resolve_ambiguous: bool = False,
        max_custom_fields: int = MAX_CUSTOM_FIELDS,
    ) -> ImportReport:
        """Import any number of leads, streamed, in concurrent batches of 100 (up to 400).

        ``leads`` is read lazily: a generator over a million rows is never materialised. Each
        row is validated and normalised first, and duplicate emails in the input are dropped, so
        a bad row never sinks its batch. That dedupe keeps 16 to 32 bytes per distinct email;
        ``dedupe_input=False`` keeps memory flat and leaves repeats to SmartLead's own dedupe.

        Batches go out ``concurrency`` at a time through the key's gate, and add-leads is
        retried after ambiguous failures (SmartLead dedupes). A batch answered 413 is split
        until the too-large rows stand alone (they are reported invalid). A batch that still
        fails is reported with its rows: ``report.rows_to_retry()`` returns every row whose
        outcome is open. When lead credits run out, or three batches in a row cannot reach
        SmartLead, the import stops cleanly and the rest is counted as not sent.

        Args:
            batch_size: Leads per add call: 100 by default; up to 400, the limit SmartLead's
                API reference documents on an unaudited page (docs/api-notes.md, Adding leads).
                Opt in only for an account known to take more: one that still enforces 100
                refuses every batch larger than that.
            resolve_ambiguous: Read outcomes back (block list, campaign membership) when an
                answer's counters do not say which row went where; ``report.resolution_requests``
                says what it cost.
            max_custom_fields: The most custom fields per lead: 20 by default, up to the
                reference's 200 (same caveat). A row with more is reported invalid on its
                own, so one row never sinks a batch.

        Returns:
            An :class:`~smartlead_async.bulk.ImportReport` accounting for every input row once;
            see :mod:`smartlead_async.bulk` for what is final and what is open.

        Raises:
            RequestValidationError: Before sending, for bad arguments (``leads`` a ``str`` or a
                mapping, batch size out of range, …).
        """
        stream = self.bulk_import_stream(
            campaign_id,
            leads=leads,
            batch_size=batch_size,
            concurrency=concurrency,
            settings=settings,
            on_progress=on_progress,
            dedupe_input=dedupe_input,
            resolve_ambiguous=resolve_ambiguous,
            max_custom_fields=max_custom_fields,
        )
        async with stream:
            async for _ in stream:
                pass
        return stream.report

    @helper_of(ADD_LEADS)
    def bulk_import_stream(
        self,
        campaign_id: int,
        *,
        leads: Iterable[LeadRow] | AsyncIterable[LeadRow],
        batch_size: int = MAX_LEADS_PER_REQUEST,
        concurrency: int = DEFAULT_CONCURRENCY,
        settings: LeadImportSettings | None = None,
        on_progress: ProgressCallback | None = None,
        dry_run: bool = False,
        dedupe_input: bool = True,
        resolve_ambiguous: bool = False,
        max_custom_fields: int = MAX_CUSTOM_FIELDS,
    ) -> ImportStream:
        """Like :meth:`bulk_import`, but ``async for`` yields each batch's result as it lands
        (to stream progress to a websocket, say); ``stream.report`` fills as it goes.

        Use it as ``async with`` (or call ``aclose()``) when you may leave the loop early: the
        batches in flight are then waited for, so every sent row is in the report. With
        ``dry_run=True`` nothing is sent: rows are validated and deduped, and those that would
        have been sent are counted as ``not_sent``.
        """
        importer = self._importer(
            campaign_id,
            leads,
            batch_size=batch_size,
            concurrency=concurrency,
            settings=settings,
            on_progress=on_progress,
            dry_run=dry_run,
            dedupe_input=dedupe_input,
            resolve_ambiguous=resolve_ambiguous,
            max_custom_fields=max_custom_fields,
        )
        return ImportStream(importer, leads)

    @helper_of(PAUSE_LEAD)
    async def pause_many(
        self, campaign_id: int, lead_ids: Sequence[int], *, concurrency: int = DEFAULT_CONCURRENCY
    ) -> BulkResult[int, OkResponse]:
        """Pause many leads of a campaign: one call per lead, a result per lead (see ``many``)."""
        return await self._each_lead(campaign_id, lead_ids, self.pause, concurrency)

    @helper_of(RESUME_LEAD)
    async def resume_many(
        self,
        campaign_id: int,
        lead_ids: Sequence[int],
        *,
        delay_days: int | None = None,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> BulkResult[int, OkResponse]:
        """Resume many paused leads of a campaign, optionally after ``delay_days`` days."""
        if delay_days is not None:
            require_int_range("delay_days", delay_days, 0)
        resume = functools.partial(self.resume, delay_days=delay_days)
        return await self._each_lead(campaign_id, lead_ids, resume, concurrency)

    @helper_of(DELETE_LEAD)
    async def delete_from_campaign_many(
        self, campaign_id: int, lead_ids: Sequence[int], *, concurrency: int = DEFAULT_CONCURRENCY
    ) -> BulkResult[int, OkResponse]:
        """Remove many leads from a campaign. Not retried after an ambiguous failure."""
        return await self._each_lead(campaign_id, lead_ids, self.delete_from_campaign, concurrency)

    @helper_of(UNSUBSCRIBE_FROM_CAMPAIGN)
    async def unsubscribe_from_campaign_many(
        self, campaign_id: int, lead_ids: Sequence[int], *, concurrency: int = DEFAULT_CONCURRENCY
    ) -> BulkResult[int, OkResponse]:
        """Unsubscribe many leads from one campaign."""
        unsubscribe = self.unsubscribe_from_campaign
        return await self._each_lead(campaign_id, lead_ids, unsubscribe, concurrency)

    @helper_of(UPDATE_LEAD_CATEGORY)
    async def update_category_many(
        self,
        campaign_id: int,
        lead_ids: Sequence[int],
        category_id: int | None,
        *,
        pause_lead: bool = False,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> BulkResult[int, OkResponse]:
        """Set (or clear) the category of many leads of a campaign; optionally pause them."""
        require_optional_id("category_id", category_id)

        async def update(campaign: int, lead_id: int) -> OkResponse:
            return await self.update_category(campaign, lead_id, category_id, pause_lead=pause_lead)

        return await self._each_lead(campaign_id, lead_ids, update, concurrency)

    @helper_of(GET_LEAD_BY_EMAIL)
    async def get_by_email_many(
        self, *, emails: Sequence[str], concurrency: int = DEFAULT_CONCURRENCY
    ) -> BulkResult[str, Lead]:
        """Look many leads up by email: one call per email, a result per email (see ``many``).

        Items are the normalised emails (domain lower-cased), repeats dropped. An email no lead
        has is a failed item whose error is a :class:`~smartlead_async.NotFoundError`.
        """
        if isinstance(emails, str) or not emails:
            raise RequestValidationError("emails must be a non-empty sequence of strings")
        normalised = unique(normalize_email(email, field="emails") for email in emails)

        async def get(email: str) -> Lead:
            return await self.get_by_email(email=email)

        return await run_each(normalised, get, concurrency=concurrency)

    async def _each_lead(
        self,
        campaign_id: int,
        lead_ids: Sequence[int],
        call: Callable[[int, int], Awaitable[T]],
        concurrency: int,
    ) -> BulkResult[int, T]:
        require_id("campaign_id", campaign_id)
        ids = unique(cast("list[int]", require_ids("lead_ids", lead_ids)))
        return await run_each(ids, functools.partial(call, campaign_id), concurrency=concurrency)

    # Renamed for one release. The block list's old names take their old positional arguments;
    # its pager method `block_list` has no alias: that name is now the sub-resource.
    delete_many_from_campaign = deprecated_alias(
        "delete_many_from_campaign",
        "leads.delete_from_campaign_many",
        lambda self: self.delete_from_campaign_many,
    )
    unsubscribe_many_from_campaign = deprecated_alias(
        "unsubscribe_many_from_campaign",
        "leads.unsubscribe_from_campaign_many",
        lambda self: self.unsubscribe_from_campaign_many,
    )
    get_many_by_email = deprecated_alias(
        "get_many_by_email",
        "leads.get_by_email_many",
        lambda self: lambda emails, **options: self.get_by_email_many(emails=emails, **options),
    )
    add_to_block_list = deprecated_alias(
        "add_to_block_list",
        "leads.block_list.add",
        lambda self: lambda entries, **options: self.block_list.add(entries=entries, **options),
    )
    add_many_to_block_list = deprecated_alias(
        "add_many_to_block_list",
        "leads.block_list.add_many",
        lambda self: (
            lambda entries, **options: self.block_list.add_many(entries=entries, **options)
        ),
    )
    remove_from_block_list = deprecated_alias(
        "remove_from_block_list", "leads.block_list.remove", lambda self: self.block_list.remove
    )


def _push_action(action: str) -> str:
    if action not in PUSH_ACTIONS:
        raise RequestValidationError(f"action must be one of {PUSH_ACTIONS}, got {action!r}")
    return action


def _selection(key: str, ids: Sequence[int] | None, all_leads: bool) -> dict[str, JSON]:
    if all_leads == (ids is not None):
        raise RequestValidationError("pass either the ids or all_leads=True, not both or neither")
    return {"allLeads": True} if all_leads else {key: require_ids(key, ids or ())}


def _put_choice(
    body: dict[str, JSON], key: str, name: str, value: str | None, allowed: tuple[str, ...]
) -> None:
    if value is None:
        return
    if str(value) not in allowed:
        raise RequestValidationError(f"{name} must be one of {allowed}, got {value!r}")
    body[key] = str(value)


def _put_choices(
    body: dict[str, JSON],
    key: str,
    name: str,
    values: Sequence[object] | None,
    allowed: tuple[str, ...],
) -> None:
    if values is None:
        return
    if isinstance(values, str) or not values:
        raise RequestValidationError(f"{name} must be a non-empty sequence")
    chosen: list[JSON] = []
    for value in values:
        text = str(value)
        if text not in allowed:
            raise RequestValidationError(f"{name} values must be in {allowed}, got {value!r}")
        chosen.append(text)
    body[key] = chosen


def _int_list(name: str, values: Sequence[int], low: int, high: int | None) -> list[JSON]:
    if isinstance(values, str | bytes) or not isinstance(values, Sequence) or not values:
        raise RequestValidationError(f"{name} must be a non-empty sequence of integers")
    return [require_int_range(name, value, low, high) for value in values]


def _category_ids(values: Sequence[int]) -> list[JSON]:
    # -1 stands for "no category" beside real category ids.
    if isinstance(values, str | bytes) or not isinstance(values, Sequence) or not values:
        raise RequestValidationError("lead_category_ids must be a non-empty sequence of ids")
    return [-1 if value == -1 else require_id("lead_category_ids", value) for value in values]


def _deleted_addresses(values: Sequence[str]) -> list[JSON]:
    if isinstance(values, str) or not values:
        raise RequestValidationError("deleted_email_addresses must be a non-empty sequence")
    for value in values:
        if not isinstance(value, str) or len(value) > 320:
            raise RequestValidationError(
                f"deleted_email_addresses holds strings of at most 320 characters, got {value!r}"
            )
    return list[JSON](values)


def _lead_cap(value: int) -> int:
    return require_int_range("max_leads", value, 1, MAX_LEADS_PER_REQUEST_DOCUMENTED)


def _custom_field_cap(value: int) -> int:
    return require_int_range("max_custom_fields", value, 1, MAX_CUSTOM_FIELDS_DOCUMENTED)
