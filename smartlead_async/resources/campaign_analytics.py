"""``client.analytics.campaign``: the analytics and statistics of one campaign.

The routes live under ``/campaigns/{campaign_id}/…`` (plus the account-wide lead activity feed,
``/campaigns/all-leads-activities``); the SDK keeps them with the rest of the analytics so that
campaign analytics have one home. Date windows are plain ``YYYY-MM-DD`` dates on every route here,
and the time-zone parameter is ``time_zone`` (the account-wide ``/analytics`` family spells it
``timezone``; docs/api-notes.md, Time windows and formats).
"""

from __future__ import annotations

import datetime as dt

from smartlead_async._endpoints import Endpoint, Paging, calls
from smartlead_async._json import JSON
from smartlead_async._pagination import Pager
from smartlead_async._request import QueryValue
from smartlead_async._validation import (
    require_id,
    require_int_range,
    require_optional_id,
    require_timezone,
)
from smartlead_async._window import Moment, moment, window
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.analytics import (
    CampaignAnalytics,
    CampaignStatistic,
    CampaignStatisticsPage,
    EmailStatusFilter,
    LeadActivitiesPage,
    LeadStatistic,
    LeadStatisticsPage,
    MailboxStatistic,
    MailboxStatisticsPage,
    TopLevelAnalytics,
)
from smartlead_async.models.common import DataResult
from smartlead_async.resources._base import Resource

__all__ = ["CampaignAnalyticsResource"]

#: ``analytics-by-date`` accepts windows of at most 30 days.
MAX_BY_DATE_DAYS = 30

GET_SUMMARY = Endpoint("GET", "campaigns/{campaign_id}/analytics", CampaignAnalytics)
GET_BY_DATE = Endpoint("GET", "campaigns/{campaign_id}/analytics-by-date", CampaignAnalytics)
# Statistics pages hold up to 1,000 rows (the reference; some clients assume 100).
GET_STATISTICS = Endpoint(
    "GET",
    "campaigns/{campaign_id}/statistics",
    CampaignStatisticsPage,
    page=Paging(max_limit=1000),
)
GET_LEAD_STATISTICS = Endpoint(
    "GET",
    "campaigns/{campaign_id}/leads-statistics",
    LeadStatisticsPage,
    page=Paging(max_limit=100),
)
GET_MAILBOX_STATISTICS = Endpoint(
    "GET",
    "campaigns/{campaign_id}/mailbox-statistics",
    MailboxStatisticsPage,
    page=Paging(max_limit=20),
)
GET_SEQUENCES = Endpoint("GET", "campaigns/{campaign_id}/sequence-analytics", DataResult)
GET_TOP_LEVEL = Endpoint(
    "GET", "campaigns/{campaign_id}/top-level-analytics-by-date", TopLevelAnalytics, weak=True
)
GET_LEAD_ACTIVITIES = Endpoint(
    "GET", "campaigns/all-leads-activities", LeadActivitiesPage, page=Paging(max_limit=1000)
)


class CampaignAnalyticsResource(Resource):
    """Counters, per-email rows and per-lead, per-mailbox and per-step statistics of a campaign."""

    @calls(GET_SUMMARY)
    async def summary(self, campaign_id: int) -> CampaignAnalytics:
        """Lifetime counters of a campaign (sent, opened, replied, lead states …)."""
        require_id("campaign_id", campaign_id)
        return await self._pipeline.call(GET_SUMMARY, campaign_id=campaign_id)

    @calls(GET_BY_DATE)
    async def by_date(
        self, campaign_id: int, *, start: Moment, end: Moment, timezone: str | None = None
    ) -> CampaignAnalytics:
        """Counters for a window of at most 30 days (marked deprecated by SmartLead).

        Args:
            campaign_id: The campaign.
            start: First day (a date, or an aware datetime counted as its date).
            end: Last day, included.
            timezone: IANA name the days are counted in.
        """
        require_id("campaign_id", campaign_id)
        first, last = window(start, end, "date")
        span = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days
        if span > MAX_BY_DATE_DAYS:
            raise RequestValidationError(
                f"the window may span at most {MAX_BY_DATE_DAYS} days, got {first} to {last}"
            )
        query = {"start_date": first, "end_date": last, "time_zone": _timezone(timezone)}
        return await self._pipeline.call(GET_BY_DATE, query=query, campaign_id=campaign_id)

    @calls(GET_STATISTICS)
    def statistics(
        self,
        campaign_id: int,
        *,
        offset: int = 0,
        limit: int = 100,
        sequence_number: int | None = None,
        email_status: EmailStatusFilter | None = None,
        start: Moment | None = None,
        end: Moment | None = None,
    ) -> Pager[CampaignStatistic]:
        """Per-email rows of a campaign, one per lead and step sent.

        Args:
            campaign_id: The campaign.
            offset: First row.
            limit: Rows per page, 1 to 1,000.
            sequence_number: Only this step (1 to 20).
            email_status: Only emails in this state.
            start: Only emails sent on or after this day (either bound may be left out).
            end: Only emails sent on or before this day.
        """
        require_id("campaign_id", campaign_id)
        first, last = _bounds(start, end)
        query: dict[str, QueryValue | None] = {
            "email_sequence_number": (
                require_int_range("sequence_number", sequence_number, 1, 20)
                if sequence_number is not None
                else None
            ),
            "email_status": email_status,
            "sent_time_start_date": first,
            "sent_time_end_date": last,
        }
        return self._pipeline.pager(
            GET_STATISTICS, start=offset, limit=limit, query=query, campaign_id=campaign_id
        )

    @calls(GET_LEAD_STATISTICS)
    def lead_statistics(
        self,
        campaign_id: int,
        *,
        offset: int = 0,
        limit: int = 100,
        event_after: Moment | None = None,
    ) -> Pager[LeadStatistic]:
        """Per-lead engagement counters (1 to 100 per page; the walk stops on ``hasMore: false``).

        Args:
            campaign_id: The campaign.
            offset: First row.
            limit: Rows per page.
            event_after: Only leads whose last event is later than this (an aware datetime; a
                date counts as midnight UTC).
        """
        require_id("campaign_id", campaign_id)
        after = moment("event_after", event_after, "datetime") if event_after is not None else None
        return self._pipeline.pager(
            GET_LEAD_STATISTICS,
            start=offset,
            limit=limit,
            query={"event_time_gt": after},
            campaign_id=campaign_id,
        )

    @calls(GET_MAILBOX_STATISTICS)
    def mailbox_statistics(
        self,
        campaign_id: int,
        *,
        offset: int = 0,
        limit: int = 20,
        start: Moment | None = None,
        end: Moment | None = None,
        timezone: str | None = None,
        client_id: int | None = None,
    ) -> Pager[MailboxStatistic]:
        """Per-mailbox counters of a campaign (1 to 20 per page).

        Args:
            campaign_id: The campaign.
            offset: First row.
            limit: Rows per page.
            start: First day of the window; give both ``start`` and ``end`` or neither (the
                route refuses one alone).
            end: Last day, included.
            timezone: IANA name the days are counted in.
            client_id: Only mailboxes of this agency client.
        """
        require_id("campaign_id", campaign_id)
        query: dict[str, QueryValue | None] = {
            "time_zone": _timezone(timezone),
            "client_id": require_optional_id("client_id", client_id),
        }
        if start is not None or end is not None:
            if start is None or end is None:
                raise RequestValidationError("give both start and end, or neither")
            query["start_date"], query["end_date"] = window(start, end, "date")
        return self._pipeline.pager(
            GET_MAILBOX_STATISTICS, start=offset, limit=limit, query=query, campaign_id=campaign_id
        )

    @calls(GET_SEQUENCES)
    async def sequences(
        self, campaign_id: int, *, start: Moment, end: Moment, timezone: str | None = None
    ) -> DataResult:
        """Sent/open/click/reply counts per sequence step and variant for a window.

        SmartLead's API reference requires full ISO-8601 timestamps here
        (docs/api-notes.md, Campaign analytics): a date is sent as its midnight UTC (``start``)
        or its last second (``end``).

        Args:
            campaign_id: The campaign.
            start: First day, or an aware datetime.
            end: Last day (included), or an aware datetime.
            timezone: IANA name the days are counted in.
        """
        require_id("campaign_id", campaign_id)
        first, last = window(start, end, "datetime")
        query = {"start_date": first, "end_date": last, "time_zone": _timezone(timezone)}
        return await self._pipeline.call(GET_SEQUENCES, query=query, campaign_id=campaign_id)

    @calls(GET_TOP_LEVEL)
    async def top_level(self, campaign_id: int, *, start: Moment, end: Moment) -> TopLevelAnalytics:
        """Counters for a window, including positive replies (**[weak]**: one MCP server uses it).

        Args:
            campaign_id: The campaign.
            start: First day.
            end: Last day, included.
        """
        require_id("campaign_id", campaign_id)
        first, last = window(start, end, "date")
        query = {"start_date": first, "end_date": last}
        return await self._pipeline.call(GET_TOP_LEVEL, query=query, campaign_id=campaign_id)

    @calls(GET_LEAD_ACTIVITIES)
    def lead_activities(
        self, *, offset: int = 0, limit: int = 100, client_id: int | None = None
    ) -> Pager[dict[str, JSON]]:
        """Account-wide lead activity, newest first; rows are passed through as sent.

        Not filtered by campaign: the route refuses a ``campaign_id`` filter.

        Args:
            offset: First row.
            limit: Rows per page, 1 to 1,000.
            client_id: Only activity of this agency client.
        """
        query = {"client_id": require_optional_id("client_id", client_id)}
        return self._pipeline.pager(GET_LEAD_ACTIVITIES, start=offset, limit=limit, query=query)


def _timezone(timezone: str | None) -> str | None:
    return require_timezone(timezone) if timezone is not None else None


def _bounds(start: Moment | None, end: Moment | None) -> tuple[str | None, str | None]:
    # A window whose bounds may each be left out; both given, they must run forward.
    if start is not None and end is not None:
        return window(start, end, "date")
    first = moment("start", start, "date") if start is not None else None
    last = moment("end", end, "date") if end is not None else None
    return first, last
