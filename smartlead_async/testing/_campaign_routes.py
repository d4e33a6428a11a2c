"""Campaign routes of the fake: campaigns, schedule, settings, sequences, analytics."""

from __future__ import annotations

import collections
import datetime as dt
import re
import zoneinfo

from aiohttp import web

from smartlead_async._json import JSON
from smartlead_async.testing._base import FakeBase, Route
from smartlead_async.testing._http import (
    answer,
    joi_error,
    page_params,
)
from smartlead_async.testing._state import (
    FakeCampaign,
)

_WRITE_STATUSES = {"START": "ACTIVE", "PAUSED": "PAUSED", "STOPPED": "STOPPED"}
_TIMEZONES = frozenset(zoneinfo.available_timezones())
_HOUR = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_TRACK_SETTINGS = frozenset(
    {"DONT_TRACK_EMAIL_OPEN", "DONT_TRACK_LINK_CLICK", "DONT_TRACK_REPLY_TO_AN_EMAIL"}
)
_STOP_LEAD_SETTINGS = frozenset({"REPLY_TO_AN_EMAIL", "CLICK_ON_A_LINK", "OPEN_AN_EMAIL"})


class CampaignRoutes(FakeBase):
    """Campaign routes of the fake: campaigns, schedule, settings, sequences, analytics."""

    def _campaigns_routes(self) -> list[Route]:
        return [
            ("POST", "/campaigns/create-subsequence", self._create_subsequence),
            ("POST", "/campaigns/update-lead-email-account", self._pin_lead_sender),
            ("POST", "/campaigns/{campaign_id:\\d+}/send-test-email", self._send_test_email),
            ("GET", "/campaigns", self._list_campaigns),
            ("GET", "/campaigns/", self._list_campaigns),
            ("POST", "/campaigns/create", self._create_campaign),
            ("GET", "/campaigns/{campaign_id:\\d+}", self._get_campaign),
            ("DELETE", "/campaigns/{campaign_id:\\d+}", self._delete_campaign),
            ("POST", "/campaigns/{campaign_id:\\d+}/status", self._update_status),
            ("POST", "/campaigns/{campaign_id:\\d+}/schedule", self._update_schedule),
            ("POST", "/campaigns/{campaign_id:\\d+}/settings", self._update_settings),
            ("GET", "/campaigns/{campaign_id:\\d+}/sequences", self._get_sequences),
            ("POST", "/campaigns/{campaign_id:\\d+}/sequences", self._save_sequences),
            ("GET", "/campaigns/{campaign_id:\\d+}/analytics", self._analytics),
            ("GET", "/campaigns/{campaign_id:\\d+}/analytics-by-date", self._analytics_by_date),
            ("GET", "/campaigns/{campaign_id:\\d+}/statistics", self._statistics),
        ]

    async def _list_campaigns(self, request: web.Request) -> web.Response:
        client_id = request.query.get("client_id")
        campaigns = [
            c.to_wire(self.state.user_id)
            for c in self.state.campaigns.values()
            if client_id is None or str(c.client_id) == client_id
        ]
        return answer(list(campaigns))

    async def _create_campaign(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        name = body.get("name")
        if not isinstance(name, str):
            return joi_error('"name" is required', "name")
        campaign = self.state.add_campaign(name, body.get("client_id"))
        return answer(
            {
                "ok": True,
                "id": campaign.id,
                "name": campaign.name,
                "created_at": campaign.created_at,
            }
        )

    async def _get_campaign(self, request: web.Request) -> web.Response:
        campaign = self._campaign(request)
        # Live, a missing campaign answers 200 and {} (docs/api-notes.md, Not found answers).
        return answer(campaign.to_wire(self.state.user_id) if campaign else {})

    async def _delete_campaign(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        del self.state.campaigns[campaign.id]
        return answer({"ok": True})

    async def _update_status(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        status = (await self._body(request)).get("status")
        if status not in _WRITE_STATUSES:
            return joi_error('"status" must be one of [START, PAUSED, STOPPED]', "status")
        if campaign.status == "STOPPED":
            return answer({"error": "Campaign is stopped and cannot be changed"}, status=400)
        senders = self.state.campaign_email_accounts.get(campaign.id)
        if status == "START" and not (campaign.schedule and campaign.sequences and senders):
            message = "Campaign needs a schedule, a sequence and at least one email account"
            return answer({"error": message}, status=400)
        campaign.status = _WRITE_STATUSES[status]
        return answer({"ok": True})

    async def _update_schedule(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        body = await self._body(request)
        timezone = body.get("timezone")
        if not isinstance(timezone, str) or timezone not in _TIMEZONES:
            return answer({"error": f"Invalid timezone - {timezone}"}, status=400)
        start, end = body.get("start_hour"), body.get("end_hour")
        for name, hour in (("start_hour", start), ("end_hour", end)):
            if not isinstance(hour, str) or not _HOUR.match(hour):
                return answer({"error": f"Invalid {name} - {hour}"}, status=400)
        if str(start) > str(end):
            return answer({"error": "startHour cannot be greater that endHour"}, status=400)
        if "client_id" in body:
            return joi_error('"client_id" is not allowed', "client_id")
        campaign.schedule = body
        return answer({"ok": True})

    async def _update_settings(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        body = await self._body(request)
        for value in body.get("track_settings") or []:
            if value not in _TRACK_SETTINGS:
                return answer({"error": f"Invalid track_settings value - {value}"}, status=400)
        stop = body.get("stop_lead_settings")
        if stop is not None and stop not in _STOP_LEAD_SETTINGS:
            return answer({"error": f"Invalid stop_lead_settings value - {stop}"}, status=400)
        campaign.settings |= body
        return answer({"ok": True})

    async def _get_sequences(self, request: web.Request) -> web.Response:
        return answer(self._existing_campaign(request).sequences)

    async def _save_sequences(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        if campaign.status == "ACTIVE":
            return answer({"error": "Pause the campaign before editing its sequence"}, 400)
        steps = (await self._body(request)).get("sequences")
        if not isinstance(steps, list):
            return joi_error('"sequences" must be an array', "sequences")
        now = dt.datetime.now(dt.UTC).isoformat()
        saved: list[dict[str, JSON]] = []
        for step in steps:
            step_id = step.get("id") or self.state.next_id()
            variants: list[JSON] = [
                {
                    "id": variant.get("id") or self.state.next_id(),
                    "is_deleted": False,
                    "subject": variant.get("subject"),
                    "email_body": variant.get("email_body"),
                    "email_campaign_seq_id": step_id,
                    "variant_label": variant.get("variant_label"),
                }
                for variant in step.get("seq_variants") or []
            ]
            delay = (step.get("seq_delay_details") or {}).get("delay_in_days", 0)
            saved.append(
                {
                    "id": step_id,
                    "created_at": now,
                    "updated_at": now,
                    "email_campaign_id": campaign.id,
                    "seq_number": step.get("seq_number"),
                    "seq_delay_details": {"delayInDays": delay},
                    "subject": "" if variants else step.get("subject", ""),
                    "email_body": "" if variants else step.get("email_body", ""),
                    "sequence_variants": variants,
                }
            )
        campaign.sequences = saved
        return answer({"ok": True, "data": "success"})

    def _analytics_of(self, campaign: FakeCampaign) -> dict[str, JSON]:
        rows = list(campaign.statistics.values())

        def count(key: str) -> str:
            return str(sum(1 for row in rows if row.get(key)))

        statuses = collections.Counter(m.status for m in campaign.leads.values())
        return {
            "id": campaign.id,
            "user_id": self.state.user_id,
            "created_at": campaign.created_at,
            "status": campaign.status,
            "name": campaign.name,
            "sent_count": str(len(rows)),
            "unique_sent_count": str(len(rows)),
            "open_count": count("open_time"),
            "unique_open_count": count("open_time"),
            "click_count": count("click_time"),
            "unique_click_count": count("click_time"),
            "reply_count": count("reply_time"),
            "bounce_count": count("is_bounced"),
            "unsubscribed_count": count("is_unsubscribed"),
            "block_count": "0",
            "total_count": str(len(rows)),
            "drafted_count": "0",
            "sequence_count": str(len(campaign.sequences)),
            "tags": [],
            "client_id": campaign.client_id,
            "parent_campaign_id": None,
            "campaign_lead_stats": {
                "total": len(campaign.leads),
                "blocked": statuses["BLOCKED"],
                "stopped": statuses["STOPPED"],
                "completed": statuses["COMPLETED"],
                "inprogress": statuses["INPROGRESS"],
                "notStarted": statuses["STARTED"],
                "paused": statuses["PAUSED"],
                "interested": sum(1 for m in campaign.leads.values() if m.lead_category_id == 1),
                "revenue": 0,
            },
        }

    async def _analytics(self, request: web.Request) -> web.Response:
        return answer(self._analytics_of(self._existing_campaign(request)))

    async def _analytics_by_date(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        try:
            start = dt.date.fromisoformat(request.query["start_date"])
            end = dt.date.fromisoformat(request.query["end_date"])
        except (KeyError, ValueError):
            return joi_error('"start_date" and "end_date" are required dates', "start_date")
        if not 0 <= (end - start).days <= 30:
            message = (
                "Invalid start_date & end_date range. Date difference should be max of 30days."
            )
            return answer({"error": message}, status=400)
        return answer(
            self._analytics_of(campaign) | {"start_date": str(start), "end_date": str(end)}
        )

    async def _statistics(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        offset, limit = page_params(request, max_limit=1000)
        status = request.query.get("email_status")
        flag = {
            "opened": "open_time",
            "clicked": "click_time",
            "replied": "reply_time",
            "bounced": "is_bounced",
            "unsubscribed": "is_unsubscribed",
        }.get(status or "")
        rows = [row for row in campaign.statistics.values() if flag is None or row.get(flag)]
        return answer(
            {
                "total_stats": str(len(rows)),
                "offset": offset,
                "limit": limit,
                "data": rows[offset : offset + limit],
            }
        )

    async def _create_subsequence(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        parent = self.state.campaigns.get(int(str(body.get("parent_campaign_id", 0))))
        if parent is None:
            return answer({"error": "Invalid parent_campaign_id"}, status=400)
        child = self.state.add_campaign(str(body.get("name") or "Subsequence"), parent.client_id)
        child.settings["parent_campaign_id"] = parent.id
        return answer(
            {"ok": True, "id": child.id, "name": child.name, "created_at": child.created_at}
        )

    async def _pin_lead_sender(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        campaign = self.state.campaigns.get(int(str(body.get("email_campaign_id", 0))))
        lead = self.state.lead_by_id(int(str(body.get("email_lead_id", 0))))
        if campaign is None or lead is None or lead.email not in campaign.leads:
            return answer({"error": "Lead not found in campaign"}, status=404)
        if body.get("email_account_id") not in self.state.campaign_email_accounts.get(
            campaign.id, []
        ):
            return answer({"error": "Email account is not a sender of this campaign"}, 400)
        return answer({"ok": True})

    async def _send_test_email(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        body = await self._body(request)
        steps = {step.get("seq_number") for step in campaign.sequences}
        if body.get("seq_number") not in steps:
            return answer({"error": f"Invalid seq_number - {body.get('seq_number')}"}, 400)
        return answer({"ok": True, "message": f"Test email sent to {body.get('to')}"})
