"""Lead list models (catalog 4.18)."""

from __future__ import annotations

import datetime as dt

import attrs

from smartlead_async.models._base import Model, wire_name
from smartlead_async.models.leads import Lead

__all__ = ["AllLeadsData", "AllLeadsPage", "LeadList", "LeadListsData", "LeadListsPage"]


@attrs.frozen(kw_only=True)
class LeadList(Model):
    """A list of leads outside any campaign."""

    id: int
    list_name: str | None = None
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
class LeadListsPage(Model):
    """One page of lead lists."""

    ok: bool = True
    data: LeadListsData | None = None


@attrs.frozen(kw_only=True)
class AllLeadsData(Model):
    """The ``data`` of ``GET /leads/all``."""

    leads: tuple[Lead, ...] = ()


@attrs.frozen(kw_only=True)
class AllLeadsPage(Model):
    """One page of every lead in the account."""

    ok: bool = True
    data: AllLeadsData | None = None
