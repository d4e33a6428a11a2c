"""Lead routes of the fake: imports, listings, per-lead actions, categories, block list."""

from __future__ import annotations

import collections
import csv
import io
import json

from aiohttp import web

from smartlead_async._json import JSON
from smartlead_async._lead_codec import LEAD_FIELDS
from smartlead_async._validation import (
    MAX_CUSTOM_FIELDS,
    MAX_LEADS_PER_REQUEST,
    normalize_email,
)
from smartlead_async.errors import RequestValidationError
from smartlead_async.testing._base import FakeBase, Route
from smartlead_async.testing._http import (
    answer,
    joi_error,
    page_params,
)

LEAD_PATH = "/campaigns/{campaign_id:\\d+}/leads/{lead_id:\\d+}"
_CATEGORIES: list[dict[str, JSON]] = [
    {"id": i, "created_at": "2022-01-01T00:00:00.000Z", "name": name, "sentiment_type": kind}
    for i, (name, kind) in enumerate(
        [
            ("Interested", "positive"),
            ("Meeting Request", "positive"),
            ("Not Interested", "negative"),
            ("Do Not Contact", "negative"),
            ("Information Request", "neutral"),
            ("Out Of Office", "neutral"),
            ("Wrong Person", "neutral"),
        ],
        start=1,
    )
]


class LeadRoutes(FakeBase):
    """Lead routes of the fake: imports, listings, per-lead actions, categories, block list."""

    def _leads_routes(self) -> list[Route]:
        return [
            ("POST", "/campaigns/{campaign_id:\\d+}/leads", self._add_leads),
            ("GET", "/campaigns/{campaign_id:\\d+}/leads", self._list_campaign_leads),
            ("GET", "/leads/{lead_id:\\d+}", self._get_lead),
            ("GET", "/leads/{lead_id:\\d+}/campaigns", self._lead_campaigns),
            ("POST", "/leads/{lead_id:\\d+}/unsubscribe", self._unsubscribe_lead),
            ("POST", "/campaigns/{campaign_id:\\d+}/leads/{lead_id:\\d+}", self._update_lead),
            ("DELETE", "/campaigns/{campaign_id:\\d+}/leads/{lead_id:\\d+}", self._delete_lead),
            (
                "POST",
                "/campaigns/{campaign_id:\\d+}/leads/{lead_id:\\d+}"
                "/{action:pause|resume|unsubscribe|category}",
                self._lead_action,
            ),
            (
                "POST",
                "/campaigns/{campaign_id:\\d+}/leads/{map_id:\\d+}/manual-complete",
                self._manual_complete,
            ),
            (
                "GET",
                "/campaigns/{campaign_id:\\d+}/leads/{lead_id:\\d+}/message-history",
                self._message_history,
            ),
            ("GET", "/campaigns/{campaign_id:\\d+}/leads-export", self._export_leads),
            ("GET", "/leads/fetch-categories", self._categories),
            ("POST", "/leads/add-domain-block-list", self._add_block_list),
            ("GET", "/leads/get-domain-block-list", self._get_block_list),
            ("DELETE", "/leads/delete-domain-block-list", self._delete_block_list),
            ("GET", "/leads", self._lead_by_email),
            ("GET", "/leads/", self._lead_by_email),
        ]

    async def _add_leads(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        body = await self._body(request)
        lead_list = body.get("lead_list")
        settings = body.get("settings") or {}
        if not isinstance(lead_list, list) or not lead_list:
            return joi_error('"lead_list" must contain at least 1 item', "lead_list")
        if len(lead_list) > MAX_LEADS_PER_REQUEST:
            return joi_error(
                f'"lead_list" must contain less than or equal to {MAX_LEADS_PER_REQUEST} items',
                "lead_list",
            )
        for row in lead_list:
            if not isinstance(row, dict) or set(row) - LEAD_FIELDS:
                return joi_error('"lead_list" contains an unknown field', "lead_list")
            if len(row.get("custom_fields") or {}) > MAX_CUSTOM_FIELDS:
                return answer({"error": "custom_fields can have at most 20 keys"}, status=400)
        counters = collections.Counter[str]()
        limit_exhausted = False
        invalid: list[str] = []
        unsubscribed: list[str] = []
        seen: set[str] = set()
        for row in lead_list:
            raw_email = row.get("email")
            try:
                email = normalize_email(raw_email).lower()
            except RequestValidationError:
                invalid.append(str(raw_email))
                continue
            if email in seen:
                counters["duplicate_count"] += 1
                continue
            seen.add(email)
            if email in campaign.leads:
                counters["already_added_to_campaign"] += 1
                continue
            domain = email.rpartition("@")[2]
            blocked = email in self.state.block_list or domain in self.state.block_list
            if blocked and not settings.get("ignore_global_block_list"):
                counters["block_count"] += 1
                continue
            lead = self.state.leads.get(email)
            if lead and lead.is_unsubscribed and not settings.get("ignore_unsubscribe_list"):
                unsubscribed.append(email)
                continue
            if self.state.lead_credits is not None and self.state.lead_credits <= 0:
                limit_exhausted = True
                counters["lead_import_stopped_count"] += 1
                continue
            if self.state.lead_credits is not None:
                self.state.lead_credits -= 1
            self.state.enroll(campaign, email, row)
            counters["upload_count"] += 1
        return answer(
            {
                "ok": True,
                "upload_count": counters["upload_count"],
                "total_leads": len(lead_list),
                "already_added_to_campaign": counters["already_added_to_campaign"],
                "duplicate_count": counters["duplicate_count"],
                "invalid_email_count": len(invalid),
                "invalid_emails": list(invalid),
                "unsubscribed_leads": list(unsubscribed),
                "block_count": counters["block_count"],
                "bounce_count": 0,
                "is_lead_limit_exhausted": limit_exhausted,
                "lead_import_stopped_count": counters["lead_import_stopped_count"],
            }
        )

    async def _list_campaign_leads(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        offset, limit = page_params(request, max_limit=100)
        status = request.query.get("status")
        category = request.query.get("lead_category_id")
        by_id = {lead.id: lead for lead in self.state.leads.values()}
        rows = [
            m
            for m in campaign.leads.values()
            if (status is None or m.status == status)
            and (category is None or str(m.lead_category_id) == category)
        ]
        page = rows[offset : offset + limit]
        return answer(
            {
                "total_leads": str(len(rows)),
                "offset": offset,
                "limit": limit,
                "data": [
                    {
                        "campaign_lead_map_id": m.map_id,
                        "lead_category_id": m.lead_category_id,
                        "status": m.status,
                        "created_at": m.created_at,
                        "lead": self.state.lead_to_wire(by_id[m.lead_id]),
                    }
                    for m in page
                ],
            }
        )

    async def _get_lead(self, request: web.Request) -> web.Response:
        lead = self.state.lead_by_id(int(request.match_info["lead_id"]))
        return answer({"data": [self.state.lead_to_wire(lead)] if lead else []})

    async def _lead_campaigns(self, request: web.Request) -> web.Response:
        lead = self.state.lead_by_id(int(request.match_info["lead_id"]))
        if lead is None:
            return answer({"error": "Lead not found - Invalid lead_id."}, status=404)
        return answer(
            [
                {"id": c.id, "status": c.status, "name": c.name}
                for c in self.state.campaigns.values()
                if lead.email in c.leads
            ]
        )

    async def _unsubscribe_lead(self, request: web.Request) -> web.Response:
        lead = self.state.lead_by_id(int(request.match_info["lead_id"]))
        if lead is None:
            return answer({"error": "Lead not found - Invalid lead_id."}, status=404)
        lead.is_unsubscribed = True
        return answer({"ok": True})

    async def _update_lead(self, request: web.Request) -> web.Response:
        _, lead, _ = self._membership_of(request)
        body = await self._body(request)
        if not isinstance(body.get("email"), str):
            return joi_error('"email" is required', "email")
        if set(body) - LEAD_FIELDS:
            return joi_error("unknown lead field", "lead")
        lead.fields |= {k: v for k, v in body.items() if k != "email"}
        return answer({"ok": True})

    async def _delete_lead(self, request: web.Request) -> web.Response:
        campaign, lead, _ = self._membership_of(request)
        del campaign.leads[lead.email]
        # The live API answers the bare text "success" here (docs/api-notes.md, Success bodies).
        return web.Response(text="success", content_type="text/plain")

    async def _lead_action(self, request: web.Request) -> web.Response:
        _, _, membership = self._membership_of(request)
        action = request.match_info["action"]
        body = await self._body(request) if request.body_exists else {}
        if action == "pause":
            membership.status = "PAUSED"
            return answer({"ok": True, "data": "success"})
        if action == "resume":
            membership.status = "INPROGRESS"
            return answer({"ok": True, "data": "success"})
        if action == "unsubscribe":
            membership.status = "STOPPED"
            return answer({"ok": True})
        if action == "category":
            category = body.get("category_id")
            if category is not None and category not in {c["id"] for c in _CATEGORIES}:
                return answer({"error": f"Invalid category_id - {category}"}, status=400)
            membership.lead_category_id = category
            if body.get("pause_lead"):
                membership.status = "PAUSED"
            return answer({"ok": True})
        raise web.HTTPNotFound()

    async def _manual_complete(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        map_id = int(request.match_info["map_id"])
        membership = next((m for m in campaign.leads.values() if m.map_id == map_id), None)
        if membership is None:
            return answer({"error": "Lead not found - Invalid campaign_lead_map_id."}, 404)
        membership.status = "COMPLETED"
        return answer({"ok": True, "status": {"isLastSequence": True, "nextSequence": None}})

    async def _message_history(self, request: web.Request) -> web.Response:
        _, lead, _ = self._membership_of(request)
        return answer({"history": [], "from": "sender@outbound.example", "to": lead.email})

    async def _export_leads(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        out = io.StringIO()
        columns = ["id", "campaign_lead_map_id", "status", "email", "first_name", "custom_fields"]
        writer = csv.writer(out)
        writer.writerow(columns)
        for email, membership in campaign.leads.items():
            lead = self.state.leads[email]
            writer.writerow(
                [
                    lead.id,
                    membership.map_id,
                    membership.status,
                    email,
                    lead.fields.get("first_name") or "",
                    json.dumps(lead.fields.get("custom_fields") or {}),
                ]
            )
        return web.Response(text=out.getvalue(), content_type="text/csv")

    async def _categories(self, request: web.Request) -> web.Response:
        return answer(_CATEGORIES)

    async def _add_block_list(self, request: web.Request) -> web.Response:
        entries = (await self._body(request)).get("domain_block_list")
        if not isinstance(entries, list) or not entries:
            return joi_error(
                '"domain_block_list" must contain at least 1 item', "domain_block_list"
            )
        new = {str(entry).strip().lower() for entry in entries} - self.state.block_list
        self.state.block_list |= new
        return answer({"uploadCount": len(new), "totalDomainAdded": len(new)})

    async def _get_block_list(self, request: web.Request) -> web.Response:
        offset, limit = page_params(request, max_limit=1000)
        needle = request.query.get("filter_email_or_domain", "").lower()
        rows = [e for e in self.state.block_list_entries() if needle in str(e["email_or_domain"])]
        return answer(rows[offset : offset + limit])

    async def _delete_block_list(self, request: web.Request) -> web.Response:
        entry_id = request.query.get("id", "")
        value = next((v for v, i in self.state.block_list_ids.items() if str(i) == entry_id), None)
        if value is None or value not in self.state.block_list:
            return answer({"error": "Block list entry not found"}, status=404)
        self.state.block_list.discard(value)
        return answer({"ok": True})

    async def _lead_by_email(self, request: web.Request) -> web.Response:
        email = request.query.get("email", "").strip().lower()
        lead = self.state.leads.get(email)
        if lead is None:
            return answer({})
        wire = self.state.lead_to_wire(lead)
        wire["id"] = str(lead.id)  # a string on this route (docs/api-notes.md, Types on the wire)
        wire["created_at"] = lead.created_at
        wire["lead_campaign_data"] = [
            {
                "campaign_id": c.id,
                "campaign_name": c.name,
                "campaign_lead_map_id": c.leads[email].map_id,
                "lead_category_id": c.leads[email].lead_category_id,
                "last_sent_at": None,
                "last_reply_at": None,
                "last_activity_at": None,
                "client_id": c.client_id,
                "client_email": None,
            }
            for c in self.state.campaigns.values()
            if email in c.leads
        ]
        return answer(wire)
