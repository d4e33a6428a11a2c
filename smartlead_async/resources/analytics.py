"""``client.analytics``: the account-wide ``/analytics/*`` routes, and ``.campaign`` analytics.

Every account-wide method returns a :class:`DataResult` whose ``data`` is passed through as sent:
the reference documents these routes by example only, and their keys vary with the filters.
Windows are ``start=``/``end=`` (sent as ``start_date``/``end_date``, ``YYYY-MM-DD``); the
time-zone parameter of this family is ``timezone``, not ``time_zone``
(docs/api-notes.md, Time windows and formats).
"""

from __future__ import annotations

from collections.abc import Sequence

from smartlead_async._endpoints import Endpoint, calls
from smartlead_async._pipeline import Pipeline
from smartlead_async._request import QueryValue
from smartlead_async._validation import require_ids, require_page, require_timezone
from smartlead_async._window import Moment, window
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.common import DataResult
from smartlead_async.resources._base import Resource
from smartlead_async.resources.campaign_analytics import CampaignAnalyticsResource

__all__ = ["AnalyticsResource"]

CAMPAIGN_LIST = Endpoint("GET", "analytics/campaign/list", DataResult)
CLIENT_LIST = Endpoint("GET", "analytics/client/list", DataResult)
CLIENT_MONTH_WISE_COUNT = Endpoint("GET", "analytics/client/month-wise-count", DataResult)
CAMPAIGN_STATUS_STATS = Endpoint("GET", "analytics/campaign/status-stats", DataResult)
MAILBOX_OVERALL_STATS = Endpoint("GET", "analytics/mailbox/overall-stats", DataResult)
OVERALL_STATS = Endpoint("GET", "analytics/overall-stats-v2", DataResult)
DAY_WISE_OVERALL_STATS = Endpoint("GET", "analytics/day-wise-overall-stats", DataResult)
DAY_WISE_OVERALL_STATS_BY_SENT_TIME = Endpoint(
    "GET", "analytics/day-wise-overall-stats-by-sent-time", DataResult
)
DAY_WISE_POSITIVE_REPLY_STATS = Endpoint(
    "GET", "analytics/day-wise-positive-reply-stats", DataResult
)
DAY_WISE_POSITIVE_REPLY_STATS_BY_SENT_TIME = Endpoint(
    "GET", "analytics/day-wise-positive-reply-stats-by-sent-time", DataResult
)
LEAD_OVERALL_STATS = Endpoint("GET", "analytics/lead/overall-stats", DataResult)
LEAD_CATEGORY_WISE_RESPONSE = Endpoint("GET", "analytics/lead/category-wise-response", DataResult)
CAMPAIGN_LEADS_TAKE_FOR_FIRST_REPLY = Endpoint(
    "GET", "analytics/campaign/leads-take-for-first-reply", DataResult
)
CAMPAIGN_FOLLOW_UP_REPLY_RATE = Endpoint(
    "GET", "analytics/campaign/follow-up-reply-rate", DataResult
)
CAMPAIGN_LEAD_TO_REPLY_TIME = Endpoint("GET", "analytics/campaign/lead-to-reply-time", DataResult)
CAMPAIGN_RESPONSE_STATS = Endpoint("GET", "analytics/campaign/response-stats", DataResult)
MAILBOX_PROVIDER_WISE_OVERALL_PERFORMANCE = Endpoint(
    "GET", "analytics/mailbox/provider-wise-overall-performance", DataResult
)
TEAM_BOARD_OVERALL_STATS = Endpoint("GET", "analytics/team-board/overall-stats", DataResult)
CAMPAIGN_OVERALL_STATS = Endpoint("GET", "analytics/campaign/overall-stats", DataResult)
CLIENT_OVERALL_STATS = Endpoint("GET", "analytics/client/overall-stats", DataResult)
MAILBOX_NAME_WISE_HEALTH_METRICS = Endpoint(
    "GET", "analytics/mailbox/name-wise-health-metrics", DataResult
)
MAILBOX_DOMAIN_WISE_HEALTH_METRICS = Endpoint(
    "GET", "analytics/mailbox/domain-wise-health-metrics", DataResult
)


def _ids(name: str, values: Sequence[int] | None) -> str | None:
    # This family takes id lists comma-separated in the query.
    if values is None:
        return None
    return ",".join(str(value) for value in require_ids(name, values))


class AnalyticsResource(Resource):
    """Account-wide analytics: totals, per-day series, per-campaign/client/mailbox breakdowns.

    Attributes:
        campaign: The analytics and statistics of one campaign.
    """

    def __init__(self, pipeline: Pipeline) -> None:
        super().__init__(pipeline)
        self.campaign = CampaignAnalyticsResource(pipeline)

    async def _get(
        self,
        endpoint: Endpoint[DataResult],
        *,
        dates: tuple[Moment, Moment] | None = None,
        timezone: str | None = None,
        timezone_required: bool = False,
        client_ids: Sequence[int] | None = None,
        campaign_ids: Sequence[int] | None = None,
        full_data: bool | None = None,
        page: tuple[int, int] | None = None,
    ) -> DataResult:
        query: dict[str, QueryValue | None] = {
            "client_ids": _ids("client_ids", client_ids),
            "campaign_ids": _ids("campaign_ids", campaign_ids),
            "full_data": full_data,
        }
        if dates is not None:
            query["start_date"], query["end_date"] = window(*dates, "date")
        if timezone_required and timezone is None:
            raise RequestValidationError(f"{endpoint.path} needs a timezone")
        if timezone is not None:
            query["timezone"] = require_timezone(timezone)
        if page is not None:
            offset, limit = page
            require_page(offset, limit, max_limit=1000)
            query |= {"offset": offset, "limit": limit}
        return await self._pipeline.call(endpoint, query=query)

    @calls(CAMPAIGN_LIST)
    async def campaign_list(self, *, client_ids: Sequence[int] | None = None) -> DataResult:
        """Campaigns with their headline numbers."""
        return await self._get(CAMPAIGN_LIST, client_ids=client_ids)

    @calls(CLIENT_LIST)
    async def client_list(self, *, client_ids: Sequence[int] | None = None) -> DataResult:
        """Clients with their headline numbers."""
        return await self._get(CLIENT_LIST, client_ids=client_ids)

    @calls(CLIENT_MONTH_WISE_COUNT)
    async def client_month_wise_count(
        self, *, client_ids: Sequence[int] | None = None
    ) -> DataResult:
        """Client activity per month."""
        return await self._get(CLIENT_MONTH_WISE_COUNT, client_ids=client_ids)

    @calls(CAMPAIGN_STATUS_STATS)
    async def campaign_status_stats(self, *, client_ids: Sequence[int] | None = None) -> DataResult:
        """Campaign counts per status."""
        return await self._get(CAMPAIGN_STATUS_STATS, client_ids=client_ids)

    @calls(MAILBOX_OVERALL_STATS)
    async def mailbox_overall_stats(self, *, client_ids: Sequence[int] | None = None) -> DataResult:
        """Mailbox health overview."""
        return await self._get(MAILBOX_OVERALL_STATS, client_ids=client_ids)

    @calls(OVERALL_STATS)
    async def overall_stats(
        self,
        *,
        start: Moment,
        end: Moment,
        timezone: str | None = None,
        client_ids: Sequence[int] | None = None,
        campaign_ids: Sequence[int] | None = None,
        full_data: bool | None = None,
    ) -> DataResult:
        """Account-wide totals for a date range."""
        return await self._get(
            OVERALL_STATS,
            dates=(start, end),
            timezone=timezone,
            client_ids=client_ids,
            campaign_ids=campaign_ids,
            full_data=full_data,
        )

    @calls(DAY_WISE_OVERALL_STATS)
    async def day_wise_overall_stats(
        self,
        *,
        start: Moment,
        end: Moment,
        timezone: str | None = None,
        client_ids: Sequence[int] | None = None,
        campaign_ids: Sequence[int] | None = None,
    ) -> DataResult:
        """Totals per day."""
        return await self._get(
            DAY_WISE_OVERALL_STATS,
            dates=(start, end),
            timezone=timezone,
            client_ids=client_ids,
            campaign_ids=campaign_ids,
        )

    @calls(DAY_WISE_OVERALL_STATS_BY_SENT_TIME)
    async def day_wise_overall_stats_by_sent_time(
        self,
        *,
        start: Moment,
        end: Moment,
        timezone: str,
        client_ids: Sequence[int] | None = None,
        campaign_ids: Sequence[int] | None = None,
    ) -> DataResult:
        """Totals per day of sending (timezone required)."""
        return await self._get(
            DAY_WISE_OVERALL_STATS_BY_SENT_TIME,
            dates=(start, end),
            timezone=timezone,
            client_ids=client_ids,
            timezone_required=True,
            campaign_ids=campaign_ids,
        )

    @calls(DAY_WISE_POSITIVE_REPLY_STATS)
    async def day_wise_positive_reply_stats(
        self,
        *,
        start: Moment,
        end: Moment,
        timezone: str | None = None,
        client_ids: Sequence[int] | None = None,
        campaign_ids: Sequence[int] | None = None,
    ) -> DataResult:
        """Positive replies per day."""
        return await self._get(
            DAY_WISE_POSITIVE_REPLY_STATS,
            dates=(start, end),
            timezone=timezone,
            client_ids=client_ids,
            campaign_ids=campaign_ids,
        )

    @calls(DAY_WISE_POSITIVE_REPLY_STATS_BY_SENT_TIME)
    async def day_wise_positive_reply_stats_by_sent_time(
        self,
        *,
        start: Moment,
        end: Moment,
        timezone: str,
        client_ids: Sequence[int] | None = None,
        campaign_ids: Sequence[int] | None = None,
    ) -> DataResult:
        """Positive replies per day of sending (timezone required)."""
        return await self._get(
            DAY_WISE_POSITIVE_REPLY_STATS_BY_SENT_TIME,
            dates=(start, end),
            timezone=timezone,
            client_ids=client_ids,
            timezone_required=True,
            campaign_ids=campaign_ids,
        )

    @calls(LEAD_OVERALL_STATS)
    async def lead_overall_stats(
        self,
        *,
        start: Moment,
        end: Moment,
        timezone: str | None = None,
        client_ids: Sequence[int] | None = None,
        campaign_ids: Sequence[int] | None = None,
    ) -> DataResult:
        """Lead totals for a date range."""
        return await self._get(
            LEAD_OVERALL_STATS,
            dates=(start, end),
            timezone=timezone,
            client_ids=client_ids,
            campaign_ids=campaign_ids,
        )

    @calls(LEAD_CATEGORY_WISE_RESPONSE)
    async def lead_category_wise_response(
        self,
        *,
        start: Moment,
        end: Moment,
        timezone: str | None = None,
        client_ids: Sequence[int] | None = None,
    ) -> DataResult:
        """Responses per lead category (account-wide: campaign filters are refused)."""
        return await self._get(
            LEAD_CATEGORY_WISE_RESPONSE,
            dates=(start, end),
            timezone=timezone,
            client_ids=client_ids,
        )

    @calls(CAMPAIGN_LEADS_TAKE_FOR_FIRST_REPLY)
    async def campaign_leads_take_for_first_reply(
        self,
        *,
        start: Moment,
        end: Moment,
        timezone: str | None = None,
        client_ids: Sequence[int] | None = None,
        campaign_ids: Sequence[int] | None = None,
    ) -> DataResult:
        """How many emails leads take before a first reply."""
        return await self._get(
            CAMPAIGN_LEADS_TAKE_FOR_FIRST_REPLY,
            dates=(start, end),
            timezone=timezone,
            client_ids=client_ids,
            campaign_ids=campaign_ids,
        )

    @calls(CAMPAIGN_FOLLOW_UP_REPLY_RATE)
    async def campaign_follow_up_reply_rate(
        self,
        *,
        start: Moment,
        end: Moment,
        timezone: str | None = None,
        client_ids: Sequence[int] | None = None,
        campaign_ids: Sequence[int] | None = None,
    ) -> DataResult:
        """Reply rate of follow-up steps."""
        return await self._get(
            CAMPAIGN_FOLLOW_UP_REPLY_RATE,
            dates=(start, end),
            timezone=timezone,
            client_ids=client_ids,
            campaign_ids=campaign_ids,
        )

    @calls(CAMPAIGN_LEAD_TO_REPLY_TIME)
    async def campaign_lead_to_reply_time(
        self,
        *,
        start: Moment,
        end: Moment,
        timezone: str | None = None,
        client_ids: Sequence[int] | None = None,
        campaign_ids: Sequence[int] | None = None,
    ) -> DataResult:
        """Time from first email to reply."""
        return await self._get(
            CAMPAIGN_LEAD_TO_REPLY_TIME,
            dates=(start, end),
            timezone=timezone,
            client_ids=client_ids,
            campaign_ids=campaign_ids,
        )

    @calls(CAMPAIGN_RESPONSE_STATS)
    async def campaign_response_stats(
        self,
        *,
        start: Moment,
        end: Moment,
        timezone: str | None = None,
        client_ids: Sequence[int] | None = None,
        campaign_ids: Sequence[int] | None = None,
        full_data: bool | None = None,
    ) -> DataResult:
        """Response statistics per campaign."""
        return await self._get(
            CAMPAIGN_RESPONSE_STATS,
            dates=(start, end),
            timezone=timezone,
            client_ids=client_ids,
            campaign_ids=campaign_ids,
            full_data=full_data,
        )

    @calls(MAILBOX_PROVIDER_WISE_OVERALL_PERFORMANCE)
    async def mailbox_provider_wise_overall_performance(
        self,
        *,
        start: Moment,
        end: Moment,
        timezone: str | None = None,
        client_ids: Sequence[int] | None = None,
        campaign_ids: Sequence[int] | None = None,
        full_data: bool | None = None,
    ) -> DataResult:
        """Performance per mailbox provider."""
        return await self._get(
            MAILBOX_PROVIDER_WISE_OVERALL_PERFORMANCE,
            dates=(start, end),
            timezone=timezone,
            client_ids=client_ids,
            campaign_ids=campaign_ids,
            full_data=full_data,
        )

    @calls(TEAM_BOARD_OVERALL_STATS)
    async def team_board_overall_stats(
        self,
        *,
        start: Moment,
        end: Moment,
        timezone: str | None = None,
        client_ids: Sequence[int] | None = None,
        campaign_ids: Sequence[int] | None = None,
        full_data: bool | None = None,
    ) -> DataResult:
        """Team board totals."""
        return await self._get(
            TEAM_BOARD_OVERALL_STATS,
            dates=(start, end),
            timezone=timezone,
            client_ids=client_ids,
            campaign_ids=campaign_ids,
            full_data=full_data,
        )

    @calls(CAMPAIGN_OVERALL_STATS)
    async def campaign_overall_stats(
        self,
        *,
        start: Moment,
        end: Moment,
        timezone: str | None = None,
        client_ids: Sequence[int] | None = None,
        campaign_ids: Sequence[int] | None = None,
        offset: int = 0,
        limit: int = 100,
    ) -> DataResult:
        """Per-campaign performance (sent, opened, replied, rates)."""
        return await self._get(
            CAMPAIGN_OVERALL_STATS,
            dates=(start, end),
            timezone=timezone,
            client_ids=client_ids,
            campaign_ids=campaign_ids,
            page=(offset, limit),
        )

    @calls(CLIENT_OVERALL_STATS)
    async def client_overall_stats(
        self,
        *,
        start: Moment,
        end: Moment,
        timezone: str | None = None,
        client_ids: Sequence[int] | None = None,
        full_data: bool | None = None,
        offset: int = 0,
        limit: int = 100,
    ) -> DataResult:
        """Per-client performance.

        Takes no campaign filter: SmartLead's API reference no longer accepts ``campaign_ids``
        on this route (docs/api-notes.md, Global analytics).
        """
        return await self._get(
            CLIENT_OVERALL_STATS,
            dates=(start, end),
            timezone=timezone,
            client_ids=client_ids,
            full_data=full_data,
            page=(offset, limit),
        )

    @calls(MAILBOX_NAME_WISE_HEALTH_METRICS)
    async def mailbox_name_wise_health_metrics(
        self,
        *,
        start: Moment,
        end: Moment,
        timezone: str | None = None,
        client_ids: Sequence[int] | None = None,
        campaign_ids: Sequence[int] | None = None,
        offset: int = 0,
        limit: int = 100,
    ) -> DataResult:
        """Health metrics per mailbox."""
        return await self._get(
            MAILBOX_NAME_WISE_HEALTH_METRICS,
            dates=(start, end),
            timezone=timezone,
            client_ids=client_ids,
            campaign_ids=campaign_ids,
            page=(offset, limit),
        )

    @calls(MAILBOX_DOMAIN_WISE_HEALTH_METRICS)
    async def mailbox_domain_wise_health_metrics(
        self,
        *,
        start: Moment,
        end: Moment,
        timezone: str | None = None,
        client_ids: Sequence[int] | None = None,
        campaign_ids: Sequence[int] | None = None,
        offset: int = 0,
        limit: int = 100,
    ) -> DataResult:
        """Health metrics per sending domain."""
        return await self._get(
            MAILBOX_DOMAIN_WISE_HEALTH_METRICS,
            dates=(start, end),
            timezone=timezone,
            client_ids=client_ids,
            campaign_ids=campaign_ids,
            page=(offset, limit),
        )
