"""In-memory state of the fake SmartLead server, inspectable from tests (``fake.state``)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

import attrs

from smartlead_async._json import JSON

__all__ = [
    "FakeCampaign",
    "FakeConversation",
    "FakeLead",
    "FakeLeadList",
    "FakeState",
    "LoggedRequest",
    "WebhookDelivery",
]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def _as_list(value: JSON) -> list[JSON]:
    return value if isinstance(value, list) else []


@attrs.define
class FakeLead:
    """An account-wide lead record."""

    id: int
    email: str
    fields: dict[str, JSON]
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
    schedule: dict[str, JSON] | None = None
    settings: dict[str, JSON] = attrs.field(factory=dict)
    sequences: list[dict[str, JSON]] = attrs.field(factory=list)
    statistics: dict[str, dict[str, JSON]] = attrs.field(factory=dict)

    def to_wire(self, user_id: int) -> dict[str, JSON]:
        """The campaign object as ``GET /campaigns`` returns it."""
        return {
            "id": self.id,
            "user_id": user_id,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "status": self.status,
            "name": self.name,
            # Written DONT_TRACK_*, read DONT_* (docs/api-notes.md, Read and write vocabularies).
            "track_settings": [
                str(value).replace("DONT_TRACK_", "DONT_")
                for value in _as_list(self.settings.get("track_settings"))
            ],
            "scheduler_cron_value": (
                {
                    "tz": schedule.get("timezone"),
                    "days": schedule.get("days_of_the_week"),
                    "startHour": schedule.get("start_hour"),
                    "endHour": schedule.get("end_hour"),
                }
                if (schedule := self.schedule)
                else None
            ),
            "min_time_btwn_emails": (self.schedule or {}).get("min_time_btw_emails", 10),
            "max_leads_per_day": (self.schedule or {}).get("max_new_leads_per_day", 20),
            "stop_lead_settings": self.settings.get("stop_lead_settings", "REPLY_TO_AN_EMAIL"),
            "schedule_start_time": (self.schedule or {}).get("schedule_start_time"),
            "enable_ai_esp_matching": self.settings.get("enable_ai_esp_matching", False),
            "send_as_plain_text": self.settings.get("send_as_plain_text", False),
            "follow_up_percentage": self.settings.get("follow_up_percentage", 40),
            "unsubscribe_text": self.settings.get("unsubscribe_text", ""),
            "parent_campaign_id": None,
            "client_id": self.settings.get("client_id", self.client_id),
        }


@attrs.define
class FakeLeadList:
    """A lead list and the emails in it."""

    id: int
    list_name: str
    created_at: str = attrs.field(factory=_now)
    emails: set[str] = attrs.field(factory=set)
    tag_ids: set[int] = attrs.field(factory=set)


@attrs.define
class FakeConversation:
    """Master-inbox state of one lead in one campaign (keyed by its map id)."""

    campaign_id: int
    email: str
    last_reply_time: str | None = None
    unread: bool = False
    revenue: float = 0.0
    team_member_id: int | None = None
    notes: list[str] = attrs.field(factory=list)
    tasks: list[dict[str, JSON]] = attrs.field(factory=list)
    reminders: list[dict[str, JSON]] = attrs.field(factory=list)
    sent_replies: list[dict[str, JSON]] = attrs.field(factory=list)
    stats_ids: set[str] = attrs.field(factory=set)


@attrs.frozen
class LoggedRequest:
    """One request the fake received. ``query`` never contains the api_key.

    ``received_at`` is the fake's clock (monotonic seconds) when the request arrived. ``fault``
    names the injected fault (a :class:`FaultKind` value), if any; a dropped request has
    ``status`` 0.
    """

    method: str
    path: str
    query: dict[str, str]
    json: JSON
    status: int
    received_at: float
    fault: str | None = None


@attrs.frozen
class WebhookDelivery:
    """One POST of an event to a webhook URL, and how it went.

    Attributes:
        webhook_id: The subscription that matched.
        url: Where the event was posted.
        event_type: The event.
        payload: The JSON body that was sent.
        request_id: The ``X-Request-Id`` header sent with it.
        status: The receiver's HTTP status, or ``None`` when the POST failed.
        error: Why the POST failed, when it did.
    """

    webhook_id: int
    url: str
    event_type: str
    payload: dict[str, JSON]
    request_id: str
    status: int | None = None
    error: str | None = None


@attrs.define
class FakeState:
    """Everything the fake knows. Tests may read and seed it directly."""

    user_id: int = 1
    campaigns: dict[int, FakeCampaign] = attrs.field(factory=dict)
    leads: dict[str, FakeLead] = attrs.field(factory=dict)
    block_list: set[str] = attrs.field(factory=set)
    block_list_ids: dict[str, int] = attrs.field(factory=dict)
    email_accounts: dict[int, dict[str, JSON]] = attrs.field(factory=dict)
    campaign_email_accounts: dict[int, list[int]] = attrs.field(factory=dict)
    webhooks: dict[int, list[dict[str, JSON]]] = attrs.field(factory=dict)
    clients: list[dict[str, JSON]] = attrs.field(factory=list)
    client_api_keys: dict[int, dict[str, JSON]] = attrs.field(factory=dict)
    tags: dict[int, dict[str, JSON]] = attrs.field(factory=dict)
    account_tags: set[tuple[int, int]] = attrs.field(factory=set)
    lead_lists: dict[int, FakeLeadList] = attrs.field(factory=dict)
    global_webhooks: dict[int, dict[str, JSON]] = attrs.field(factory=dict)
    conversations: dict[int, FakeConversation] = attrs.field(factory=dict)
    requests: list[LoggedRequest] = attrs.field(factory=list)
    webhook_deliveries: list[WebhookDelivery] = attrs.field(factory=list)
    lead_credits: int | None = None
    rate_limited: int = 0
    #: Requests being held unanswered by a ``HANG`` fault right now.
    hanging: int = 0
    _ids: Iterator[int] = attrs.field(factory=lambda: itertools.count(1000))

    def next_id(self) -> int:
        """A fresh id, unique across every kind of record."""
        return next(self._ids)

    def add_campaign(self, name: str, client_id: int | None = None) -> FakeCampaign:
        """Create a campaign in DRAFTED status."""
        campaign = FakeCampaign(id=self.next_id(), name=name, client_id=client_id)
        self.campaigns[campaign.id] = campaign
        return campaign

    def add_email_account(self, from_email: str, **fields: JSON) -> dict[str, JSON]:
        """Seed a sending mailbox; ``fields`` override the defaults of the wire object."""
        account_id = self.next_id()
        account: dict[str, JSON] = {
            "id": account_id,
            "created_at": _now(),
            "updated_at": _now(),
            "user_id": self.user_id,
            "from_name": from_email.partition("@")[0].title(),
            "from_email": from_email,
            "username": from_email,
            "password": "mailbox-password",
            "smtp_host": "smtp.example.com",
            "smtp_port": 465,
            "smtp_port_type": "SSL",
            "message_per_day": 40,
            "imap_username": from_email,
            "imap_password": "mailbox-password",
            "imap_host": "imap.example.com",
            "imap_port": 993,
            "type": "SMTP",
            "daily_sent_count": 0,
            "client_id": None,
            "is_smtp_success": True,
            "is_imap_success": True,
            "warmup_details": {"id": account_id, "status": "ACTIVE", "warmup_reputation": "100%"},
            **fields,
        }
        self.email_accounts[account_id] = account
        return account

    def add_webhook(
        self, campaign_id: int, name: str, webhook_url: str, event_types: list[str]
    ) -> dict[str, JSON]:
        """Seed a campaign webhook."""
        webhook: dict[str, JSON] = {
            "id": self.next_id(),
            "name": name,
            "created_at": _now(),
            "updated_at": _now(),
            "webhook_url": webhook_url,
            "email_campaign_id": campaign_id,
            "event_types": list(event_types),
            "categories": [],
        }
        self.webhooks.setdefault(campaign_id, []).append(webhook)
        return webhook

    def add_client(self, name: str, email: str) -> dict[str, JSON]:
        """Seed an agency client (note the API's misspelt permission keys)."""
        client: dict[str, JSON] = {
            "id": self.next_id(),
            "name": name,
            "email": email,
            "uuid": f"00000000-0000-4000-8000-{self.next_id():012d}",
            "created_at": _now(),
            "user_id": self.user_id,
            "logo": None,
            "logo_url": None,
            "client_permision": {"permission": ["reply_master_inbox"], "retricted_category": []},
        }
        self.clients.append(client)
        return client

    def enroll_account_lead(self, email: str, fields: dict[str, JSON] | None = None) -> FakeLead:
        """The account-wide lead record of ``email``, created if needed."""
        key = email.strip().lower()
        lead = self.leads.get(key)
        if lead is None:
            lead = self.leads[key] = FakeLead(
                id=self.next_id(), email=key, fields=dict(fields or {"email": key})
            )
        return lead

    def enroll(
        self, campaign: FakeCampaign, email: str, fields: dict[str, JSON] | None = None
    ) -> FakeCampaignLead:
        """Put a lead in a campaign, creating the account-wide lead record if needed.

        Seeds state directly, bypassing the API's checks (block list, credits, validation).
        """
        key = email.strip().lower()
        lead = self.enroll_account_lead(key, fields)
        membership = campaign.leads.get(key)
        if membership is None:
            membership = campaign.leads[key] = FakeCampaignLead(
                map_id=self.next_id(), lead_id=lead.id
            )
        return membership

    def lead_by_id(self, lead_id: int) -> FakeLead | None:
        """The account-wide lead with this id, if any."""
        return next((lead for lead in self.leads.values() if lead.id == lead_id), None)

    def block_list_entries(self) -> list[dict[str, JSON]]:
        """The block list as ``GET /leads/get-domain-block-list`` returns it (stable ids)."""
        for value in sorted(self.block_list):
            self.block_list_ids.setdefault(value, self.next_id())
        return [
            {
                "id": self.block_list_ids[value],
                "email_or_domain": value,
                "created_at": _now(),
                "source": "api",
                "client_id": None,
            }
            for value in sorted(self.block_list)
        ]

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
