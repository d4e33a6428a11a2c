"""``client.leads``: lead endpoints (catalog section 4)."""

from __future__ import annotations

import asyncio
import builtins
import csv
import datetime as dt
import functools
import io
from collections.abc import AsyncIterable, Awaitable, Callable, Iterable, Mapping, Sequence, Sized
from typing import TypeVar, cast

from smartlead_async._convert import to_wire
from smartlead_async._endpoints import Endpoint, calls, helper_of
from smartlead_async._json import JSON
from smartlead_async._lead_codec import lead_to_wire
from smartlead_async._pagination import AsyncPager, CursorPager, Page
from smartlead_async._pipeline import not_found, success_payload
from smartlead_async._request import QueryValue
from smartlead_async._validation import (
    MAX_LEADS_PER_REQUEST,
    normalize_block_entry,
    normalize_email,
    require_id,
    require_ids,
    require_int_range,
    require_optional_id,
    require_page,
)
from smartlead_async.bulk import (
    DEFAULT_CONCURRENCY,
    Importer,
    ImportReport,
    ImportStream,
    ProgressCallback,
    ReadBack,
)
from smartlead_async.errors import RequestValidationError, ResponseDecodeError
from smartlead_async.many import BulkResult, chunks, run_each, unique
from smartlead_async.models.common import Acknowledgement, DataResult, OkResponse
from smartlead_async.models.lead_lists import AllLeadsPage
from smartlead_async.models.leads import (
    AddLeadsResult,
    BlockListEntry,
    BlockListResult,
    CampaignLead,
    CampaignLeadsPage,
    Lead,
    LeadCampaign,
    LeadCategory,
    LeadImportSettings,
    LeadRow,
    LeadStatus,
    ManualCompleteResult,
    MessageHistory,
)
from smartlead_async.resources._base import Resource

__all__ = ["LeadsResource", "parse_csv_export"]

ADD_LEADS = Endpoint("POST", "campaigns/{campaign_id}/leads")
LIST_CAMPAIGN_LEADS = Endpoint("GET", "campaigns/{campaign_id}/leads")
GET_LEAD_BY_EMAIL = Endpoint("GET", "leads/")
GET_LEAD = Endpoint("GET", "leads/{lead_id}")
UPDATE_LEAD = Endpoint("POST", "campaigns/{campaign_id}/leads/{lead_id}")
UPDATE_LEAD_CATEGORY = Endpoint("POST", "campaigns/{campaign_id}/leads/{lead_id}/category")
PAUSE_LEAD = Endpoint("POST", "campaigns/{campaign_id}/leads/{lead_id}/pause")
RESUME_LEAD = Endpoint("POST", "campaigns/{campaign_id}/leads/{lead_id}/resume")
# Documented as {"ok": true, "message": "success"}; the live API answers the bare text `success`.
DELETE_LEAD = Endpoint("DELETE", "campaigns/{campaign_id}/leads/{lead_id}", text_ok=True)
UNSUBSCRIBE_FROM_CAMPAIGN = Endpoint("POST", "campaigns/{campaign_id}/leads/{lead_id}/unsubscribe")
UNSUBSCRIBE_LEAD = Endpoint("POST", "leads/{lead_id}/unsubscribe")
MARK_COMPLETE = Endpoint(
    "POST", "campaigns/{campaign_id}/leads/{campaign_lead_map_id}/manual-complete"
)
MESSAGE_HISTORY = Endpoint("GET", "campaigns/{campaign_id}/leads/{lead_id}/message-history")
LEAD_CAMPAIGNS = Endpoint("GET", "leads/{lead_id}/campaigns")
EXPORT_LEADS = Endpoint("GET", "campaigns/{campaign_id}/leads-export")
LEAD_CATEGORIES = Endpoint("GET", "leads/fetch-categories")
ADD_TO_BLOCK_LIST = Endpoint("POST", "leads/add-domain-block-list")
GET_BLOCK_LIST = Endpoint("GET", "leads/get-domain-block-list")
DELETE_FROM_BLOCK_LIST = Endpoint("DELETE", "leads/delete-domain-block-list")
LIST_ALL_LEADS = Endpoint("GET", "leads/all")
CAMPAIGN_OVERVIEW = Endpoint("GET", "leads/{lead_id}/campaign-overview")
SEQUENCE_DETAILS = Endpoint("GET", "leads/{campaign_lead_map_id}/sequence-details")
PUSH_TO_CAMPAIGN = Endpoint("POST", "leads/push-to-campaign")
PUSH_TO_LIST = Endpoint("POST", "leads/push-to-list")
PUSH_CAMPAIGN_TO_LIST = Endpoint("POST", "leads/campaign/push-to-list")
ALL_LEADS_MAX_LIMIT = 1000
PUSH_ACTIONS = ("copy", "move")
LEAD_TYPES = ("active", "yet_to_use", "previously_active", "archived")
#: ``GET /leads/get-domain-block-list`` serves at most 1,000 rows per page.
BLOCK_LIST_MAX_LIMIT = 1000
#: Entries per add-to-block-list call in :meth:`LeadsResource.add_many_to_block_list`. The API
#: documents no maximum; 100 matches its other list bodies.
BLOCK_LIST_CHUNK = 100
#: The result type of a per-lead helper's call.
T = TypeVar("T")


def parse_csv_export(text: str) -> list[dict[str, str]]:
    """Rows of a ``leads-export`` CSV as dicts keyed by column (``custom_fields`` stays JSON)."""
    return list(csv.DictReader(io.StringIO(text)))


#: ``GET /campaigns/{id}/leads`` serves at most 100 rows per page.
CAMPAIGN_LEADS_MAX_LIMIT = 100


def _iso(value: dt.datetime | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()


class LeadsResource(Resource):
    """Add leads to campaigns, list them, look them up."""

    @calls(ADD_LEADS)
    async def add_to_campaign(
        self,
        campaign_id: int,
        leads: Sequence[LeadRow],
        *,
        settings: LeadImportSettings | None = None,
    ) -> AddLeadsResult:
        """Add up to 100 leads to a campaign (``POST /campaigns/{campaign_id}/leads``).

        Every lead is validated first (email syntax, known keys, at most 20 custom fields); emails
        are stripped and their domain lower-cased. The call is retried after ambiguous failures:
        SmartLead dedupes by email within a campaign, so a replay reports the rows as
        ``already_added_to_campaign`` instead of adding them twice.

        Args:
            campaign_id: Target campaign.
            leads: 1 to 100 leads, as :class:`LeadInput` or mappings with wire keys.
            settings: Import flags (block list, unsubscribe list, duplicates in other campaigns).

        Raises:
            RequestValidationError: Before sending, for any invalid lead or batch size.
        """
        require_id("campaign_id", campaign_id)
        if isinstance(leads, str | bytes | Mapping) or not isinstance(leads, Sequence):
            raise RequestValidationError("leads must be a sequence of LeadInput or mappings")
        if not 1 <= len(leads) <= MAX_LEADS_PER_REQUEST:
            raise RequestValidationError(
                f"add_to_campaign takes 1 to {MAX_LEADS_PER_REQUEST} leads per call, got "
                f"{len(leads)}; use bulk helpers for more"
            )
        body: dict[str, JSON] = {
            "lead_list": [lead_to_wire(lead, i) for i, lead in enumerate(leads)]
        }
        if settings is not None:
            body["settings"] = to_wire(self._pipeline.converter, settings)
        spec = ADD_LEADS.spec(campaign_id=campaign_id, json=body, idempotent=True)
        return await self._pipeline.request(spec, AddLeadsResult)

    @calls(LIST_CAMPAIGN_LEADS)
    def list_by_campaign(
        self,
        campaign_id: int,
        *,
        offset: int = 0,
        limit: int = CAMPAIGN_LEADS_MAX_LIMIT,
        status: LeadStatus | str | None = None,
        lead_category_id: int | None = None,
        email_status: str | None = None,
        created_at_gt: dt.datetime | str | None = None,
        last_sent_time_gt: dt.datetime | str | None = None,
        event_time_gt: dt.datetime | str | None = None,
    ) -> AsyncPager[CampaignLead]:
        """Leads of a campaign (``GET /campaigns/{campaign_id}/leads``), 1 to 100 per page.

        ``await`` the result for one :class:`~smartlead_async.Page`, or ``async for`` over it for
        every lead. Filters are sent as given (``email_status`` is the camelCase ``emailStatus``:
        ``is_opened``, ``is_replied``, …).
        """
        require_id("campaign_id", campaign_id)
        require_page(offset, limit, max_limit=CAMPAIGN_LEADS_MAX_LIMIT)
        if lead_category_id is not None:
            require_id("lead_category_id", lead_category_id)
        filters = {
            "status": str(status) if status is not None else None,
            "lead_category_id": lead_category_id,
            "emailStatus": email_status,
            "created_at_gt": _iso(created_at_gt),
            "last_sent_time_gt": _iso(last_sent_time_gt),
            "event_time_gt": _iso(event_time_gt),
        }

        async def fetch(page_offset: int, page_limit: int) -> Page[CampaignLead]:
            spec = LIST_CAMPAIGN_LEADS.spec(
                campaign_id=campaign_id,
                query={"offset": page_offset, "limit": page_limit, **filters},
            )
            page = await self._pipeline.request(spec, CampaignLeadsPage)
            return Page(
                items=page.data, offset=page_offset, limit=page_limit, total=page.total_leads
            )

        return AsyncPager(fetch, offset=offset, limit=limit)

    @calls(GET_LEAD_BY_EMAIL)
    async def get_by_email(self, email: str) -> Lead | None:
        """Look a lead up by email across the account (``GET /leads/?email=``).

        Returns:
            The lead with the campaigns it belongs to, or ``None`` when no lead has that email
            (the API answers ``{}``).
        """
        spec = GET_LEAD_BY_EMAIL.spec(query={"email": normalize_email(email)})
        payload = await self._pipeline.request_json(spec)
        if payload == {}:
            return None
        return self._pipeline.decode(payload, Lead)

    @calls(GET_LEAD)
    async def get(self, lead_id: int) -> Lead:
        """One lead by its account-wide id (``GET /leads/{lead_id}``).

        Raises:
            NotFoundError: No such lead (the API wraps results in ``{"data": [...]}`` and answers
                an empty list for a missing one).
        """
        require_id("lead_id", lead_id)
        spec = GET_LEAD.spec(lead_id=lead_id)
        raw = await self._pipeline.send(spec)
        payload = success_payload(raw, spec)
        rows = payload.get("data") if isinstance(payload, dict) else None
        if not isinstance(rows, list):
            raise ResponseDecodeError(
                f'expected {{"data": [lead]}} from GET /leads/{lead_id}, got {payload!r:.120}',
                payload=payload,
                expected="Lead",
            )
        if not rows:
            raise not_found(raw, f"Lead {lead_id} not found (empty data)")
        return self._pipeline.decode(rows[0], Lead)

    @calls(UPDATE_LEAD)
    async def update(self, campaign_id: int, lead_id: int, lead: LeadRow) -> OkResponse:
        """Update a lead's fields (``POST /campaigns/{campaign_id}/leads/{lead_id}``).

        ``email`` is required even when unchanged; edits apply in every campaign of the lead.
        """
        require_id("campaign_id", campaign_id)
        require_id("lead_id", lead_id)
        spec = UPDATE_LEAD.spec(
            campaign_id=campaign_id,
            lead_id=lead_id,
            json=lead_to_wire(lead, 0),
            idempotent=True,
        )
        return await self._pipeline.request(spec, OkResponse)

    @calls(UPDATE_LEAD_CATEGORY)
    async def update_category(
        self, campaign_id: int, lead_id: int, category_id: int | None, *, pause_lead: bool = False
    ) -> OkResponse:
        """Set (or, with ``None``, clear) a lead's category in a campaign; optionally pause it.

        Category ids come from :meth:`categories` (1 to 7 are the defaults).
        """
        require_id("campaign_id", campaign_id)
        require_id("lead_id", lead_id)
        require_optional_id("category_id", category_id)
        spec = UPDATE_LEAD_CATEGORY.spec(
            campaign_id=campaign_id,
            lead_id=lead_id,
            json={"category_id": category_id, "pause_lead": pause_lead},
            idempotent=True,
        )
        return await self._pipeline.request(spec, OkResponse)

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
        """Remove a lead from a campaign (the lead record stays in the account).

        The live API answers the bare text ``success`` (documented as ``{"ok": true}``); both are
        returned as ``OkResponse(ok=True)``. This is the only route where that text is accepted.
        """
        return await self._lead_action(DELETE_LEAD, campaign_id, lead_id, idempotent=False)

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
        require_id("lead_id", lead_id)
        spec = UNSUBSCRIBE_LEAD.spec(lead_id=lead_id, idempotent=True)
        return await self._pipeline.request(spec, OkResponse)

    @calls(MARK_COMPLETE)
    async def mark_complete(
        self, campaign_id: int, campaign_lead_map_id: int
    ) -> ManualCompleteResult:
        """Mark a lead's current step complete. Takes the *map* id (``campaign_lead_map_id``)."""
        require_id("campaign_id", campaign_id)
        require_id("campaign_lead_map_id", campaign_lead_map_id)
        spec = MARK_COMPLETE.spec(
            campaign_id=campaign_id, campaign_lead_map_id=campaign_lead_map_id, json={}
        )
        return await self._pipeline.request(spec, ManualCompleteResult)

    @calls(MESSAGE_HISTORY)
    async def message_history(self, campaign_id: int, lead_id: int) -> MessageHistory:
        """The thread between a campaign and a lead (what you need to reply)."""
        require_id("campaign_id", campaign_id)
        require_id("lead_id", lead_id)
        spec = MESSAGE_HISTORY.spec(campaign_id=campaign_id, lead_id=lead_id)
        return await self._pipeline.request(spec, MessageHistory)

    @calls(LEAD_CAMPAIGNS)
    async def campaigns(self, lead_id: int) -> builtins.list[LeadCampaign]:
        """The campaigns a lead belongs to (``GET /leads/{lead_id}/campaigns``)."""
        require_id("lead_id", lead_id)
        spec = LEAD_CAMPAIGNS.spec(lead_id=lead_id)
        return await self._pipeline.request(spec, builtins.list[LeadCampaign])

    @calls(EXPORT_LEADS)
    async def export_csv(self, campaign_id: int) -> str:
        """A campaign's leads as CSV text; parse it with :func:`parse_csv_export`."""
        require_id("campaign_id", campaign_id)
        return await self._pipeline.request_text(EXPORT_LEADS.spec(campaign_id=campaign_id))

    @calls(LEAD_CATEGORIES)
    async def categories(self) -> builtins.list[LeadCategory]:
        """The account's lead categories, to resolve category names to ids."""
        return await self._pipeline.request(LEAD_CATEGORIES.spec(), builtins.list[LeadCategory])

    @calls(ADD_TO_BLOCK_LIST)
    async def add_to_block_list(
        self, entries: Sequence[str], *, client_id: int | None = None
    ) -> BlockListResult:
        """Add emails and/or domains to the global (or a client's) block list."""
        if isinstance(entries, str) or not entries:
            raise RequestValidationError("entries must be a non-empty sequence of strings")
        body: dict[str, JSON] = {
            "domain_block_list": [normalize_block_entry(entry) for entry in entries],
            "client_id": require_optional_id("client_id", client_id),
        }
        spec = ADD_TO_BLOCK_LIST.spec(json=body, idempotent=True)
        payload = await self._pipeline.request_json(spec)
        if not (isinstance(payload, dict) and "uploadCount" in payload):
            # Without its counters the answer must at least say it worked (`{}` does not).
            self._pipeline.decode(payload, Acknowledgement)
        return self._pipeline.decode(payload, BlockListResult)

    @calls(GET_BLOCK_LIST)
    def block_list(
        self,
        *,
        offset: int = 0,
        limit: int = 100,
        email_or_domain: str | None = None,
        client_id: int | None = None,
    ) -> AsyncPager[BlockListEntry]:
        """Entries of the global block list, 1 to 1,000 per page (**[doc]** in the catalog)."""
        require_page(offset, limit, max_limit=BLOCK_LIST_MAX_LIMIT)
        filters = {
            "filter_email_or_domain": email_or_domain,
            "filter_client_id": require_optional_id("client_id", client_id),
        }
        return self._array_pager(
            GET_BLOCK_LIST,
            tuple[BlockListEntry, ...],
            filters=filters,
            offset=offset,
            limit=limit,
        )

    @calls(DELETE_FROM_BLOCK_LIST)
    async def remove_from_block_list(self, entry_id: int) -> OkResponse:
        """Delete one block-list entry by its id (**[doc]** in the catalog)."""
        require_id("entry_id", entry_id)
        spec = DELETE_FROM_BLOCK_LIST.spec(query={"id": entry_id})
        return await self._pipeline.request(spec, OkResponse)

    async def _lead_action(
        self,
        endpoint: Endpoint,
        campaign_id: int,
        lead_id: int,
        body: JSON = None,
        *,
        idempotent: bool = True,
    ) -> OkResponse:
        require_id("campaign_id", campaign_id)
        require_id("lead_id", lead_id)
        spec = endpoint.spec(
            campaign_id=campaign_id, lead_id=lead_id, json=body, idempotent=idempotent
        )
        return await self._pipeline.request(spec, OkResponse)

    @calls(LIST_ALL_LEADS)
    def list_all(
        self,
        *,
        limit: int = 100,
        start_after: int | None = None,
        campaign_id: int | None = None,
        status: LeadStatus | str | None = None,
        email_status: str | None = None,
        lead_type: str | None = None,
        list_id: int | None = None,
        client_id: int | None = None,
        email: str | None = None,
    ) -> CursorPager[Lead]:
        """Every lead of the account, walked by cursor (``lastSeenLeadId``), 1 to 1,000 a page.

        ``lead_type`` is one of ``active``, ``yet_to_use``, ``previously_active``, ``archived``.
        """
        require_page(0, limit, max_limit=ALL_LEADS_MAX_LIMIT)
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

        async def fetch(cursor: int | None, page_limit: int) -> Page[Lead]:
            query = {"limit": page_limit, "lastSeenLeadId": cursor, **filters}
            page = await self._pipeline.request(LIST_ALL_LEADS.spec(query=query), AllLeadsPage)
            leads = page.data.leads if page.data is not None else ()
            return Page(leads, 0, page_limit)

        return CursorPager(
            fetch,
            cursor_of=lambda lead: lead.id,
            limit=limit,
            start_after=require_optional_id("start_after", start_after),
        )

    @calls(CAMPAIGN_OVERVIEW)
    async def campaign_overview(self, lead_id: int) -> DataResult:
        """A lead's activity across its campaigns (shape documented by example only)."""
        spec = CAMPAIGN_OVERVIEW.spec(lead_id=require_id("lead_id", lead_id))
        return await self._pipeline.request(spec, DataResult)

    @calls(SEQUENCE_DETAILS)
    async def sequence_details(self, campaign_lead_map_id: int, *, campaign_id: int) -> DataResult:
        """Where a lead stands in a campaign's sequence (takes the map id)."""
        spec = SEQUENCE_DETAILS.spec(
            campaign_lead_map_id=require_id("campaign_lead_map_id", campaign_lead_map_id),
            query={"campaignId": require_id("campaign_id", campaign_id)},
        )
        return await self._pipeline.request(spec, DataResult)

    @calls(PUSH_TO_CAMPAIGN)
    async def push_to_campaign(
        self, campaign_id: int, lead_ids: Sequence[int], *, action: str = "copy"
    ) -> DataResult:
        """Copy or move leads into a campaign."""
        body: dict[str, JSON] = {
            "campaignId": require_id("campaign_id", campaign_id),
            "action": _push_action(action),
            "leadList": require_ids("lead_ids", lead_ids),
        }
        return await self._pipeline.request(PUSH_TO_CAMPAIGN.spec(json=body), DataResult)

    @calls(PUSH_TO_LIST)
    async def push_to_list(
        self,
        list_id: int,
        *,
        lead_ids: Sequence[int] | None = None,
        all_leads: bool = False,
        action: str = "copy",
    ) -> DataResult:
        """Copy or move leads (or all of them) into a lead list."""
        body: dict[str, JSON] = {
            "listId": require_id("list_id", list_id),
            "action": _push_action(action),
            **_selection("leadIds", lead_ids, all_leads),
        }
        return await self._pipeline.request(PUSH_TO_LIST.spec(json=body), DataResult)

    @calls(PUSH_CAMPAIGN_TO_LIST)
    async def push_campaign_leads_to_list(
        self,
        campaign_id: int,
        list_id: int,
        *,
        lead_map_ids: Sequence[int] | None = None,
        all_leads: bool = False,
    ) -> DataResult:
        """Copy a campaign's leads (by map id, or all) into a lead list."""
        body: dict[str, JSON] = {
            "campaignId": require_id("campaign_id", campaign_id),
            "listId": require_id("list_id", list_id),
            **_selection("leadMapIds", lead_map_ids, all_leads),
        }
        return await self._pipeline.request(PUSH_CAMPAIGN_TO_LIST.spec(json=body), DataResult)

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
    ) -> Importer:
        require_id("campaign_id", campaign_id)
        require_int_range("batch_size", batch_size, 1, MAX_LEADS_PER_REQUEST)
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

        async def send(rows: builtins.list[dict[str, JSON]]) -> AddLeadsResult:
            body: dict[str, JSON] = {"lead_list": list[JSON](rows)}
            if wire_settings is not None:
                body["settings"] = wire_settings
            spec = ADD_LEADS.spec(campaign_id=campaign_id, json=body, idempotent=True)
            return await self._pipeline.request(spec, AddLeadsResult)

        return Importer(
            send=send,
            encode=lead_to_wire,
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
            async for page in self.block_list(limit=BLOCK_LIST_MAX_LIMIT).pages():
                requests += 1
                entries.update(e.email_or_domain.lower() for e in page.items if e.email_or_domain)
            return frozenset(entries), requests

        async def in_campaign(emails: builtins.list[str]) -> tuple[set[str], int]:
            wanted = set(emails)
            pager = self.list_by_campaign(campaign_id, limit=CAMPAIGN_LEADS_MAX_LIMIT)
            first = await pager
            pages = -(-(first.total or 0) // CAMPAIGN_LEADS_MAX_LIMIT)
            if first.total is not None and pages - 1 <= len(wanted):
                # Reading the whole campaign costs fewer requests than a look-up per email.
                found = {str(m.lead.email).lower() for m in first.items}
                requests = 1
                if not first.is_last:
                    async for page in self.list_by_campaign(
                        campaign_id, offset=len(first.items), limit=CAMPAIGN_LEADS_MAX_LIMIT
                    ).pages():
                        requests += 1
                        found.update(str(m.lead.email).lower() for m in page.items)
                return found & wanted, requests
            leads = await asyncio.gather(*(self.get_by_email(email) for email in wanted))
            members = {
                email
                for email, lead in zip(wanted, leads, strict=True)
                if lead is not None
                and any(c.campaign_id == campaign_id for c in lead.lead_campaign_data)
            }
            return members, 1 + len(wanted)

        return ReadBack(block_list=block_list, in_campaign=in_campaign)

    @helper_of(ADD_LEADS)
    async def bulk_import(
        self,
        campaign_id: int,
        leads: Iterable[LeadRow] | AsyncIterable[LeadRow],
        *,
        batch_size: int = MAX_LEADS_PER_REQUEST,
        concurrency: int = DEFAULT_CONCURRENCY,
        settings: LeadImportSettings | None = None,
        on_progress: ProgressCallback | None = None,
        dedupe_input: bool = True,
        resolve_ambiguous: bool = False,
    ) -> ImportReport:
        """Import any number of leads, streamed, in concurrent batches of up to 100.

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
            resolve_ambiguous: Read outcomes back (block list, campaign membership) when an
                answer's counters do not say which row went where; ``report.resolution_requests``
                says what it cost.

        Returns:
            An :class:`~smartlead_async.bulk.ImportReport` accounting for every input row once;
            see :mod:`smartlead_async.bulk` for what is final and what is open.

        Raises:
            RequestValidationError: Before sending, for bad arguments (``leads`` a ``str`` or a
                mapping, batch size out of range, …).
        """
        stream = self.bulk_import_stream(
            campaign_id,
            leads,
            batch_size=batch_size,
            concurrency=concurrency,
            settings=settings,
            on_progress=on_progress,
            dedupe_input=dedupe_input,
            resolve_ambiguous=resolve_ambiguous,
        )
        async with stream:
            async for _ in stream:
                pass
        return stream.report

    @helper_of(ADD_LEADS)
    def bulk_import_stream(
        self,
        campaign_id: int,
        leads: Iterable[LeadRow] | AsyncIterable[LeadRow],
        *,
        batch_size: int = MAX_LEADS_PER_REQUEST,
        concurrency: int = DEFAULT_CONCURRENCY,
        settings: LeadImportSettings | None = None,
        on_progress: ProgressCallback | None = None,
        dry_run: bool = False,
        dedupe_input: bool = True,
        resolve_ambiguous: bool = False,
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
    async def delete_many_from_campaign(
        self, campaign_id: int, lead_ids: Sequence[int], *, concurrency: int = DEFAULT_CONCURRENCY
    ) -> BulkResult[int, OkResponse]:
        """Remove many leads from a campaign. Not retried after an ambiguous failure."""
        return await self._each_lead(campaign_id, lead_ids, self.delete_from_campaign, concurrency)

    @helper_of(UNSUBSCRIBE_FROM_CAMPAIGN)
    async def unsubscribe_many_from_campaign(
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
    async def get_many_by_email(
        self, emails: Sequence[str], *, concurrency: int = DEFAULT_CONCURRENCY
    ) -> BulkResult[str, Lead | None]:
        """Look many leads up by email; each result's value is ``None`` when no lead has it.

        Items are the normalised emails (domain lower-cased), repeats dropped.
        """
        if isinstance(emails, str) or not emails:
            raise RequestValidationError("emails must be a non-empty sequence of strings")
        normalised = unique(normalize_email(email, field="emails") for email in emails)
        return await run_each(normalised, self.get_by_email, concurrency=concurrency)

    @helper_of(ADD_TO_BLOCK_LIST)
    async def add_many_to_block_list(
        self,
        entries: Sequence[str],
        *,
        client_id: int | None = None,
        chunk_size: int = BLOCK_LIST_CHUNK,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> BulkResult[tuple[str, ...], BlockListResult]:
        """Block-list any number of emails and domains, ``chunk_size`` per call.

        The API documents no maximum per call; chunks of 100 keep each request small. Items of
        the result are the chunks sent (normalised entries, repeats dropped).
        """
        if isinstance(entries, str) or not entries:
            raise RequestValidationError("entries must be a non-empty sequence of strings")
        require_optional_id("client_id", client_id)
        require_int_range("chunk_size", chunk_size, 1, BLOCK_LIST_CHUNK)
        normalised = unique(normalize_block_entry(entry) for entry in entries)

        async def add(chunk: tuple[str, ...]) -> BlockListResult:
            return await self.add_to_block_list(chunk, client_id=client_id)

        return await run_each(chunks(normalised, chunk_size), add, concurrency=concurrency)

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


def _push_action(action: str) -> str:
    if action not in PUSH_ACTIONS:
        raise RequestValidationError(f"action must be one of {PUSH_ACTIONS}, got {action!r}")
    return action


def _selection(key: str, ids: Sequence[int] | None, all_leads: bool) -> dict[str, JSON]:
    if all_leads == (ids is not None):
        raise RequestValidationError("pass either the ids or all_leads=True, not both or neither")
    return {"allLeads": True} if all_leads else {key: require_ids(key, ids or ())}
