"""FakeSmartlead: an in-process aiohttp server that behaves like SmartLead's API v1.

The routes live in one module per API area (``_campaign_routes``, ``_lead_routes``,
``_list_routes``, ``_account_routes``, ``_webhook_routes``, ``_inbox_routes``,
``_report_routes``); this module holds the server's life cycle and the
middlewares every request passes: request log, API key and rate windows, faults and latency.
"""

from __future__ import annotations

import asyncio
import collections
import json
import math
import random
import time
from collections.abc import Callable, Mapping, Sequence
from types import TracebackType
from typing import Self

import aiohttp
from aiohttp import web

from smartlead_async._json import JSON
from smartlead_async._ratelimit import RateLimit
from smartlead_async.testing._account_routes import AccountRoutes
from smartlead_async.testing._base import Handler
from smartlead_async.testing._campaign_routes import CampaignRoutes
from smartlead_async.testing._faults import FaultKind, Faults
from smartlead_async.testing._http import API_ROOT, answer, route_key
from smartlead_async.testing._inbox_routes import InboxRoutes
from smartlead_async.testing._lead_routes import LeadRoutes
from smartlead_async.testing._list_routes import ListRoutes
from smartlead_async.testing._report_routes import ReportRoutes
from smartlead_async.testing._state import FakeState, LoggedRequest
from smartlead_async.testing._webhook_routes import WebhookRoutes
from smartlead_async.testing._windows import SlidingWindows

__all__ = ["DEFAULT_TEST_API_KEY", "FakeSmartlead"]

DEFAULT_TEST_API_KEY = "test-api-key"
_FAULT = web.RequestKey("smartlead_fake.fault", str)  # which fault a request got, if any


class FakeSmartlead(
    CampaignRoutes,
    LeadRoutes,
    ListRoutes,
    AccountRoutes,
    WebhookRoutes,
    InboxRoutes,
    ReportRoutes,
):
    """A fake SmartLead API for tests, demos and benchmarks; no key, no network needed.

    Use it as an async context manager; it listens on a free loopback port::

        async with FakeSmartlead() as fake:
            async with SmartleadClient(fake.api_key, base_url=fake.base_url) as sl:
                await sl.campaigns.create(name="Q1")
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
        self._windows = SlidingWindows(rate_limits, clock)
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
        return [route_key(route) for route in self.app.router.routes() if route.method != "HEAD"]

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

    def _build_app(self) -> web.Application:
        app = web.Application(
            middlewares=[self._log_middleware, self._auth_middleware, self._fault_middleware]
        )
        routes = [
            *self._campaigns_routes(),
            *self._leads_routes(),
            *self._accounts_routes(),
            *self._webhooks_routes(),
            *self._lists_routes(),
            *self._inbox_routes(),
            *self._reports_routes(),
        ]
        for method, path, handler in routes:
            app.router.add_route(method, API_ROOT + path, handler)
        return app

    @web.middleware
    async def _log_middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        received_at = self._clock()
        body: JSON = None
        try:
            if request.body_exists:
                text = await request.text()  # a body over 1 MiB is refused here, with 413
                try:
                    body = json.loads(text) if text else None
                except ValueError:
                    body = text
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
            return answer({"message": "Invalid API Key"}, status=401)
        wait = self._windows.admit(key)
        if wait is not None:
            self.state.rate_limited += 1
            headers = {"Retry-After": str(math.ceil(wait))} if self.send_retry_after else None
            return answer({"error": "Rate limit exceeded - too many requests"}, 429, headers)
        return await handler(request)

    @web.middleware
    async def _fault_middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        key = route_key(request.match_info.route)
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
            return answer(body, status=fault.status, headers=headers)
        if fault is FaultKind.MAINTENANCE_PAGE:
            page = "<!DOCTYPE html><html><body><h1>Down for maintenance</h1></body></html>"
            return web.Response(status=200, text=page, content_type="application/json")
        if fault is FaultKind.HANG:
            self.state.hanging += 1
            try:
                # Until the client gives up or the server stops (aiohttp does not cancel a
                # handler when its client leaves, and would wait 60 s for it at shutdown).
                while self._runner is not None and not _closed(request):  # noqa: ASYNC110
                    await asyncio.sleep(0.02)
            finally:
                self.state.hanging -= 1
            return web.Response(status=599)
        if fault is FaultKind.LOST_RESPONSE:
            # Commit the handler's effects, then lose the answer.
            response = await handler(request)
        else:
            response = web.Response(status=599)
        if request.transport is not None:
            request.transport.abort()
        return response


def _closed(request: web.Request) -> bool:
    transport = request.transport
    return transport is None or transport.is_closing()
