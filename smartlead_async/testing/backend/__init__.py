"""The fake's backend: one store per SmartLead area and the rules that cross areas.

Nothing here knows HTTP: methods take and return plain values and records, and refuse with
:class:`ApiError` (the status and wire body the server answers). Nothing here imports the SDK:
the server's limits and formats are its own constants.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping, Sequence

import attrs

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend._common import (
    ApiError,
    Ids,
    joi,
    joi_body,
    now,
    record_id,
    refuse,
)
from smartlead_async.testing.backend.campaigns import (
    CampaignStore,
    FakeCampaign,
    FakeSchedule,
    FakeSentEmail,
    FakeSequenceStep,
)
from smartlead_async.testing.backend.clients import ClientStore, FakeClient, FakeClientApiKey
from smartlead_async.testing.backend.crm import CrmStore
from smartlead_async.testing.backend.email_accounts import FakeEmailAccount, FakeTag, MailboxStore
from smartlead_async.testing.backend.inbox import FakeConversation, InboxStore
from smartlead_async.testing.backend.lead_lists import MAX_IMPORT_ROWS, FakeLeadList, LeadListStore
from smartlead_async.testing.backend.leads import FakeCampaignLead, FakeLead, LeadStore, valid_email
from smartlead_async.testing.backend.prospect import ProspectStore
from smartlead_async.testing.backend.smart_delivery import FakeTestFolder, SmartDeliveryStore
from smartlead_async.testing.backend.smart_senders import SmartSendersStore
from smartlead_async.testing.backend.webhooks import (
    FakeGlobalWebhook,
    FakeWebhook,
    WebhookDelivery,
    WebhookStore,
)

#: Hits per page of the campaign lead search (default and most).
SEARCH_DEFAULT_LIMIT = 25
SEARCH_MAX_LIMIT = 100

__all__ = [
    "ApiError",
    "FakeCampaign",
    "FakeCampaignLead",
    "FakeClient",
    "FakeClientApiKey",
    "FakeConversation",
    "FakeEmailAccount",
    "FakeGlobalWebhook",
    "FakeLead",
    "FakeLeadList",
    "FakeSchedule",
    "FakeSentEmail",
    "FakeSequenceStep",
    "FakeState",
    "FakeTag",
    "FakeTestFolder",
    "FakeWebhook",
    "LoggedRequest",
    "WebhookDelivery",
    "joi",
    "joi_body",
    "now",
    "record_id",
    "refuse",
]


def _instant(text: str) -> dt.datetime:
    """An ISO time as an aware datetime (UTC when it names no zone)."""
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@attrs.frozen
class LoggedRequest:
    """One request the fake received. ``query`` never contains the api_key.

    ``received_at`` is the fake's clock (monotonic seconds) when the request arrived. ``host``
    names the SmartLead host it was sent to. ``fault`` names the injected fault (a
    :class:`FaultKind` value), if any; a dropped request has ``status`` 0.
    """

    method: str
    path: str
    query: dict[str, str]
    json: JSON
    status: int
    received_at: float
    fault: str | None = None
    host: str = "core"


class FakeState:
    """Everything the fake knows, one store per area; tests may read it and seed it.

    Args:
        lead_credits: Leads the account may still import (``None``: unlimited).
        clock: Monotonic clock of the time-based rules (the bulk-reconnect cool-down).
    """

    def __init__(
        self, *, lead_credits: int | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.user_id = 1
        self.next_id = Ids()
        self.campaigns = CampaignStore(self.next_id)
        self.leads = LeadStore(self.next_id, lead_credits)
        self.lead_lists = LeadListStore(self.next_id)
        self.email_accounts = MailboxStore(self.next_id, clock)
        self.webhooks = WebhookStore(self.next_id)
        self.clients = ClientStore(self.next_id)
        self.inbox = InboxStore()
        self.crm = CrmStore(self.next_id)
        self.smart_delivery = SmartDeliveryStore(self.next_id)
        self.smart_senders = SmartSendersStore(self.next_id)
        self.prospect = ProspectStore(self.next_id)
        #: Every request received, in order.
        self.requests: list[LoggedRequest] = []
        #: Requests answered 429 by the rate windows.
        self.rate_limited = 0
        #: Requests being held unanswered by a ``HANG`` fault right now.
        self.hanging = 0

    # Shorthands for what tests read most.
    @property
    def block_list(self) -> set[str]:
        """Blocked emails and domains (lower-cased); add to it to seed."""
        return self.leads.block_list

    @property
    def lead_credits(self) -> int | None:
        """Leads the account may still import (``None``: unlimited)."""
        return self.leads.credits

    @lead_credits.setter
    def lead_credits(self, value: int | None) -> None:
        self.leads.credits = value

    @property
    def conversations(self) -> dict[int, FakeConversation]:
        """Master-inbox conversations by lead map id."""
        return self.inbox.conversations

    @property
    def webhook_deliveries(self) -> list[WebhookDelivery]:
        """Every webhook POST made, retries included."""
        return self.webhooks.deliveries

    # Seeding: records created directly, bypassing the API's checks.
    def add_campaign(self, name: str, client_id: int | None = None) -> FakeCampaign:
        """Create a campaign in DRAFTED status."""
        return self.campaigns.create(name, client_id)

    def enroll(
        self, campaign: FakeCampaign, email: str, fields: Mapping[str, JSON] | None = None
    ) -> FakeCampaignLead:
        """Put a lead in a campaign, bypassing the API's checks (block list, credits, format)."""
        return self.leads.enroll(campaign, email, fields)

    def add_email_account(self, from_email: str, **fields: JSON) -> FakeEmailAccount:
        """A connected mailbox; ``fields`` are wire keys of the account object."""
        return self.email_accounts.add(from_email, **fields)

    def add_webhook(
        self, campaign_id: int, name: str, webhook_url: str, event_types: Sequence[str]
    ) -> FakeWebhook:
        """A campaign webhook."""
        return self.webhooks.add(campaign_id, name, webhook_url, event_types)

    def add_client(self, name: str, email: str) -> FakeClient:
        """An agency client."""
        return self.clients.add(name, email)

    # Rules that cross areas.
    def lead_campaigns(self, lead: FakeLead) -> list[FakeCampaign]:
        """The campaigns a lead is in."""
        return [c for c in self.campaigns.values() if lead.email in c.leads]

    def has_senders(self, campaign: FakeCampaign) -> bool:
        """Whether the campaign has a mailbox to send from (a condition of starting it)."""
        return bool(self.email_accounts.campaign_links.get(campaign.id))

    def push_to_campaign(
        self, campaign: FakeCampaign, lead_ids: Sequence[int], *, move: bool
    ) -> int:
        """Copy (or move) account leads into a campaign; how many were pushed."""
        leads = self.leads.by_ids(lead_ids)
        for lead in leads:
            if move:
                for other in self.campaigns.values():
                    other.leads.pop(lead.email, None)
            self.leads.enroll(campaign, lead.email)
        return len(leads)

    def import_to_list(
        self, lead_list: FakeLeadList, rows: Sequence[Mapping[str, JSON]]
    ) -> tuple[int, int]:
        """Add rows to a list (creating account leads as needed): (added, invalid)."""
        if not 1 <= len(rows) <= MAX_IMPORT_ROWS:
            raise joi(f'"leadList" must hold 1 to {MAX_IMPORT_ROWS} leads', "leadList")
        added, invalid = 0, 0
        for row in rows:
            email = valid_email(row.get("email"))
            if email is None:
                invalid += 1
                continue
            self.leads.account_lead(email, row)
            added += self.lead_lists.add(lead_list, [email])
        return added, invalid

    def record_event(
        self,
        campaign: FakeCampaign,
        lead: FakeLead,
        event_type: str,
        sequence_number: int,
        stats_id: str,
    ) -> None:
        """Keep statistics, analytics and the master inbox in step with an emitted event."""
        membership = campaign.leads[lead.email]
        convo = self.inbox.conversations.setdefault(
            membership.map_id, FakeConversation(campaign_id=campaign.id, email=lead.email)
        )
        convo.stats_ids.add(stats_id)
        moment = now()
        row = campaign.statistics.setdefault(
            lead.email,
            FakeSentEmail(lead.email, lead.fields.get("first_name"), sequence_number),
        )
        if event_type == "EMAIL_OPEN":
            row.open_time = moment
            row.open_count += 1
        elif event_type == "EMAIL_LINK_CLICK":
            row.click_time = moment
            row.click_count += 1
        elif event_type == "EMAIL_REPLY":
            row.reply_time = convo.last_reply_time = moment
            convo.unread = True
        elif event_type == "EMAIL_BOUNCE":
            row.is_bounced = True
        elif event_type == "LEAD_UNSUBSCRIBED":
            row.is_unsubscribed = True

    def assign_client(self, campaign: FakeCampaign, client_id: int | None) -> FakeClient | None:
        """Give a campaign and its subsequences to a client (``None``: take them from it);
        refusals are 500s with a ``message``, as the API reports them."""
        if campaign.parent_campaign_id is not None:
            raise ApiError(500, {"message": "Cannot assign client to a sub sequence!"})
        client = None
        if client_id is not None:
            client = self.clients.get(client_id)
            if client is None:
                raise ApiError(500, {"message": "Invalid client Id!"})
            if campaign.client_id == client_id:
                raise ApiError(500, {"message": "Cannot assign the same client to the campaign"})
        for target in [campaign] + [
            c for c in self.campaigns.values() if c.parent_campaign_id == campaign.id
        ]:
            target.client_id = client_id
            target.settings.pop("client_id", None)
        return client

    def duplicate_campaign(
        self, campaign_id: int, *, sub_sequences: bool, client_label: bool
    ) -> FakeCampaign:
        """Copy a campaign with its mailbox links (leads, statistics and webhooks stay)."""
        copy = self.campaigns.duplicate(
            campaign_id, sub_sequences=sub_sequences, client_label=client_label
        )
        links = self.email_accounts.campaign_links
        links[copy.id] = list(links.get(campaign_id, []))
        return copy

    def reallocate(
        self, campaign: FakeCampaign, from_ids: Sequence[int] | None
    ) -> tuple[int, list[int]]:
        """Move the leads sitting on detached mailboxes (or on none; with ``from_ids``, on
        those) onto attached ones, round robin; STARTED leads are not moved. Returns (leads
        moved, attached mailbox ids)."""
        attached = list(self.email_accounts.campaign_links.get(campaign.id, []))
        if not attached:
            raise refuse(400, "No email accounts are attached to this campaign.")
        still = [i for i in from_ids or () if i in attached]
        if still:
            listed = ", ".join(str(i) for i in still)
            raise refuse(
                400,
                f"Email account(s) {listed} still attached to this campaign. Only leads on "
                "mailboxes removed from the campaign can be reallocated.",
            )
        moved = 0
        for index, membership in enumerate(campaign.leads.values()):
            sender = membership.email_account_id
            detached = sender is None or sender not in attached
            if from_ids is not None:
                detached = sender in from_ids
            if detached and membership.status != "STARTED":
                membership.email_account_id = attached[index % len(attached)]
                moved += 1
        return moved, attached

    def search_campaign_leads(
        self, campaign: FakeCampaign, filters: Mapping[str, JSON]
    ) -> tuple[list[dict[str, JSON]], int]:
        """One page of ``POST /campaigns/{id}/leads/filter``: the hits after the cursor
        (``lastSeenLeadId``), ordered by map id, and how many match in all. The text, status,
        category and mailbox filters are applied; the other documented filters are accepted
        and ignored."""
        limit = filters.get("limit", SEARCH_DEFAULT_LIMIT)
        if not isinstance(limit, int) or not 1 <= limit <= SEARCH_MAX_LIMIT:
            raise joi(f'"limit" must be within 1..{SEARCH_MAX_LIMIT}', "limit")
        after = filters.get("lastSeenLeadId")
        words = str(filters.get("searchText") or "").lower().split()
        statuses = filters.get("leadStatuses")
        categories = filters.get("leadCategoryIds")
        mailboxes = filters.get("emailAccountIds")
        hits: list[tuple[FakeCampaignLead, FakeLead]] = []
        for email, membership in sorted(campaign.leads.items(), key=lambda kv: kv[1].map_id):
            lead = self.leads[email]
            names = " ".join(
                str(lead.fields.get(k) or "") for k in ("first_name", "last_name")
            ).lower()
            category = membership.lead_category_id
            if (
                all(w in email or w in names for w in words)
                and (not isinstance(statuses, list) or membership.status in statuses)
                and (
                    not isinstance(categories, list)
                    or category in categories
                    or (category is None and -1 in categories)
                )
                and (filters.get("leadCategoryIsNull") is not True or category is None)
                and (not isinstance(mailboxes, list) or membership.email_account_id in mailboxes)
            ):
                hits.append((membership, lead))
        start = [m for m, _ in hits if isinstance(after, int) and m.map_id <= after]
        page = hits[len(start) : len(start) + limit]
        return [self._search_hit(m, lead) for m, lead in page], len(hits)

    def _search_hit(self, membership: FakeCampaignLead, lead: FakeLead) -> dict[str, JSON]:
        mailbox = self.email_accounts.get(membership.email_account_id or 0)
        email_lead: dict[str, JSON] = {
            "id": lead.id,
            "email": lead.email,
            "first_name": lead.fields.get("first_name"),
            "last_name": lead.fields.get("last_name"),
            "custom_fields": lead.fields.get("custom_fields") or {},
            "esp_domain_type": 1,
        }
        return {
            "id": membership.map_id,
            "current_seq_num": 1,
            "status": membership.status,
            "email_account_id": membership.email_account_id,
            "spintax_modulo_index": 0,
            "email_lead": email_lead,
            "email_account": {"username": mailbox.username if mailbox else None},
        }

    def sent_history(
        self, campaign: FakeCampaign, lead_ids: Sequence[int] | None, after: str | None
    ) -> dict[str, JSON]:
        """The emails sent to a campaign's leads (all of them, or ``lead_ids``), keyed by lead
        id, optionally only those sent after ``after`` (ISO time)."""
        history: dict[str, JSON] = {}
        for email, sent in campaign.statistics.items():
            lead = self.leads.get(email)
            if lead is None or (lead_ids is not None and lead.id not in lead_ids):
                continue
            if after and _instant(sent.sent_time) <= _instant(after):
                continue
            message: dict[str, JSON] = {
                "subject": sent.to_wire()["email_subject"],
                "sent_at": sent.sent_time,
                "sequence_number": sent.sequence_number,
            }
            history[str(lead.id)] = [message]
        return history

    def sender_of(self, campaign: FakeCampaign) -> str:
        """The address a campaign's emails come from (its first mailbox)."""
        senders = self.email_accounts.senders_of(campaign.id)
        return senders[0].from_email if senders else "sender@outbound.example"
