"""Lead-list routes of the fake, and moving leads between lists and campaigns."""

from __future__ import annotations

import datetime as dt

from aiohttp import web

from smartlead_async._json import JSON
from smartlead_async._validation import normalize_email
from smartlead_async.errors import RequestValidationError
from smartlead_async.testing._base import FakeBase, Route
from smartlead_async.testing._http import answer, joi_error, page_params
from smartlead_async.testing._state import FakeLeadList


class ListRoutes(FakeBase):
    """Lead lists, the account-wide lead walk, and lead pushes."""

    def _lists_routes(self) -> list[Route]:
        return [
            ("GET", "/lead-list/", self._lists),
            ("POST", "/lead-list/", self._create_list),
            ("POST", "/lead-list/assign-tags", self._assign_list_tags),
            ("GET", "/lead-list/{list_id:\\d+}", self._get_list),
            ("PUT", "/lead-list/{list_id:\\d+}", self._rename_list),
            ("DELETE", "/lead-list/{list_id:\\d+}", self._delete_list),
            ("POST", "/lead-list/{list_id:\\d+}/import", self._import_to_list),
            ("GET", "/leads/all", self._all_leads),
            ("GET", "/leads/{lead_id:\\d+}/campaign-overview", self._campaign_overview),
            ("GET", "/leads/{map_id:\\d+}/sequence-details", self._sequence_details),
            ("POST", "/leads/push-to-campaign", self._push_to_campaign),
            ("POST", "/leads/push-to-list", self._push_to_list),
            ("POST", "/leads/campaign/push-to-list", self._push_campaign_to_list),
        ]

    def _list_of(self, list_id: object) -> FakeLeadList:
        found = self.state.lead_lists.get(int(str(list_id))) if str(list_id).isdigit() else None
        if found is None:
            raise web.HTTPNotFound(
                text='{"error": "Lead list not found"}', content_type="application/json"
            )
        return found

    @staticmethod
    def _list_wire(lead_list: FakeLeadList) -> dict[str, JSON]:
        return {
            "id": lead_list.id,
            "list_name": lead_list.list_name,
            "created_at": lead_list.created_at,
            "updated_at": lead_list.created_at,
            "leads_count": len(lead_list.emails),
            "active_leads_count": len(lead_list.emails),
        }

    async def _lists(self, request: web.Request) -> web.Response:
        offset, limit = page_params(request, max_limit=100)
        lists = [self._list_wire(item) for item in self.state.lead_lists.values()]
        page: list[JSON] = list(lists[offset : offset + limit])
        return answer({"ok": True, "data": {"lists": page, "totalCount": len(lists)}})

    async def _create_list(self, request: web.Request) -> web.Response:
        name = (await self._body(request)).get("list_name")
        if not isinstance(name, str) or not name.strip():
            return joi_error('"list_name" is required', "list_name")
        lead_list = FakeLeadList(id=self.state.next_id(), list_name=name)
        self.state.lead_lists[lead_list.id] = lead_list
        return answer({"ok": True, "data": self._list_wire(lead_list)})

    async def _get_list(self, request: web.Request) -> web.Response:
        lead_list = self._list_of(request.match_info["list_id"])
        return answer({"ok": True, "data": self._list_wire(lead_list)})

    async def _rename_list(self, request: web.Request) -> web.Response:
        lead_list = self._list_of(request.match_info["list_id"])
        name = (await self._body(request)).get("list_name")
        if not isinstance(name, str) or not name.strip():
            return joi_error('"list_name" is required', "list_name")
        lead_list.list_name = name
        return answer({"ok": True})

    async def _delete_list(self, request: web.Request) -> web.Response:
        lead_list = self._list_of(request.match_info["list_id"])
        del self.state.lead_lists[lead_list.id]
        return answer({"ok": True})

    async def _import_to_list(self, request: web.Request) -> web.Response:
        lead_list = self._list_of(request.match_info["list_id"])
        rows = (await self._body(request)).get("lead_list")
        if not isinstance(rows, list) or not 1 <= len(rows) <= 100:
            return joi_error('"lead_list" must hold 1 to 100 leads', "lead_list")
        added, invalid = 0, 0
        for row in rows:
            try:
                email = normalize_email(row.get("email")).lower()
            except RequestValidationError:
                invalid += 1
                continue
            if email not in self.state.leads:
                self.state.enroll_account_lead(email, row)
            added += email not in lead_list.emails
            lead_list.emails.add(email)
        return answer({"ok": True, "data": {"upload_count": added, "invalid_email_count": invalid}})

    async def _assign_list_tags(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        for list_id in body.get("list_ids") or []:
            self._list_of(list_id).tag_ids |= {int(t) for t in body.get("tag_ids") or []}
        return answer({"ok": True})

    async def _all_leads(self, request: web.Request) -> web.Response:
        _, limit = page_params(request, max_limit=1000)
        after = int(request.query.get("lastSeenLeadId", "0"))
        campaign = request.query.get("campaignId")
        email = request.query.get("leadEmail", "").lower()
        leads = sorted(self.state.leads.values(), key=lambda lead: lead.id)
        picked = [
            lead
            for lead in leads
            if lead.id > after
            and (not email or lead.email == email)
            and (not campaign or lead.email in self.state.campaigns[int(campaign)].leads)
        ][:limit]
        rows: list[JSON] = [self.state.lead_to_wire(lead) for lead in picked]
        return answer({"ok": True, "data": {"leads": rows}})

    async def _campaign_overview(self, request: web.Request) -> web.Response:
        lead = self.state.lead_by_id(int(request.match_info["lead_id"]))
        if lead is None:
            return answer({"error": "Lead not found - Invalid lead_id."}, status=404)
        data: list[JSON] = [
            {
                "campaign_id": c.id,
                "campaign_name": c.name,
                "status": c.leads[lead.email].status,
                "statistics": c.statistics.get(lead.email),
            }
            for c in self.state.campaigns.values()
            if lead.email in c.leads
        ]
        return answer({"ok": True, "data": data})

    async def _sequence_details(self, request: web.Request) -> web.Response:
        campaign_id = request.query.get("campaignId", "")
        campaign = self.state.campaigns.get(int(campaign_id)) if campaign_id.isdigit() else None
        map_id = int(request.match_info["map_id"])
        if campaign is None:
            return joi_error('"campaignId" is required', "campaignId")
        email = next((e for e, m in campaign.leads.items() if m.map_id == map_id), None)
        if email is None:
            return answer({"error": "Lead not found"}, status=404)
        row = campaign.statistics.get(email) or {}
        data: dict[str, JSON] = {
            "status": campaign.leads[email].status,
            "current_sequence_number": row.get("sequence_number", 0),
            "sequence_count": len(campaign.sequences),
        }
        return answer({"ok": True, "data": data})

    def _leads_by_id(self, ids: object) -> list[str]:
        if not isinstance(ids, list) or not ids:
            raise web.HTTPBadRequest(
                text='{"error": "no leads given"}', content_type="application/json"
            )
        emails = []
        for lead_id in ids:
            lead = self.state.lead_by_id(int(lead_id))
            if lead is not None:
                emails.append(lead.email)
        return emails

    async def _push_to_campaign(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        campaign = self.state.campaigns.get(int(str(body.get("campaignId", 0))))
        if campaign is None:
            return answer({"error": "Campaign not found - Invalid campaign_id."}, status=404)
        emails = self._leads_by_id(body.get("leadList"))
        for email in emails:
            if body.get("action") == "move":
                for other in self.state.campaigns.values():
                    other.leads.pop(email, None)
            self.state.enroll(campaign, email)
        return answer({"ok": True, "data": {"pushed": len(emails)}})

    async def _push_to_list(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        lead_list = self._list_of(body.get("listId"))
        if body.get("allLeads"):
            emails = list(self.state.leads)
        else:
            emails = self._leads_by_id(body.get("leadIds"))
        lead_list.emails |= set(emails)
        return answer({"ok": True, "data": {"pushed": len(emails)}})

    async def _push_campaign_to_list(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        campaign = self.state.campaigns.get(int(str(body.get("campaignId", 0))))
        if campaign is None:
            return answer({"error": "Campaign not found - Invalid campaign_id."}, status=404)
        lead_list = self._list_of(body.get("listId"))
        wanted = set(body.get("leadMapIds") or [])
        emails = [
            email
            for email, membership in campaign.leads.items()
            if body.get("allLeads") or membership.map_id in wanted
        ]
        lead_list.emails |= set(emails)
        pushed = dt.datetime.now(dt.UTC).isoformat()
        return answer({"ok": True, "data": {"pushed": len(emails), "at": pushed}})
