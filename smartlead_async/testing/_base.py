"""What every route module of the fake shares: state, request parsing, lookups."""

from __future__ import annotations

import collections
import json
import random
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from aiohttp import web

from smartlead_async._json import JSON
from smartlead_async.testing._http import (
    CAMPAIGN_NOT_FOUND,
    joi_body,
)
from smartlead_async.testing._state import (
    FakeCampaign,
    FakeCampaignLead,
    FakeLead,
    FakeState,
)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Route = tuple[str, str, Handler]


class FakeBase:
    """State and helpers the route mixins of :class:`FakeSmartlead` rely on."""

    state: FakeState
    webhook_secret: str
    signing_secret: str | None
    _clock: Callable[[], float]
    _rng: random.Random
    _webhook_session: aiohttp.ClientSession | None
    _reconnects: dict[str, collections.deque[float]]

    async def _body(self, request: web.Request) -> dict[str, Any]:
        try:
            body = await request.json()
        except ValueError:
            raise web.HTTPBadRequest(
                text=json.dumps({"error": "Invalid JSON body"}), content_type="application/json"
            ) from None
        if not isinstance(body, dict):
            raise web.HTTPBadRequest(
                text=json.dumps({"error": "Body must be an object"}),
                content_type="application/json",
            )
        return body

    def _campaign(self, request: web.Request) -> FakeCampaign | None:
        return self.state.campaigns.get(int(request.match_info["campaign_id"]))

    def _existing_campaign(self, request: web.Request) -> FakeCampaign:
        campaign = self._campaign(request)
        if campaign is None:
            raise web.HTTPNotFound(
                text=json.dumps(CAMPAIGN_NOT_FOUND), content_type="application/json"
            )
        return campaign

    def _membership_of(
        self, request: web.Request
    ) -> tuple[FakeCampaign, FakeLead, FakeCampaignLead]:
        campaign = self._existing_campaign(request)
        lead = self.state.lead_by_id(int(request.match_info["lead_id"]))
        membership = campaign.leads.get(lead.email) if lead else None
        if lead is None or membership is None:
            raise web.HTTPNotFound(
                text=json.dumps({"error": "Lead not found - Invalid lead_id."}),
                content_type="application/json",
            )
        return campaign, lead, membership

    def _existing_account(self, request: web.Request) -> dict[str, JSON]:
        account = self.state.email_accounts.get(int(request.match_info["account_id"]))
        if account is None:
            raise web.HTTPNotFound(
                text=json.dumps(
                    {
                        "ok": False,
                        "message": "Email account not found",
                        "errorCode": "ACCOUNT_NOT_FOUND",
                    }
                ),
                content_type="application/json",
            )
        return account

    def _account_ids(self, body: dict[str, Any]) -> list[int]:
        ids = body.get("email_account_ids")
        if not isinstance(ids, list) or not ids:
            raise web.HTTPBadRequest(
                text=json.dumps(joi_body('"email_account_ids" must not be empty', "ids")),
                content_type="application/json",
            )
        for account_id in ids:
            if account_id not in self.state.email_accounts:
                raise web.HTTPBadRequest(
                    text=json.dumps(
                        {"error": f"Email account id - {account_id} not allowed. Permission Error."}
                    ),
                    content_type="application/json",
                )
        return [int(account_id) for account_id in ids]
