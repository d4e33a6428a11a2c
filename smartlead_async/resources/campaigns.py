"""``client.campaigns``: campaigns, their settings, schedule and sequences.

A campaign's analytics and statistics live in ``client.analytics.campaign``; the old names here
are deprecated aliases of those methods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from smartlead_async._endpoints import Endpoint, Paging, Unwrap, calls
from smartlead_async._json import JSON
from smartlead_async._pagination import Pager, Rows
from smartlead_async._pipeline import Pipeline
from smartlead_async._sentinel import NOT_GIVEN, NotGiven, put_given
from smartlead_async._validation import (
    normalize_email,
    require_confirmation,
    require_hour,
    require_id,
    require_ids,
    require_int_range,
    require_optional_id,
    require_text,
    require_timezone,
)
from smartlead_async.errors import RequestValidationError
from smartlead_async.models._base import OpenStrEnum
from smartlead_async.models.campaigns import (
    Campaign,
    CampaignStatusUpdate,
    CampaignStatusUpdateLiteral,
    CampaignTagging,
    ClientAssignment,
    CreatedCampaign,
    CreatedSubsequence,
    DuplicatedCampaign,
    FolderMove,
    MailboxesByTagAdded,
    MailboxReallocation,
    OutOfOfficeSettings,
    SpintaxDistributionMode,
    SpintaxDistributionModeLiteral,
    StopLeadSetting,
    StopLeadSettingLiteral,
    TrackSetting,
    TrackSettingLiteral,
)
from smartlead_async.models.common import OkResponse
from smartlead_async.models.sequences import SequenceStep, SequenceStepInput
from smartlead_async.resources._base import Resource, deprecated_alias
from smartlead_async.resources.campaign_analytics import CampaignAnalyticsResource
from smartlead_async.resources.prompt_templates import PromptTemplatesResource

__all__ = ["CampaignsResource"]

# The whole list comes back at once (SmartLead does not page it).
LIST_CAMPAIGNS = Endpoint(
    "GET", "campaigns", Rows[Campaign], unwrap=Unwrap.ROWS, page=Paging(max_limit=None)
)
# An unknown id answers 200 with `{}` or an empty body on some accounts.
GET_CAMPAIGN = Endpoint("GET", "campaigns/{campaign_id}", Campaign, empty_is_not_found=True)
# Not retried after an ambiguous failure: a repeat could create a duplicate.
CREATE_CAMPAIGN = Endpoint("POST", "campaigns/create", CreatedCampaign)
DELETE_CAMPAIGN = Endpoint("DELETE", "campaigns/{campaign_id}", OkResponse)
# Setting a status, a schedule, settings or a whole sequence again changes nothing: safe to repeat.
UPDATE_CAMPAIGN_STATUS = Endpoint(
    "POST", "campaigns/{campaign_id}/status", OkResponse, idempotent=True
)
UPDATE_SCHEDULE = Endpoint("POST", "campaigns/{campaign_id}/schedule", OkResponse, idempotent=True)
UPDATE_SETTINGS = Endpoint("POST", "campaigns/{campaign_id}/settings", OkResponse, idempotent=True)
GET_SEQUENCES = Endpoint(
    "GET",
    "campaigns/{campaign_id}/sequences",
    Rows[SequenceStep],
    unwrap=Unwrap.ROWS,
    page=Paging(max_limit=None),
)
SAVE_SEQUENCES = Endpoint("POST", "campaigns/{campaign_id}/sequences", OkResponse, idempotent=True)
CREATE_SUBSEQUENCE = Endpoint("POST", "campaigns/create-subsequence", CreatedSubsequence)
# Sends an email: never repeated after an ambiguous failure.
SEND_TEST_EMAIL = Endpoint("POST", "campaigns/{campaign_id}/send-test-email", OkResponse)
# Pinning the same mailbox again changes nothing.
UPDATE_LEAD_EMAIL_ACCOUNT = Endpoint(
    "POST", "campaigns/update-lead-email-account", OkResponse, idempotent=True, weak=True
)
# Each copy is a new campaign: never repeated after an ambiguous failure.
DUPLICATE_CAMPAIGN = Endpoint("POST", "campaigns/{campaign_id}/duplicate", DuplicatedCampaign)
# Setting the same member, client, folder, tags or mode again changes nothing: safe to repeat.
# The team-member page is unaudited and its example answer illustrative.
UPDATE_TEAM_MEMBER = Endpoint(
    "POST", "campaigns/{campaign_id}/team-member", OkResponse, idempotent=True
)
ASSIGN_CLIENT = Endpoint("POST", "campaigns/assign-client", ClientAssignment, idempotent=True)
MOVE_TO_FOLDER = Endpoint("POST", "campaigns/update-folder", FolderMove, idempotent=True)
ADD_CAMPAIGN_TAGS = Endpoint("POST", "campaigns/tags", CampaignTagging, idempotent=True)
REMOVE_CAMPAIGN_TAGS = Endpoint("DELETE", "campaigns/tags", CampaignTagging, idempotent=True)
SET_SPINTAX_MODE = Endpoint(
    "POST", "campaigns/spintax-distribution-mode", OkResponse, idempotent=True
)
# Attaching mailboxes that are attached already changes nothing: safe to repeat.
ADD_MAILBOXES_BY_TAG = Endpoint(
    "POST", "campaigns/{campaign_id}/email-accounts/by-tag", MailboxesByTagAdded, idempotent=True
)
# Moves leads between mailboxes: not repeated after an ambiguous failure.
REALLOCATE_MAILBOXES = Endpoint(
    "POST", "campaigns/{campaign_id}/reallocate-mailboxes", MailboxReallocation
)
#: Campaigns per folder move, and campaigns and tags per tagging call.
MAX_FOLDER_CAMPAIGNS = 200
MAX_TAGGING_IDS = 100
#: Detached mailboxes per reallocation.
MAX_REALLOCATED_MAILBOXES = 100
_SPINTAX_MODES = {"incremental": 1, "random": 2}
_READ_TRACK_SETTINGS = {"DONT_EMAIL_OPEN", "DONT_LINK_CLICK", "DONT_REPLY_TO_AN_EMAIL"}


class CampaignsResource(Resource):
    """Create, read, configure, start/pause/stop and delete campaigns.

    Attributes:
        prompt_templates: A campaign's AI prompt template (``client.campaigns.prompt_templates``).
    """

    def __init__(self, pipeline: Pipeline) -> None:
        super().__init__(pipeline)
        self.prompt_templates = PromptTemplatesResource(pipeline)
        # The deprecated analytics aliases below call their new home through this instance.
        self._analytics = CampaignAnalyticsResource(pipeline)

    @calls(LIST_CAMPAIGNS)
    def list(self, *, client_id: int | None = None, include_tags: bool = False) -> Pager[Campaign]:
        """Every campaign of the account, in one page (SmartLead does not page this list).

        Args:
            client_id: Only campaigns of this agency client.
            include_tags: Also return each campaign's tags.
        """
        query = {
            "client_id": require_optional_id("client_id", client_id),
            "include_tags": True if include_tags else None,
        }
        return self._pipeline.pager(LIST_CAMPAIGNS, query=query)

    @calls(GET_CAMPAIGN)
    async def get(self, campaign_id: int, *, include_tags: bool = False) -> Campaign:
        """Fetch one campaign.

        Raises:
            NotFoundError: No such campaign. The live API answers 404 on some accounts and 200 with
                an empty body or ``{}`` on others; both raise this (``status`` tells which).
        """
        require_id("campaign_id", campaign_id)
        query = {"include_tags": True if include_tags else None}
        return await self._pipeline.call(GET_CAMPAIGN, query=query, campaign_id=campaign_id)

    @calls(CREATE_CAMPAIGN)
    async def create(self, *, name: str, client_id: int | None = None) -> CreatedCampaign:
        """Create a campaign in ``DRAFTED`` status.

        Not retried after an ambiguous failure (timeout, 5xx): a retry could create a duplicate.
        """
        body: dict[str, JSON] = {"name": require_text("name", name)}
        if client_id is not None:
            body["client_id"] = require_id("client_id", client_id)
        return await self._pipeline.call(CREATE_CAMPAIGN, json=body)

    @calls(DELETE_CAMPAIGN)
    async def delete(self, campaign_id: int) -> OkResponse:
        """Delete a campaign permanently."""
        require_id("campaign_id", campaign_id)
        return await self._pipeline.call(DELETE_CAMPAIGN, campaign_id=campaign_id)

    @calls(UPDATE_CAMPAIGN_STATUS)
    async def update_status(
        self, campaign_id: int, *, status: CampaignStatusUpdate | CampaignStatusUpdateLiteral
    ) -> OkResponse:
        """Start, pause or stop a campaign.

        Args:
            campaign_id: The campaign.
            status: ``START``, ``PAUSED`` or ``STOPPED`` (write vocabulary; ``STOPPED`` is final).
                ``ACTIVE`` is accepted as an alias of ``START`` because reads report it that way.
        """
        require_id("campaign_id", campaign_id)
        body: dict[str, JSON] = {"status": _status_for_write(status)}
        return await self._pipeline.call(UPDATE_CAMPAIGN_STATUS, json=body, campaign_id=campaign_id)

    @calls(UPDATE_SCHEDULE)
    async def update_schedule(
        self,
        campaign_id: int,
        *,
        timezone: str,
        days_of_the_week: Sequence[int],
        start_hour: str,
        end_hour: str,
        min_time_btw_emails: int,
        max_new_leads_per_day: int,
        schedule_start_time: dt.datetime | None = None,
    ) -> OkResponse:
        """Set when a campaign sends.

        Args:
            campaign_id: The campaign.
            timezone: IANA name, e.g. ``"America/New_York"``.
            days_of_the_week: 0 to 6 with 0 = Sunday (help center; one client uses ISO 1 to 7,
                so check a campaign in the UI after the first change).
            start_hour: ``"HH:MM"``; must be before ``end_hour``.
            end_hour: ``"HH:MM"``.
            min_time_btw_emails: Minutes between two emails of the campaign (>= 1).
            max_new_leads_per_day: New leads contacted per day (>= 1).
            schedule_start_time: When sending may begin (tz-aware).
        """
        require_id("campaign_id", campaign_id)
        days = list(days_of_the_week) if not isinstance(days_of_the_week, str) else []
        if not days or len(set(days)) != len(days):
            raise RequestValidationError("days_of_the_week must list distinct days 0..6")
        for day in days:
            require_int_range("days_of_the_week", day, 0, 6)
        if require_hour("start_hour", start_hour) >= require_hour("end_hour", end_hour):
            raise RequestValidationError(f"start_hour {start_hour} must be before {end_hour}")
        body: dict[str, JSON] = {
            "timezone": require_timezone(timezone),
            "days_of_the_week": list[JSON](sorted(days)),
            "start_hour": start_hour,
            "end_hour": end_hour,
            "min_time_btw_emails": require_int_range("min_time_btw_emails", min_time_btw_emails, 1),
            "max_new_leads_per_day": require_int_range(
                "max_new_leads_per_day", max_new_leads_per_day, 1
            ),
        }
        if schedule_start_time is not None:
            if schedule_start_time.tzinfo is None:
                raise RequestValidationError("schedule_start_time must be timezone-aware")
            body["schedule_start_time"] = schedule_start_time.isoformat()
        return await self._pipeline.call(UPDATE_SCHEDULE, json=body, campaign_id=campaign_id)

    @calls(UPDATE_SETTINGS)
    async def update_settings(
        self,
        campaign_id: int,
        *,
        track_settings: Sequence[TrackSetting | TrackSettingLiteral] | NotGiven = NOT_GIVEN,
        stop_lead_settings: StopLeadSetting | StopLeadSettingLiteral | NotGiven = NOT_GIVEN,
        unsubscribe_text: str | NotGiven = NOT_GIVEN,
        send_as_plain_text: bool | NotGiven = NOT_GIVEN,
        follow_up_percentage: int | NotGiven = NOT_GIVEN,
        client_id: int | NotGiven | None = NOT_GIVEN,
        enable_ai_esp_matching: bool | NotGiven = NOT_GIVEN,
        name: str | NotGiven = NOT_GIVEN,
        force_plain_text: bool | NotGiven = NOT_GIVEN,
        auto_pause_domain_leads_on_reply: bool | NotGiven = NOT_GIVEN,
        ignore_ss_mailbox_sending_limit: bool | NotGiven = NOT_GIVEN,
        bounce_autopause_threshold: str | NotGiven = NOT_GIVEN,
        domain_level_rate_limit: bool | NotGiven = NOT_GIVEN,
        out_of_office_detection_settings: OutOfOfficeSettings | NotGiven = NOT_GIVEN,
        add_unsubscribe_tag: bool | NotGiven = NOT_GIVEN,
        ai_categorisation_options: Sequence[JSON] | NotGiven = NOT_GIVEN,
    ) -> OkResponse:
        """Change a campaign's general settings; only the arguments you pass are sent.

        Args:
            campaign_id: The campaign.
            track_settings: What *not* to track, in the write vocabulary
                (``DONT_TRACK_EMAIL_OPEN``, ``DONT_TRACK_LINK_CLICK``,
                ``DONT_TRACK_REPLY_TO_AN_EMAIL``); the read vocabulary is refused.
            stop_lead_settings: What stops a lead's sequence.
            unsubscribe_text: Text of the unsubscribe link.
            send_as_plain_text: Send without HTML.
            follow_up_percentage: Share (0 to 100) of daily volume spent on follow-ups.
            client_id: Attach to an agency client; ``None`` detaches.
            enable_ai_esp_matching: Match sender and recipient providers.
            name: Rename the campaign.
            force_plain_text: Force every email of the campaign to plain text.
            auto_pause_domain_leads_on_reply: When a lead replies, pause the other leads of
                its domain.
            ignore_ss_mailbox_sending_limit: Ignore the sending limit of Smart Senders
                mailboxes.
            bounce_autopause_threshold: Bounce level that pauses the campaign (a string on the
                wire; the reference gives no format).
            domain_level_rate_limit: Rate-limit sending per recipient domain.
            out_of_office_detection_settings: How out-of-office replies are treated.
            add_unsubscribe_tag: Add the unsubscribe tag to emails.
            ai_categorisation_options: Sent as given (an array; the reference does not type
                its elements).

        Fields follow SmartLead's API reference (docs/api-notes.md, Campaigns).
        """
        require_id("campaign_id", campaign_id)
        body: dict[str, JSON] = {}
        put_given(body, "track_settings", track_settings, lambda v: [_track_setting(x) for x in v])
        put_given(body, "stop_lead_settings", stop_lead_settings, _stop_lead_setting)
        put_given(body, "unsubscribe_text", unsubscribe_text, str)
        put_given(body, "send_as_plain_text", send_as_plain_text, bool)
        put_given(
            body,
            "follow_up_percentage",
            follow_up_percentage,
            lambda v: require_int_range("follow_up_percentage", v, 0, 100),
        )
        put_given(body, "client_id", client_id, lambda v: require_optional_id("client_id", v))
        put_given(body, "enable_ai_esp_matching", enable_ai_esp_matching, bool)
        put_given(body, "name", name, lambda v: require_text("name", v))
        put_given(body, "force_plain_text", force_plain_text, bool)
        put_given(body, "auto_pause_domain_leads_on_reply", auto_pause_domain_leads_on_reply, bool)
        put_given(body, "ignore_ss_mailbox_sending_limit", ignore_ss_mailbox_sending_limit, bool)
        put_given(
            body,
            "bounce_autopause_threshold",
            bounce_autopause_threshold,
            lambda v: require_text("bounce_autopause_threshold", v),
        )
        put_given(body, "domain_level_rate_limit", domain_level_rate_limit, bool)
        put_given(
            body,
            "out_of_office_detection_settings",
            out_of_office_detection_settings,
            _out_of_office,
        )
        put_given(body, "add_unsubscribe_tag", add_unsubscribe_tag, bool)
        put_given(body, "ai_categorisation_options", ai_categorisation_options, _json_array)
        if not body:
            raise RequestValidationError("update_settings needs at least one setting to change")
        return await self._pipeline.call(UPDATE_SETTINGS, json=body, campaign_id=campaign_id)

    @calls(GET_SEQUENCES)
    def get_sequences(self, campaign_id: int) -> Pager[SequenceStep]:
        """A campaign's sequence steps with their A/B variants, in one page."""
        require_id("campaign_id", campaign_id)
        return self._pipeline.pager(GET_SEQUENCES, campaign_id=campaign_id)

    @calls(SAVE_SEQUENCES)
    async def save_sequences(
        self, campaign_id: int, *, steps: Sequence[SequenceStepInput]
    ) -> OkResponse:
        """Replace a campaign's whole sequence.

        Steps left out are deleted, with their analytics; an empty list deletes every step. Pause
        an active campaign first: edits while ``ACTIVE`` are refused. Template variables such as
        ``{{first_name}}`` and any custom field work in subjects and bodies.
        """
        require_id("campaign_id", campaign_id)
        numbers = [step.seq_number for step in steps]
        if len(set(numbers)) != len(numbers):
            raise RequestValidationError(f"seq_number values must be distinct, got {numbers}")
        body: dict[str, JSON] = {"sequences": [_step_to_wire(step) for step in steps]}
        return await self._pipeline.call(SAVE_SEQUENCES, json=body, campaign_id=campaign_id)

    @calls(CREATE_SUBSEQUENCE)
    async def create_subsequence(
        self,
        parent_campaign_id: int,
        *,
        name: str,
        condition_events: Sequence[JSON] | None = None,
        definition: Mapping[str, JSON] | None = None,
    ) -> CreatedSubsequence:
        """Create a subsequence of a campaign.

        The body is ``{parent_campaign_id, subsequence_name, condition_events}`` as SmartLead's API
        reference gives it (docs/api-notes.md, Sequences).

        Args:
            parent_campaign_id: The campaign the subsequence hangs off.
            name: The subsequence's name (``subsequence_name``).
            condition_events: What moves a lead into it, sent as given (the reference does
                not type the elements).
            definition: Further keys, sent as given beside the others (SmartLead refuses keys
                it does not know with 400).
        """
        body: dict[str, JSON] = {
            **dict(definition or {}),
            "parent_campaign_id": require_id("parent_campaign_id", parent_campaign_id),
            "subsequence_name": require_text("name", name),
        }
        if condition_events is not None:
            body["condition_events"] = _json_array(condition_events)
        return await self._pipeline.call(CREATE_SUBSEQUENCE, json=body)

    @calls(SEND_TEST_EMAIL)
    async def send_test_email(
        self,
        campaign_id: int,
        lead_id: int,
        email_account_id: int | None = None,
        *,
        sequence_number: int = 1,
        to: str | None = None,
        confirm_send: bool = False,
    ) -> OkResponse:
        """Send one step of a campaign, rendered for one of its leads, as a test email.

        Body ``{leadId, sequenceNumber, selectedEmailAccountId, customEmailAddress}``, as
        SmartLead's API reference gives it (docs/api-notes.md, Campaigns). Never retried after
        an ambiguous failure.

        Args:
            campaign_id: The campaign.
            lead_id: The lead whose variables fill the template (``leadId``).
            email_account_id: The mailbox that sends it (``selectedEmailAccountId``).
            sequence_number: The step (``sequenceNumber``, from 1).
            to: Where to send it (``customEmailAddress``); SmartLead's default otherwise.
            confirm_send: Must be ``True``: this sends a real email.
        """
        require_id("campaign_id", campaign_id)
        require_confirmation("confirm_send", confirm_send, "send_test_email sends an email")
        body: dict[str, JSON] = {
            "leadId": require_id("lead_id", lead_id),
            "sequenceNumber": require_int_range("sequence_number", sequence_number, 1),
        }
        if email_account_id is not None:
            body["selectedEmailAccountId"] = require_id("email_account_id", email_account_id)
        if to is not None:
            body["customEmailAddress"] = normalize_email(to, field="to")
        return await self._pipeline.call(SEND_TEST_EMAIL, json=body, campaign_id=campaign_id)

    @calls(UPDATE_LEAD_EMAIL_ACCOUNT)
    async def update_lead_email_account(
        self, campaign_id: int, lead_id: int, email_account_id: int, *, override: bool = True
    ) -> OkResponse:
        """Pin which mailbox sends to one lead of a campaign (**[weak]**).

        Only third-party clients use this route; the body follows the one public caller found
        (``email_campaign_id``, ``email_lead_id``, ``email_account_id``,
        ``override_lead_email_account``).
        """
        body: dict[str, JSON] = {
            "email_campaign_id": require_id("campaign_id", campaign_id),
            "email_lead_id": require_id("lead_id", lead_id),
            "email_account_id": require_id("email_account_id", email_account_id),
            "override_lead_email_account": bool(override),
        }
        return await self._pipeline.call(UPDATE_LEAD_EMAIL_ACCOUNT, json=body)

    @calls(DUPLICATE_CAMPAIGN)
    async def duplicate(
        self,
        campaign_id: int,
        *,
        duplicate_sub_sequence: bool = False,
        duplicate_client_label: bool = False,
    ) -> DuplicatedCampaign:
        """Copy a campaign; the answer names the copy's id ``newCampaignId``.

        Not retried after an ambiguous failure: a retry could make a second copy.

        Args:
            campaign_id: The campaign to copy.
            duplicate_sub_sequence: Copy its subsequences too.
            duplicate_client_label: Keep its client label on the copy.
        """
        require_id("campaign_id", campaign_id)
        body: dict[str, JSON] = {
            "duplicate_sub_sequence": bool(duplicate_sub_sequence),
            "duplicate_client_label": bool(duplicate_client_label),
        }
        return await self._pipeline.call(DUPLICATE_CAMPAIGN, json=body, campaign_id=campaign_id)

    @calls(UPDATE_TEAM_MEMBER)
    async def update_team_member(self, campaign_id: int, team_member_id: int | None) -> OkResponse:
        """Set (or, with ``None``, clear) the team member who owns a campaign.

        The page documenting this route is unaudited and its example answer illustrative.
        """
        require_id("campaign_id", campaign_id)
        body: dict[str, JSON] = {
            "teamMemberId": require_optional_id("team_member_id", team_member_id)
        }
        return await self._pipeline.call(UPDATE_TEAM_MEMBER, json=body, campaign_id=campaign_id)

    @calls(ASSIGN_CLIENT)
    async def assign_client(
        self, campaign_id: int, client_id: int | None, *, apply_client_dnc: bool | None = None
    ) -> ClientAssignment:
        """Assign a campaign to an agency client, or take it from its client (``None``).

        Args:
            campaign_id: The campaign.
            client_id: The client; ``None`` removes the campaign's client.
            apply_client_dnc: With a client, also apply the client's block list.
        """
        body: dict[str, JSON] = {
            "campaignId": require_id("campaign_id", campaign_id),
            "clientId": require_optional_id("client_id", client_id),
        }
        if apply_client_dnc is not None:
            if client_id is None:
                raise RequestValidationError("apply_client_dnc needs a client_id")
            body["applyClientDNC"] = bool(apply_client_dnc)
        return await self._pipeline.call(ASSIGN_CLIENT, json=body)

    @calls(MOVE_TO_FOLDER)
    async def move_to_folder(
        self, campaign_ids: Sequence[int], folder_id: int | None
    ) -> FolderMove:
        """Move 1 to 200 campaigns into a folder, or out of their folder (``None``)."""
        body: dict[str, JSON] = {
            "campaign_ids": require_ids(
                "campaign_ids", campaign_ids, max_count=MAX_FOLDER_CAMPAIGNS
            ),
            "folder_id": require_optional_id("folder_id", folder_id),
        }
        return await self._pipeline.call(MOVE_TO_FOLDER, json=body)

    @calls(ADD_CAMPAIGN_TAGS)
    async def add_tags(
        self, campaign_ids: Sequence[int], tag_ids: Sequence[int]
    ) -> CampaignTagging:
        """Tag 1 to 100 campaigns with 1 to 100 tags (pairs that exist are counted, not
        doubled)."""
        return await self._pipeline.call(ADD_CAMPAIGN_TAGS, json=_tagging(campaign_ids, tag_ids))

    @calls(REMOVE_CAMPAIGN_TAGS)
    async def remove_tags(
        self, campaign_ids: Sequence[int], tag_ids: Sequence[int]
    ) -> CampaignTagging:
        """Take 1 to 100 tags off 1 to 100 campaigns (a DELETE with a JSON body)."""
        return await self._pipeline.call(REMOVE_CAMPAIGN_TAGS, json=_tagging(campaign_ids, tag_ids))

    @calls(SET_SPINTAX_MODE)
    async def set_spintax_distribution_mode(
        self,
        campaign_id: int,
        *,
        mode: SpintaxDistributionMode | SpintaxDistributionModeLiteral,
    ) -> OkResponse:
        """Choose how spintax variants are picked: ``incremental`` (sent as 1) or ``random``
        (2)."""
        value = _SPINTAX_MODES.get(str(mode))
        if value is None:
            raise RequestValidationError(
                f"mode must be one of {sorted(_SPINTAX_MODES)}, got {mode!r}"
            )
        body: dict[str, JSON] = {
            "campaignId": require_id("campaign_id", campaign_id),
            "spintaxDistributionMode": value,
        }
        return await self._pipeline.call(SET_SPINTAX_MODE, json=body)

    @calls(ADD_MAILBOXES_BY_TAG)
    async def add_mailboxes_by_tag(
        self,
        campaign_id: int,
        tag_ids: Sequence[int],
        *,
        only_connected: bool = False,
        auto_adjust_warmup: bool | None = None,
        max_limit: bool = False,
    ) -> MailboxesByTagAdded:
        """Attach every mailbox carrying one of your tags to a campaign.

        A campaign holds at most 2,500 mailboxes, or 5,000 with ``max_limit=True``; SmartLead
        answers 400 when the campaign is at the cap, or when a tag is not yours.

        Args:
            campaign_id: The campaign.
            tag_ids: Mailbox tags (at least one).
            only_connected: Skip mailboxes whose SMTP and IMAP checks have not succeeded.
            auto_adjust_warmup: Adjust the mailboxes' warmup to the campaign.
            max_limit: Raise the per-campaign cap from 2,500 to 5,000 mailboxes.
        """
        require_id("campaign_id", campaign_id)
        body: dict[str, JSON] = {
            "tag_ids": require_ids("tag_ids", tag_ids),
            "only_connected": bool(only_connected),
        }
        if auto_adjust_warmup is not None:
            body["auto_adjust_warmup"] = bool(auto_adjust_warmup)
        query = {"max_limit": True if max_limit else None}
        return await self._pipeline.call(
            ADD_MAILBOXES_BY_TAG, query=query, json=body, campaign_id=campaign_id
        )

    @calls(REALLOCATE_MAILBOXES)
    async def reallocate_mailboxes(
        self, campaign_id: int, from_email_account_ids: Sequence[int] | None = None
    ) -> MailboxReallocation:
        """Hand the leads of mailboxes detached from a campaign to its remaining mailboxes.

        Args:
            campaign_id: The campaign.
            from_email_account_ids: 1 to 100 distinct mailboxes, each already detached from
                the campaign (SmartLead answers 400 otherwise); ``None``: every removed mailbox.
        """
        require_id("campaign_id", campaign_id)
        body: dict[str, JSON] = {}
        if from_email_account_ids is not None:
            ids = require_ids(
                "from_email_account_ids",
                from_email_account_ids,
                max_count=MAX_REALLOCATED_MAILBOXES,
            )
            if len(set(ids)) != len(ids):
                raise RequestValidationError("from_email_account_ids must be distinct")
            body["from_email_account_ids"] = ids
        return await self._pipeline.call(REALLOCATE_MAILBOXES, json=body, campaign_id=campaign_id)

    analytics = deprecated_alias(
        "analytics", "analytics.campaign.summary", lambda self: self._analytics.summary
    )
    analytics_by_date = deprecated_alias(
        "analytics_by_date", "analytics.campaign.by_date", lambda self: self._analytics.by_date
    )
    statistics = deprecated_alias(
        "statistics", "analytics.campaign.statistics", lambda self: self._analytics.statistics
    )
    lead_statistics = deprecated_alias(
        "lead_statistics",
        "analytics.campaign.lead_statistics",
        lambda self: self._analytics.lead_statistics,
    )
    mailbox_statistics = deprecated_alias(
        "mailbox_statistics",
        "analytics.campaign.mailbox_statistics",
        lambda self: self._analytics.mailbox_statistics,
    )
    sequence_analytics = deprecated_alias(
        "sequence_analytics", "analytics.campaign.sequences", lambda self: self._analytics.sequences
    )
    top_level_analytics_by_date = deprecated_alias(
        "top_level_analytics_by_date",
        "analytics.campaign.top_level",
        lambda self: self._analytics.top_level,
    )
    all_leads_activities = deprecated_alias(
        "all_leads_activities",
        "analytics.campaign.lead_activities",
        lambda self: self._analytics.lead_activities,
    )


def _status_for_write(status: object) -> str:
    value = str(status.value if isinstance(status, CampaignStatusUpdate) else status).upper()
    if value == "ACTIVE":
        value = CampaignStatusUpdate.START.value
    allowed = {member.value for member in CampaignStatusUpdate}
    if value not in allowed:
        raise RequestValidationError(f"status must be one of {sorted(allowed)}, got {status!r}")
    return value


def _known(enum_type: type[OpenStrEnum], value: object) -> str:
    allowed = {member.value for member in enum_type}
    text = str(value)
    if text not in allowed:
        raise RequestValidationError(f"expected one of {sorted(allowed)}, got {value!r}")
    return text


def _stop_lead_setting(value: object) -> str:
    return _known(StopLeadSetting, value)


def _track_setting(value: object) -> str:
    if str(value) in _READ_TRACK_SETTINGS:
        raise RequestValidationError(
            f"{value!r} is the read vocabulary; write DONT_TRACK_* values (TrackSetting)"
        )
    return _known(TrackSetting, value)


def _tagging(campaign_ids: Sequence[int], tag_ids: Sequence[int]) -> dict[str, JSON]:
    return {
        "campaignIds": require_ids("campaign_ids", campaign_ids, max_count=MAX_TAGGING_IDS),
        "tagIds": require_ids("tag_ids", tag_ids, max_count=MAX_TAGGING_IDS),
    }


def _out_of_office(value: object) -> JSON:
    if not isinstance(value, OutOfOfficeSettings):
        raise RequestValidationError(
            "out_of_office_detection_settings must be an OutOfOfficeSettings"
        )
    if value.reactivate_ooo_with_delay is not None:
        require_int_range("reactivate_ooo_with_delay", value.reactivate_ooo_with_delay, 0)
    return value.to_wire()


def _json_array(value: object) -> JSON:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Sequence):
        raise RequestValidationError(f"expected a list, got {type(value).__name__}")
    return list[JSON](value)


def _step_to_wire(step: SequenceStepInput) -> dict[str, JSON]:
    require_int_range("seq_number", step.seq_number, 1)
    wire: dict[str, JSON] = {
        "id": step.id,
        "seq_number": step.seq_number,
        "seq_delay_details": {
            "delay_in_days": require_int_range("delay_in_days", step.delay_in_days, 0)
        },
    }
    if step.variants:
        if step.subject is not None or step.email_body is not None:
            raise RequestValidationError(
                f"step {step.seq_number}: give subject/email_body or variants, not both"
            )
        labels = [variant.variant_label for variant in step.variants]
        if len(set(labels)) != len(labels):
            raise RequestValidationError(f"step {step.seq_number}: variant labels must differ")
        wire["seq_variants"] = [
            {
                "subject": variant.subject,
                "email_body": require_text("email_body", variant.email_body),
                "variant_label": require_text("variant_label", variant.variant_label),
                **({"id": variant.id} if variant.id is not None else {}),
            }
            for variant in step.variants
        ]
    else:
        if step.email_body is None or not step.email_body.strip():
            raise RequestValidationError(f"step {step.seq_number}: email_body is required")
        wire["subject"] = step.subject or ""
        wire["email_body"] = step.email_body
    return wire
