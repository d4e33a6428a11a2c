"""Campaign models, and the write vocabularies of campaign settings.

Each write vocabulary is an open enum plus a ``Literal`` alias of the same strings: methods accept
either, and a type checker catches a misspelt plain string.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs

from smartlead_async._json import JSON
from smartlead_async.models._base import Model, OpenStrEnum

__all__ = [
    "Campaign",
    "CampaignStatus",
    "CampaignStatusUpdate",
    "CampaignStatusUpdateLiteral",
    "CampaignTag",
    "CreatedCampaign",
    "StopLeadSetting",
    "StopLeadSettingLiteral",
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
