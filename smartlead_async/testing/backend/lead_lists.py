"""Lead lists: named sets of account leads kept outside campaigns (100 rows per import call)."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend._common import Ids, Table, joi, now, refuse

__all__ = ["MAX_IMPORT_ROWS", "FakeLeadList", "LeadListStore"]

MAX_IMPORT_ROWS = 100


#: The push-between-lists actions, and the most leads one push takes.
PUSH_ACTIONS = frozenset({"copy", "move"})
MAX_PUSH_LEADS = 10_000


@attrs.define
class FakeLeadList:
    """A lead list and the emails in it."""

    id: int
    list_name: str
    created_at: str = attrs.field(factory=now)
    emails: set[str] = attrs.field(factory=set)
    tag_ids: set[int] = attrs.field(factory=set)

    def to_wire(self) -> dict[str, JSON]:
        """The list object."""
        return {
            "id": self.id,
            "list_name": self.list_name,
            "created_at": self.created_at,
            "updated_at": self.created_at,
            "leads_count": len(self.emails),
            "active_leads_count": len(self.emails),
        }


class LeadListStore(Table[int, FakeLeadList]):
    """Lead lists by id."""

    def __init__(self, ids: Ids) -> None:
        super().__init__()
        self._ids = ids

    def create(self, name: str) -> FakeLeadList:
        """A new, empty list."""
        lead_list = FakeLeadList(id=self._ids(), list_name=name)
        self._rows[lead_list.id] = lead_list
        return lead_list

    def existing(self, list_id: JSON) -> FakeLeadList:
        """A list by id, or the API's 404."""
        found = self._rows.get(list_id) if isinstance(list_id, int) else None
        if found is None:
            raise refuse(404, "Lead list not found")
        return found

    def delete(self, list_id: int) -> None:
        """Delete a list (its leads stay in the account)."""
        del self._rows[self.existing(list_id).id]

    def add(self, lead_list: FakeLeadList, emails: Iterable[str]) -> int:
        """Put emails in a list; how many were new to it."""
        new = set(emails) - lead_list.emails
        lead_list.emails |= new
        return len(new)

    def push_between(
        self,
        emails: Iterable[str] | None,
        from_list: FakeLeadList | None,
        to_list: FakeLeadList,
        *,
        action: str,
    ) -> int:
        """Copy or move leads into ``to_list``: the given ones, or (``emails`` None) every
        lead of ``from_list``. A move takes them out of ``from_list`` (or, with no source list,
        out of every other list). How many leads were pushed."""
        if action not in PUSH_ACTIONS:
            raise joi('"action" must be one of [copy, move]', "action")
        if emails is None:
            if from_list is None:
                raise joi('"value" must contain at least one of [leadIds, fromListId]', "leadIds")
            emails = set(from_list.emails)
        chosen = set(emails)
        if from_list is not None:
            chosen &= from_list.emails
        if len(chosen) > MAX_PUSH_LEADS:
            raise joi(f'"leadIds" must hold 1 to {MAX_PUSH_LEADS} leads', "leadIds")
        to_list.emails |= chosen
        if action == "move":
            sources = [from_list] if from_list is not None else list(self._rows.values())
            for source in sources:
                if source.id != to_list.id:
                    source.emails -= chosen
        return len(chosen)
