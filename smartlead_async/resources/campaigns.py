"""``client.campaigns``: campaign endpoints (catalog section 2)."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Mapping, Sequence

from smartlead_async._endpoints import Endpoint, calls
from smartlead_async._json import JSON
from smartlead_async._pagination import AsyncPager, Page
from smartlead_async._pipeline import not_found, success_payload
from smartlead_async._request import QueryValue
from smartlead_async._sentinel import NOT_GIVEN, NotGiven, put_given
from smartlead_async._validation import (
    normalize_email,
    require_hour,
    require_id,
    require_int_range,
    require_optional_id,
    require_page,
    require_text,
    require_timezone,
)
from smartlead_async.errors import RequestValidationError
from smartlead_async.models._base import OpenStrEnum
from smartlead_async.models.analytics import (
    CampaignAnalytics,
    CampaignStatistic,
    CampaignStatisticsPage,
    LeadActivitiesPage,
    LeadStatistic,
    LeadStatisticsPage,
    MailboxStatistic,
    MailboxStatisticsPage,
    TopLevelAnalytics,
)
from smartlead_async.models.campaigns import (
    Campaign,
    CampaignStatusUpdate,
    CreatedCampaign,
    StopLeadSetting,
    TrackSetting,
)
from smartlead_async.models.common import DataResult, OkResponse
from smartlead_async.models.sequences import SequenceStep, SequenceStepInput
from smartlead_async.resources._base import Resource

__all__ = ["CampaignsResource"]

LIST_CAMPAIGNS = Endpoint("GET", "campaigns")
# An unknown id answers 200 with `{}` or an empty body on some accounts.
GET_CAMPAIGN = Endpoint("GET", "campaigns/{campaign_id}", empty_ok=True)
CREATE_CAMPAIGN = Endpoint("POST", "campaigns/create")
DELETE_CAMPAIGN = Endpoint("DELETE", "campaigns/{campaign_id}")
UPDATE_CAMPAIGN_STATUS = Endpoint("POST", "campaigns/{campaign_id}/status")
UPDATE_SCHEDULE = Endpoint("POST", "campaigns/{campaign_id}/schedule")
UPDATE_SETTINGS = Endpoint("POST", "campaigns/{campaign_id}/settings")
GET_SEQUENCES = Endpoint("GET", "campaigns/{campaign_id}/sequences")
SAVE_SEQUENCES = Endpoint("POST", "campaigns/{campaign_id}/sequences")
GET_ANALYTICS = Endpoint("GET", "campaigns/{campaign_id}/analytics")
GET_ANALYTICS_BY_DATE = Endpoint("GET", "campaigns/{campaign_id}/analytics-by-date")
GET_STATISTICS = Endpoint("GET", "campaigns/{campaign_id}/statistics")
LEAD_STATISTICS = Endpoint("GET", "campaigns/{campaign_id}/leads-statistics")
MAILBOX_STATISTICS = Endpoint("GET", "campaigns/{campaign_id}/mailbox-statistics")
SEQUENCE_ANALYTICS = Endpoint("GET", "campaigns/{campaign_id}/sequence-analytics")
TOP_LEVEL_ANALYTICS = Endpoint(
    "GET", "campaigns/{campaign_id}/top-level-analytics-by-date", weak=True
)
CREATE_SUBSEQUENCE = Endpoint("POST", "campaigns/create-subsequence", weak=True)
ALL_LEADS_ACTIVITIES = Endpoint("GET", "campaigns/all-leads-activities")
SEND_TEST_EMAIL = Endpoint("POST", "campaigns/{campaign_id}/send-test-email", weak=True)
UPDATE_LEAD_EMAIL_ACCOUNT = Endpoint("POST", "campaigns/update-lead-email-account", weak=True)
LEAD_STATISTICS_MAX_LIMIT = 100
MAILBOX_STATISTICS_MAX_LIMIT = 20
#: ``analytics-by-date`` accepts ranges of at most 30 days.
MAX_ANALYTICS_DAYS = 30
#: ``statistics`` pages hold up to 1,000 rows (reference docs; some clients assume 100).
STATISTICS_MAX_LIMIT = 1000
_READ_TRACK_SETTINGS = {"DONT_EMAIL_OPEN", "DONT_LINK_CLICK", "DONT_REPLY_TO_AN_EMAIL"}


class CampaignsResource(Resource):
    """Create, read, start/pause/stop and delete campaigns."""

    @calls(LIST_CAMPAIGNS)
    async def list(
        self, *, client_id: int | None = None, include_tags: bool = False
    ) -> list[Campaign]:
        """List every campaign of the account (``GET /campaigns``; not paginated).

        Args:
            client_id: Only campaigns of this agency client.
            include_tags: Also return each campaign's tags.
        """
        if client_id is not None:
            require_id("client_id", client_id)
        spec = LIST_CAMPAIGNS.spec(
            query={"client_id": client_id, "include_tags": True if include_tags else None}
        )
        return await self._pipeline.request(spec, list[Campaign])

    @calls(GET_CAMPAIGN)
    async def get(self, campaign_id: int, *, include_tags: bool = False) -> Campaign:
        """Fetch one campaign (``GET /campaigns/{campaign_id}``).

        Raises:
            NotFoundError: No such campaign. The live API answers 404 on some accounts and 200 with
                an empty body on others; both raise this (``status`` tells which).
        """
        require_id("campaign_id", campaign_id)
        spec = GET_CAMPAIGN.spec(
            campaign_id=campaign_id, query={"include_tags": True if include_tags else None}
        )
        raw = await self._pipeline.send(spec)
        payload = success_payload(raw, spec)
        if payload is None or payload == {}:
            raise not_found(raw, f"Campaign {campaign_id} not found (empty response)")
        return self._pipeline.decode(payload, Campaign)

    @calls(CREATE_CAMPAIGN)
    async def create(self, name: str, *, client_id: int | None = None) -> CreatedCampaign:
        """Create a campaign in ``DRAFTED`` status (``POST /campaigns/create``).

        Not retried after an ambiguous failure (timeout, 5xx): a retry could create a duplicate.
        """
        body: dict[str, str | int | None] = {"name": require_text("name", name)}
        if client_id is not None:
            body["client_id"] = require_id("client_id", client_id)
        spec = CREATE_CAMPAIGN.spec(json=dict(body))
        return await self._pipeline.request(spec, CreatedCampaign)

    @calls(DELETE_CAMPAIGN)
    async def delete(self, campaign_id: int) -> OkResponse:
        """Delete a campaign permanently (``DELETE /campaigns/{campaign_id}``)."""
        require_id("campaign_id", campaign_id)
        return await self._pipeline.request(
            DELETE_CAMPAIGN.spec(campaign_id=campaign_id), OkResponse
        )

    @calls(UPDATE_CAMPAIGN_STATUS)
    async def update_status(
        self, campaign_id: int, status: CampaignStatusUpdate | str
    ) -> OkResponse:
        """Start, pause or stop a campaign (``POST /campaigns/{campaign_id}/status``).

        Args:
            campaign_id: The campaign.
            status: ``START``, ``PAUSED`` or ``STOPPED`` (write vocabulary; ``STOPPED`` is final).
                ``ACTIVE`` is accepted as an alias of ``START`` because reads report it that way.
        """
        require_id("campaign_id", campaign_id)
        wire_status = _status_for_write(status)
        # Setting a status is idempotent: repeating it after a lost answer changes nothing.
        spec = UPDATE_CAMPAIGN_STATUS.spec(
            campaign_id=campaign_id, json={"status": wire_status}, idempotent=True
        )
        return await self._pipeline.request(spec, OkResponse)

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
        """Set when a campaign sends (``POST /campaigns/{campaign_id}/schedule``).

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
        spec = UPDATE_SCHEDULE.spec(campaign_id=campaign_id, json=body, idempotent=True)
        return await self._pipeline.request(spec, OkResponse)

    @calls(UPDATE_SETTINGS)
    async def update_settings(
        self,
        campaign_id: int,
        *,
        track_settings: Sequence[TrackSetting | str] | NotGiven = NOT_GIVEN,
        stop_lead_settings: StopLeadSetting | str | NotGiven = NOT_GIVEN,
        unsubscribe_text: str | NotGiven = NOT_GIVEN,
        send_as_plain_text: bool | NotGiven = NOT_GIVEN,
        follow_up_percentage: int | NotGiven = NOT_GIVEN,
        client_id: int | NotGiven | None = NOT_GIVEN,
        enable_ai_esp_matching: bool | NotGiven = NOT_GIVEN,
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
        if not body:
            raise RequestValidationError("update_settings needs at least one setting to change")
        spec = UPDATE_SETTINGS.spec(campaign_id=campaign_id, json=body, idempotent=True)
        return await self._pipeline.request(spec, OkResponse)

    @calls(GET_SEQUENCES)
    async def get_sequences(self, campaign_id: int) -> builtins.list[SequenceStep]:
        """A campaign's sequence steps, with their A/B variants."""
        require_id("campaign_id", campaign_id)
        spec = GET_SEQUENCES.spec(campaign_id=campaign_id)
        return await self._pipeline.request(spec, builtins.list[SequenceStep])

    @calls(SAVE_SEQUENCES)
    async def save_sequences(
        self, campaign_id: int, steps: Sequence[SequenceStepInput]
    ) -> OkResponse:
        """Replace a campaign's whole sequence (``POST /campaigns/{campaign_id}/sequences``).

        Steps left out are deleted, with their analytics; an empty list deletes every step. Pause
        an active campaign first: edits while ``ACTIVE`` are refused. Template variables such as
        ``{{first_name}}`` and any custom field work in subjects and bodies.
        """
        require_id("campaign_id", campaign_id)
        numbers = [step.seq_number for step in steps]
        if len(set(numbers)) != len(numbers):
            raise RequestValidationError(f"seq_number values must be distinct, got {numbers}")
        body: dict[str, JSON] = {"sequences": [_step_to_wire(step) for step in steps]}
        spec = SAVE_SEQUENCES.spec(campaign_id=campaign_id, json=body, idempotent=True)
        return await self._pipeline.request(spec, OkResponse)

    @calls(GET_ANALYTICS)
    async def analytics(self, campaign_id: int) -> CampaignAnalytics:
        """Lifetime counters of a campaign (sent, opened, replied, lead states …)."""
        require_id("campaign_id", campaign_id)
        spec = GET_ANALYTICS.spec(campaign_id=campaign_id)
        return await self._pipeline.request(spec, CampaignAnalytics)

    @calls(GET_ANALYTICS_BY_DATE)
    async def analytics_by_date(
        self,
        campaign_id: int,
        *,
        start_date: dt.date,
        end_date: dt.date,
        timezone: str | None = None,
    ) -> CampaignAnalytics:
        """Counters for a date range of at most 30 days (marked deprecated by SmartLead)."""
        require_id("campaign_id", campaign_id)
        if not isinstance(start_date, dt.date) or not isinstance(end_date, dt.date):
            raise RequestValidationError("start_date and end_date must be dates")
        span = (end_date - start_date).days
        if not 0 <= span <= MAX_ANALYTICS_DAYS:
            raise RequestValidationError(
                f"the date range must run forward and span at most {MAX_ANALYTICS_DAYS} days, "
                f"got {start_date} to {end_date}"
            )
        query: dict[str, QueryValue | None] = {
            "start_date": start_date.isoformat(),
            "end_date": end_date.isoformat(),
            "time_zone": require_timezone(timezone) if timezone is not None else None,
        }
        spec = GET_ANALYTICS_BY_DATE.spec(campaign_id=campaign_id, query=query)
        return await self._pipeline.request(spec, CampaignAnalytics)

    @calls(GET_STATISTICS)
    def statistics(
        self,
        campaign_id: int,
        *,
        offset: int = 0,
        limit: int = 100,
        sequence_number: int | None = None,
        email_status: str | None = None,
        sent_after: dt.date | None = None,
        sent_before: dt.date | None = None,
    ) -> AsyncPager[CampaignStatistic]:
        """Per-email rows of a campaign (``GET /campaigns/{campaign_id}/statistics``).

        Args:
            campaign_id: The campaign.
            offset: First row.
            limit: Rows per page, 1 to 1,000.
            sequence_number: Only this step (1 to 20).
            email_status: ``opened``, ``clicked``, ``replied``, ``unsubscribed`` or ``bounced``.
            sent_after: ``sent_time_start_date``.
            sent_before: ``sent_time_end_date``.
        """
        require_id("campaign_id", campaign_id)
        require_page(offset, limit, max_limit=STATISTICS_MAX_LIMIT)
        filters: dict[str, QueryValue | None] = {
            "email_sequence_number": (
                require_int_range("sequence_number", sequence_number, 1, 20)
                if sequence_number is not None
                else None
            ),
            "email_status": email_status,
            "sent_time_start_date": sent_after.isoformat() if sent_after else None,
            "sent_time_end_date": sent_before.isoformat() if sent_before else None,
        }

        async def fetch(page_offset: int, page_limit: int) -> Page[CampaignStatistic]:
            spec = GET_STATISTICS.spec(
                campaign_id=campaign_id,
                query={"offset": page_offset, "limit": page_limit, **filters},
            )
            page = await self._pipeline.request(spec, CampaignStatisticsPage)
            return Page(page.data, page_offset, page_limit, page.total_stats)

        return AsyncPager(fetch, offset=offset, limit=limit)

    @calls(LEAD_STATISTICS)
    def lead_statistics(
        self,
        campaign_id: int,
        *,
        offset: int = 0,
        limit: int = LEAD_STATISTICS_MAX_LIMIT,
        event_after: dt.datetime | None = None,
    ) -> AsyncPager[LeadStatistic]:
        """Per-lead engagement counters (1 to 100 per page; stops on ``hasMore: false``)."""
        require_id("campaign_id", campaign_id)
        require_page(offset, limit, max_limit=LEAD_STATISTICS_MAX_LIMIT)
        after = _aware("event_after", event_after) if event_after is not None else None

        async def fetch(page_offset: int, page_limit: int) -> Page[LeadStatistic]:
            query = {"offset": page_offset, "limit": page_limit, "event_time_gt": after}
            spec = LEAD_STATISTICS.spec(campaign_id=campaign_id, query=query)
            page = await self._pipeline.request(spec, LeadStatisticsPage)
            return Page(page.data, page_offset, page_limit, has_more=page.has_more)

        return AsyncPager(fetch, offset=offset, limit=limit)

    @calls(MAILBOX_STATISTICS)
    def mailbox_statistics(
        self,
        campaign_id: int,
        *,
        offset: int = 0,
        limit: int = MAILBOX_STATISTICS_MAX_LIMIT,
        dates: tuple[dt.date, dt.date] | None = None,
        timezone: str | None = None,
        client_id: int | None = None,
    ) -> AsyncPager[MailboxStatistic]:
        """Per-mailbox counters of a campaign (1 to 20 per page)."""
        require_id("campaign_id", campaign_id)
        require_page(offset, limit, max_limit=MAILBOX_STATISTICS_MAX_LIMIT)
        filters: dict[str, QueryValue | None] = {
            "time_zone": require_timezone(timezone) if timezone is not None else None,
            "client_id": require_optional_id("client_id", client_id),
        }
        if dates is not None:
            filters |= _date_range(*dates)

        async def fetch(page_offset: int, page_limit: int) -> Page[MailboxStatistic]:
            query = {"offset": page_offset, "limit": page_limit, **filters}
            spec = MAILBOX_STATISTICS.spec(campaign_id=campaign_id, query=query)
            page = await self._pipeline.request(spec, MailboxStatisticsPage)
            return Page(page.data, page_offset, page_limit)

        return AsyncPager(fetch, offset=offset, limit=limit)

    @calls(SEQUENCE_ANALYTICS)
    async def sequence_analytics(
        self,
        campaign_id: int,
        *,
        start_date: dt.date,
        end_date: dt.date,
        timezone: str | None = None,
    ) -> DataResult:
        """Sent/open/click/reply counts per sequence step for a date range."""
        require_id("campaign_id", campaign_id)
        query: dict[str, QueryValue | None] = {
            **_date_range(start_date, end_date),
            "time_zone": require_timezone(timezone) if timezone is not None else None,
        }
        spec = SEQUENCE_ANALYTICS.spec(campaign_id=campaign_id, query=query)
        return await self._pipeline.request(spec, DataResult)

    @calls(TOP_LEVEL_ANALYTICS)
    async def top_level_analytics_by_date(
        self, campaign_id: int, *, start_date: dt.date, end_date: dt.date
    ) -> TopLevelAnalytics:
        """Date-range counters incl. positive replies (**[weak]**: one MCP server uses it)."""
        require_id("campaign_id", campaign_id)
        spec = TOP_LEVEL_ANALYTICS.spec(
            campaign_id=campaign_id, query=dict(_date_range(start_date, end_date))
        )
        return await self._pipeline.request(spec, TopLevelAnalytics)

    @calls(CREATE_SUBSEQUENCE)
    async def create_subsequence(
        self, parent_campaign_id: int, *, name: str, definition: Mapping[str, JSON] | None = None
    ) -> CreatedCampaign:
        """Create a subsequence of a campaign (**[weak]**: fields are undocumented).

        ``definition`` is sent as given next to ``parent_campaign_id`` and ``name`` (trigger
        conditions and the like); check the result in the UI.
        """
        body: dict[str, JSON] = {
            **dict(definition or {}),
            "parent_campaign_id": require_id("parent_campaign_id", parent_campaign_id),
            "name": require_text("name", name),
        }
        return await self._pipeline.request(CREATE_SUBSEQUENCE.spec(json=body), CreatedCampaign)

    @calls(ALL_LEADS_ACTIVITIES)
    def all_leads_activities(
        self, *, offset: int = 0, limit: int = 100, client_id: int | None = None
    ) -> AsyncPager[dict[str, JSON]]:
        """Account-wide lead activity, newest first (campaign filters are refused by the API)."""
        require_page(offset, limit, max_limit=1000)
        client = require_optional_id("client_id", client_id)

        async def fetch(page_offset: int, page_limit: int) -> Page[dict[str, JSON]]:
            query = {"offset": page_offset, "limit": page_limit, "client_id": client}
            page = await self._pipeline.request(
                ALL_LEADS_ACTIVITIES.spec(query=query), LeadActivitiesPage
            )
            more = page.pagination.has_more if page.pagination is not None else None
            return Page(page.data, page_offset, page_limit, has_more=more)

        return AsyncPager(fetch, offset=offset, limit=limit)

    @calls(SEND_TEST_EMAIL)
    async def send_test_email(
        self,
        campaign_id: int,
        *,
        to: str,
        seq_number: int = 1,
        email_account_id: int | None = None,
    ) -> OkResponse:
        """Send one step of a campaign to yourself (**[weak]**: one CLI documents it)."""
        require_id("campaign_id", campaign_id)
        body: dict[str, JSON] = {
            "to": normalize_email(to, field="to"),
            "seq_number": require_int_range("seq_number", seq_number, 1),
        }
        if email_account_id is not None:
            body["email_account_id"] = require_id("email_account_id", email_account_id)
        spec = SEND_TEST_EMAIL.spec(campaign_id=campaign_id, json=body)
        return await self._pipeline.request(spec, OkResponse)

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
        spec = UPDATE_LEAD_EMAIL_ACCOUNT.spec(json=body, idempotent=True)
        return await self._pipeline.request(spec, OkResponse)


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


def _aware(name: str, value: dt.datetime) -> str:
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        raise RequestValidationError(f"{name} must be a timezone-aware datetime")
    return value.isoformat()


def _date_range(start: dt.date, end: dt.date) -> dict[str, QueryValue | None]:
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        raise RequestValidationError("start_date and end_date must be dates")
    if start > end:
        raise RequestValidationError(f"start_date {start} is after end_date {end}")
    return {"start_date": start.isoformat(), "end_date": end.isoformat()}
