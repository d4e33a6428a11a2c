"""The FastAPI integration: lifespan client, dependency, webhook router status codes."""

from __future__ import annotations

import json
from typing import Annotated

import httpx
import pytest
from fastapi import Depends, FastAPI

from smartlead_async import RateLimit, SmartleadClient
from smartlead_async.integrations.fastapi import (
    get_smartlead,
    smartlead_lifespan,
    smartlead_webhook_router,
)
from smartlead_async.testing import FakeSmartlead
from smartlead_async.webhooks import EmailOpened, WebhookDispatcher, WebhookEvent

from .helpers import API_KEY


def app_with(dispatcher: WebhookDispatcher, client_factory: object = None) -> FastAPI:
    lifespan = smartlead_lifespan(client_factory) if client_factory else None  # type: ignore[arg-type]
    app = FastAPI(lifespan=lifespan)
    app.include_router(smartlead_webhook_router("/hooks", dispatcher))

    @app.get("/campaign-count")
    async def count(sl: Annotated[SmartleadClient, Depends(get_smartlead)]) -> int:
        return len(await sl.campaigns.list())

    return app


async def test_router_answers_by_outcome() -> None:
    seen: list[WebhookEvent] = []
    dispatcher = WebhookDispatcher(secret="s")

    @dispatcher.on(EmailOpened)
    async def opened(event: WebhookEvent) -> None:
        if event.to_email == "boom@x.io":
            raise RuntimeError("handler bug with secret details")
        seen.append(event)

    transport = httpx.ASGITransport(app=app_with(dispatcher))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        ok = {"event_type": "EMAIL_OPEN", "to_email": "a@x.io", "secret_key": "s"}
        first = await http.post("/hooks", content=json.dumps(ok), headers={"X-Request-Id": "r1"})
        again = await http.post("/hooks", content=json.dumps(ok), headers={"X-Request-Id": "r1"})
        bad_secret = await http.post("/hooks", json={**ok, "secret_key": "nope"})
        malformed = await http.post("/hooks", content=b"{oops")
        failing = await http.post("/hooks", json={**ok, "to_email": "boom@x.io"})
    assert (first.status_code, first.json()["processed"]) == (200, 1)
    assert (again.status_code, again.json()["duplicates"]) == (200, 1)
    assert bad_secret.status_code == 401
    assert malformed.status_code == 400
    assert failing.status_code == 500
    assert "secret details" not in failing.text
    assert len(seen) == 1


async def test_lifespan_client_reaches_endpoints() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        fake.state.add_campaign("one")

        def factory() -> SmartleadClient:
            return SmartleadClient(API_KEY, base_url=fake.base_url, rate_limits=[RateLimit(100, 1)])

        app = app_with(WebhookDispatcher(), factory)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
                assert (await http.get("/campaign-count")).json() == 1
            client = app.state.smartlead
        assert client.closed


async def test_dependency_without_lifespan_is_a_clear_error() -> None:
    transport = httpx.ASGITransport(app=app_with(WebhookDispatcher()))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        with pytest.raises(RuntimeError, match="smartlead_lifespan"):
            await http.get("/campaign-count")
