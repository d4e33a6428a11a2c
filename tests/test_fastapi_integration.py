"""The FastAPI integration: lifespan client, dependency, model responses, webhook router."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import warnings
from collections.abc import Callable
from typing import Annotated

import httpx
import pytest
from fastapi import Depends, FastAPI
from starlette.exceptions import StarletteDeprecationWarning

from smartlead_async import RateLimit, SmartleadClient
from smartlead_async.integrations.fastapi import (
    ModelResponse,
    get_smartlead,
    smartlead_lifespan,
    smartlead_webhook_router,
)
from smartlead_async.models import Campaign
from smartlead_async.testing import FakeSmartlead
from smartlead_async.webhooks import (
    EmailOpened,
    EmailReplied,
    WebhookDispatcher,
    WebhookEvent,
    parse_event,
)

from .helpers import API_KEY

with warnings.catch_warnings():
    # Starlette warns on import that it prefers httpx2, which this project does not install.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient


def app_with(
    dispatcher: WebhookDispatcher, client_factory: Callable[[], SmartleadClient] | None = None
) -> FastAPI:
    lifespan = smartlead_lifespan(client_factory) if client_factory else None
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


Smartlead = Annotated[SmartleadClient, Depends(get_smartlead)]


def models_app(factory: Callable[[], SmartleadClient]) -> FastAPI:
    app = FastAPI(lifespan=smartlead_lifespan(factory))

    @app.get("/campaigns")
    async def campaigns(sl: Smartlead) -> ModelResponse:
        return ModelResponse(await sl.campaigns.list())

    @app.get("/campaigns/{campaign_id}")
    async def campaign(campaign_id: int, sl: Smartlead) -> ModelResponse:
        return ModelResponse(await sl.campaigns.get(campaign_id))

    # Unannotated on purpose, as users write it: FastAPI then has no response model to go by.
    @app.get("/naive")
    async def naive(sl: Smartlead):  # type: ignore[no-untyped-def]
        return await sl.campaigns.list()

    @app.post("/echo-reply", status_code=202)
    async def echo(body: dict[str, object]) -> ModelResponse:
        return ModelResponse(parse_event(body), status_code=202)

    return app


async def test_handlers_answer_models_and_lists_of_models_as_wire_json() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        fake.state.add_campaign("one")
        fake.state.add_campaign("two")

        def factory() -> SmartleadClient:
            return SmartleadClient(API_KEY, base_url=fake.base_url, rate_limits=[RateLimit(100, 1)])

        async with factory() as direct:
            expected = list(await direct.campaigns.list())

        def call_app() -> dict[str, httpx.Response]:
            # TestClient runs the app on its own loop, in this worker thread, while the fake
            # keeps serving on the test's loop.
            with TestClient(models_app(factory), raise_server_exceptions=False) as http:
                first_id = expected[0].id
                return {
                    "list": http.get("/campaigns"),
                    "one": http.get(f"/campaigns/{first_id}"),
                    "naive": http.get("/naive"),
                    "reply": http.post(
                        "/echo-reply",
                        json={
                            "event_type": "EMAIL_REPLY",
                            "event_timestamp": "2025-03-01T09:30:00Z",
                            "leadCorrespondence": {"targetLeadEmail": "a@x.io"},
                            "brand_new": [1],
                        },
                    ),
                }

        answers = await asyncio.to_thread(call_app)
    listed = answers["list"]
    assert listed.status_code == 200
    assert listed.headers["content-type"] == "application/json"
    assert listed.json() == [c.to_dict() for c in expected]
    assert [c["name"] for c in listed.json()] == ["one", "two"]
    assert [Campaign.from_dict(c) for c in listed.json()] == expected
    created = listed.json()[0]["created_at"]
    assert dt.datetime.fromisoformat(created) == expected[0].created_at
    assert listed.json()[0]["status"] == "DRAFTED"
    one = answers["one"]
    assert one.status_code == 200
    assert Campaign.from_dict(one.json()) == expected[0]
    # What the pattern replaces: FastAPI cannot serialise the models itself.
    assert answers["naive"].status_code == 500
    reply = answers["reply"]
    assert reply.status_code == 202
    assert reply.json()["leadCorrespondence"]["targetLeadEmail"] == "a@x.io"
    assert reply.json()["event_timestamp"] == "2025-03-01T09:30:00+00:00"
    assert reply.json()["brand_new"] == [1]
    assert type(EmailReplied.from_dict(reply.json())) is EmailReplied


@pytest.mark.parametrize("content", [object(), ["not a model"], "text", {"a": 1}])
def test_model_response_refuses_what_is_not_models(content: object) -> None:
    with pytest.raises(TypeError, match="ModelResponse takes"):
        ModelResponse(content)  # type: ignore[arg-type]
