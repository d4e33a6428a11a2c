"""Mailbox and client routes of the fake."""

from __future__ import annotations

import datetime as dt

from aiohttp import web

from smartlead_async._json import JSON
from smartlead_async.testing._base import FakeBase, Route
from smartlead_async.testing._http import (
    answer,
    joi_error,
    page_params,
)

_RECONNECTS_PER_DAY = 3
_DAY = 86_400.0


class AccountRoutes(FakeBase):
    """Mailbox and client routes of the fake."""

    def _accounts_routes(self) -> list[Route]:
        return [
            ("POST", "/campaigns/{campaign_id:\\d+}/email-accounts", self._add_campaign_accounts),
            (
                "DELETE",
                "/campaigns/{campaign_id:\\d+}/email-accounts",
                self._remove_campaign_accounts,
            ),
            ("POST", "/email-accounts/save", self._save_email_account),
            ("POST", "/email-accounts/{account_id:\\d+}", self._update_email_account),
            ("POST", "/email-accounts/{account_id:\\d+}/warmup", self._update_warmup),
            ("GET", "/email-accounts/{account_id:\\d+}/warmup-stats", self._warmup_stats),
            ("POST", "/email-accounts/{account_id:\\d+}/reconnect", self._reconnect_one),
            ("GET", "/campaigns/{campaign_id:\\d+}/email-accounts", self._campaign_accounts),
            ("POST", "/email-accounts/reconnect-failed-email-accounts", self._bulk_reconnect),
            ("GET", "/email-accounts/", self._list_email_accounts),
            ("GET", "/email-accounts/{account_id:\\d+}/", self._get_email_account),
            ("GET", "/client/", self._list_clients),
        ]

    async def _list_email_accounts(self, request: web.Request) -> web.Response:
        offset, limit = page_params(request, max_limit=100)
        accounts = list(self.state.email_accounts.values())
        return answer(accounts[offset : offset + limit])

    async def _get_email_account(self, request: web.Request) -> web.Response:
        account = self.state.email_accounts.get(int(request.match_info["account_id"]))
        if account is None:
            return answer({"error": "Email account not found"}, status=404)
        return answer(account)

    async def _campaign_accounts(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        ids = self.state.campaign_email_accounts.get(campaign.id, [])
        return answer([self.state.email_accounts[i] for i in ids])

    async def _add_campaign_accounts(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        ids = self._account_ids(await self._body(request))
        linked = self.state.campaign_email_accounts.setdefault(campaign.id, [])
        linked += [account_id for account_id in ids if account_id not in linked]
        now = dt.datetime.now(dt.UTC).isoformat()
        result = [
            {
                "id": self.state.next_id(),
                "email_campaign_id": campaign.id,
                "email_account_id": account_id,
                "updated_at": now,
            }
            for account_id in ids
        ]
        return answer({"ok": True, "result": result})

    async def _remove_campaign_accounts(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        ids = self._account_ids(await self._body(request))
        linked = self.state.campaign_email_accounts.get(campaign.id, [])
        removed = [account_id for account_id in linked if account_id in ids]
        self.state.campaign_email_accounts[campaign.id] = [i for i in linked if i not in ids]
        return answer({"ok": True, "result": len(removed)})

    async def _save_email_account(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        required = (
            "from_name",
            "from_email",
            "user_name",
            "password",
            "smtp_host",
            "smtp_port",
            "imap_host",
            "imap_port",
        )
        missing = [key for key in required if body.get(key) in (None, "")]
        if missing:
            return joi_error(f'"{missing[0]}" is required', missing[0])
        existing = next(
            (
                a
                for a in self.state.email_accounts.values()
                if a["from_email"] == body["from_email"]
            ),
            None,
        )
        if body.get("id") is None and existing is not None:
            return answer(
                {
                    "ok": False,
                    "message": "Email account already exists - pass its id to update it",
                    "errorCode": "ACCOUNT_ALREADY_EXIST",
                    "emailAccountId": existing["id"],
                },
                status=400,
            )
        fields: dict[str, JSON] = {
            "from_name": body["from_name"],
            "username": body["user_name"],
            "password": body["password"],
            "smtp_host": body["smtp_host"],
            "smtp_port": body["smtp_port"],
            "imap_host": body["imap_host"],
            "imap_port": body["imap_port"],
            "message_per_day": body.get("max_email_per_day", 40),
        }
        if body.get("id") is not None:
            account = self.state.email_accounts.get(int(body["id"]))
            if account is None:
                message = {
                    "ok": False,
                    "message": "Email account not found",
                    "errorCode": "ACCOUNT_NOT_FOUND",
                    "emailAccountId": body["id"],
                }
                return answer(message, status=404)
            account |= fields
        else:
            account = self.state.add_email_account(str(body["from_email"]), **fields)
        return answer(
            {
                "ok": True,
                "message": "Email account added/updated successfully!",
                "emailAccountId": account["id"],
                "warmupKey": f"warm-{account['id']}",
            }
        )

    async def _update_email_account(self, request: web.Request) -> web.Response:
        account = self._existing_account(request)
        body = await self._body(request)
        renames = {
            "max_email_per_day": "message_per_day",
            "custom_tracking_url": "custom_tracking_domain",
            "bcc": "bcc_email",
            "time_to_wait_in_mins": "minTimeToWaitInMins",
        }
        account |= {renames.get(key, key): value for key, value in body.items()}
        return answer(
            {
                "ok": True,
                "message": "Email account details updated successfully!",
                "emailAccountId": account["id"],
            }
        )

    async def _update_warmup(self, request: web.Request) -> web.Response:
        account = self._existing_account(request)
        body = await self._body(request)
        if not isinstance(body.get("warmup_enabled"), bool):
            return joi_error('"warmup_enabled" is required', "warmup_enabled")
        warmup = account.get("warmup_details")
        details: dict[str, JSON] = dict(warmup) if isinstance(warmup, dict) else {}
        details["status"] = "ACTIVE" if body["warmup_enabled"] else "INACTIVE"
        details |= {k: v for k, v in body.items() if k != "warmup_enabled"}
        account["warmup_details"] = details
        return answer(
            {
                "ok": True,
                "message": "Email warmup details updated successfully!",
                "emailAccountId": account["id"],
                "warmupKey": f"warm-{account['id']}",
            }
        )

    async def _warmup_stats(self, request: web.Request) -> web.Response:
        account = self._existing_account(request)
        today = dt.date.today()
        days = [
            {
                "id": i + 1,
                "date": str(today - dt.timedelta(days=6 - i)),
                "sent_count": 5,
                "reply_count": 2,
                "save_from_spam_count": 0,
            }
            for i in range(7)
        ]
        return answer(
            {
                "id": account["id"],
                "sent_count": "35",
                "spam_count": "0",
                "inbox_count": "35",
                "warmup_email_received_count": "14",
                "stats_by_date": days,
            }
        )

    async def _reconnect_one(self, request: web.Request) -> web.Response:
        account = self._existing_account(request)
        account["is_smtp_success"] = account["is_imap_success"] = True
        return answer({"ok": True, "message": "Email account reconnected"})

    async def _bulk_reconnect(self, request: web.Request) -> web.Response:
        # Limited to 3 calls per 24 h per key; over the limit the API answers 406 (with ok: true).
        calls = self._reconnects[request.query["api_key"]]
        now = self._clock()
        while calls and calls[0] <= now - _DAY:
            calls.popleft()
        if len(calls) >= _RECONNECTS_PER_DAY:
            message = "Bulk reconnect API cannot be consumed more than 3 times a day"
            return answer({"ok": True, "message": message}, status=406)
        calls.append(now)
        failed = [
            a
            for a in self.state.email_accounts.values()
            if a.get("is_smtp_success") is False or a.get("is_imap_success") is False
        ]
        if not failed:
            return answer({"ok": True, "message": "No failed email account found!"}, status=404)
        return answer(
            {
                "ok": True,
                "message": "Email account(s) added to the queue to reconnect. "
                "We will send you an email once completed.",
            }
        )

    async def _list_clients(self, request: web.Request) -> web.Response:
        return answer(self.state.clients)
