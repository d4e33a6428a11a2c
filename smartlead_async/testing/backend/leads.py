"""Leads: account-wide lead records, campaign memberships, add-leads accounting, block list.

The limits are the server's own, copied from the API description: at most 100 leads per
add-leads call and 20 custom fields per lead (the help center; newer unaudited pages say 400
and 200, which accounts created earlier do not get).
"""

from __future__ import annotations

import collections
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend._common import Ids, Table, joi, now, refuse

if TYPE_CHECKING:
    from smartlead_async.testing.backend.campaigns import FakeCampaign

__all__ = [
    "LEAD_CATEGORIES",
    "LEAD_FIELDS",
    "MAX_CUSTOM_FIELDS",
    "MAX_LEADS_PER_CALL",
    "AddLeadsOutcome",
    "FakeCampaignLead",
    "FakeLead",
    "LeadStore",
    "valid_email",
]

MAX_LEADS_PER_CALL = 100
MAX_CUSTOM_FIELDS = 20
#: The keys of one ``lead_list`` element (add-leads page); anything else is refused.
LEAD_FIELDS = frozenset(
    {
        "email",
        "first_name",
        "last_name",
        "phone_number",
        "company_name",
        "website",
        "location",
        "linkedin_profile",
        "company_url",
        "custom_fields",
    }
)
#: The account's lead categories as ``GET /leads/fetch-categories`` lists them by default.
LEAD_CATEGORIES: tuple[tuple[int, str, str], ...] = (
    (1, "Interested", "positive"),
    (2, "Meeting Request", "positive"),
    (3, "Not Interested", "negative"),
    (4, "Do Not Contact", "negative"),
    (5, "Information Request", "neutral"),
    (6, "Out Of Office", "neutral"),
    (7, "Wrong Person", "neutral"),
)
#: Custom lead categories: longest name, sentiments, and the colour given when none is sent.
MAX_CATEGORY_NAME = 255
CATEGORY_SENTIMENTS = frozenset({"positive", "negative"})
DEFAULT_CATEGORY_COLOUR = "#f9f1e9"
_HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
# The server's own notion of a usable address: one @, no spaces, a dotted domain with a TLD.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)*\.[A-Za-z]{2,}$")
_LEAD_NOT_FOUND = "Lead not found - Invalid lead_id."


def valid_email(value: JSON) -> str | None:
    """The lower-cased address the server would store, or ``None`` when it counts as invalid."""
    if not isinstance(value, str):
        return None
    email = value.strip().lower()
    return email if _EMAIL.match(email) else None


@attrs.define
class FakeLead:
    """An account-wide lead record (keyed by its lower-cased email)."""

    id: int
    email: str
    fields: dict[str, JSON]
    created_at: str = attrs.field(factory=now)
    is_unsubscribed: bool = False

    def to_wire(self) -> dict[str, JSON]:
        """The lead object as list and lookup endpoints return it."""
        return {
            "id": self.id,
            "first_name": self.fields.get("first_name"),
            "last_name": self.fields.get("last_name"),
            "email": self.email,
            "phone_number": self.fields.get("phone_number"),
            "company_name": self.fields.get("company_name"),
            "website": self.fields.get("website"),
            "location": self.fields.get("location"),
            "custom_fields": self.fields.get("custom_fields") or {},
            "linkedin_profile": self.fields.get("linkedin_profile"),
            "company_url": self.fields.get("company_url"),
            "is_unsubscribed": self.is_unsubscribed,
            "unsubscribed_client_id_map": None,
        }


@attrs.define
class FakeCampaignLead:
    """A lead's membership in one campaign."""

    map_id: int
    lead_id: int
    status: str = "STARTED"
    lead_category_id: int | None = None
    created_at: str = attrs.field(factory=now)
    #: The mailbox the lead is sent from (``None``: not allocated yet).
    email_account_id: int | None = None


@attrs.frozen
class AddLeadsOutcome:
    """What one add-leads call did, counted the way the API reports it."""

    total: int
    uploaded: int = 0
    already_in_campaign: int = 0
    duplicates: int = 0
    invalid_emails: tuple[str, ...] = ()
    unsubscribed: tuple[str, ...] = ()
    blocked: int = 0
    stopped_by_credits: int = 0

    def to_wire(self) -> dict[str, JSON]:
        """The add-leads answer."""
        return {
            "ok": True,
            "upload_count": self.uploaded,
            "total_leads": self.total,
            "already_added_to_campaign": self.already_in_campaign,
            "duplicate_count": self.duplicates,
            "invalid_email_count": len(self.invalid_emails),
            "invalid_emails": list(self.invalid_emails),
            "unsubscribed_leads": list(self.unsubscribed),
            "block_count": self.blocked,
            "bounce_count": 0,
            "is_lead_limit_exhausted": self.stopped_by_credits > 0,
            "lead_import_stopped_count": self.stopped_by_credits,
        }


@attrs.frozen
class BlockListEntry:
    """One block-list row."""

    id: int
    email_or_domain: str
    created_at: str = attrs.field(factory=now)

    def to_wire(self) -> dict[str, JSON]:
        """The row as ``GET /leads/get-domain-block-list`` returns it."""
        return {
            "id": self.id,
            "email_or_domain": self.email_or_domain,
            "created_at": self.created_at,
            "source": "api",
            "client_id": None,
        }


class LeadStore(Table[str, FakeLead]):
    """Account-wide leads (by email), the block list and the lead credits.

    Args:
        ids: The backend's id source.
        credits: Leads the account may still import (``None``: unlimited).
    """

    def __init__(self, ids: Ids, credits: int | None = None) -> None:
        super().__init__()
        self._ids = ids
        self.credits = credits
        #: Blocked emails and domains (lower-cased); tests may add to it directly.
        self.block_list: set[str] = set()
        self._block_ids: dict[str, BlockListEntry] = {}
        #: The account's own lead categories by id (the built-in ones are LEAD_CATEGORIES).
        self.custom_categories: dict[int, dict[str, JSON]] = {}
        self._by_id: dict[int, FakeLead] = {}  # a lookup by id must not scan 100,000s of leads

    def account_lead(self, email: str, fields: Mapping[str, JSON] | None = None) -> FakeLead:
        """The account-wide record of ``email``, created if needed."""
        key = email.strip().lower()
        lead = self._rows.get(key)
        if lead is None:
            lead = self._rows[key] = FakeLead(
                id=self._ids(), email=key, fields=dict(fields or {"email": key})
            )
            self._by_id[lead.id] = lead
        return lead

    def enroll(
        self, campaign: FakeCampaign, email: str, fields: Mapping[str, JSON] | None = None
    ) -> FakeCampaignLead:
        """Put a lead in a campaign, bypassing the API's checks (block list, credits, format)."""
        lead = self.account_lead(email, fields)
        membership = campaign.leads.get(lead.email)
        if membership is None:
            membership = campaign.leads[lead.email] = FakeCampaignLead(
                map_id=self._ids(), lead_id=lead.id
            )
        return membership

    def by_id(self, lead_id: int) -> FakeLead | None:
        """The lead with this id, if any."""
        return self._by_id.get(lead_id)

    def existing(self, lead_id: int) -> FakeLead:
        """The lead with this id, or the API's 404."""
        lead = self.by_id(lead_id)
        if lead is None:
            raise refuse(404, _LEAD_NOT_FOUND)
        return lead

    def membership(self, campaign: FakeCampaign, lead_id: int) -> tuple[FakeLead, FakeCampaignLead]:
        """A lead of ``campaign`` by lead id, or the API's 404."""
        lead = self.by_id(lead_id)
        membership = campaign.leads.get(lead.email) if lead else None
        if lead is None or membership is None:
            raise refuse(404, _LEAD_NOT_FOUND)
        return lead, membership

    def is_blocked(self, email: str) -> bool:
        """Whether the address or its domain is on the block list."""
        return email in self.block_list or email.rpartition("@")[2] in self.block_list

    def add_to_campaign(
        self,
        campaign: FakeCampaign,
        rows: Sequence[Mapping[str, JSON]],
        *,
        ignore_block_list: bool = False,
        ignore_unsubscribes: bool = False,
    ) -> AddLeadsOutcome:
        """The add-leads rules: per-call caps, then per row format, duplicates, membership,
        block list, unsubscribes and credits, in that order."""
        if not rows:
            raise joi('"lead_list" must contain at least 1 items', "lead_list")
        if len(rows) > MAX_LEADS_PER_CALL:
            raise joi(
                f'"lead_list" must contain less than or equal to {MAX_LEADS_PER_CALL} items',
                "lead_list",
            )
        for row in rows:
            custom = row.get("custom_fields")
            if isinstance(custom, dict) and len(custom) > MAX_CUSTOM_FIELDS:
                raise refuse(400, f"custom_fields can have at most {MAX_CUSTOM_FIELDS} keys")
        counts = collections.Counter[str]()
        invalid: list[str] = []
        unsubscribed: list[str] = []
        seen: set[str] = set()
        for row in rows:
            email = valid_email(row.get("email"))
            if email is None:
                invalid.append(str(row.get("email")))
            elif email in seen:
                counts["duplicates"] += 1
            elif email in campaign.leads:
                seen.add(email)
                counts["already"] += 1
            elif self.is_blocked(email) and not ignore_block_list:
                seen.add(email)
                counts["blocked"] += 1
            elif (
                (lead := self._rows.get(email))
                and lead.is_unsubscribed
                and not (ignore_unsubscribes)
            ):
                seen.add(email)
                unsubscribed.append(email)
            elif self.credits is not None and self.credits <= 0:
                seen.add(email)
                counts["stopped"] += 1
            else:
                seen.add(email)
                if self.credits is not None:
                    self.credits -= 1
                self.enroll(campaign, email, row)
                counts["uploaded"] += 1
        return AddLeadsOutcome(
            total=len(rows),
            uploaded=counts["uploaded"],
            already_in_campaign=counts["already"],
            duplicates=counts["duplicates"],
            invalid_emails=tuple(invalid),
            unsubscribed=tuple(unsubscribed),
            blocked=counts["blocked"],
            stopped_by_credits=counts["stopped"],
        )

    def update(self, lead: FakeLead, fields: Mapping[str, JSON]) -> None:
        """Overwrite a lead's fields (the email is its key and stays)."""
        lead.fields |= {key: value for key, value in fields.items() if key != "email"}

    def block(self, entries: Iterable[str]) -> int:
        """Add emails or domains to the block list; how many were new."""
        new = {entry.strip().lower() for entry in entries} - self.block_list
        self.block_list |= new
        return len(new)

    def block_entries(self) -> list[BlockListEntry]:
        """The block list with stable ids, sorted by value."""
        rows = []
        for value in sorted(self.block_list):
            entry = self._block_ids.get(value)
            if entry is None:
                entry = self._block_ids[value] = BlockListEntry(self._ids(), value)
            rows.append(entry)
        return rows

    def unblock(self, entry_id: int) -> None:
        """Remove one block-list entry by id, or the API's 404."""
        entry = next((e for e in self.block_entries() if e.id == entry_id), None)
        if entry is None:
            raise refuse(404, "Block list entry not found")
        self.block_list.discard(entry.email_or_domain)

    def by_ids(self, ids: Iterable[int]) -> list[FakeLead]:
        """The leads among ``ids`` that exist, in the given order."""
        found = (self.by_id(lead_id) for lead_id in ids)
        return [lead for lead in found if lead is not None]

    def save_category(
        self, category_id: int | None, fields: Mapping[str, JSON], user_id: int
    ) -> dict[str, JSON]:
        """Create a custom lead category (``category_id`` None) or change one; built-in
        categories cannot be changed (404). Names are unique across built-in and custom ones
        (case-insensitive)."""
        if category_id is None:
            category: dict[str, JSON] = {
                "id": self._ids(),
                "name": None,
                "user_id": user_id,
                "sentiment_type": None,
                "colour_code": DEFAULT_CATEGORY_COLOUR,
                "created_at": now(),
            }
        else:
            category = self.existing_category(category_id)
        if "name" in fields or category_id is None:
            name = fields.get("name")
            name = name.strip() if isinstance(name, str) else ""
            if not 1 <= len(name) <= MAX_CATEGORY_NAME:
                raise joi(f'"name" must hold 1 to {MAX_CATEGORY_NAME} characters', "name")
            taken = {n.lower() for _, n, _ in LEAD_CATEGORIES} | {
                str(c["name"]).lower()
                for i, c in self.custom_categories.items()
                if i != category["id"]
            }
            if name.lower() in taken:
                raise refuse(400, f"Lead category with name {name} already exists")
            category["name"] = name
        if "sentiment_type" in fields:
            sentiment = fields["sentiment_type"]
            if sentiment is not None and sentiment not in CATEGORY_SENTIMENTS:
                raise joi(
                    '"sentiment_type" must be one of [positive, negative, null]', "sentiment_type"
                )
            category["sentiment_type"] = sentiment
        if "colour_code" in fields:
            colour = fields["colour_code"]
            if not isinstance(colour, str) or not _HEX_COLOUR.match(colour):
                raise joi('"colour_code" must be a hex colour', "colour_code")
            category["colour_code"] = colour
        category_key = category["id"]
        assert isinstance(category_key, int)
        self.custom_categories[category_key] = category
        return category

    def existing_category(self, category_id: int) -> dict[str, JSON]:
        """A custom category, or the API's 404 (built-in ones count as not found)."""
        category = self.custom_categories.get(category_id)
        if category is None:
            raise refuse(404, "Lead category not found")
        return category

    def delete_category(self, category_id: int) -> None:
        """Delete a custom category."""
        self.existing_category(category_id)
        del self.custom_categories[category_id]
