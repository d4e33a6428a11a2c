"""``client.leads``: lead endpoints (catalog section 4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, cast

from smartlead_async._convert import to_wire
from smartlead_async._endpoints import Endpoint, calls
from smartlead_async._json import JSON
from smartlead_async._pagination import AsyncPager, Page
from smartlead_async._validation import (
    LEAD_FIELDS,
    MAX_LEADS_PER_REQUEST,
    check_custom_fields,
    normalize_email,
    require_id,
    require_page,
)
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.leads import (
    AddLeadsResult,
    CampaignLead,
    CampaignLeadsPage,
    Lead,
    LeadImportSettings,
    LeadInput,
    LeadStatus,
)
from smartlead_async.resources._base import Resource

__all__ = ["LeadsResource"]

ADD_LEADS = Endpoint("POST", "campaigns/{campaign_id}/leads")
LIST_CAMPAIGN_LEADS = Endpoint("GET", "campaigns/{campaign_id}/leads")
GET_LEAD_BY_EMAIL = Endpoint("GET", "leads/")

#: ``GET /campaigns/{id}/leads`` serves at most 100 rows per page.
CAMPAIGN_LEADS_MAX_LIMIT = 100


def _iso(value: dt.datetime | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()


class LeadsResource(Resource):
    """Add leads to campaigns, list them, look them up."""

    def _lead_to_wire(self, lead: LeadInput | Mapping[str, Any], index: int) -> dict[str, JSON]:
        where = f"lead {index}"
        if isinstance(lead, Mapping):
            unknown = set(lead) - LEAD_FIELDS
            if unknown:
                # The API may fail the whole batch on an unknown key; say which one here instead.
                raise RequestValidationError(
                    f"{where}: unknown lead fields {sorted(unknown)}; "
                    "put extra data in custom_fields"
                )
            try:
                lead = LeadInput(**lead)
            except TypeError as exc:
                raise RequestValidationError(f"{where}: {exc}") from None
        elif not isinstance(lead, LeadInput):
            raise RequestValidationError(f"{where}: expected LeadInput or a mapping, got {lead!r}")
        check_custom_fields(lead.custom_fields, where=where)
        wire = cast("dict[str, JSON]", to_wire(self._pipeline.converter, lead))
        wire["email"] = normalize_email(lead.email, field=f"{where}: email")
        return wire

    @calls(ADD_LEADS)
    async def add_to_campaign(
        self,
        campaign_id: int,
        leads: Sequence[LeadInput | Mapping[str, Any]],
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
            "lead_list": [self._lead_to_wire(lead, i) for i, lead in enumerate(leads)]
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
