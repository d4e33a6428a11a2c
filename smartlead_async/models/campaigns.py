"""Campaign models, and the write vocabularies of campaign settings.

Each write vocabulary is an open enum plus a ``Literal`` alias of the same strings: methods accept
either, and a type checker catches a misspelt plain string.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs

from smartlead_async._json import JSON
from smartlead_async.models._base import Model, OpenStrEnum, wire_name
from smartlead_async.models.common import Acknowledgement

__all__ = [
    "AssignedClient",
    "Campaign",
    "CampaignStatus",
    "CampaignStatusUpdate",
    "CampaignStatusUpdateLiteral",
    "CampaignTag",
    "CampaignTagging",
    "ClientAssignment",
    "CreatedCampaign",
    "CreatedSubsequence",
    "DuplicatedCampaign",
    "FolderMove",
    "MailboxAssociation",
    "MailboxReallocation",
    "MailboxesByTagAdded",
    "MatchedTag",
    "OutOfOfficeSettings",
    "PromptTemplate",
    "PromptTemplateData",
    "PromptTemplateResult",
    "SpintaxDistributionMode",
    "SpintaxDistributionModeLiteral",
    "StopLeadSetting",
    "StopLeadSettingLiteral",
    "TagResolution",
    "TrackSetting",
    "TrackSettingLiteral",
]


class CampaignStatus(OpenStrEnum):
    """A campaign's status as the API reports it (read vocabulary)."""

    DRAFTED = "DRAFTED"
    ACTIVE = "ACTIVE"
    PAUSED = "PAUSED"
    STOPPED = "STOPPED"
    COMPLETED = "COMPLETED"


class CampaignStatusUpdate(OpenStrEnum):
    """The statuses a campaign can be set to (write vocabulary: ``START``, not ``ACTIVE``).

    ``STOPPED`` is permanent. ``START`` fails unless the campaign has a schedule, a sequence and
    at least one sending account.
    """

    START = "START"
    PAUSED = "PAUSED"
    STOPPED = "STOPPED"


#: :class:`CampaignStatusUpdate` as plain strings.
CampaignStatusUpdateLiteral = Literal["START", "PAUSED", "STOPPED"]


class TrackSetting(OpenStrEnum):
    """What not to track, in the *write* vocabulary (reads report ``DONT_EMAIL_OPEN`` …)."""

    DONT_TRACK_EMAIL_OPEN = "DONT_TRACK_EMAIL_OPEN"
    DONT_TRACK_LINK_CLICK = "DONT_TRACK_LINK_CLICK"
    DONT_TRACK_REPLY_TO_AN_EMAIL = "DONT_TRACK_REPLY_TO_AN_EMAIL"


#: :class:`TrackSetting` as plain strings.
TrackSettingLiteral = Literal[
    "DONT_TRACK_EMAIL_OPEN", "DONT_TRACK_LINK_CLICK", "DONT_TRACK_REPLY_TO_AN_EMAIL"
]


class StopLeadSetting(OpenStrEnum):
    """What stops a lead's sequence."""

    REPLY_TO_AN_EMAIL = "REPLY_TO_AN_EMAIL"
    CLICK_ON_A_LINK = "CLICK_ON_A_LINK"
    OPEN_AN_EMAIL = "OPEN_AN_EMAIL"


#: :class:`StopLeadSetting` as plain strings.
StopLeadSettingLiteral = Literal["REPLY_TO_AN_EMAIL", "CLICK_ON_A_LINK", "OPEN_AN_EMAIL"]


@attrs.frozen(kw_only=True)
class CampaignTag(Model):
    """A tag attached to a campaign (``include_tags=True``)."""

    tag_id: int | None = None
    tag_name: str | None = None
    tag_color: str | None = None


@attrs.frozen(kw_only=True)
class Campaign(Model):
    """A campaign (``GET /campaigns``, ``GET /campaigns/{id}``).

    ``scheduler_cron_value`` is kept as sent: a JS-literal string on some accounts, an object
    ``{tz, days, startHour, endHour}`` on others. ``track_settings`` is normalised to a tuple
    (the API sends a string or an array) in the read vocabulary (``DONT_EMAIL_OPEN`` …).
    """

    id: int
    user_id: int | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    status: CampaignStatus | None = None
    name: str | None = None
    track_settings: tuple[str, ...] = ()
    scheduler_cron_value: JSON = None
    min_time_btwn_emails: int | None = None
    max_leads_per_day: int | None = None
    stop_lead_settings: str | None = None
    schedule_start_time: dt.datetime | None = None
    enable_ai_esp_matching: bool | None = None
    send_as_plain_text: bool | None = None
    follow_up_percentage: int | None = None
    unsubscribe_text: str | None = None
    parent_campaign_id: int | None = None
    client_id: int | None = None
    tags: tuple[CampaignTag, ...] = ()


@attrs.frozen(kw_only=True)
class CreatedCampaign(Model):
    """The answer to ``POST /campaigns/create``. New campaigns start ``DRAFTED``."""

    ok: bool = True
    id: int
    name: str | None = None
    created_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class OutOfOfficeSettings:
    """How a campaign treats out-of-office replies (``out_of_office_detection_settings``).

    Only the fields you set are sent. Wire keys are camelCase (``ignoreOOOasReply`` …), as
    SmartLead's API reference gives them.

    Attributes:
        ignore_ooo_as_reply: Do not count an out-of-office answer as a reply.
        auto_reactivate_ooo: Resume the lead's sequence after the absence.
        reactivate_ooo_with_delay: Delay before resuming (the reference gives no unit).
        auto_categorize_ooo: Put such leads in the out-of-office category.
    """

    ignore_ooo_as_reply: bool | None = None
    auto_reactivate_ooo: bool | None = None
    reactivate_ooo_with_delay: int | None = None
    auto_categorize_ooo: bool | None = None

    def to_wire(self) -> dict[str, JSON]:
        """The settings object as SmartLead reads it (unset fields left out)."""
        wire: dict[str, JSON] = {
            "ignoreOOOasReply": self.ignore_ooo_as_reply,
            "autoReactivateOOO": self.auto_reactivate_ooo,
            "reactivateOOOwithDelay": self.reactivate_ooo_with_delay,
            "autoCategorizeOOO": self.auto_categorize_ooo,
        }
        return {key: value for key, value in wire.items() if value is not None}


@attrs.frozen(kw_only=True)
class CreatedSubsequence(Acknowledgement):
    """The answer to creating a subsequence.

    SmartLead's API reference shows ``{"success": true, "subsequence_id": 456}`` (marked
    illustrative); other answers carry the new campaign's ``id``.

    Attributes:
        subsequence_id: The new subsequence (a campaign id), as the reference names it.
        id: The same id, on answers that call it ``id``.
        name: The subsequence's name, when sent.
    """

    subsequence_id: int | None = None
    id: int | None = None
    name: str | None = None
    created_at: dt.datetime | None = None

    @property
    def campaign_id(self) -> int | None:
        """The new subsequence's campaign id, whichever key carried it."""
        return self.subsequence_id if self.subsequence_id is not None else self.id


@attrs.frozen(kw_only=True)
class DuplicatedCampaign(Acknowledgement):
    """The answer to duplicating a campaign: ``{"ok": true, "newCampaignId": 842}``.

    Attributes:
        new_campaign_id: The copy's id (the wire key is camelCase ``newCampaignId``,
            docs/api-notes.md, Verbatim quirks).
    """

    new_campaign_id: int = attrs.field(metadata=wire_name("newCampaignId"))


@attrs.frozen(kw_only=True)
class AssignedClient(Model):
    """The client a campaign was assigned to, as the assign-client answer names it."""

    id: int | None = None
    email: str | None = None


@attrs.frozen(kw_only=True)
class ClientAssignment(Acknowledgement):
    """The answer to assigning a campaign to a client (``client`` is absent when removed)."""

    message: str | None = None
    client: AssignedClient | None = None


@attrs.frozen(kw_only=True)
class FolderMove(Acknowledgement):
    """The answer to moving campaigns into (or out of) a folder."""

    requested: int | None = None
    updated: int | None = None
    updated_campaign_ids: tuple[int, ...] = ()
    not_found_campaign_ids: tuple[int, ...] = ()


@attrs.frozen(kw_only=True)
class CampaignTagging(Acknowledgement):
    """The answer to adding tags to campaigns or removing them.

    Attributes:
        requested: Campaign-tag pairs asked for.
        added: Pairs created (add).
        already_present: Pairs that existed already (add).
        removed: Pairs deleted (remove).
        not_present: Pairs that did not exist (remove).
    """

    message: str | None = None
    campaign_ids: tuple[int, ...] = ()
    tag_ids: tuple[int, ...] = ()
    requested: int | None = None
    added: int | None = None
    already_present: int | None = None
    removed: int | None = None
    not_present: int | None = None


class SpintaxDistributionMode(OpenStrEnum):
    """How a campaign picks spintax variants (sent as 1 or 2)."""

    INCREMENTAL = "incremental"
    RANDOM = "random"


#: :class:`SpintaxDistributionMode` as plain strings.
SpintaxDistributionModeLiteral = Literal["incremental", "random"]


@attrs.frozen(kw_only=True)
class MailboxAssociation(Model):
    """One mailbox newly attached to a campaign."""

    id: int | None = None
    email_campaign_id: int | None = None
    email_account_id: int | None = None


@attrs.frozen(kw_only=True)
class MatchedTag(Model):
    """A mailbox tag the by-tag attach resolved."""

    id: int | None = None
    name: str | None = None


@attrs.frozen(kw_only=True)
class TagResolution(Model):
    """How the by-tag attach resolved its tags to mailboxes."""

    matched_tags: tuple[MatchedTag, ...] = ()
    resolved_account_count: int | None = None
    disconnected_account_count: int | None = None
    skipped_disconnected_count: int | None = None


@attrs.frozen(kw_only=True)
class MailboxesByTagAdded(Acknowledgement):
    """The answer to attaching a campaign's mailboxes by tag."""

    result: tuple[MailboxAssociation, ...] = ()
    added_count: int | None = None
    already_associated_count: int | None = None
    tag_resolution: TagResolution | None = None


@attrs.frozen(kw_only=True)
class MailboxReallocation(Acknowledgement):
    """The answer to reallocating the leads of detached mailboxes."""

    leads_reallocated: int | None = None
    to_email_account_ids: tuple[int, ...] = ()


@attrs.frozen(kw_only=True)
class PromptTemplate(Model):
    """A campaign's AI prompt template (reply categorisation).

    Attributes:
        categories: The lead category ids the AI may assign.
    """

    id: int
    categories: tuple[int, ...] = ()
    prompt_content: str | None = None
    is_active: bool | None = None


@attrs.frozen(kw_only=True)
class PromptTemplateData(Model):
    """The ``data`` of a prompt-template answer."""

    template: PromptTemplate | None = None


@attrs.frozen(kw_only=True)
class PromptTemplateResult(Acknowledgement):
    """``{"success": true, "data": {"template": {...}}}``: the campaign's prompt template."""

    message: str | None = None
    data: PromptTemplateData | None = None

    @property
    def template(self) -> PromptTemplate | None:
        """The template, when the answer carries one."""
        return self.data.template if self.data is not None else None
