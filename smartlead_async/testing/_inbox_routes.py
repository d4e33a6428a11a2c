"""Master-inbox routes of the fake: conversations come from emitted ``EMAIL_REPLY`` events."""

from __future__ import annotations

import datetime as dt

from aiohttp import web

from smartlead_async._json import JSON
from smartlead_async.testing._base import FakeBase, Route
from smartlead_async.testing._http import answer, joi_error
from smartlead_async.testing._state import FakeCampaign, FakeCampaignLead, FakeConversation

_INBOX_MAX_LIMIT = 20
_VIEWS = (
    "inbox-replies",
    "unread-replies",
    "snoozed",
    "important",
    "scheduled",
    "reminders",
    "archived",
    "sent",
)
_ACTIONS = {
    "PATCH": ("update-revenue", "update-category", "resume-lead", "change-read-status"),
    "POST": (
        "create-task",
        "create-note",
        "set-reminder",
        "push-to-subsequence",
        "update-team-member",
        "block-domains",
    ),
}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


class InboxRoutes(FakeBase):
    """Replies, inbox views and conversation actions."""

    def _inbox_routes(self) -> list[Route]:
        routes: list[Route] = [
            ("POST", "/campaigns/{campaign_id:\\d+}/reply-email-thread", self._reply),
            ("POST", "/campaigns/{campaign_id:\\d+}/forward-email", self._forward),
            ("GET", "/master-inbox/untracked-replies", self._untracked),
        ]
        routes += [("POST", f"/master-inbox/{view}", self._view) for view in _VIEWS]
        routes += [
            (method, f"/master-inbox/{action}", self._inbox_action)
            for method, actions in _ACTIONS.items()
            for action in actions
        ]
        routes.append(("GET", "/master-inbox/{map_id:\\d+}", self._conversation))
        return routes

    def conversation(self, map_id: int) -> tuple[FakeCampaign, FakeCampaignLead, FakeConversation]:
        """The campaign, membership and inbox state of a map id (created on first use)."""
        for campaign in self.state.campaigns.values():
            for email, membership in campaign.leads.items():
                if membership.map_id == map_id:
                    convo = self.state.conversations.setdefault(
                        map_id, FakeConversation(campaign_id=campaign.id, email=email)
                    )
                    return campaign, membership, convo
        raise web.HTTPNotFound(
            text='{"ok": false, "message": "Lead not found"}', content_type="application/json"
        )

    def _row(self, map_id: int, with_history: bool) -> dict[str, JSON]:
        campaign, membership, convo = self.conversation(map_id)
        lead = self.state.leads[convo.email]
        row: dict[str, JSON] = {
            "email_lead_map_id": map_id,
            "email_lead_id": lead.id,
            "lead_email": lead.email,
            "lead_first_name": lead.fields.get("first_name"),
            "lead_last_name": lead.fields.get("last_name"),
            "lead_status": membership.status,
            "lead_category_id": membership.lead_category_id,
            "email_campaign_id": campaign.id,
            "email_campaign_name": campaign.name,
            "last_reply_time": convo.last_reply_time,
            "has_new_unread_email": convo.unread,
            "is_important": False,
            "is_archived": False,
            "is_snoozed": False,
            "team_member_id": convo.team_member_id,
            "revenue": convo.revenue,
        }
        if with_history:
            row["email_history"] = list(convo.sent_replies)
        return row

    async def _view(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        offset, limit = body.get("offset", 0), body.get("limit", _INBOX_MAX_LIMIT)
        if not isinstance(offset, int) or not isinstance(limit, int) or offset < 0:
            return joi_error('"offset" and "limit" must be integers', "limit")
        if not 1 <= limit <= _INBOX_MAX_LIMIT:
            return joi_error('"limit" must be less than or equal to 20', "limit")
        view = request.path.rsplit("/", 1)[1]
        campaigns = (body.get("filters") or {}).get("campaignId")
        picked = []
        for map_id, convo in self.state.conversations.items():
            if campaigns and convo.campaign_id not in campaigns:
                continue
            keep = {
                "inbox-replies": convo.last_reply_time is not None,
                "unread-replies": convo.unread,
                "reminders": bool(convo.reminders),
                "sent": bool(convo.sent_replies),
            }.get(view, False)
            if keep:
                picked.append((convo.last_reply_time or "", map_id))
        picked.sort(reverse=True)
        with_history = request.query.get("fetch_message_history") == "true"
        rows = [self._row(map_id, with_history) for _, map_id in picked[offset : offset + limit]]
        return answer({"ok": True, "data": rows, "offset": offset, "limit": limit})

    async def _conversation(self, request: web.Request) -> web.Response:
        return answer({"ok": True, "data": self._row(int(request.match_info["map_id"]), True)})

    async def _untracked(self, request: web.Request) -> web.Response:
        return answer(
            {"ok": True, "data": {"success": True, "message": "ok", "data": {"replies": []}}}
        )

    def _map_id(self, body: dict[str, JSON]) -> int:
        map_id = body.get("email_lead_map_id")
        if not isinstance(map_id, int):
            raise web.HTTPBadRequest(
                text='{"statusCode": 400, "error": "Bad Request", "message": '
                '"\\"email_lead_map_id\\" is required", "validation": {}}',
                content_type="application/json",
            )
        return map_id

    async def _inbox_action(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        action = request.path.rsplit("/", 1)[1]
        if action == "block-domains":
            domains = body.get("domains")
            if not isinstance(domains, list) or not domains:
                return joi_error('"domains" must not be empty', "domains")
            self.state.block_list |= {str(d).lower() for d in domains}
            return answer({"ok": True, "message": "Domains blocked"})
        _, membership, convo = self.conversation(self._map_id(body))
        if action == "update-revenue":
            convo.revenue = float(body.get("revenue") or 0)
        elif action == "update-category":
            category = body.get("category_id")
            membership.lead_category_id = category if isinstance(category, int) else None
        elif action == "resume-lead":
            membership.status = "INPROGRESS"
        elif action == "change-read-status":
            convo.unread = not bool(body.get("read_status"))
        elif action == "create-task":
            convo.tasks.append(body)
        elif action == "create-note":
            convo.notes.append(str(body.get("note_message", "")))
        elif action == "set-reminder":
            convo.reminders.append(body)
        elif action == "update-team-member":
            member = body.get("team_member_id")
            convo.team_member_id = member if isinstance(member, int) else None
        return answer({"ok": True, "message": f"{action} done"})

    async def _reply(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        body = await self._body(request)
        for key in ("email_stats_id", "email_body"):
            if not body.get(key):
                return joi_error(f'"{key}" is required', key)
        stats_id = body["email_stats_id"]
        convo = next(
            (
                c
                for c in self.state.conversations.values()
                if c.campaign_id == campaign.id and stats_id in c.stats_ids
            ),
            None,
        )
        if convo is None:
            return answer({"error": f"Invalid email_stats_id - {stats_id}"}, status=400)
        convo.sent_replies.append(
            {"type": "SENT", "stats_id": stats_id, "email_body": body["email_body"], "time": _now()}
        )
        convo.unread = False
        return answer({"ok": True, "message": "Reply added to the queue, will be sent out soon"})

    async def _forward(self, request: web.Request) -> web.Response:
        self._existing_campaign(request)
        body = await self._body(request)
        if not body.get("message_id") or not body.get("to_emails"):
            return joi_error('"message_id" and "to_emails" are required', "message_id")
        return answer({"ok": True, "message": "Email forwarded"})
