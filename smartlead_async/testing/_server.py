"""FakeSmartlead: an in-process aiohttp server that behaves like SmartLead's API v1.

Requests pass, in order: the request log (a middleware), then per route the API key and rate
windows, the injected fault and latency, the check of the request against the route's
description, and the handler. Routes come from one table
(:data:`~smartlead_async.testing.routes.table.ROUTES`); state and rules live in the backend.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import math
import random
import re
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from functools import partial
from types import TracebackType
from typing import Self

import aiohttp
from aiohttp import web

from smartlead_async.testing._faults import FaultKind, Faults
from smartlead_async.testing._hosts import HOST_ROOTS, unauthorized_body
from smartlead_async.testing._json import JSON
from smartlead_async.testing._schema import check_body, check_query, keys_of
from smartlead_async.testing._seed import Seeder
from smartlead_async.testing._webhooks import ENVELOPES, build_payload, deliver
from smartlead_async.testing._windows import RateRule, SlidingWindows
from smartlead_async.testing.backend import (
    ApiError,
    FakeEmailAccount,
    FakeGlobalWebhook,
    FakeLead,
    FakeState,
    FakeWebhook,
    LoggedRequest,
    WebhookDelivery,
)
from smartlead_async.testing.backend.webhooks import ACCOUNT_EVENT_TYPES
from smartlead_async.testing.routes._base import Call, Handler, Route
from smartlead_async.testing.routes.legacy import body_shape, query_names
from smartlead_async.testing.routes.table import ROUTES

__all__ = ["DEFAULT_TEST_API_KEY", "FakeSmartlead"]

DEFAULT_TEST_API_KEY = "test-api-key"
_FAULT = web.RequestKey("smartlead_fake.fault", str)  # which fault a request got, if any
_HOST = web.RequestKey("smartlead_fake.host", str)
_PARAM = re.compile(r"\{(\w+)\}")
_Endpoint = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _answer(body: JSON, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.json_response(body, status=status, headers=headers)


class FakeSmartlead:
    """A fake SmartLead API for tests, demos and benchmarks; no key, no network needed.

    Use it as an async context manager; it listens on a free loopback port::

        async with FakeSmartlead() as fake:
            async with SmartleadClient(fake.api_key, base_url=fake.base_url) as sl:
                await sl.campaigns.create(name="Q1")
            assert fake.state.campaigns

    Every request is checked against the route's description as SmartLead's API reference
    gives it: a missing required key, a wrong type or a key the route does not take is answered
    400 with SmartLead's Joi body. Besides the endpoints, it offers strict sliding-window rate
    limits per key, seeded fault injection (:class:`Faults`, :meth:`set_route_faults`), latency
    with jitter, webhook emission to registered campaign webhooks (:meth:`emit`,
    :meth:`simulate_activity`), typed seeding (:attr:`seed`) and the other SmartLead hosts
    (:meth:`base_url_for`).

    Args:
        api_keys: Keys the fake accepts; any other gets 401 ``{"message": "Invalid API Key"}``.
        rate_limits: Strict sliding windows enforced per key (none by default); anything with
            ``requests`` and ``seconds`` (the SDK's ``RateLimit``). Exceeding one answers 429.
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
        check_requests: Check requests against the route descriptions (on by default).
        clock: Monotonic clock for the rate windows and cool-downs (inject one to control time).
        host: Interface to listen on.
        port: Port to listen on; 0 picks a free one.
    """

    def __init__(
        self,
        *,
        api_keys: Sequence[str] = (DEFAULT_TEST_API_KEY,),
        rate_limits: Sequence[RateRule] = (),
        send_retry_after: bool = True,
        latency: float = 0.0,
        latency_jitter: float = 0.0,
        faults: Faults = Faults(),  # noqa: B008 - frozen value object
        route_faults: Mapping[str, Faults] | None = None,
        seed: int | None = None,
        lead_credits: int | None = None,
        webhook_secret: str = "secretkey",
        signing_secret: str | None = None,
        check_requests: bool = True,
        clock: Callable[[], float] = time.monotonic,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        if not api_keys:
            raise ValueError("the fake needs at least one API key")
        if latency < 0 or latency_jitter < 0:
            raise ValueError("latency and latency_jitter must be >= 0")
        self.api_keys = tuple(api_keys)
        self.state = FakeState(lead_credits=lead_credits, clock=clock)
        #: Typed seeding helpers (records created directly, bypassing the API's checks).
        self.seed = Seeder(self.state)
        self.latency = latency
        self.latency_jitter = latency_jitter
        self.send_retry_after = send_retry_after
        self.faults = faults
        self.webhook_secret = webhook_secret
        self.signing_secret = signing_secret
        self.check_requests = check_requests
        self._rng = random.Random(seed)
        self._clock = clock
        self._windows = SlidingWindows(rate_limits, clock)
        self._host = host
        self._port = port
        self._runner: web.AppRunner | None = None
        self._webhook_session: aiohttp.ClientSession | None = None
        self._handlers: dict[str, Handler] = {}
        self.app = self._build_app()
        self.route_faults: dict[str, Faults] = {}
        for route, route_fault in (route_faults or {}).items():
            self.set_route_faults(route, route_fault)

    @property
    def routes(self) -> list[str]:
        """Every route the fake serves, as ``"METHOD /path/{param}"`` (the route table's keys)."""
        return list(ROUTES)

    def set_route_faults(self, route: str, faults: Faults) -> None:
        """Inject ``faults`` into one route only, e.g. ``"POST /campaigns/{campaign_id}/leads"``."""
        if route not in ROUTES:
            raise ValueError(f"unknown route {route!r}; known routes: {sorted(ROUTES)}")
        self.route_faults[route] = faults

    def set_handler(self, route: str, handler: Handler) -> None:
        """Serve one route with ``handler`` instead of the fake's own, to model a server
        behaviour the fake lacks. The request is still checked against the route's description
        first; ``handler`` gets the :class:`~smartlead_async.testing.routes.Call` and returns a
        JSON value (sent with 200) or an ``aiohttp.web.Response``."""
        if route not in ROUTES:
            raise ValueError(f"unknown route {route!r}; known routes: {sorted(ROUTES)}")
        self._handlers[route] = handler

    @property
    def api_key(self) -> str:
        """The first accepted API key."""
        return self.api_keys[0]

    @property
    def base_url(self) -> str:
        """The core API root to pass as ``SmartleadClient(base_url=...)``."""
        return self.base_url_for("core")

    @property
    def host_urls(self) -> dict[str, str]:
        """The product hosts' roots, to pass as ``SmartleadClient(host_urls=...)``."""
        return {host: self.base_url_for(host) for host in HOST_ROOTS if host != "core"}

    def base_url_for(self, host: str) -> str:
        """The root of one SmartLead host on the fake: ``core``, ``smart_delivery``,
        ``smart_senders`` or ``prospect``."""
        if host not in HOST_ROOTS:
            raise ValueError(f"unknown host {host!r}; known hosts: {sorted(HOST_ROOTS)}")
        if self._runner is None:
            raise RuntimeError("the fake server is not running; use `async with FakeSmartlead()`")
        return f"http://{self._host}:{self._port}{HOST_ROOTS[host]}"

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

    # Webhook emission.
    def _session(self) -> aiohttp.ClientSession:
        if self._webhook_session is None:
            raise RuntimeError("the fake server is not running")
        return self._webhook_session

    async def emit(
        self,
        event_type: str,
        *,
        campaign_id: int | None = None,
        lead_email: str | None = None,
        sequence_number: int = 1,
        extra: Mapping[str, JSON] | None = None,
        email_account_id: int | None = None,
        envelope: str | None = None,
    ) -> list[WebhookDelivery]:
        """POST ``event_type`` to every webhook subscribed to it; any of the 13 event types.

        * Lead events (``LEAD_EVENT_TYPES``: sent, first sent, open, click, reply, bounce,
          unsubscribe, category, manual step) need ``campaign_id`` and ``lead_email``;
          ``FIRST_EMAIL_SENT`` only exists for ``sequence_number`` 1.
        * ``CAMPAIGN_STATUS_CHANGED`` and ``UNTRACKED_REPLIES`` need ``campaign_id`` only.
        * ``EMAIL_ACCOUNT_DISCONNECTED`` (of ``email_account_id``, else the first mailbox) and
          ``LINKEDIN_DISCONNECTED`` go to the per-user disconnect hook,
          ``state.webhooks.disconnect_url`` (nowhere when it is ``None``), at level ``user``.

        Campaign events go to the campaign's webhooks subscribed to the type, at level
        ``campaign``. The body is SmartLead's flat payload (envelope, event fields, deprecated
        aliases); ``envelope="v2"`` wraps it as ``{id, type, created_at, data, links,
        meta{attempt, level}}``. By default ``EMAIL_ACCOUNT_DISCONNECTED`` uses the newer envelope
        (the only shape documented for it) and every other type the flat one.
        ``LEAD_CATEGORY_UPDATED`` only goes to webhooks whose ``categories`` name the new
        category (``Interested`` unless ``extra`` says otherwise) or that list none. A lead event
        is recorded first (statistics, analytics, master inbox), whoever receives it. Every
        delivery is recorded in ``state.webhook_deliveries`` and returned.
        """
        if envelope is None:
            envelope = "v2" if event_type == "EMAIL_ACCOUNT_DISCONNECTED" else "flat"
        if envelope not in ENVELOPES:
            raise ValueError(f"envelope must be one of {ENVELOPES}, not {envelope!r}")
        if event_type == "FIRST_EMAIL_SENT" and sequence_number != 1:
            raise ValueError("FIRST_EMAIL_SENT is only sent for sequence_number 1")
        session = self._session()
        # One event, one stats id, whichever webhooks receive it.
        stats_id = str(uuid.uuid4())
        if event_type in ACCOUNT_EVENT_TYPES:
            return await self._emit_account_event(
                event_type,
                session=session,
                stats_id=stats_id,
                email_account_id=email_account_id,
                extra=extra,
                envelope=envelope,
            )
        if campaign_id is None:
            raise ValueError(f"{event_type} needs campaign_id")
        campaign = self.state.campaigns.get(campaign_id)
        if campaign is None:
            raise KeyError(f"no campaign {campaign_id} in the fake")
        lead: FakeLead | None = None
        map_id: int | None = None
        if event_type not in ("CAMPAIGN_STATUS_CHANGED", "UNTRACKED_REPLIES"):
            email = (lead_email or "").strip().lower()
            lead, membership = self.state.leads.get(email), campaign.leads.get(email)
            if lead is None or membership is None:
                raise KeyError(f"{lead_email} is not a lead of campaign {campaign_id}")
            map_id = membership.map_id
            self.state.record_event(campaign, lead, event_type, sequence_number, stats_id)
        # Campaign webhooks, then the global (user-, client- or campaign-level) ones.
        targets: list[tuple[dict[str, JSON], str, Callable[[dict[str, JSON]], bool]]] = [
            (hook.to_wire(), "campaign", partial(_wants_category, hook))
            for hook in self.state.webhooks.of(campaign_id)
        ]
        targets += [
            (hook.to_wire(), hook.level, partial(_wants_category_id, hook))
            for hook in self.state.webhooks.global_for(event_type, campaign.id, campaign.client_id)
        ]
        deliveries = []
        for wire, level, wants in targets:
            payload = build_payload(
                event_type,
                webhook=wire,
                campaign=campaign,
                lead=lead,
                map_id=map_id,
                from_email=self.state.sender_of(campaign),
                secret_key=self.webhook_secret,
                sequence_number=sequence_number,
                stats_id=stats_id,
                extra=extra,
            )
            if not wants(payload):
                continue
            delivery = await deliver(
                session,
                url=str(wire["webhook_url"]),
                webhook_id=int(str(wire["id"])),
                payload=payload,
                signing_secret=self.signing_secret,
                envelope=envelope,
                level=level,
            )
            self.state.webhooks.deliveries.append(delivery)
            deliveries.append(delivery)
        return deliveries

    async def _emit_account_event(
        self,
        event_type: str,
        *,
        session: aiohttp.ClientSession,
        stats_id: str,
        email_account_id: int | None,
        extra: Mapping[str, JSON] | None,
        envelope: str,
    ) -> list[WebhookDelivery]:
        url = self.state.webhooks.disconnect_url
        account: FakeEmailAccount | None = None
        if event_type == "EMAIL_ACCOUNT_DISCONNECTED":
            if email_account_id is not None:
                account = self.state.email_accounts.get(email_account_id)
                if account is None:
                    raise KeyError(f"no email account {email_account_id} in the fake")
            else:
                account = next(iter(self.state.email_accounts.values()), None)
        if url is None:
            return []
        payload = build_payload(
            event_type,
            webhook=None,
            campaign=None,
            lead=None,
            map_id=None,
            from_email=account.from_email if account else "",
            secret_key=self.webhook_secret,
            stats_id=stats_id,
            extra=extra,
            account=account,
        )
        if account is None:
            del payload["from_email"]
        delivery = await deliver(
            session,
            url=url,
            webhook_id=None,
            payload=payload,
            signing_secret=self.signing_secret,
            envelope=envelope,
            level="user",
        )
        self.state.webhooks.deliveries.append(delivery)
        return [delivery]

    async def redeliver(self, delivery: WebhookDelivery) -> WebhookDelivery | None:
        """Post a failed delivery again (same request id and envelope id, next attempt);
        ``None`` when its webhook is gone."""
        url: str | None
        global_hook = self.state.webhooks.global_webhooks.get(delivery.webhook_id or -1)
        if delivery.webhook_id is None:
            url = self.state.webhooks.disconnect_url
        elif global_hook is not None:
            hook_url = global_hook.fields.get("webhook_url")
            url = hook_url if isinstance(hook_url, str) else None
        else:
            campaign_id = delivery.payload.get("campaign_id")
            hooks = self.state.webhooks.of(campaign_id) if isinstance(campaign_id, int) else []
            webhook = next((h for h in hooks if h.id == delivery.webhook_id), None)
            url = webhook.webhook_url if webhook else None
        if url is None:
            return None
        return await deliver(
            self._session(),
            url=url,
            webhook_id=delivery.webhook_id,
            payload=delivery.payload,
            signing_secret=self.signing_secret,
            request_id=delivery.request_id,
            envelope=delivery.envelope,
            level=delivery.level,
            attempt=delivery.attempt + 1,
            event_id=delivery.event_id,
        )

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

        Each lead gets ``EMAIL_SENT`` and ``FIRST_EMAIL_SENT`` (step 1); then, by the given
        shares, ``EMAIL_BOUNCE`` (and nothing else), ``EMAIL_OPEN``, ``EMAIL_LINK_CLICK`` (only
        after an open), ``EMAIL_REPLY`` and ``LEAD_UNSUBSCRIBED``. Lead states follow: sent
        leads go ``INPROGRESS``, bounced ones ``BLOCKED``, unsubscribed ones are flagged.
        """
        campaign = self.state.campaigns[campaign_id]
        deliveries: list[WebhookDelivery] = []
        for email, membership in list(campaign.leads.items()):
            events = ["EMAIL_SENT", "FIRST_EMAIL_SENT"]
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

    # The HTTP side.
    def _build_app(self) -> web.Application:
        app = web.Application(middlewares=[self._log_middleware])
        for key, route in ROUTES.items():
            method, path = key.split(" ", 1)
            # SmartLead ids are numbers; the digit pattern keeps /leads/fetch-categories apart
            # from /leads/{lead_id}.
            pattern = HOST_ROOTS[route.host] + _PARAM.sub(r"{\1:\\d+}", path)
            endpoint = self._endpoint(key, route)
            app.router.add_route(method, pattern, endpoint)
            # The live API routes with and without a trailing slash alike.
            twin = path[:-1] if path.endswith("/") else path + "/"
            if f"{method} {twin}" not in ROUTES and len(twin) > 1:
                app.router.add_route(
                    method, HOST_ROOTS[route.host] + _PARAM.sub(r"{\1:\\d+}", twin), endpoint
                )
        return app

    def _endpoint(self, key: str, route: Route) -> _Endpoint:
        async def endpoint(request: web.Request) -> web.StreamResponse:
            request[_HOST] = route.host
            return await self._serve(request, key, route)

        return endpoint

    async def _serve(self, request: web.Request, key: str, route: Route) -> web.StreamResponse:
        api_key = request.query.get("api_key", "")
        if api_key not in self.api_keys:
            return _answer(unauthorized_body(route.host), status=401)
        wait = self._windows.admit(api_key)
        if wait is not None:
            self.state.rate_limited += 1
            headers = {"Retry-After": str(math.ceil(wait))} if self.send_retry_after else None
            return _answer({"error": "Rate limit exceeded - too many requests"}, 429, headers)
        fault = self.route_faults.get(key, self.faults).pick(self._rng)
        delay = self.latency + self._rng.uniform(-self.latency_jitter, self.latency_jitter)
        if delay > 0:
            await asyncio.sleep(delay)
        if fault is None:
            return await self._handle(request, key, route)
        request[_FAULT] = fault.value
        if fault.status is not None:
            headers = (
                {"Retry-After": "1"}
                if fault is FaultKind.HTTP_429 and self.send_retry_after
                else None
            )
            return _answer({"error": f"Injected fault {fault.value}"}, fault.status, headers)
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
            response = await self._handle(request, key, route)
        else:
            response = web.Response(status=599)
        if request.transport is not None:
            request.transport.abort()
        return response

    async def _handle(self, request: web.Request, key: str, route: Route) -> web.StreamResponse:
        try:
            body = await _body(request)
            if self.check_requests:
                shape, names = body_shape(key, route), query_names(key, route)
                if names is not None:
                    check_query(names, request.query)
                if shape is not None:
                    check_body(shape, {} if body is None else body)
                if route.prose_body is not None and isinstance(body, dict):
                    inside = {name: body.get(name) for name in keys_of(route.prose_body)}
                    check_body(route.prose_body, inside)
            call = Call(
                state=self.state,
                server=self,
                params=dict(request.match_info),
                query={k: v for k, v in request.query.items() if k != "api_key"},
                body=body,
                api_key=request.query["api_key"],
            )
            result = self._handlers.get(key, route.handler)(call)
            reply = await result if inspect.isawaitable(result) else result
        except ApiError as refusal:
            return _answer(refusal.body, refusal.status)
        return reply if isinstance(reply, web.StreamResponse) else _answer(reply)

    @web.middleware
    async def _log_middleware(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        received_at = self._clock()
        logged: JSON = None
        try:
            if request.body_exists:
                text = await request.text()  # a body over 1 MiB is refused here, with 413
                try:
                    logged = json.loads(text) if text else None
                except ValueError:
                    logged = text
            response = await handler(request)
        except web.HTTPException as rejection:
            response = web.Response(
                status=rejection.status, text=rejection.text, content_type=rejection.content_type
            )
        fault = request.get(_FAULT)
        self.state.requests.append(
            LoggedRequest(
                request.method,
                request.path,
                {k: v for k, v in request.query.items() if k != "api_key"},
                logged,
                0 if fault == FaultKind.DROP.value else response.status,
                received_at,
                fault,
                request.get(_HOST, "core"),
            )
        )
        return response


async def _body(request: web.Request) -> JSON:
    if not request.body_exists:
        return None
    text = await request.text()
    if not text:
        return None
    try:
        parsed: JSON = json.loads(text)
    except ValueError:
        raise ApiError(400, {"error": "Invalid JSON body"}) from None
    return parsed


def _closed(request: web.Request) -> bool:
    transport = request.transport
    return transport is None or transport.is_closing()


def _wants_category(hook: FakeWebhook, payload: dict[str, JSON]) -> bool:
    """A campaign webhook's filter: its event types, and ``categories`` by name."""
    return hook.wants(str(payload["event_type"]), payload.get("category"))


def _wants_category_id(hook: FakeGlobalWebhook, payload: dict[str, JSON]) -> bool:
    """A global webhook's filter: its ``event_type_map``, and ``category_id_map`` by id."""
    return hook.wants(str(payload["event_type"]), payload.get("lead_category_id"))
