"""Campaigns: status transitions, schedule, settings, sequences and the per-lead send records.

Formats and vocabularies are the server's own, copied from the API description: hours are
``HH:MM``, timezones are IANA names, track settings are written ``DONT_TRACK_*`` and read back
without ``TRACK_``.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence

import attrs

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend._common import (
    ApiError,
    Ids,
    Table,
    joi,
    joi_body,
    now,
    refuse,
)
from smartlead_async.testing.backend.leads import FakeCampaignLead

__all__ = [
    "CAMPAIGN_NOT_FOUND",
    "CampaignStore",
    "FakeCampaign",
    "FakeSchedule",
    "FakeSentEmail",
    "FakeSequenceStep",
]

CAMPAIGN_NOT_FOUND = "Campaign not found - Invalid campaign_id."
#: Status words the write route takes → the status the campaign then reads back.
WRITE_STATUSES = {"START": "ACTIVE", "PAUSED": "PAUSED", "STOPPED": "STOPPED"}
TRACK_SETTINGS = frozenset(
    {"DONT_TRACK_EMAIL_OPEN", "DONT_TRACK_LINK_CLICK", "DONT_TRACK_REPLY_TO_AN_EMAIL"}
)
STOP_LEAD_SETTINGS = frozenset({"REPLY_TO_AN_EMAIL", "CLICK_ON_A_LINK", "OPEN_AN_EMAIL"})
#: Campaigns per folder move, and campaigns and tags per tagging call.
MAX_FOLDER_CAMPAIGNS = 200
MAX_TAGGING_IDS = 100
#: Spintax distribution modes: 1 incremental, 2 random.
SPINTAX_MODES = frozenset({1, 2})
_HOUR = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_TIMEZONES = frozenset(zoneinfo.available_timezones())


def _as_list(value: JSON) -> list[JSON]:
    return value if isinstance(value, list) else []


@attrs.frozen
class FakeSchedule:
    """A campaign's sending schedule."""

    timezone: str
    days_of_the_week: tuple[int, ...]
    start_hour: str
    end_hour: str
    min_time_btw_emails: int = 10
    max_new_leads_per_day: int = 20
    schedule_start_time: str | None = None


@attrs.frozen
class FakeSequenceStep:
    """One saved step of a sequence, with its A/B variants as the API stores them."""

    id: int
    seq_number: int
    delay_in_days: int
    subject: str
    email_body: str
    variants: tuple[dict[str, JSON], ...] = ()
    created_at: str = attrs.field(factory=now)

    def to_wire(self, campaign_id: int) -> dict[str, JSON]:
        """The step as ``GET /campaigns/{id}/sequences`` returns it."""
        return {
            "id": self.id,
            "created_at": self.created_at,
            "updated_at": self.created_at,
            "email_campaign_id": campaign_id,
            "seq_number": self.seq_number,
            "seq_delay_details": {"delayInDays": self.delay_in_days},
            "subject": "" if self.variants else self.subject,
            "email_body": "" if self.variants else self.email_body,
            "sequence_variants": [dict(v) for v in self.variants],
        }


@attrs.define
class FakeSentEmail:
    """What happened to the email a lead was sent in one campaign (the statistics row)."""

    lead_email: str
    lead_name: JSON
    sequence_number: int
    sent_time: str = attrs.field(factory=now)
    open_time: str | None = None
    click_time: str | None = None
    reply_time: str | None = None
    open_count: int = 0
    click_count: int = 0
    is_unsubscribed: bool = False
    is_bounced: bool = False

    def to_wire(self) -> dict[str, JSON]:
        """The row as ``GET /campaigns/{id}/statistics`` returns it."""
        return {
            "lead_name": self.lead_name,
            "lead_email": self.lead_email,
            "lead_category": None,
            "sequence_number": self.sequence_number,
            "email_campaign_seq_id": None,
            "seq_variant_id": None,
            "email_subject": "",
            "email_message": "",
            "sent_time": self.sent_time,
            "open_time": self.open_time,
            "click_time": self.click_time,
            "reply_time": self.reply_time,
            "open_count": self.open_count,
            "click_count": self.click_count,
            "is_unsubscribed": self.is_unsubscribed,
            "is_bounced": self.is_bounced,
        }


@attrs.define
class FakeCampaign:
    """A campaign, the leads in it (keyed by lower-cased email) and what they were sent."""

    id: int
    name: str
    client_id: int | None = None
    status: str = "DRAFTED"
    parent_campaign_id: int | None = None
    created_at: str = attrs.field(factory=now)
    updated_at: str = attrs.field(factory=now)
    leads: dict[str, FakeCampaignLead] = attrs.field(factory=dict)
    schedule: FakeSchedule | None = None
    settings: dict[str, JSON] = attrs.field(factory=dict)
    sequences: list[FakeSequenceStep] = attrs.field(factory=list)
    statistics: dict[str, FakeSentEmail] = attrs.field(factory=dict)
    tag_ids: set[int] = attrs.field(factory=set)
    folder_id: int | None = None
    team_member_id: int | None = None
    spintax_mode: int = 1
    #: The AI prompt template (``id``, ``categories``, ``prompt_content``, ``is_active``).
    prompt_template: dict[str, JSON] | None = None

    def to_wire(self, user_id: int) -> dict[str, JSON]:
        """The campaign object as ``GET /campaigns`` returns it."""
        schedule = self.schedule
        return {
            "id": self.id,
            "user_id": user_id,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "status": self.status,
            "name": self.name,
            "track_settings": [
                str(value).replace("DONT_TRACK_", "DONT_")
                for value in _as_list(self.settings.get("track_settings"))
            ],
            "scheduler_cron_value": (
                {
                    "tz": schedule.timezone,
                    "days": list(schedule.days_of_the_week),
                    "startHour": schedule.start_hour,
                    "endHour": schedule.end_hour,
                }
                if schedule
                else None
            ),
            "min_time_btwn_emails": schedule.min_time_btw_emails if schedule else 10,
            "max_leads_per_day": schedule.max_new_leads_per_day if schedule else 20,
            "stop_lead_settings": self.settings.get("stop_lead_settings", "REPLY_TO_AN_EMAIL"),
            "schedule_start_time": schedule.schedule_start_time if schedule else None,
            "enable_ai_esp_matching": self.settings.get("enable_ai_esp_matching", False),
            "send_as_plain_text": self.settings.get("send_as_plain_text", False),
            "follow_up_percentage": self.settings.get("follow_up_percentage", 40),
            "unsubscribe_text": self.settings.get("unsubscribe_text", ""),
            "parent_campaign_id": self.parent_campaign_id,
            "client_id": self.settings.get("client_id", self.client_id),
        }


class CampaignStore(Table[int, FakeCampaign]):
    """Campaigns by id, and the rules of their life cycle."""

    def __init__(self, ids: Ids) -> None:
        super().__init__()
        self._ids = ids
        #: Campaign folder ids (no route lists or creates folders: tests seed them here).
        self.folders: set[int] = set()

    def create(
        self, name: str, client_id: int | None = None, *, parent_campaign_id: int | None = None
    ) -> FakeCampaign:
        """A new campaign in DRAFTED status."""
        campaign = FakeCampaign(
            id=self._ids(), name=name, client_id=client_id, parent_campaign_id=parent_campaign_id
        )
        self._rows[campaign.id] = campaign
        return campaign

    def existing(self, campaign_id: int) -> FakeCampaign:
        """The campaign, or the API's 404."""
        campaign = self._rows.get(campaign_id)
        if campaign is None:
            raise refuse(404, CAMPAIGN_NOT_FOUND)
        return campaign

    def delete(self, campaign_id: int) -> None:
        """Delete a campaign and its memberships."""
        del self._rows[self.existing(campaign_id).id]

    def set_status(self, campaign: FakeCampaign, status: str, *, has_senders: bool) -> None:
        """START, PAUSED or STOPPED; a stopped campaign is final, and starting one needs a
        schedule, a sequence and a sender."""
        if status not in WRITE_STATUSES:
            raise joi('"status" must be one of [START, PAUSED, STOPPED]', "status")
        if campaign.status == "STOPPED":
            raise refuse(400, "Campaign is stopped and cannot be changed")
        if status == "START" and not (campaign.schedule and campaign.sequences and has_senders):
            raise refuse(
                400, "Campaign needs a schedule, a sequence and at least one email account"
            )
        campaign.status = WRITE_STATUSES[status]
        campaign.updated_at = now()

    def set_schedule(self, campaign: FakeCampaign, schedule: FakeSchedule) -> None:
        """Replace the schedule, after the server's format checks."""
        if schedule.timezone not in _TIMEZONES:
            raise refuse(400, f"Invalid timezone - {schedule.timezone}")
        for name, hour in (("start_hour", schedule.start_hour), ("end_hour", schedule.end_hour)):
            if not _HOUR.match(hour):
                raise refuse(400, f"Invalid {name} - {hour}")
        if schedule.start_hour > schedule.end_hour:
            raise refuse(400, "startHour cannot be greater that endHour")
        campaign.schedule = schedule

    def update_settings(self, campaign: FakeCampaign, settings: Mapping[str, JSON]) -> None:
        """Merge settings, refusing values outside the documented vocabularies."""
        for value in _as_list(settings.get("track_settings")):
            if value not in TRACK_SETTINGS:
                raise refuse(400, f"Invalid track_settings value - {value}")
        stop = settings.get("stop_lead_settings")
        if stop is not None and stop not in STOP_LEAD_SETTINGS:
            raise refuse(400, f"Invalid stop_lead_settings value - {stop}")
        if isinstance(name := settings.get("name"), str):
            campaign.name = name
        campaign.settings |= dict(settings)

    def save_sequences(
        self, campaign: FakeCampaign, steps: Sequence[Mapping[str, JSON]]
    ) -> list[FakeSequenceStep]:
        """Replace the sequence; an active campaign must be paused first."""
        if campaign.status == "ACTIVE":
            raise refuse(400, "Pause the campaign before editing its sequence")
        saved: list[FakeSequenceStep] = []
        for step in steps:
            step_id = step.get("id")
            step_id = step_id if isinstance(step_id, int) else self._ids()
            variants = tuple(
                {
                    "id": variant.get("id") or self._ids(),
                    "is_deleted": False,
                    "subject": variant.get("subject"),
                    "email_body": variant.get("email_body"),
                    "email_campaign_seq_id": step_id,
                    "variant_label": variant.get("variant_label"),
                }
                for variant in _as_list(step.get("seq_variants"))
                if isinstance(variant, dict)
            )
            delay = step.get("seq_delay_details")
            days = delay.get("delay_in_days", 0) if isinstance(delay, dict) else 0
            saved.append(
                FakeSequenceStep(
                    id=step_id,
                    seq_number=int(str(step.get("seq_number") or len(saved) + 1)),
                    delay_in_days=int(str(days or 0)),
                    subject=str(step.get("subject") or ""),
                    email_body=str(step.get("email_body") or ""),
                    variants=variants,
                )
            )
        campaign.sequences = saved
        return saved

    def create_subsequence(self, parent_id: int, name: str) -> FakeCampaign:
        """A child campaign of ``parent_id`` (same client)."""
        parent = self._rows.get(parent_id)
        if parent is None:
            raise refuse(400, "Invalid parent_campaign_id")
        return self.create(name, parent.client_id, parent_campaign_id=parent.id)

    def retag(
        self,
        campaign_ids: Sequence[int],
        tag_ids: Sequence[int],
        known_tags: Iterable[int],
        *,
        add: bool,
    ) -> tuple[int, int]:
        """Add (or remove) every tag on every campaign, all or nothing: (changed, skipped)."""
        for name, ids in (("campaignIds", campaign_ids), ("tagIds", tag_ids)):
            if not 1 <= len(ids) <= MAX_TAGGING_IDS:
                raise ApiError(
                    422, joi_body(f'"{name}" must hold 1 to {MAX_TAGGING_IDS} ids', [name])
                )
        missing = [i for i in campaign_ids if i not in self._rows]
        if missing:
            raise ApiError(
                404,
                {
                    "ok": False,
                    "error": "Campaigns not found - one or more campaignIds are invalid.",
                    "not_found_campaign_ids": list[JSON](missing),
                },
            )
        known = set(known_tags)
        unknown = [t for t in tag_ids if t not in known]
        if unknown:
            raise ApiError(
                404,
                {
                    "ok": False,
                    "error": "Tags not found - one or more tagIds are invalid.",
                    "not_found_tag_ids": list[JSON](unknown),
                },
            )
        changed = 0
        for campaign_id in dict.fromkeys(campaign_ids):
            tags = self._rows[campaign_id].tag_ids
            for tag_id in dict.fromkeys(tag_ids):
                if (tag_id not in tags) == add:
                    changed += 1
                    if add:
                        tags.add(tag_id)
                    else:
                        tags.discard(tag_id)
        requested = len(set(campaign_ids)) * len(set(tag_ids))
        return changed, requested - changed

    def move_to_folder(self, campaign_ids: Sequence[int], folder_id: int | None) -> list[int]:
        """Put campaigns in a folder (``None``: out of any); the ids moved."""
        if not 1 <= len(campaign_ids) <= MAX_FOLDER_CAMPAIGNS:
            raise joi(f'"campaign_ids" must hold 1 to {MAX_FOLDER_CAMPAIGNS} ids', "campaign_ids")
        if folder_id is not None and folder_id not in self.folders:
            raise ApiError(404, {"ok": False, "error": "Folder not found - Invalid folder_id."})
        found = [i for i in dict.fromkeys(campaign_ids) if i in self._rows]
        if not found:
            raise ApiError(
                404,
                {
                    "ok": False,
                    "error": "No accessible campaigns for the provided campaign_ids.",
                    "not_found_campaign_ids": list[JSON](campaign_ids),
                },
            )
        for campaign_id in found:
            self._rows[campaign_id].folder_id = folder_id
        return found

    def set_spintax_mode(self, campaign_id: int, mode: int) -> None:
        """Choose incremental (1) or random (2) spintax; only while the campaign is DRAFTED."""
        campaign = self.existing(campaign_id)
        if mode not in SPINTAX_MODES:
            raise joi('"spintaxDistributionMode" must be one of [1, 2]', "spintaxDistributionMode")
        if campaign.status != "DRAFTED":
            raise refuse(400, "Campaign is not in draft mode.")
        campaign.spintax_mode = mode

    def duplicate(
        self, campaign_id: int, *, sub_sequences: bool, client_label: bool
    ) -> FakeCampaign:
        """A DRAFTED copy of a campaign (settings, sequences, schedule; no leads or
        statistics); an unknown id is a 500, as the API reports it."""
        source = self._rows.get(campaign_id)
        if source is None:
            raise ApiError(500, {"message": "Invalid campaign Id!"})
        copy = self.create(source.name, source.client_id if client_label else None)
        copy.schedule = source.schedule
        copy.settings = dict(source.settings)
        copy.sequences = list(source.sequences)
        copy.tag_ids = set(source.tag_ids)
        if not client_label:
            copy.settings.pop("client_id", None)
        if sub_sequences:
            for child in [c for c in self._rows.values() if c.parent_campaign_id == source.id]:
                sub = self.create(child.name, copy.client_id, parent_campaign_id=copy.id)
                sub.sequences = list(child.sequences)
        return copy

    def save_prompt_template(
        self, campaign: FakeCampaign, template_id: int | None, fields: Mapping[str, JSON]
    ) -> dict[str, JSON]:
        """Create the campaign's prompt template (``template_id`` None) or change it."""
        content = fields.get("prompt_content")
        if content is not None and (not isinstance(content, str) or not content):
            raise joi('"prompt_content" is not allowed to be empty', "prompt_content")
        if template_id is None:
            template: dict[str, JSON] = {
                "id": self._ids(),
                "categories": [],
                "prompt_content": content,
                "is_active": True,
            }
        else:
            current = campaign.prompt_template
            if current is None or current.get("id") != template_id:
                raise refuse(404, "Prompt template not found")
            template = current
        for key in ("prompt_content", "categories", "is_active"):
            if key in fields:
                template[key] = fields[key]
        campaign.prompt_template = template
        return template
