"""Lead list models, and the account-wide lead walk."""

from __future__ import annotations

import datetime as dt

import attrs

from smartlead_async._pagination import Envelope
from smartlead_async.models._base import Model, wire_name
from smartlead_async.models.common import Acknowledgement
from smartlead_async.models.leads import Lead

__all__ = [
    "AllLeadsData",
    "AllLeadsPage",
    "LeadList",
    "LeadListsData",
    "LeadListsPage",
    "ListImportCounts",
    "ListImportResult",
]


@attrs.frozen(kw_only=True)
class LeadList(Model):
    """A list of leads outside any campaign.

    SmartLead's API reference names the list ``name`` and counts ``lead_count``; accounts seen
    live answer ``list_name`` and ``leads_count``: both are kept (docs/api-notes.md, Lead lists).
    """

    id: int
    list_name: str | None = None
    name: str | None = None
    lead_count: int | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    leads_count: int | None = None
    active_leads_count: int | None = None


@attrs.frozen(kw_only=True)
class LeadListsData(Model):
    """The ``data`` of ``GET /lead-list/``."""

    lists: tuple[LeadList, ...] = ()
    total_count: int | None = attrs.field(default=None, metadata=wire_name("totalCount"))


@attrs.frozen(kw_only=True)
class LeadListsPage(Model, Envelope):
    """One page of lead lists."""

    ok: bool = True
    data: LeadListsData | None = None

    @property
    def page_items(self) -> tuple[LeadList, ...]:
        """The lists of the page."""
        return self.data.lists if self.data is not None else ()

    @property
    def page_total(self) -> int | None:
        """Lists in the account."""
        return self.data.total_count if self.data is not None else None


@attrs.frozen(kw_only=True)
class AllLeadsData(Model):
    """The ``data`` of ``GET /leads/all``."""

    leads: tuple[Lead, ...] = ()


@attrs.frozen(kw_only=True)
class AllLeadsPage(Model, Envelope):
    """One page of every lead in the account, walked by cursor (``lastSeenLeadId``)."""

    ok: bool = True
    data: AllLeadsData | None = None

    @property
    def page_items(self) -> tuple[Lead, ...]:
        """The leads of the page, in ascending id order."""
        return self.data.leads if self.data is not None else ()

    @property
    def page_cursor(self) -> int | None:
        """The id of the page's last lead: the next page starts after it."""
        items = self.page_items
        return items[-1].id if items else None


@attrs.frozen(kw_only=True)
class ListImportCounts(Model):
    """What an import into a lead list did (keys as the reference documents them)."""

    total_leads: int | None = None
    imported: int | None = None
    duplicates: int | None = None
    blocked: int | None = None


@attrs.frozen(kw_only=True)
class ListImportResult(Acknowledgement):
    """The answer to importing leads into a list: ``{"ok": true, "data": {...}}``.

    Attributes:
        data: The counters, when SmartLead sends them.
    """

    message: str | None = None
    data: ListImportCounts | None = None
