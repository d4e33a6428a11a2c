"""A lead's CRM records: the notes and tasks written from the master inbox, and its tags.

The ``/crm/leads/*`` routes are contested (one live client saw them answer 404); the fake serves
them as the API reference documents them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend._common import ApiError, Ids, now

__all__ = ["CrmStore"]


class CrmStore:
    """Notes, tasks and tag mappings by lead id."""

    def __init__(self, ids: Ids) -> None:
        self._ids = ids
        #: Lead id → its notes (``id``, ``lead_id``, ``note_message``, ``created_by``, ...).
        self.notes: dict[int, list[dict[str, JSON]]] = {}
        #: Lead id → its tasks.
        self.tasks: dict[int, list[dict[str, JSON]]] = {}
        #: Tag mapping id → (lead id, tag id).
        self.tag_mappings: dict[int, tuple[int, int]] = {}

    def add_note(self, lead_id: int, message: str) -> dict[str, JSON]:
        """Record a note written on a lead."""
        note: dict[str, JSON] = {
            "id": self._ids(),
            "lead_id": lead_id,
            "note_message": message,
            "created_by": None,
            "created_at": now(),
        }
        self.notes.setdefault(lead_id, []).append(note)
        return note

    def add_task(self, lead_id: int, fields: Mapping[str, JSON]) -> dict[str, JSON]:
        """Record a task created on a lead (status ``pending``)."""
        task: dict[str, JSON] = {
            "id": self._ids(),
            "lead_id": lead_id,
            "name": fields.get("name"),
            "description": fields.get("description"),
            "priority": fields.get("priority"),
            "due_date": fields.get("due_date"),
            "status": "pending",
            "created_at": now(),
        }
        self.tasks.setdefault(lead_id, []).append(task)
        return task

    def tag(self, lead_id: int, tag_ids: Iterable[int], known_tags: Iterable[int]) -> int:
        """Attach tags to a lead (pairs that exist are skipped); how many were attached."""
        asked = list(dict.fromkeys(tag_ids))
        if not asked:
            raise ApiError(400, {"ok": False, "message": '"tagIds" must not be empty'})
        known = set(known_tags)
        unknown = [t for t in asked if t not in known]
        if unknown:
            raise ApiError(404, {"ok": False, "message": f"Tags not found: {unknown}"})
        present = {t for lead, t in self.tag_mappings.values() if lead == lead_id}
        fresh = [t for t in asked if t not in present]
        for tag_id in fresh:
            self.tag_mappings[self._ids()] = (lead_id, tag_id)
        return len(fresh)

    def untag(self, mapping_id: int) -> None:
        """Take a tag off its lead, by mapping id (404 when unknown)."""
        if self.tag_mappings.pop(mapping_id, None) is None:
            raise ApiError(404, {"ok": False, "message": "Tag mapping not found"})

    def tags_of(self, lead_id: int | None) -> list[tuple[int, int]]:
        """(mapping id, tag id) pairs of one lead, or of every lead."""
        return [
            (mapping_id, tag_id)
            for mapping_id, (lead, tag_id) in self.tag_mappings.items()
            if lead_id is None or lead == lead_id
        ]
