"""Lead models: what you send, and what the API answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal

import attrs

from smartlead_async._json import JSON
from smartlead_async._pagination import Envelope
from smartlead_async.models._base import Model, OpenStrEnum, wire_name
from smartlead_async.models.common import Acknowledgement

__all__ = [
    "AddLeadsResult",
    "BlockListEntry",
    "BlockListResult",
    "CampaignLead",
    "CampaignLeadSearchPage",
    "CampaignLeadsPage",
    "FoundCampaignLead",
    "FoundLead",
    "FoundLeadSender",
    "Lead",
    "LeadCampaign",
    "LeadCampaignData",
    "LeadCategory",
    "LeadCategorySentiment",
    "LeadHistoryByLead",
    "LeadHistoryEmail",
    "LeadImportSettings",
    "LeadInput",
    "LeadRow",
    "LeadStatus",
    "LeadStatusName",
    "LeadType",
    "ManualCompleteResult",
    "MessageHistory",
    "MessageHistoryItem",
    "NextSequence",
    "PushAction",
    "PushCounts",
    "PushResult",
    "SequenceStatus",
]

CustomFieldValue = str | int | float | bool | None


class LeadStatus(OpenStrEnum):
    """A lead's status inside a campaign."""

    STARTED = "STARTED"
    INPROGRESS = "INPROGRESS"
    COMPLETED = "COMPLETED"
    PAUSED = "PAUSED"
    STOPPED = "STOPPED"
    BLOCKED = "BLOCKED"
    SENT = "SENT"


#: :class:`LeadStatus` values as plain strings (parameters take either spelling).
LeadStatusName = Literal[
    "STARTED", "INPROGRESS", "COMPLETED", "PAUSED", "STOPPED", "BLOCKED", "SENT"
]
#: What a push does to the leads it takes: ``copy`` keeps them where they are, ``move`` does not.
PushAction = Literal["copy", "move"]
#: The ``leadType`` filter of the account-wide lead walk.
LeadType = Literal["active", "yet_to_use", "previously_active", "archived"]


@attrs.frozen(kw_only=True)
class LeadInput:
    """One lead to add to a campaign (an element of ``lead_list``).

    Only ``email`` is required. ``custom_fields`` holds at most 20 keys; each becomes a template
    variable (``{{key}}``) in sequences.
    """

    email: str
    first_name: str | None = None
    last_name: str | None = None
    phone_number: str | None = None
    company_name: str | None = None
    website: str | None = None
    location: str | None = None
    linkedin_profile: str | None = None
    company_url: str | None = None
    custom_fields: dict[str, CustomFieldValue] | None = None


#: One lead to send: a :class:`LeadInput`, or a mapping with the same wire keys.
LeadRow = LeadInput | Mapping[str, object]


@attrs.frozen(kw_only=True)
class LeadImportSettings:
    """The ``settings`` object of an add-leads call. ``None`` leaves a flag to the server default.

    ``ignore_duplicate_leads_in_other_campaign`` is sent exactly as given. Public sources disagree
    on its meaning (docs/api-notes.md#adding-leads; help center: ``false`` lets a lead in another
    campaign be added; other clients say ``true`` does); the SDK does not invert it.
    """

    ignore_global_block_list: bool | None = None
    ignore_unsubscribe_list: bool | None = None
    ignore_community_bounce_list: bool | None = None
    ignore_duplicate_leads_in_other_campaign: bool | None = None


@attrs.frozen(kw_only=True)
class AddLeadsResult(Model):
    """The counters ``POST /campaigns/{id}/leads`` returns.

    ``upload_count`` and ``total_leads`` are required: an answer without them (``{}``,
    ``{"ok": true}``) says nothing about what was imported and fails to decode
    (:class:`~smartlead_async.ResponseDecodeError`). ``unsubscribed_leads`` is an email list on the
    live API but a count in the help center; use :attr:`unsubscribed_count` and
    :attr:`unsubscribed_emails` to read it either way. A 200 with ``total_leads == 0`` and no
    counter set means nothing was imported.
    """

    ok: bool = True
    upload_count: int
    total_leads: int
    already_added_to_campaign: int = 0
    duplicate_count: int = 0
    invalid_email_count: int = 0
    invalid_emails: tuple[str, ...] = ()
    unsubscribed_leads: JSON = None
    block_count: int = 0
    bounce_count: int = 0
    is_lead_limit_exhausted: bool = False
    lead_import_stopped_count: int = 0

    @property
    def unsubscribed_emails(self) -> tuple[str, ...]:
        """Emails skipped because they unsubscribed earlier (empty when only a count was sent)."""
        if isinstance(self.unsubscribed_leads, list):
            return tuple(str(email) for email in self.unsubscribed_leads)
        return ()

    @property
    def unsubscribed_count(self) -> int:
        """How many leads were skipped because they unsubscribed earlier."""
        value = self.unsubscribed_leads
        if isinstance(value, list):
            return len(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        return 0


@attrs.frozen(kw_only=True)
class LeadCampaignData(Model):
    """One campaign a lead belongs to, as returned with ``GET /leads/?email=``."""

    campaign_id: int
    campaign_name: str | None = None
    campaign_lead_map_id: int | None = None
    lead_category_id: int | None = None
    last_sent_at: dt.datetime | None = None
    last_reply_at: dt.datetime | None = None
    last_activity_at: dt.datetime | None = None
    client_id: int | None = None
    client_email: str | None = None


@attrs.frozen(kw_only=True)
class Lead(Model):
    """An account-wide lead record. ``id`` arrives as a string on some routes; it is an int here."""

    id: int
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone_number: str | None = None
    company_name: str | None = None
    website: str | None = None
    location: str | None = None
    custom_fields: dict[str, JSON] | None = None
    linkedin_profile: str | None = None
    company_url: str | None = None
    is_unsubscribed: bool | None = None
    unsubscribed_client_id_map: JSON = None
    created_at: dt.datetime | None = None
    lead_campaign_data: tuple[LeadCampaignData, ...] = ()


@attrs.frozen(kw_only=True)
class CampaignLead(Model):
    """A lead inside a campaign. Use ``lead.id`` (not ``campaign_lead_map_id``) for lead routes."""

    campaign_lead_map_id: int
    lead_category_id: int | None = None
    status: LeadStatus | None = None
    created_at: dt.datetime | None = None
    lead: Lead


@attrs.frozen(kw_only=True)
class CampaignLeadsPage(Model, Envelope):
    """One page of ``GET /campaigns/{id}/leads``. ``total_leads`` arrives as a string."""

    total_leads: int | None = None
    offset: int = 0
    limit: int = 100
    data: tuple[CampaignLead, ...] = ()

    @property
    def page_items(self) -> tuple[CampaignLead, ...]:
        """The leads of the page."""
        return self.data

    @property
    def page_total(self) -> int | None:
        """Leads in the campaign (matching the filters)."""
        return self.total_leads


@attrs.frozen(kw_only=True)
class LeadCampaign(Model):
    """A campaign a lead belongs to (``GET /leads/{lead_id}/campaigns``)."""

    id: int
    status: str | None = None
    name: str | None = None


@attrs.frozen(kw_only=True)
class LeadCategory(Model):
    """A lead category (ids 1 to 7 are the defaults: Interested, Meeting Request, …)."""

    id: int
    name: str | None = None
    created_at: dt.datetime | None = None
    sentiment_type: str | None = None
    user_id: int | None = None
    colour_code: str | None = None


@attrs.frozen(kw_only=True)
class MessageHistoryItem(Model):
    """One message of a lead's thread. ``stats_id``, ``message_id``, ``time`` and ``email_body``
    of the message you answer go into a reply."""

    type: str | None = None
    message_id: str | None = None
    stats_id: str | None = None
    time: dt.datetime | None = None
    email_body: str | None = None
    subject: str | None = None
    email_seq_number: int | None = None
    open_count: int | None = None
    click_count: int | None = None
    cc: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class MessageHistory(Model):
    """A lead's thread in a campaign. ``from``/``to`` are renamed (``from`` is a keyword)."""

    history: tuple[MessageHistoryItem, ...] = ()
    from_email: str | None = attrs.field(default=None, metadata=wire_name("from"))
    to_email: str | None = attrs.field(default=None, metadata=wire_name("to"))


@attrs.frozen(kw_only=True)
class NextSequence(Model):
    """The step a lead moves to after a manual completion."""

    id: int | None = None
    delay_in_days: int | None = attrs.field(default=None, metadata=wire_name("delayInDays"))


@attrs.frozen(kw_only=True)
class SequenceStatus(Model):
    """Where a lead stands in the sequence after a manual completion."""

    is_last_sequence: bool | None = attrs.field(default=None, metadata=wire_name("isLastSequence"))
    next_sequence: NextSequence | None = attrs.field(
        default=None, metadata=wire_name("nextSequence")
    )


@attrs.frozen(kw_only=True)
class ManualCompleteResult(Model):
    """The answer to ``manual-complete``."""

    ok: bool = True
    status: SequenceStatus | None = None


@attrs.frozen(kw_only=True)
class BlockListResult(Model):
    """The answer to adding entries to the global block list.

    SmartLead answers the counters ``{"uploadCount", "totalDomainAdded"}``; the newer reference
    page shows ``{"success": true, "message": ...}`` instead (docs/api-notes.md, Block list). An
    answer without ``uploadCount`` must say ``ok: true`` or ``success: true``: building one from
    ``{}`` fails (``ValueError``; :class:`~smartlead_async.ResponseDecodeError` when the SDK
    decodes an answer), since it does not say the entries were added.

    Attributes:
        upload_count: Entries added; ``None`` when SmartLead answered only a success flag.
        total_domain_added: As sent with ``upload_count``.
        ok: Always ``True`` once built, as on :class:`~smartlead_async.models.OkResponse`.
        success: ``success`` as sent (``None`` when absent).
    """

    upload_count: int | None = attrs.field(default=None, metadata=wire_name("uploadCount"))
    total_domain_added: int | None = attrs.field(
        default=None, metadata=wire_name("totalDomainAdded")
    )
    ok: bool | None = None
    success: bool | None = None
    message: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.upload_count is None:
            # Without its counters the answer must at least say it worked.
            Acknowledgement(ok=self.ok, success=self.success)
        # Frozen: attrs' own idiom for completing a field after validation.
        object.__setattr__(self, "ok", True)


@attrs.frozen(kw_only=True)
class BlockListEntry(Model):
    """One entry of the global block list: an email or a domain."""

    id: int
    email_or_domain: str | None = None
    created_at: dt.datetime | None = None
    source: str | None = None
    client_id: int | None = None


@attrs.frozen(kw_only=True)
class PushCounts(Model):
    """What a push of leads into a campaign or a list did (keys as documented for the push to a
    campaign; the other pushes are not documented and may send other keys, kept in ``extra``)."""

    total_leads: int | None = None
    pushed: int | None = None
    duplicates: int | None = None
    #: Moving leads between lists counts only this.
    total_leads_moved: int | None = None


@attrs.frozen(kw_only=True)
class PushResult(Acknowledgement):
    """The answer to pushing leads into a campaign or a lead list: ``{"ok": true, "data": {...}}``.

    Attributes:
        data: The counters, when SmartLead sends them.
    """

    message: str | None = None
    data: PushCounts | None = None


#: A lead category's sentiment (``None``: neutral).
LeadCategorySentiment = Literal["positive", "negative"]


@attrs.frozen(kw_only=True)
class FoundLead(Model):
    """The lead record of a campaign-lead search hit (``email_lead``)."""

    id: int | None = None
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    custom_fields: dict[str, JSON] = attrs.field(factory=dict)
    esp_domain_type: int | None = None


@attrs.frozen(kw_only=True)
class FoundLeadSender(Model):
    """The mailbox assigned to a search hit (``email_account``)."""

    username: str | None = None


@attrs.frozen(kw_only=True)
class FoundCampaignLead(Model):
    """One hit of a campaign-lead search: the lead's membership (map id) in the campaign.

    Attributes:
        id: The campaign lead map id (the search's cursor, ``lastSeenEclmId``).
        email_lead: The lead itself.
    """

    id: int
    current_seq_num: int | None = None
    status: LeadStatus | None = None
    email_account_id: int | None = None
    spintax_modulo_index: int | None = None
    email_lead: FoundLead | None = None
    email_account: FoundLeadSender | None = None


@attrs.frozen(kw_only=True)
class CampaignLeadSearchPage(Model, Envelope):
    """One page of a campaign-lead search: ``{leads, lastSeenEclmId, count}``."""

    leads: tuple[FoundCampaignLead, ...] = ()
    last_seen_eclm_id: int | None = attrs.field(default=None, metadata=wire_name("lastSeenEclmId"))
    count: int | None = None

    @property
    def page_items(self) -> tuple[FoundCampaignLead, ...]:
        """The hits, in map-id order."""
        return self.leads

    @property
    def page_total(self) -> int | None:
        """Hits in all."""
        return self.count

    @property
    def page_cursor(self) -> int | None:
        """``lastSeenEclmId``, sent back as ``lastSeenLeadId``.

        The cursor changes name between directions (docs/api-notes.md, Verbatim quirks).
        """
        if self.last_seen_eclm_id is not None:
            return self.last_seen_eclm_id
        return self.leads[-1].id if self.leads else None


@attrs.frozen(kw_only=True)
class LeadHistoryEmail(Model):
    """One email of a lead in the bulk message history."""

    subject: str | None = None
    sent_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class LeadHistoryByLead(Model):
    """The bulk message history of a campaign: ``{"data": {"<lead id>": [emails]}}``.

    Attributes:
        data: Emails per lead id (keys are the ids as strings, as sent).
    """

    data: dict[str, tuple[LeadHistoryEmail, ...]] = attrs.field(factory=dict)
