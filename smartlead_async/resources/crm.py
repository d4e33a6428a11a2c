"""``client.leads.crm``: a lead's notes, tasks and tags (``/crm/leads/*``).

**Contested routes.** SmartLead's API reference documents them (regenerated from the backend
validation schemas in 2026), but a live-tested client saw ``/crm/leads/tags`` answer 404: every
route here is **[weak]** (docs/api-notes.md, Weak routes). Creating notes and tasks goes through
the master inbox (``client.inbox``).
"""

from __future__ import annotations

from collections.abc import Sequence

from smartlead_async._endpoints import Endpoint, Paging, calls
from smartlead_async._json import JSON
from smartlead_async._pagination import Pager
from smartlead_async._validation import require_id, require_ids, require_optional_id
from smartlead_async.models.common import OkResponse
from smartlead_async.models.crm import (
    LeadNote,
    LeadNotesPage,
    LeadTag,
    LeadTagsPage,
    LeadTask,
    LeadTasksPage,
)
from smartlead_async.resources._base import Resource

__all__ = ["LeadCrmResource"]

_ALL_AT_ONCE = Paging(max_limit=None)
LEAD_NOTES = Endpoint(
    "GET", "crm/leads/notes/{lead_id}", LeadNotesPage, page=_ALL_AT_ONCE, weak=True
)
LEAD_TASKS = Endpoint(
    "GET", "crm/leads/tasks/{lead_id}", LeadTasksPage, page=_ALL_AT_ONCE, weak=True
)
LEAD_TAGS = Endpoint("GET", "crm/leads/tags", LeadTagsPage, page=_ALL_AT_ONCE, weak=True)
# Tagging with tags the lead has already changes nothing: safe to repeat.
ADD_LEAD_TAGS = Endpoint("POST", "crm/leads/tags", OkResponse, idempotent=True, weak=True)
REMOVE_LEAD_TAG = Endpoint("DELETE", "crm/leads/tags/{tag_mapping_id}", OkResponse, weak=True)


class LeadCrmResource(Resource):
    """Read a lead's notes and tasks; read, add and remove its tags (**[weak]**, contested)."""

    @calls(LEAD_NOTES)
    def notes(self, lead_id: int) -> Pager[LeadNote]:
        """A lead's notes, in one page (**[weak]**: contested route, see the module notes)."""
        return self._pipeline.pager(LEAD_NOTES, lead_id=require_id("lead_id", lead_id))

    @calls(LEAD_TASKS)
    def tasks(self, lead_id: int) -> Pager[LeadTask]:
        """A lead's tasks, in one page (**[weak]**: contested route)."""
        return self._pipeline.pager(LEAD_TASKS, lead_id=require_id("lead_id", lead_id))

    @calls(LEAD_TAGS)
    def tags(self, lead_id: int | None = None) -> Pager[LeadTag]:
        """Tags of a lead (``leadId``), or of every lead, in one page (**[weak]**: a live-tested
        client saw this route answer 404)."""
        query = {"leadId": require_optional_id("lead_id", lead_id)}
        return self._pipeline.pager(LEAD_TAGS, query=query)

    @calls(ADD_LEAD_TAGS)
    async def add_tags(self, lead_id: int, tag_ids: Sequence[int]) -> OkResponse:
        """Tag a lead (body ``{leadId, tagIds}``; **[weak]**: contested route)."""
        body: dict[str, JSON] = {
            "leadId": require_id("lead_id", lead_id),
            "tagIds": require_ids("tag_ids", tag_ids),
        }
        return await self._pipeline.call(ADD_LEAD_TAGS, json=body)

    @calls(REMOVE_LEAD_TAG)
    async def remove_tag(self, tag_mapping_id: int) -> OkResponse:
        """Take a tag off a lead, by the tag's ``tag_mapping_id`` (from :meth:`tags`;
        **[weak]**: contested route)."""
        return await self._pipeline.call(
            REMOVE_LEAD_TAG, tag_mapping_id=require_id("tag_mapping_id", tag_mapping_id)
        )
