"""``client.lead_lists``: lists of leads kept outside campaigns.

Request bodies are camelCase (``listName``, ``leadList``, ``fileName``, ``listIds``), as
SmartLead's API reference gives them (docs/api-notes.md, Lead lists).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import get_args

from smartlead_async._endpoints import Endpoint, Paging, Unwrap, calls
from smartlead_async._json import JSON
from smartlead_async._lead_codec import lead_to_wire
from smartlead_async._pagination import Pager
from smartlead_async._request import QueryValue
from smartlead_async._validation import (
    MAX_LEADS_PER_REQUEST,
    require_id,
    require_ids,
    require_text,
)
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.common import OkResponse
from smartlead_async.models.lead_lists import LeadList, LeadListsPage, ListImportResult
from smartlead_async.models.leads import LeadRow, PushAction, PushResult
from smartlead_async.resources._base import Resource

__all__ = ["LeadListsResource"]

LIST_LISTS = Endpoint("GET", "lead-list/", LeadListsPage, page=Paging(max_limit=100))
#: The batch label sent as ``fileName`` when the caller gives none (the route requires one).
DEFAULT_IMPORT_LABEL = "smartlead-async import"
#: Lists and tags per ``assign_tags`` call (each of ``listIds``, ``tagIds``, ``removeTagIds``).
MAX_TAGGING_IDS = 10
#: Lead ids per push between lists.
MAX_PUSHED_LEADS = 10_000
# Read off `PushAction`, as `client.leads` does: one list of actions for both.
_PUSH_ACTIONS: tuple[PushAction, ...] = get_args(PushAction)
# The list sits in `data`, beside the `ok: true` the answer must carry.
CREATE_LIST = Endpoint("POST", "lead-list/", LeadList, unwrap=Unwrap.DATA, acknowledged=True)
GET_LIST = Endpoint("GET", "lead-list/{list_id}", LeadList, unwrap=Unwrap.DATA, acknowledged=True)
# Renaming to the same name again changes nothing: safe to repeat.
UPDATE_LIST = Endpoint("PUT", "lead-list/{list_id}", OkResponse, idempotent=True)
DELETE_LIST = Endpoint("DELETE", "lead-list/{list_id}", OkResponse)
IMPORT_LEADS = Endpoint("POST", "lead-list/{list_id}/import", ListImportResult)
# Copies or moves leads: not repeated after an ambiguous failure.
PUSH_BETWEEN_LISTS = Endpoint("POST", "leads/leads/push-between-lists", PushResult)
# Tagging with tags a list already has changes nothing: safe to repeat.
ASSIGN_TAGS = Endpoint("POST", "lead-list/assign-tags", OkResponse, idempotent=True)


class LeadListsResource(Resource):
    """Create, fill, tag and delete lead lists."""

    @calls(LIST_LISTS)
    def list(
        self,
        *,
        offset: int = 0,
        limit: int = 100,
        name: str | None = None,
        tag_ids: Sequence[int] | None = None,
    ) -> Pager[LeadList]:
        """Lead lists of the account, 1 to 100 per page (``await`` one page, ``async for``
        all).

        Args:
            offset: Lists to skip.
            limit: Lists per page.
            name: Only lists whose name matches (``listName``).
            tag_ids: Only lists carrying these tags (``tagIds``, comma-separated).
        """
        query: dict[str, QueryValue | None] = {
            "listName": require_text("name", name) if name is not None else None,
            "tagIds": (
                ",".join(str(i) for i in require_ids("tag_ids", tag_ids))
                if tag_ids is not None
                else None
            ),
        }
        return self._pipeline.pager(LIST_LISTS, start=offset, limit=limit, query=query)

    @calls(CREATE_LIST)
    async def create(self, *, name: str) -> LeadList:
        """Create an empty lead list; returns the new list (from the answer's ``data``)."""
        body: dict[str, JSON] = {"listName": require_text("name", name)}
        return await self._pipeline.call(CREATE_LIST, json=body)

    @calls(GET_LIST)
    async def get(self, list_id: int) -> LeadList:
        """One lead list (an unknown id is answered 404: ``NotFoundError``)."""
        return await self._pipeline.call(GET_LIST, list_id=require_id("list_id", list_id))

    @calls(UPDATE_LIST)
    async def rename(self, list_id: int, *, name: str) -> OkResponse:
        """Rename a lead list."""
        body: dict[str, JSON] = {"listName": require_text("name", name)}
        return await self._pipeline.call(
            UPDATE_LIST, json=body, list_id=require_id("list_id", list_id)
        )

    @calls(DELETE_LIST)
    async def delete(self, list_id: int) -> OkResponse:
        """Delete a lead list."""
        return await self._pipeline.call(DELETE_LIST, list_id=require_id("list_id", list_id))

    @calls(IMPORT_LEADS)
    async def import_leads(
        self,
        list_id: int,
        *,
        leads: Sequence[LeadRow],
        file_name: str = DEFAULT_IMPORT_LABEL,
        ignore_global_block_list: bool | None = None,
    ) -> ListImportResult:
        """Add up to 100 leads to a list, validated like ``leads.add_to_campaign``.

        Args:
            list_id: The list.
            leads: 1 to 100 leads.
            file_name: The batch label SmartLead requires (``fileName``); the SDK sends
                ``"smartlead-async import"`` when you give none.
            ignore_global_block_list: Sent as ``csvSettings.ignoreGlobalBlockList`` when given.
        """
        if isinstance(leads, str | Mapping) or not 1 <= len(leads) <= MAX_LEADS_PER_REQUEST:
            raise RequestValidationError(f"import_leads takes 1 to {MAX_LEADS_PER_REQUEST} leads")
        body: dict[str, JSON] = {
            "leadList": [lead_to_wire(lead, i) for i, lead in enumerate(leads)],
            "fileName": require_text("file_name", file_name),
        }
        if ignore_global_block_list is not None:
            body["csvSettings"] = {"ignoreGlobalBlockList": bool(ignore_global_block_list)}
        return await self._pipeline.call(
            IMPORT_LEADS, json=body, list_id=require_id("list_id", list_id)
        )

    @calls(ASSIGN_TAGS)
    async def assign_tags(
        self,
        list_ids: Sequence[int],
        tag_ids: Sequence[int],
        remove_tag_ids: Sequence[int] | None = None,
    ) -> OkResponse:
        """Tag lead lists: add ``tag_ids`` and take ``remove_tag_ids`` off, 1 to 10 of each."""
        body: dict[str, JSON] = {
            "listIds": require_ids("list_ids", list_ids, max_count=MAX_TAGGING_IDS),
            "tagIds": require_ids("tag_ids", tag_ids, max_count=MAX_TAGGING_IDS),
        }
        if remove_tag_ids is not None:
            body["removeTagIds"] = require_ids(
                "remove_tag_ids", remove_tag_ids, max_count=MAX_TAGGING_IDS
            )
        return await self._pipeline.call(ASSIGN_TAGS, json=body)

    @calls(PUSH_BETWEEN_LISTS)
    async def push_leads(
        self,
        to_list_id: int,
        from_list_id: int | None = None,
        lead_ids: Sequence[int] | None = None,
        *,
        action: PushAction = "copy",
    ) -> PushResult:
        """Copy or move leads into a list: every lead of ``from_list_id``, or ``lead_ids``
        (1 to 10,000). The path really is ``/leads/leads/push-between-lists``
        (docs/api-notes.md, Verbatim quirks).

        Args:
            to_list_id: The target list (``toListId``).
            from_list_id: The source list (``fromListId``).
            lead_ids: The leads (``leadIds``).
            action: ``copy`` or ``move``.
        """
        if action not in _PUSH_ACTIONS:
            raise RequestValidationError(f"action must be one of {_PUSH_ACTIONS}, got {action!r}")
        if (from_list_id is None) == (lead_ids is None):
            raise RequestValidationError("pass either from_list_id or lead_ids")
        body: dict[str, JSON] = {
            "action": action,
            "toListId": require_id("to_list_id", to_list_id),
        }
        if from_list_id is not None:
            body["fromListId"] = require_id("from_list_id", from_list_id)
        if lead_ids is not None:
            body["leadIds"] = require_ids("lead_ids", lead_ids, max_count=MAX_PUSHED_LEADS)
        return await self._pipeline.call(PUSH_BETWEEN_LISTS, json=body)
