"""Reporting routes of the fake: the global ``/analytics/*`` family and campaign reports.

Numbers are computed from the statistics that emitted events record, so a test can emit
activity and read it back through any report.
"""

from __future__ import annotations

import collections

from aiohttp import web

from smartlead_async._json import JSON
from smartlead_async.testing._base import FakeBase, Route
from smartlead_async.testing._http import answer, joi_error, page_params
from smartlead_async.testing._state import FakeCampaign

_FILTER_ONLY = (
    "campaign/list",
    "client/list",
    "client/month-wise-count",
    "campaign/status-stats",
    "mailbox/overall-stats",
)
_DATED = (
    "overall-stats-v2",
    "day-wise-overall-stats",
    "day-wise-overall-stats-by-sent-time",
    "day-wise-positive-reply-stats",
    "day-wise-positive-reply-stats-by-sent-time",
    "lead/overall-stats",
    "lead/category-wise-response",
    "campaign/leads-take-for-first-reply",
    "campaign/follow-up-reply-rate",
    "campaign/lead-to-reply-time",
    "campaign/response-stats",
    "mailbox/provider-wise-overall-performance",
    "team-board/overall-stats",
    "campaign/overall-stats",
    "client/overall-stats",
    "mailbox/name-wise-health-metrics",
    "mailbox/domain-wise-health-metrics",
)
_COUNTED = {
    "sent": "sent_time",
    "opened": "open_time",
    "clicked": "click_time",
    "replied": "reply_time",
    "bounced": "is_bounced",
    "unsubscribed": "is_unsubscribed",
}


def _counts(rows: list[dict[str, JSON]]) -> dict[str, JSON]:
    return {name: sum(1 for row in rows if row.get(key)) for name, key in _COUNTED.items()}


class ReportRoutes(FakeBase):
    """Global analytics and per-campaign reports."""

    def _reports_routes(self) -> list[Route]:
        routes: list[Route] = [
            ("GET", f"/analytics/{path}", self._analytics_family) for path in _FILTER_ONLY + _DATED
        ]
        campaign = "/campaigns/{campaign_id:\\d+}"
        routes += [
            ("GET", f"{campaign}/leads-statistics", self._lead_statistics),
            ("GET", f"{campaign}/mailbox-statistics", self._mailbox_statistics),
            ("GET", f"{campaign}/sequence-analytics", self._sequence_analytics),
            ("GET", f"{campaign}/top-level-analytics-by-date", self._top_level),
            ("GET", "/campaigns/all-leads-activities", self._activities),
        ]
        return routes

    def _rows(self, campaigns: list[FakeCampaign]) -> list[dict[str, JSON]]:
        return [row for c in campaigns for row in c.statistics.values()]

    async def _analytics_family(self, request: web.Request) -> web.Response:
        path = request.path.split("/analytics/", 1)[1]
        query = request.query
        if path in _DATED and not (query.get("start_date") and query.get("end_date")):
            return joi_error('"start_date" and "end_date" are required', "start_date")
        if path.endswith("by-sent-time") and not query.get("timezone"):
            return joi_error('"timezone" is required', "timezone")
        if path == "lead/category-wise-response" and query.get("campaign_ids"):
            return joi_error('"campaign_ids" is not allowed', "campaign_ids")
        wanted = {int(i) for i in query.get("campaign_ids", "").split(",") if i}
        campaigns = [c for c in self.state.campaigns.values() if not wanted or c.id in wanted]
        per_campaign: list[JSON] = [
            {"id": c.id, "campaign_name": c.name, **_counts(list(c.statistics.values()))}
            for c in campaigns
        ]
        data: dict[str, JSON] = {
            **_counts(self._rows(campaigns)),
            "campaign_wise_performance": per_campaign,
        }
        return answer({"ok": True, "data": data})

    async def _lead_statistics(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        offset, limit = page_params(request, max_limit=100)
        rows = [
            {
                "lead_email": row["lead_email"],
                "lead_name": row["lead_name"],
                "sent_count": 1,
                "open_count": row["open_count"],
                "click_count": row["click_count"],
                "reply_count": 1 if row["reply_time"] else 0,
            }
            for row in campaign.statistics.values()
        ]
        page = rows[offset : offset + limit]
        more = offset + limit < len(rows)
        return answer({"data": page, "hasMore": more, "skip": offset, "limit": limit})

    async def _mailbox_statistics(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        offset, limit = page_params(request, max_limit=20)
        if bool(request.query.get("start_date")) != bool(request.query.get("end_date")):
            return joi_error('"start_date" and "end_date" go together', "start_date")
        counts = _counts(list(campaign.statistics.values()))
        # The fake does not track which mailbox sent what: the first sender gets it all.
        accounts = self.state.campaign_email_accounts.get(campaign.id, [])
        data: list[JSON] = [
            {
                "email_account_id": account_id,
                "from_email": self.state.email_accounts[account_id]["from_email"],
                "sent_count": counts["sent"] if i == 0 else 0,
                "open_count": counts["opened"] if i == 0 else 0,
                "click_count": counts["clicked"] if i == 0 else 0,
                "reply_count": counts["replied"] if i == 0 else 0,
                "bounce_count": counts["bounced"] if i == 0 else 0,
            }
            for i, account_id in enumerate(accounts)
        ]
        return answer({"ok": True, "data": data[offset : offset + limit]})

    async def _sequence_analytics(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        if not (request.query.get("start_date") and request.query.get("end_date")):
            return joi_error('"start_date" and "end_date" are required', "start_date")
        by_step: dict[JSON, list[dict[str, JSON]]] = collections.defaultdict(list)
        for row in campaign.statistics.values():
            by_step[row.get("sequence_number")].append(row)
        data: list[JSON] = [
            {"seq_number": step, **_counts(rows)} for step, rows in sorted(by_step.items(), key=str)
        ]
        return answer({"ok": True, "data": data})

    async def _top_level(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        counts = _counts(list(campaign.statistics.values()))
        return answer(
            {
                "id": campaign.id,
                "name": campaign.name,
                "status": campaign.status,
                "start_date": request.query.get("start_date"),
                "end_date": request.query.get("end_date"),
                "total_count": str(len(campaign.leads)),
                "sent_count": str(counts["sent"]),
                "open_count": str(counts["opened"]),
                "click_count": str(counts["clicked"]),
                "reply_count": str(counts["replied"]),
                "positive_reply_count": str(
                    sum(1 for m in campaign.leads.values() if m.lead_category_id in (1, 2))
                ),
                "bounce_count": str(counts["bounced"]),
                "unsubscribed_count": str(counts["unsubscribed"]),
            }
        )

    async def _activities(self, request: web.Request) -> web.Response:
        offset, limit = page_params(request, max_limit=1000)
        if request.query.get("campaign_id"):
            return joi_error('"campaign_id" is not allowed', "campaign_id")
        events: list[JSON] = [
            {"campaign_id": c.id, "lead_email": row["lead_email"], "type": kind, "time": row[key]}
            for c in self.state.campaigns.values()
            for row in c.statistics.values()
            for kind, key in (("SENT", "sent_time"), ("OPEN", "open_time"), ("REPLY", "reply_time"))
            if row.get(key)
        ]
        page = events[offset : offset + limit]
        more = offset + limit < len(events)
        return answer(
            {"data": page, "pagination": {"has_more": more, "offset": offset, "limit": limit}}
        )
