"""FakeSmartlead: an in-process aiohttp server that behaves like SmartLead's API v1."""

from __future__ import annotations

import asyncio
import collections
import csv
import datetime as dt
import io
import json
import math
import random
import re
import time
import zoneinfo
from collections.abc import Awaitable, Callable, Mapping, Sequence
from types import TracebackType
from typing import Any, Self

import aiohttp
from aiohttp import web

from smartlead_async._json import JSON
from smartlead_async._ratelimit import RateLimit
from smartlead_async._validation import (
    LEAD_FIELDS,
    MAX_CUSTOM_FIELDS,
    MAX_LEADS_PER_REQUEST,
    normalize_email,
)
from smartlead_async.errors import RequestValidationError
from smartlead_async.testing._faults import FaultKind, Faults
from smartlead_async.testing._state import (
    FakeCampaign,
    FakeCampaignLead,
    FakeLead,
    FakeState,
    LoggedRequest,
    WebhookDelivery,
)
from smartlead_async.testing._webhooks import EVENT_TYPES, build_payload, deliver

__all__ = ["DEFAULT_TEST_API_KEY", "FakeSmartlead"]

DEFAULT_TEST_API_KEY = "test-api-key"
API_ROOT = "/api/v1"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_CAMPAIGN_NOT_FOUND = {"error": "Campaign not found - Invalid campaign_id."}
_WRITE_STATUSES = {"START": "ACTIVE", "PAUSED": "PAUSED", "STOPPED": "STOPPED"}
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
_TIMEZONES = frozenset(zoneinfo.available_timezones())
_HOUR = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_TRACK_SETTINGS = frozenset(
    {"DONT_TRACK_EMAIL_OPEN", "DONT_TRACK_LINK_CLICK", "DONT_TRACK_REPLY_TO_AN_EMAIL"}
)
_STOP_LEAD_SETTINGS = frozenset({"REPLY_TO_AN_EMAIL", "CLICK_ON_A_LINK", "OPEN_AN_EMAIL"})
_RECONNECTS_PER_DAY = 3
_DAY = 86_400.0
_FAULT = web.RequestKey("smartlead_fake.fault", str)  # which fault a request got, if any


def _json(body: object, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.json_response(body, status=status, headers=headers)


def _joi_body(message: str, key: str) -> dict[str, JSON]:
    return {
        "statusCode": 400,
        "error": "Bad Request",
        "message": message,
        "validation": {"source": "payload", "keys": [key]},
    }


def _joi_error(message: str, key: str) -> web.Response:
    return _json(_joi_body(message, key), status=400)


def _page(request: web.Request, *, max_limit: int) -> tuple[int, int]:
    """offset/limit from the query, validated like the API (400 with a Joi body otherwise)."""
    try:
        offset = int(request.query.get("offset", "0"))
        limit = int(request.query.get("limit", str(max_limit)))
    except ValueError:
        offset, limit = -1, -1
    if offset < 0 or not 1 <= limit <= max_limit:
        raise web.HTTPBadRequest(
            text=json.dumps(_joi_body(f'"limit" must be within 1..{max_limit}', "limit")),
            content_type="application/json",
        )
    return offset, limit


def _route_key(route: web.AbstractRoute) -> str:
    """``"METHOD /path/{param}"`` relative to the API root: how faults name routes."""
    path = route.resource.canonical.removeprefix(API_ROOT) if route.resource else ""
    return f"{route.method} {path}"


class _SlidingWindows:
    """Strict sliding-window counters per API key: a request at ``t`` is refused when ``N``
    accepted requests already lie in ``(t - W, t]``. Refused requests are not counted."""

    def __init__(self, limits: Sequence[RateLimit], clock: Callable[[], float]) -> None:
        self._limits = tuple(limits)
        self._clock = clock
        self._accepted: dict[str, collections.deque[float]] = collections.defaultdict(
            collections.deque
        )

    def admit(self, key: str) -> float | None:
        """Record a request; return ``None`` if allowed, else seconds until it would be."""
        if not self._limits:
            return None
        now = self._clock()
        history = self._accepted[key]
        longest = max(rule.seconds for rule in self._limits)
        while history and history[0] <= now - longest:
            history.popleft()
        wait = 0.0
        for rule in self._limits:
            in_window = [t for t in history if t > now - rule.seconds]
            if len(in_window) >= rule.requests:
                wait = max(wait, in_window[-rule.requests] + rule.seconds - now)
        if wait > 0:
            return wait
        history.append(now)
        return None


class FakeSmartlead:
    """A fake SmartLead API for tests, demos and benchmarks; no key, no network needed.

    Use it as an async context manager; it listens on a free loopback port::

        async with FakeSmartlead() as fake:
            async with SmartleadClient(fake.api_key, base_url=fake.base_url) as sl:
                await sl.campaigns.create("Q1")
            assert fake.state.campaigns

    Besides the endpoints, it offers strict sliding-window rate limits per key, seeded fault
    injection (:class:`Faults`, :meth:`set_route_faults`), latency with jitter, and webhook
    emission to registered campaign webhooks (:meth:`emit`, :meth:`simulate_activity`).

    Args:
        api_keys: Keys the fake accepts; any other gets 401 ``{"message": "Invalid API Key"}``.
        rate_limits: Strict sliding windows enforced per key (none by default). Exceeding one
            answers 429.
        send_retry_after: Whether 429 answers carry ``Retry-After`` (the live API is inconsistent).
        latency: Seconds each request takes inside the server, after the rate check.
        latency_jitter: Each request's latency varies uniformly by up to this many seconds.
        faults: Faults injected into every route (see :class:`Faults`).
        route_faults: Faults for specific routes, replacing ``faults`` there. Keys name the route
            as ``"POST /campaigns/{campaign_id}/leads"``.
        seed: Seed of the random source behind faults, jitter and simulated activity.
        lead_credits: Leads the account may still import; past it add-leads reports
            ``is_lead_limit_exhausted`` (``None``: unlimited).
        webhook_secret: The ``secret_key`` put in every webhook body (the UI default is
            ``"secretkey"``).
        signing_secret: When set, webhook posts carry ``X-Smartlead-Signature`` (HMAC-SHA256).
        clock: Monotonic clock for the rate windows (inject one to control time in tests).
        host: Interface to listen on.
        port: Port to listen on; 0 picks a free one.
    """

    def __init__(
        self,
        *,
        api_keys: Sequence[str] = (DEFAULT_TEST_API_KEY,),
        rate_limits: Sequence[RateLimit] = (),
        send_retry_after: bool = True,
        latency: float = 0.0,
        latency_jitter: float = 0.0,
        faults: Faults = Faults(),  # noqa: B008 - frozen value object
        route_faults: Mapping[str, Faults] | None = None,
        seed: int | None = None,
        lead_credits: int | None = None,
        webhook_secret: str = "secretkey",
        signing_secret: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        if not api_keys:
            raise ValueError("the fake needs at least one API key")
        if latency < 0 or latency_jitter < 0:
            raise ValueError("latency and latency_jitter must be >= 0")
        self.api_keys = tuple(api_keys)
        self.state = FakeState(lead_credits=lead_credits)
        self.latency = latency
        self.latency_jitter = latency_jitter
        self.send_retry_after = send_retry_after
        self.faults = faults
        self.webhook_secret = webhook_secret
        self.signing_secret = signing_secret
        self._rng = random.Random(seed)
        self._clock = clock
        self._windows = _SlidingWindows(rate_limits, clock)
        self._reconnects: dict[str, collections.deque[float]] = collections.defaultdict(
            collections.deque
        )
        self._host = host
        self._port = port
        self._runner: web.AppRunner | None = None
        self._webhook_session: aiohttp.ClientSession | None = None
        self.app = self._build_app()
        self.route_faults: dict[str, Faults] = {}
        for route, route_fault in (route_faults or {}).items():
            self.set_route_faults(route, route_fault)

    @property
    def routes(self) -> list[str]:
        """Every route the fake serves, as ``"METHOD /path/{param}"``."""
        return [_route_key(route) for route in self.app.router.routes() if route.method != "HEAD"]

    def set_route_faults(self, route: str, faults: Faults) -> None:
        """Inject ``faults`` into one route only, e.g. ``"POST /campaigns/{campaign_id}/leads"``."""
        if route not in self.routes:
            raise ValueError(f"unknown route {route!r}; known routes: {sorted(self.routes)}")
        self.route_faults[route] = faults

    @property
    def api_key(self) -> str:
        """The first accepted API key."""
        return self.api_keys[0]

    @property
    def base_url(self) -> str:
        """The API root to pass as ``SmartleadClient(base_url=...)``."""
        if self._runner is None:
            raise RuntimeError("the fake server is not running; use `async with FakeSmartlead()`")
        return f"http://{self._host}:{self._port}{API_ROOT}"

    async def start(self) -> None:
        """Start listening (``async with`` does this)."""
        runner = web.AppRunner(self.app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self._host, self._port)
        await site.start()
        self._port = runner.addresses[0][1]
        self._runner = runner
        self._webhook_session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))

    async def stop(self) -> None:
        """Stop listening."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()
        session, self._webhook_session = self._webhook_session, None
        if session is not None:
            await session.close()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # -- plumbing ---------------------------------------------------------------------------

    def _build_app(self) -> web.Application:
        app = web.Application(
            middlewares=[self._log_middleware, self._auth_middleware, self._fault_middleware]
        )
        routes = [
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
            ("POST", "/campaigns/{campaign_id:\\d+}/leads", self._add_leads),
            ("GET", "/campaigns/{campaign_id:\\d+}/leads", self._list_campaign_leads),
            ("GET", "/campaigns/{campaign_id:\\d+}/email-accounts", self._campaign_accounts),
            ("GET", "/campaigns/{campaign_id:\\d+}/webhooks", self._list_webhooks),
            ("POST", "/campaigns/{campaign_id:\\d+}/webhooks", self._upsert_webhook),
            ("DELETE", "/campaigns/{campaign_id:\\d+}/webhooks", self._delete_webhook),
            ("GET", "/campaigns/{campaign_id:\\d+}/webhooks/summary", self._webhook_summary),
            (
                "POST",
                "/campaigns/{campaign_id:\\d+}/webhooks/retrigger-failed-events",
                self._retrigger_webhooks,
            ),
            ("POST", "/email-accounts/reconnect-failed-email-accounts", self._bulk_reconnect),
            ("GET", "/email-accounts/", self._list_email_accounts),
            ("GET", "/email-accounts/{account_id:\\d+}/", self._get_email_account),
            ("GET", "/client/", self._list_clients),
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
        for method, path, handler in routes:
            app.router.add_route(method, API_ROOT + path, handler)
        return app

    @web.middleware
    async def _log_middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        received_at = self._clock()
        body: JSON = None
        if request.body_exists:
            text = await request.text()
            try:
                body = json.loads(text) if text else None
            except ValueError:
                body = text
        try:
            response = await handler(request)
        except web.HTTPException as rejection:
            response = web.Response(
                status=rejection.status, text=rejection.text, content_type=rejection.content_type
            )
        query = {k: v for k, v in request.query.items() if k != "api_key"}
        fault = request.get(_FAULT)
        self.state.requests.append(
            LoggedRequest(
                request.method,
                request.path,
                query,
                body,
                0 if fault == FaultKind.DROP.value else response.status,
                received_at,
                fault,
            )
        )
        return response

    @web.middleware
    async def _auth_middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        key = request.query.get("api_key", "")
        if key not in self.api_keys:
            return _json({"message": "Invalid API Key"}, status=401)
        wait = self._windows.admit(key)
        if wait is not None:
            self.state.rate_limited += 1
            headers = {"Retry-After": str(math.ceil(wait))} if self.send_retry_after else None
            return _json({"error": "Rate limit exceeded - too many requests"}, 429, headers)
        return await handler(request)

    @web.middleware
    async def _fault_middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        key = _route_key(request.match_info.route)
        fault = self.route_faults.get(key, self.faults).pick(self._rng)
        delay = self.latency + self._rng.uniform(-self.latency_jitter, self.latency_jitter)
        if delay > 0:
            await asyncio.sleep(delay)
        if fault is None:
            return await handler(request)
        request[_FAULT] = fault.value
        if fault.status is not None:
            headers = (
                {"Retry-After": "1"}
                if fault is FaultKind.HTTP_429 and self.send_retry_after
                else None
            )
            body = {"error": f"Injected fault {fault.value}"}
            return _json(body, status=fault.status, headers=headers)
        if fault is FaultKind.LOST_RESPONSE:
            # Commit the handler's effects, then lose the answer.
            response = await handler(request)
        else:
            response = web.Response(status=599)
        if request.transport is not None:
            request.transport.abort()
        return response

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
                text=json.dumps(_CAMPAIGN_NOT_FOUND), content_type="application/json"
            )
        return campaign

    # -- campaigns --------------------------------------------------------------------------

    async def _list_campaigns(self, request: web.Request) -> web.Response:
        client_id = request.query.get("client_id")
        campaigns = [
            c.to_wire(self.state.user_id)
            for c in self.state.campaigns.values()
            if client_id is None or str(c.client_id) == client_id
        ]
        return _json(list(campaigns))

    async def _create_campaign(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        name = body.get("name")
        if not isinstance(name, str):
            return _joi_error('"name" is required', "name")
        campaign = self.state.add_campaign(name, body.get("client_id"))
        return _json(
            {
                "ok": True,
                "id": campaign.id,
                "name": campaign.name,
                "created_at": campaign.created_at,
            }
        )

    async def _get_campaign(self, request: web.Request) -> web.Response:
        campaign = self._campaign(request)
        # The live API answers a missing campaign with 200 and an empty object (catalog 2.2).
        return _json(campaign.to_wire(self.state.user_id) if campaign else {})

    async def _delete_campaign(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        del self.state.campaigns[campaign.id]
        return _json({"ok": True})

    async def _update_status(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        status = (await self._body(request)).get("status")
        if status not in _WRITE_STATUSES:
            return _joi_error('"status" must be one of [START, PAUSED, STOPPED]', "status")
        if campaign.status == "STOPPED":
            return _json({"error": "Campaign is stopped and cannot be changed"}, status=400)
        senders = self.state.campaign_email_accounts.get(campaign.id)
        if status == "START" and not (campaign.schedule and campaign.sequences and senders):
            message = "Campaign needs a schedule, a sequence and at least one email account"
            return _json({"error": message}, status=400)
        campaign.status = _WRITE_STATUSES[status]
        return _json({"ok": True})

    async def _update_schedule(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        body = await self._body(request)
        timezone = body.get("timezone")
        if not isinstance(timezone, str) or timezone not in _TIMEZONES:
            return _json({"error": f"Invalid timezone - {timezone}"}, status=400)
        start, end = body.get("start_hour"), body.get("end_hour")
        for name, hour in (("start_hour", start), ("end_hour", end)):
            if not isinstance(hour, str) or not _HOUR.match(hour):
                return _json({"error": f"Invalid {name} - {hour}"}, status=400)
        if str(start) > str(end):
            return _json({"error": "startHour cannot be greater that endHour"}, status=400)
        if "client_id" in body:
            return _joi_error('"client_id" is not allowed', "client_id")
        campaign.schedule = body
        return _json({"ok": True})

    async def _update_settings(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        body = await self._body(request)
        for value in body.get("track_settings") or []:
            if value not in _TRACK_SETTINGS:
                return _json({"error": f"Invalid track_settings value - {value}"}, status=400)
        stop = body.get("stop_lead_settings")
        if stop is not None and stop not in _STOP_LEAD_SETTINGS:
            return _json({"error": f"Invalid stop_lead_settings value - {stop}"}, status=400)
        campaign.settings |= body
        return _json({"ok": True})

    async def _get_sequences(self, request: web.Request) -> web.Response:
        return _json(self._existing_campaign(request).sequences)

    async def _save_sequences(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        if campaign.status == "ACTIVE":
            return _json({"error": "Pause the campaign before editing its sequence"}, 400)
        steps = (await self._body(request)).get("sequences")
        if not isinstance(steps, list):
            return _joi_error('"sequences" must be an array', "sequences")
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
        return _json({"ok": True, "data": "success"})

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
        return _json(self._analytics_of(self._existing_campaign(request)))

    async def _analytics_by_date(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        try:
            start = dt.date.fromisoformat(request.query["start_date"])
            end = dt.date.fromisoformat(request.query["end_date"])
        except (KeyError, ValueError):
            return _joi_error('"start_date" and "end_date" are required dates', "start_date")
        if not 0 <= (end - start).days <= 30:
            message = (
                "Invalid start_date & end_date range. Date difference should be max of 30days."
            )
            return _json({"error": message}, status=400)
        return _json(
            self._analytics_of(campaign) | {"start_date": str(start), "end_date": str(end)}
        )

    async def _statistics(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        offset, limit = _page(request, max_limit=1000)
        status = request.query.get("email_status")
        flag = {
            "opened": "open_time",
            "clicked": "click_time",
            "replied": "reply_time",
            "bounced": "is_bounced",
            "unsubscribed": "is_unsubscribed",
        }.get(status or "")
        rows = [row for row in campaign.statistics.values() if flag is None or row.get(flag)]
        return _json(
            {
                "total_stats": str(len(rows)),
                "offset": offset,
                "limit": limit,
                "data": rows[offset : offset + limit],
            }
        )

    # -- leads ------------------------------------------------------------------------------

    async def _add_leads(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        body = await self._body(request)
        lead_list = body.get("lead_list")
        settings = body.get("settings") or {}
        if not isinstance(lead_list, list) or not lead_list:
            return _joi_error('"lead_list" must contain at least 1 item', "lead_list")
        if len(lead_list) > MAX_LEADS_PER_REQUEST:
            return _joi_error(
                f'"lead_list" must contain less than or equal to {MAX_LEADS_PER_REQUEST} items',
                "lead_list",
            )
        for row in lead_list:
            if not isinstance(row, dict) or set(row) - LEAD_FIELDS:
                return _joi_error('"lead_list" contains an unknown field', "lead_list")
            if len(row.get("custom_fields") or {}) > MAX_CUSTOM_FIELDS:
                return _json({"error": "custom_fields can have at most 20 keys"}, status=400)
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
        return _json(
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
        offset, limit = _page(request, max_limit=100)
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
        return _json(
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

    # -- email accounts, webhooks, clients ---------------------------------------------------

    async def _list_email_accounts(self, request: web.Request) -> web.Response:
        offset, limit = _page(request, max_limit=100)
        accounts = list(self.state.email_accounts.values())
        return _json(accounts[offset : offset + limit])

    async def _get_email_account(self, request: web.Request) -> web.Response:
        account = self.state.email_accounts.get(int(request.match_info["account_id"]))
        if account is None:
            return _json({"error": "Email account not found"}, status=404)
        return _json(account)

    async def _campaign_accounts(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        ids = self.state.campaign_email_accounts.get(campaign.id, [])
        return _json([self.state.email_accounts[i] for i in ids])

    async def _list_webhooks(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        return _json(self.state.webhooks.get(campaign.id, []))

    def _account_ids(self, body: dict[str, Any]) -> list[int]:
        ids = body.get("email_account_ids")
        if not isinstance(ids, list) or not ids:
            raise web.HTTPBadRequest(
                text=json.dumps(_joi_body('"email_account_ids" must not be empty', "ids")),
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
        return _json({"ok": True, "result": result})

    async def _remove_campaign_accounts(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        ids = self._account_ids(await self._body(request))
        linked = self.state.campaign_email_accounts.get(campaign.id, [])
        removed = [account_id for account_id in linked if account_id in ids]
        self.state.campaign_email_accounts[campaign.id] = [i for i in linked if i not in ids]
        return _json({"ok": True, "result": len(removed)})

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
            return _joi_error(f'"{missing[0]}" is required', missing[0])
        existing = next(
            (
                a
                for a in self.state.email_accounts.values()
                if a["from_email"] == body["from_email"]
            ),
            None,
        )
        if body.get("id") is None and existing is not None:
            return _json(
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
                return _json(message, status=404)
            account |= fields
        else:
            account = self.state.add_email_account(str(body["from_email"]), **fields)
        return _json(
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
        return _json(
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
            return _joi_error('"warmup_enabled" is required', "warmup_enabled")
        warmup = account.get("warmup_details")
        details: dict[str, JSON] = dict(warmup) if isinstance(warmup, dict) else {}
        details["status"] = "ACTIVE" if body["warmup_enabled"] else "INACTIVE"
        details |= {k: v for k, v in body.items() if k != "warmup_enabled"}
        account["warmup_details"] = details
        return _json(
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
        return _json(
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
        return _json({"ok": True, "message": "Email account reconnected"})

    async def _upsert_webhook(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        body = await self._body(request)
        url = body.get("webhook_url")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            return _json({"error": f"Invalid webhook_url - {url}"}, status=400)
        event_types = body.get("event_types") or []
        unknown = [e for e in event_types if e not in EVENT_TYPES]
        if not isinstance(event_types, list) or not event_types or unknown:
            return _json({"error": f"Invalid event_types - {unknown or event_types}"}, status=400)
        hooks = self.state.webhooks.setdefault(campaign.id, [])
        existing = next((h for h in hooks if h["id"] == body.get("id")), None)
        if body.get("id") is not None and existing is None:
            return _json({"error": "Webhook not found"}, status=404)
        if existing is None:
            existing = self.state.add_webhook(campaign.id, str(body.get("name") or ""), url, [])
        existing |= {
            "name": body.get("name", existing["name"]),
            "webhook_url": url,
            "event_types": list(event_types),
            "categories": list(body.get("categories") or []),
            "updated_at": dt.datetime.now(dt.UTC).isoformat(),
        }
        echo = {k: existing[k] for k in ("name", "webhook_url", "event_types", "categories")}
        return _json({"ok": True, "id": existing["id"], "email_campaign_id": campaign.id, **echo})

    async def _delete_webhook(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        webhook_id = (await self._body(request)).get("id")
        hooks = self.state.webhooks.get(campaign.id, [])
        remaining = [h for h in hooks if h["id"] != webhook_id]
        if len(remaining) == len(hooks):
            return _json({"error": "Webhook not found"}, status=404)
        self.state.webhooks[campaign.id] = remaining
        return _json({"ok": True})

    def _deliveries_of(self, campaign: FakeCampaign) -> list[WebhookDelivery]:
        return [
            d for d in self.state.webhook_deliveries if d.payload.get("campaign_id") == campaign.id
        ]

    async def _webhook_summary(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        for delivery in self._deliveries_of(campaign):
            ok = delivery.status is not None and delivery.status < 400
            counts[delivery.event_type]["sent"] += 1
            counts[delivery.event_type]["success" if ok else "failed"] += 1
        summary = [{"event_type": event, **dict(c)} for event, c in sorted(counts.items())]
        time_range = {"from": request.query.get("fromTime"), "to": request.query.get("toTime")}
        return _json({"data": {"summary": summary, "timeRange": time_range}})

    async def _retrigger_webhooks(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        failed = [d for d in self._deliveries_of(campaign) if d.status is None or d.status >= 400]
        hooks = {h["id"]: h for h in self.state.webhooks.get(campaign.id, [])}
        if self._webhook_session is None:
            raise RuntimeError("the fake server is not running")
        for delivery in failed:
            webhook = hooks.get(delivery.webhook_id)
            if webhook is not None:
                retried = await deliver(
                    self._webhook_session,
                    webhook=webhook,
                    payload=delivery.payload,
                    signing_secret=self.signing_secret,
                )
                self.state.webhook_deliveries.append(retried)
        return _json({"ok": True, "message": f"{len(failed)} events queued for retry"})

    async def _bulk_reconnect(self, request: web.Request) -> web.Response:
        # Limited to 3 calls per 24 h per key; over the limit the API answers 406 (with ok: true).
        calls = self._reconnects[request.query["api_key"]]
        now = self._clock()
        while calls and calls[0] <= now - _DAY:
            calls.popleft()
        if len(calls) >= _RECONNECTS_PER_DAY:
            message = "Bulk reconnect API cannot be consumed more than 3 times a day"
            return _json({"ok": True, "message": message}, status=406)
        calls.append(now)
        failed = [
            a
            for a in self.state.email_accounts.values()
            if a.get("is_smtp_success") is False or a.get("is_imap_success") is False
        ]
        if not failed:
            return _json({"ok": True, "message": "No failed email account found!"}, status=404)
        return _json(
            {
                "ok": True,
                "message": "Email account(s) added to the queue to reconnect. "
                "We will send you an email once completed.",
            }
        )

    async def _list_clients(self, request: web.Request) -> web.Response:
        return _json(self.state.clients)

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

    async def _get_lead(self, request: web.Request) -> web.Response:
        lead = self.state.lead_by_id(int(request.match_info["lead_id"]))
        return _json({"data": [self.state.lead_to_wire(lead)] if lead else []})

    async def _lead_campaigns(self, request: web.Request) -> web.Response:
        lead = self.state.lead_by_id(int(request.match_info["lead_id"]))
        if lead is None:
            return _json({"error": "Lead not found - Invalid lead_id."}, status=404)
        return _json(
            [
                {"id": c.id, "status": c.status, "name": c.name}
                for c in self.state.campaigns.values()
                if lead.email in c.leads
            ]
        )

    async def _unsubscribe_lead(self, request: web.Request) -> web.Response:
        lead = self.state.lead_by_id(int(request.match_info["lead_id"]))
        if lead is None:
            return _json({"error": "Lead not found - Invalid lead_id."}, status=404)
        lead.is_unsubscribed = True
        return _json({"ok": True})

    async def _update_lead(self, request: web.Request) -> web.Response:
        _, lead, _ = self._membership_of(request)
        body = await self._body(request)
        if not isinstance(body.get("email"), str):
            return _joi_error('"email" is required', "email")
        if set(body) - LEAD_FIELDS:
            return _joi_error("unknown lead field", "lead")
        lead.fields |= {k: v for k, v in body.items() if k != "email"}
        return _json({"ok": True})

    async def _delete_lead(self, request: web.Request) -> web.Response:
        campaign, lead, _ = self._membership_of(request)
        del campaign.leads[lead.email]
        # The live API answers the bare text "success" here (catalog 4.10).
        return web.Response(text="success", content_type="text/plain")

    async def _lead_action(self, request: web.Request) -> web.Response:
        _, _, membership = self._membership_of(request)
        action = request.match_info["action"]
        body = await self._body(request) if request.body_exists else {}
        if action == "pause":
            membership.status = "PAUSED"
            return _json({"ok": True, "data": "success"})
        if action == "resume":
            membership.status = "INPROGRESS"
            return _json({"ok": True, "data": "success"})
        if action == "unsubscribe":
            membership.status = "STOPPED"
            return _json({"ok": True})
        if action == "category":
            category = body.get("category_id")
            if category is not None and category not in {c["id"] for c in _CATEGORIES}:
                return _json({"error": f"Invalid category_id - {category}"}, status=400)
            membership.lead_category_id = category
            if body.get("pause_lead"):
                membership.status = "PAUSED"
            return _json({"ok": True})
        raise web.HTTPNotFound()

    async def _manual_complete(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        map_id = int(request.match_info["map_id"])
        membership = next((m for m in campaign.leads.values() if m.map_id == map_id), None)
        if membership is None:
            return _json({"error": "Lead not found - Invalid campaign_lead_map_id."}, 404)
        membership.status = "COMPLETED"
        return _json({"ok": True, "status": {"isLastSequence": True, "nextSequence": None}})

    async def _message_history(self, request: web.Request) -> web.Response:
        _, lead, _ = self._membership_of(request)
        return _json({"history": [], "from": "sender@outbound.example", "to": lead.email})

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
        return _json(_CATEGORIES)

    async def _add_block_list(self, request: web.Request) -> web.Response:
        entries = (await self._body(request)).get("domain_block_list")
        if not isinstance(entries, list) or not entries:
            return _joi_error(
                '"domain_block_list" must contain at least 1 item', "domain_block_list"
            )
        new = {str(entry).strip().lower() for entry in entries} - self.state.block_list
        self.state.block_list |= new
        return _json({"uploadCount": len(new), "totalDomainAdded": len(new)})

    async def _get_block_list(self, request: web.Request) -> web.Response:
        offset, limit = _page(request, max_limit=1000)
        needle = request.query.get("filter_email_or_domain", "").lower()
        rows = [e for e in self.state.block_list_entries() if needle in str(e["email_or_domain"])]
        return _json(rows[offset : offset + limit])

    async def _delete_block_list(self, request: web.Request) -> web.Response:
        entry_id = request.query.get("id", "")
        value = next((v for v, i in self.state.block_list_ids.items() if str(i) == entry_id), None)
        if value is None or value not in self.state.block_list:
            return _json({"error": "Block list entry not found"}, status=404)
        self.state.block_list.discard(value)
        return _json({"ok": True})

    async def _lead_by_email(self, request: web.Request) -> web.Response:
        email = request.query.get("email", "").strip().lower()
        lead = self.state.leads.get(email)
        if lead is None:
            return _json({})
        wire = self.state.lead_to_wire(lead)
        wire["id"] = str(lead.id)  # this route serialises the id as a string (catalog 4.3)
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
        return _json(wire)

    # -- webhook emission -------------------------------------------------------------------

    async def emit(
        self,
        event_type: str,
        *,
        campaign_id: int,
        lead_email: str,
        sequence_number: int = 1,
        extra: Mapping[str, JSON] | None = None,
    ) -> list[WebhookDelivery]:
        """POST ``event_type`` for one lead to every webhook of the campaign subscribed to it.

        The body is the flat payload of catalog section 9 (envelope, event fields, deprecated
        aliases). ``LEAD_CATEGORY_UPDATED`` only goes to webhooks whose ``categories`` name the new
        category (``Interested`` unless ``extra`` says otherwise) or that list none. Every delivery
        is recorded in ``state.webhook_deliveries`` and returned.
        """
        campaign = self.state.campaigns.get(campaign_id)
        if campaign is None:
            raise KeyError(f"no campaign {campaign_id} in the fake")
        email = lead_email.strip().lower()
        lead, membership = self.state.leads.get(email), campaign.leads.get(email)
        if lead is None or membership is None:
            raise KeyError(f"{lead_email} is not a lead of campaign {campaign_id}")
        if self._webhook_session is None:
            raise RuntimeError("the fake server is not running")
        self._record_statistic(campaign, lead, event_type, sequence_number)
        accounts = self.state.campaign_email_accounts.get(campaign_id, [])
        sender = (
            str(self.state.email_accounts[accounts[0]]["from_email"])
            if accounts
            else "sender@outbound.example"
        )
        deliveries = []
        for webhook in self.state.webhooks.get(campaign_id, []):
            subscribed = webhook.get("event_types")
            if not isinstance(subscribed, list) or event_type not in subscribed:
                continue
            payload = build_payload(
                event_type,
                webhook=webhook,
                campaign=campaign,
                lead=lead,
                map_id=membership.map_id,
                from_email=sender,
                secret_key=self.webhook_secret,
                sequence_number=sequence_number,
                extra=extra,
            )
            categories = webhook.get("categories")
            if (
                event_type == "LEAD_CATEGORY_UPDATED"
                and isinstance(categories, list)
                and categories
                and payload.get("category") not in categories
            ):
                continue
            delivery = await deliver(
                self._webhook_session,
                webhook=webhook,
                payload=payload,
                signing_secret=self.signing_secret,
            )
            self.state.webhook_deliveries.append(delivery)
            deliveries.append(delivery)
        return deliveries

    def _record_statistic(
        self, campaign: FakeCampaign, lead: FakeLead, event_type: str, sequence_number: int
    ) -> None:
        """Keep ``GET /statistics`` and analytics in step with emitted events."""
        now = dt.datetime.now(dt.UTC).isoformat()
        row = campaign.statistics.setdefault(
            lead.email,
            {
                "lead_name": lead.fields.get("first_name"),
                "lead_email": lead.email,
                "lead_category": None,
                "sequence_number": sequence_number,
                "email_campaign_seq_id": None,
                "seq_variant_id": None,
                "email_subject": "",
                "email_message": "",
                "sent_time": now,
                "open_time": None,
                "click_time": None,
                "reply_time": None,
                "open_count": 0,
                "click_count": 0,
                "is_unsubscribed": False,
                "is_bounced": False,
            },
        )
        if event_type == "EMAIL_OPEN":
            row["open_time"] = now
            row["open_count"] = int(str(row["open_count"])) + 1
        elif event_type == "EMAIL_LINK_CLICK":
            row["click_time"] = now
            row["click_count"] = int(str(row["click_count"])) + 1
        elif event_type == "EMAIL_REPLY":
            row["reply_time"] = now
        elif event_type == "EMAIL_BOUNCE":
            row["is_bounced"] = True
        elif event_type == "LEAD_UNSUBSCRIBED":
            row["is_unsubscribed"] = True

    async def simulate_activity(
        self,
        campaign_id: int,
        *,
        open_rate: float = 0.6,
        click_rate: float = 0.2,
        reply_rate: float = 0.1,
        unsubscribe_rate: float = 0.0,
        bounce_rate: float = 0.0,
    ) -> list[WebhookDelivery]:
        """Send step 1 to every lead of a campaign and emit what follows, from the seeded source.

        Each lead gets ``EMAIL_SENT``; then, by the given shares, ``EMAIL_BOUNCE`` (and nothing
        else), ``EMAIL_OPEN``, ``EMAIL_LINK_CLICK`` (only after an open), ``EMAIL_REPLY`` and
        ``LEAD_UNSUBSCRIBED``. Lead states follow: sent leads go ``INPROGRESS``, bounced ones
        ``BLOCKED``, unsubscribed ones are flagged.
        """
        campaign = self.state.campaigns[campaign_id]
        deliveries: list[WebhookDelivery] = []
        for email, membership in list(campaign.leads.items()):
            events = ["EMAIL_SENT"]
            membership.status = "INPROGRESS"
            if self._rng.random() < bounce_rate:
                events.append("EMAIL_BOUNCE")
                membership.status = "BLOCKED"
            else:
                if self._rng.random() < open_rate:
                    events.append("EMAIL_OPEN")
                    if self._rng.random() < click_rate:
                        events.append("EMAIL_LINK_CLICK")
                if self._rng.random() < reply_rate:
                    events.append("EMAIL_REPLY")
                if self._rng.random() < unsubscribe_rate:
                    events.append("LEAD_UNSUBSCRIBED")
                    self.state.leads[email].is_unsubscribed = True
            for event_type in events:
                deliveries += await self.emit(event_type, campaign_id=campaign_id, lead_email=email)
        return deliveries
