"""In-memory state of the fake SmartLead server, inspectable from tests (``fake.state``)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

import attrs

from smartlead_async._json import JSON

__all__ = ["FakeCampaign", "FakeLead", "FakeState", "LoggedRequest"]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


@attrs.define
class FakeLead:
    """An account-wide lead record."""

    id: int
    email: str
    fields: dict[str, Any]
    created_at: str = attrs.field(factory=_now)
    is_unsubscribed: bool = False


@attrs.define
class FakeCampaignLead:
    """A lead's membership in one campaign."""

    map_id: int
    lead_id: int
    status: str = "STARTED"
    lead_category_id: int | None = None
    created_at: str = attrs.field(factory=_now)


@attrs.define
class FakeCampaign:
    """A campaign and the leads in it (keyed by lower-cased email)."""

    id: int
    name: str
    client_id: int | None = None
    status: str = "DRAFTED"
    created_at: str = attrs.field(factory=_now)
    updated_at: str = attrs.field(factory=_now)
    leads: dict[str, FakeCampaignLead] = attrs.field(factory=dict)

    def to_wire(self, user_id: int) -> dict[str, JSON]:
        """The campaign object as ``GET /campaigns`` returns it."""
        return {
            "id": self.id,
            "user_id": user_id,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "status": self.status,
            "name": self.name,
            "track_settings": [],
            "scheduler_cron_value": None,
            "min_time_btwn_emails": 10,
            "max_leads_per_day": 20,
            "stop_lead_settings": "REPLY_TO_AN_EMAIL",
            "schedule_start_time": None,
            "enable_ai_esp_matching": False,
            "send_as_plain_text": False,
            "follow_up_percentage": 40,
            "unsubscribe_text": "",
            "parent_campaign_id": None,
            "client_id": self.client_id,
        }


@attrs.frozen
class LoggedRequest:
    """One request the fake received. ``query`` never contains the api_key.

    ``received_at`` is the fake's clock (monotonic seconds) when the request arrived.
    """

    method: str
    path: str
    query: dict[str, str]
    json: JSON
    status: int
    received_at: float


@attrs.define
class FakeState:
    """Everything the fake knows. Tests may read and seed it directly."""

    user_id: int = 1
    campaigns: dict[int, FakeCampaign] = attrs.field(factory=dict)
    leads: dict[str, FakeLead] = attrs.field(factory=dict)
    block_list: set[str] = attrs.field(factory=set)
    requests: list[LoggedRequest] = attrs.field(factory=list)
    rate_limited: int = 0
    _ids: Iterator[int] = attrs.field(factory=lambda: itertools.count(1000))

    def next_id(self) -> int:
        """A fresh id, unique across every kind of record."""
        return next(self._ids)

    def add_campaign(self, name: str, client_id: int | None = None) -> FakeCampaign:
        """Create a campaign in DRAFTED status."""
        campaign = FakeCampaign(id=self.next_id(), name=name, client_id=client_id)
        self.campaigns[campaign.id] = campaign
        return campaign

    def lead_to_wire(self, lead: FakeLead) -> dict[str, JSON]:
        """The lead object as list and lookup endpoints return it."""
        return {
            "id": lead.id,
            "first_name": lead.fields.get("first_name"),
            "last_name": lead.fields.get("last_name"),
            "email": lead.email,
            "phone_number": lead.fields.get("phone_number"),
            "company_name": lead.fields.get("company_name"),
            "website": lead.fields.get("website"),
            "location": lead.fields.get("location"),
            "custom_fields": lead.fields.get("custom_fields") or {},
            "linkedin_profile": lead.fields.get("linkedin_profile"),
            "company_url": lead.fields.get("company_url"),
            "is_unsubscribed": lead.is_unsubscribed,
            "unsubscribed_client_id_map": None,
        }
