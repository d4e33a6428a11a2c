"""Mailbox and client routes of the fake."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from aiohttp import web

from smartlead_async._json import JSON
from smartlead_async.testing._base import FakeBase, Route
from smartlead_async.testing._http import (
    answer,
    joi_error,
    page_params,
)

_KEY_NAME = re.compile(r"^[A-Za-z0-9 _-]+$")
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
            ("POST", "/client/save", self._create_client),
            ("POST", "/client/api-key", self._create_api_key),
            ("GET", "/client/api-key", self._list_api_keys),
            ("DELETE", "/client/api-key/{key_id:\\d+}", self._delete_api_key),
            ("PUT", "/client/api-key/reset/{key_id:\\d+}", self._reset_api_key),
            ("POST", "/email-accounts/tag-manager", self._save_tag),
            ("POST", "/email-accounts/tag-mapping", self._map_tags),
            ("DELETE", "/email-accounts/tag-mapping", self._map_tags),
            ("POST", "/email-accounts/tag-list", self._tag_list),
            ("POST", "/email-accounts/multi/fetch-messages", self._fetch_many),
            ("POST", "/email-accounts/{account_id:\\d+}/fetch-messages", self._fetch_messages),
            ("DELETE", "/email-accounts/{account_id:\\d+}", self._delete_account),
            ("PUT", "/email-accounts/suspend/{account_id:\\d+}", self._suspend),
            ("DELETE", "/email-accounts/unsuspend/{account_id:\\d+}", self._suspend),
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

    async def _create_client(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        for key in ("name", "email"):
            if not body.get(key):
                return joi_error(f'"{key}" is required', key)
        if any(c["email"] == body["email"] for c in self.state.clients):
            return answer({"error": "Client with this email already exists"}, status=400)
        client = self.state.add_client(str(body["name"]), str(body["email"]))
        permission = body.get("permission") or ["reply_master_inbox"]
        client["client_permision"] = {"permission": permission, "retricted_category": []}
        return answer(
            {
                "ok": True,
                "clientId": client["id"],
                "name": client["name"],
                "email": client["email"],
                "password": body.get("password"),
            }
        )

    def _key_record(self, client_id: int, name: str) -> dict[str, JSON]:
        key_id = self.state.next_id()
        return {
            "id": key_id,
            "client_id": client_id,
            "key_name": name,
            "api_key": f"cl_live_{uuid.uuid4().hex}",
            "status": "active",
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
        }

    async def _create_api_key(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        client_id, name = body.get("clientId"), body.get("keyName")
        if not any(c["id"] == client_id for c in self.state.clients):
            return answer({"error": f"Invalid clientId - {client_id}"}, status=400)
        if not isinstance(name, str) or not _KEY_NAME.match(name):
            return joi_error('"keyName" may hold letters, digits, spaces, - and _', "keyName")
        record = self._key_record(int(str(client_id)), name)
        self.state.client_api_keys[int(str(record["id"]))] = record
        return answer({"ok": True, "data": record})

    async def _list_api_keys(self, request: web.Request) -> web.Response:
        query = request.query
        rows = [
            {**record, "api_key": None}  # values are shown only at creation and reset
            for record in self.state.client_api_keys.values()
            if (not query.get("clientId") or str(record["client_id"]) == query["clientId"])
            and (not query.get("status") or record["status"] == query["status"])
            and query.get("keyName", "").lower() in str(record["key_name"]).lower()
        ]
        return answer({"data": rows})

    def _existing_key(self, request: web.Request) -> dict[str, JSON]:
        record = self.state.client_api_keys.get(int(request.match_info["key_id"]))
        if record is None:
            raise web.HTTPNotFound(
                text='{"error": "API key not found"}', content_type="application/json"
            )
        return record

    async def _delete_api_key(self, request: web.Request) -> web.Response:
        record = self._existing_key(request)
        del self.state.client_api_keys[int(str(record["id"]))]
        return answer({"ok": True})

    async def _reset_api_key(self, request: web.Request) -> web.Response:
        record = self._existing_key(request)
        record["api_key"] = f"cl_live_{uuid.uuid4().hex}"
        return answer({"ok": True, "data": record})

    async def _save_tag(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        name, color = body.get("name"), body.get("color")
        if not isinstance(name, str) or not name or not isinstance(color, str):
            return joi_error('"name" and "color" are required', "name")
        tag_id = body.get("id")
        if tag_id is not None and tag_id not in self.state.tags:
            return answer({"error": "Tag not found"}, status=404)
        tag_id = int(tag_id) if tag_id is not None else self.state.next_id()
        self.state.tags[tag_id] = {"id": tag_id, "name": name, "color": color}
        return answer({"ok": True, "data": self.state.tags[tag_id]})

    async def _map_tags(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        accounts, tags = body.get("email_account_ids") or [], body.get("tag_ids") or []
        if not accounts or not tags:
            return joi_error('"email_account_ids" and "tag_ids" must not be empty', "tag_ids")
        pairs = {(int(a), int(t)) for a in accounts for t in tags if t in self.state.tags}
        if request.method == "DELETE":
            self.state.account_tags -= pairs
        else:
            self.state.account_tags |= pairs
        return answer({"ok": True, "data": {"affected": len(pairs)}})

    async def _tag_list(self, request: web.Request) -> web.Response:
        emails = (await self._body(request)).get("email_ids") or []
        rows: list[JSON] = []
        for account in self.state.email_accounts.values():
            if account["from_email"] in emails:
                account_id = int(str(account["id"]))
                tags: list[JSON] = [
                    self.state.tags[t]
                    for a, t in sorted(self.state.account_tags)
                    if a == account_id
                ]
                rows.append(
                    {
                        "email_account_id": account_id,
                        "from_email": account["from_email"],
                        "tags": tags,
                    }
                )
        return answer({"ok": True, "data": rows})

    async def _fetch_messages(self, request: web.Request) -> web.Response:
        self._existing_account(request)
        limit = (await self._body(request)).get("limit", 100)
        if not isinstance(limit, int) or not 1 <= limit <= 500:
            return joi_error('"limit" must be within 1..500', "limit")
        return answer({"ok": True, "data": {"messages": []}})

    async def _fetch_many(self, request: web.Request) -> web.Response:
        body = await request.json()
        if not isinstance(body, list) or not 1 <= len(body) <= 10:
            return joi_error("send 1 to 10 accounts", "accounts")
        results: list[JSON] = [
            {
                "account_id": item.get("account_id"),
                "success": item.get("account_id") in self.state.email_accounts,
                "messages": [],
            }
            for item in body
        ]
        return answer({"ok": True, "data": results})

    async def _delete_account(self, request: web.Request) -> web.Response:
        account = self._existing_account(request)
        del self.state.email_accounts[int(str(account["id"]))]
        return answer({"ok": True})

    async def _suspend(self, request: web.Request) -> web.Response:
        account = self._existing_account(request)
        account["is_suspended"] = "unsuspend" not in request.path
        return answer({"ok": True})
