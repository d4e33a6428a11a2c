"""``client.lead_lists``: lists of leads kept outside campaigns (catalog 4.18, [doc]).

Sources document these routes by path and response, not by request body; the bodies below
follow the response vocabulary (``list_name``) and the SIM client.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from smartlead_async._endpoints import Endpoint, calls
from smartlead_async._json import JSON
from smartlead_async._lead_codec import lead_to_wire
from smartlead_async._pagination import AsyncPager, Page
from smartlead_async._validation import (
    MAX_LEADS_PER_REQUEST,
    require_id,
    require_ids,
    require_page,
    require_text,
)
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.common import DataResult, OkResponse
from smartlead_async.models.lead_lists import LeadList, LeadListsPage
from smartlead_async.models.leads import LeadRow
from smartlead_async.resources._base import Resource

__all__ = ["LeadListsResource"]

LIST_LISTS = Endpoint("GET", "lead-list/")
CREATE_LIST = Endpoint("POST", "lead-list/")
GET_LIST = Endpoint("GET", "lead-list/{list_id}")
UPDATE_LIST = Endpoint("PUT", "lead-list/{list_id}")
DELETE_LIST = Endpoint("DELETE", "lead-list/{list_id}")
IMPORT_LEADS = Endpoint("POST", "lead-list/{list_id}/import")
ASSIGN_TAGS = Endpoint("POST", "lead-list/assign-tags")


class LeadListsResource(Resource):
    """Create, fill, tag and delete lead lists."""

    @calls(LIST_LISTS)
    def list(self, *, offset: int = 0, limit: int = 100) -> AsyncPager[LeadList]:
        """Lead lists of the account (``await`` one page, ``async for`` all)."""
        require_page(offset, limit, max_limit=100)

        async def fetch(page_offset: int, page_limit: int) -> Page[LeadList]:
            spec = LIST_LISTS.spec(query={"offset": page_offset, "limit": page_limit})
            page = await self._pipeline.request(spec, LeadListsPage)
            data = page.data
            lists = data.lists if data is not None else ()
            total = data.total_count if data is not None else None
            return Page(lists, page_offset, page_limit, total)

        return AsyncPager(fetch, offset=offset, limit=limit)

    @calls(CREATE_LIST)
    async def create(self, name: str) -> DataResult:
        """Create an empty lead list."""
        body: dict[str, JSON] = {"list_name": require_text("name", name)}
        return await self._pipeline.request(CREATE_LIST.spec(json=body), DataResult)

    @calls(GET_LIST)
    async def get(self, list_id: int) -> DataResult:
        """One lead list."""
        spec = GET_LIST.spec(list_id=require_id("list_id", list_id))
        return await self._pipeline.request(spec, DataResult)

    @calls(UPDATE_LIST)
    async def rename(self, list_id: int, name: str) -> OkResponse:
        """Rename a lead list."""
        body: dict[str, JSON] = {"list_name": require_text("name", name)}
        spec = UPDATE_LIST.spec(list_id=require_id("list_id", list_id), json=body, idempotent=True)
        return await self._pipeline.request(spec, OkResponse)

    @calls(DELETE_LIST)
    async def delete(self, list_id: int) -> OkResponse:
        """Delete a lead list."""
        spec = DELETE_LIST.spec(list_id=require_id("list_id", list_id))
        return await self._pipeline.request(spec, OkResponse)

    @calls(IMPORT_LEADS)
    async def import_leads(self, list_id: int, leads: Sequence[LeadRow]) -> DataResult:
        """Add up to 100 leads to a list, validated like ``leads.add_to_campaign``."""
        if isinstance(leads, str | Mapping) or not 1 <= len(leads) <= MAX_LEADS_PER_REQUEST:
            raise RequestValidationError(f"import_leads takes 1 to {MAX_LEADS_PER_REQUEST} leads")
        body: dict[str, JSON] = {
            "lead_list": [lead_to_wire(lead, i) for i, lead in enumerate(leads)]
        }
        spec = IMPORT_LEADS.spec(list_id=require_id("list_id", list_id), json=body)
        return await self._pipeline.request(spec, DataResult)

    @calls(ASSIGN_TAGS)
    async def assign_tags(self, list_ids: Sequence[int], tag_ids: Sequence[int]) -> OkResponse:
        """Tag lead lists."""
        body: dict[str, JSON] = {
            "list_ids": require_ids("list_ids", list_ids),
            "tag_ids": require_ids("tag_ids", tag_ids),
        }
        return await self._pipeline.request(
            ASSIGN_TAGS.spec(json=body, idempotent=True), OkResponse
        )
