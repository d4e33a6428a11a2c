"""Lead CRM models: notes, tasks and tags of a lead (``/crm/leads/*``)."""

from __future__ import annotations

import datetime as dt

import attrs

from smartlead_async._pagination import Envelope
from smartlead_async.models._base import Model

__all__ = [
    "LeadNote",
    "LeadNotesPage",
    "LeadTag",
    "LeadTagsPage",
    "LeadTask",
    "LeadTasksPage",
]


@attrs.frozen(kw_only=True)
class LeadNote(Model):
    """A note on a lead."""

    id: int
    lead_id: int | None = None
    note_message: str | None = None
    created_by: str | None = None
    created_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class LeadTask(Model):
    """A task about a lead (``priority`` and ``status`` as sent, e.g. ``HIGH``, ``pending``)."""

    id: int
    lead_id: int | None = None
    name: str | None = None
    description: str | None = None
    priority: str | None = None
    due_date: dt.datetime | None = None
    status: str | None = None
    created_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class LeadTag(Model):
    """A tag on a lead.

    Attributes:
        id: The tag.
        tag_mapping_id: The tag's attachment to the lead (what removing it takes).
    """

    id: int
    tag_mapping_id: int | None = None
    name: str | None = None
    color: str | None = None


@attrs.frozen(kw_only=True)
class LeadNotesPage(Model, Envelope):
    """``{"ok": true, "data": [notes]}``."""

    ok: bool = True
    data: tuple[LeadNote, ...] = ()

    @property
    def page_items(self) -> tuple[LeadNote, ...]:
        """The notes."""
        return self.data


@attrs.frozen(kw_only=True)
class LeadTasksPage(Model, Envelope):
    """``{"ok": true, "data": [tasks]}``."""

    ok: bool = True
    data: tuple[LeadTask, ...] = ()

    @property
    def page_items(self) -> tuple[LeadTask, ...]:
        """The tasks."""
        return self.data


@attrs.frozen(kw_only=True)
class LeadTagsPage(Model, Envelope):
    """``{"ok": true, "data": [tags]}``."""

    ok: bool = True
    data: tuple[LeadTag, ...] = ()

    @property
    def page_items(self) -> tuple[LeadTag, ...]:
        """The tags."""
        return self.data
