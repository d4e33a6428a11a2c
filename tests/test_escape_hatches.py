"""client.request() for uncovered routes, and with_raw_response for any call's HTTP answer."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import (
    APIResponse,
    InternalServerError,
    NotFoundError,
    OperationFailedError,
    Page,
    RateLimit,
    RequestValidationError,
    ResponseDecodeError,
    SmartleadClient,
    SmartleadError,
)
from smartlead_async._pipeline import _captured
from smartlead_async.events import PipelineEvent, RequestStarted
from smartlead_async.models import Campaign
from smartlead_async.testing import FakeSmartlead

from .helpers import API_KEY, BASE_URL, RecordingGate, no_sleep, sent_requests, url

# --- client.request ------------------------------------------------------------------------------


async def test_request_sends_exactly_what_it_is_given(mock_api: aioresponses) -> None:
    mock_api.post(url("/campaigns/12/settings"), payload={"ok": True, "id": 12})
    async with SmartleadClient(API_KEY, max_retries=0) as sl:
        answer = await sl.request(
            "post",
            "campaigns/12/settings",
            query={"flag": True, "limit": 5, "skipped": None},
            json={"name": "x", "ids": [1, 2]},
        )
    assert answer == {"ok": True, "id": 12}
    assert sent_requests(mock_api) == [
        (
            "POST",
            "/api/v1/campaigns/12/settings",
            {"flag": "true", "limit": "5", "api_key": API_KEY},
            {"name": "x", "ids": [1, 2]},
        )
    ]


async def test_request_waits_in_the_gate_and_feeds_it(mock_api: aioresponses) -> None:
    mock_api.get(url("/campaigns"), payload=[], headers={"x-ratelimit-remaining": "3"})
    gate = RecordingGate()
    async with SmartleadClient(API_KEY, rate_gate=gate) as sl:
        await sl.request("GET", "campaigns")
    assert gate.acquired == 1
    assert [(f.status, f.remaining) for f in gate.feedback] == [(200, 3)]


async def test_request_retries_by_idempotency(mock_api: aioresponses) -> None:
    async with SmartleadClient(API_KEY, max_retries=2) as sl:
        sl._pipeline._sleep = no_sleep
        mock_api.get(url("/custom"), status=503, body="busy")
        mock_api.get(url("/custom"), payload={"ok": True})
        assert await sl.request("GET", "custom") == {"ok": True}  # GET: retried
        mock_api.post(url("/custom"), status=500, body="oops")
        with pytest.raises(InternalServerError):
            await sl.request("POST", "custom")  # may have been applied: not retried
        mock_api.post(url("/custom"), status=500, body="oops")
        mock_api.post(url("/custom"), payload={"ok": True})
        assert await sl.request("POST", "custom", idempotent=True) == {"ok": True}
    methods = [method for method, *_ in sent_requests(mock_api)]
    assert methods == ["GET", "GET", "POST", "POST", "POST"]


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        ({"status": 404, "payload": {"message": "no such campaign"}}, NotFoundError),
        ({"status": 200, "payload": {"ok": False, "message": "nope"}}, OperationFailedError),
        ({"status": 200, "body": "<html>proxy</html>"}, ResponseDecodeError),
        ({"status": 200, "body": ""}, ResponseDecodeError),
    ],
)
async def test_request_maps_errors_and_checks_success_bodies(
    mock_api: aioresponses, answer: dict[str, Any], error: type[Exception]
) -> None:
    mock_api.get(url("/campaigns/9"), **answer)
    async with SmartleadClient(API_KEY, max_retries=0) as sl:
        with pytest.raises(error) as caught:
            await sl.request("GET", "campaigns/9")
    assert API_KEY not in str(caught.value)
    if hasattr(caught.value, "url"):
        assert caught.value.url.endswith("campaigns/9?api_key=***")


@pytest.mark.parametrize(
    ("method", "path", "query", "match"),
    [
        ("GET", "/campaigns", None, "without a leading '/'"),
        ("GET", "", None, "relative to the base URL"),
        ("GET", "https://evil.example/steal", None, "plain relative path"),
        ("GET", "//evil.example/steal", None, "without a leading '/'"),
        ("GET", "evil.example:443/steal", None, "plain relative path"),
        ("GET", "campaigns?api_key=x", None, "plain relative path"),
        ("GET", "campaigns#frag", None, "plain relative path"),
        ("GET", "campaigns\\..\\admin", None, "plain relative path"),
        ("GET", "camp aigns", None, "plain relative path"),
        ("GET", "campaigns\r\nHost: evil", None, "plain relative path"),
        ("GET", "../admin", None, "'..' segments"),
        ("GET", "campaigns/../../admin", None, "'..' segments"),
        ("GET", "campaigns/./12", None, "'..' segments"),
        ("GET", "campaigns//12", None, "empty"),
        ("TRACE", "campaigns", None, "method must be one of"),
        ("GET", "campaigns", {"api_key": "other"}, "adds the API key itself"),
        ("GET", "campaigns", {" API_KEY ": "other"}, "adds the API key itself"),
        ("GET", "campaigns", {"ids": [1, 2]}, "must be a str, int, float, bool or None"),
    ],
)
async def test_request_refuses_what_could_misroute_the_key(
    mock_api: aioresponses, method: str, path: str, query: Any, match: str
) -> None:
    async with SmartleadClient(API_KEY) as sl:
        with pytest.raises(RequestValidationError, match=match):
            await sl.request(method, path, query=query)
    assert mock_api.requests == {}


@pytest.mark.parametrize(
    "call",
    [
        lambda sl: sl.request("GET", f"campaigns/{API_KEY}"),
        lambda sl: sl.request("GET", "campaigns", query={"q": f"x{API_KEY}y"}),
    ],
)
async def test_request_refuses_the_key_without_quoting_it(
    mock_api: aioresponses, call: Any
) -> None:
    async with SmartleadClient(API_KEY) as sl:
        with pytest.raises(RequestValidationError, match="must not contain the API key") as caught:
            await call(sl)
    assert API_KEY not in str(caught.value)
    assert mock_api.requests == {}


async def test_request_names_its_route_with_ids_as_placeholders(mock_api: aioresponses) -> None:
    mock_api.get(url("/campaigns/12/leads/345/message-history"), payload={"ok": True})
    started: list[RequestStarted] = []

    def record(event: PipelineEvent) -> None:
        if isinstance(event, RequestStarted):
            started.append(event)

    async with SmartleadClient(API_KEY, event_hooks=[record]) as sl:
        await sl.request("GET", "campaigns/12/leads/345/message-history")
    assert [e.request.route for e in started] == ["campaigns/{id}/leads/{id}/message-history"]


# --- with_raw_response ---------------------------------------------------------------------------

CAMPAIGN = {"id": 12, "name": "Q3", "status": "ACTIVE"}


async def test_raw_response_gives_status_headers_body_and_the_parsed_result(
    mock_api: aioresponses,
) -> None:
    headers = {"x-ratelimit-remaining": "7", "x-ratelimit-limit": "10"}
    mock_api.get(url("/campaigns"), payload=[CAMPAIGN], headers=headers, repeat=True)
    async with SmartleadClient(API_KEY) as sl:
        resp = await sl.with_raw_response.campaigns.list()
        direct = await sl.campaigns.list()
    assert resp.status == 200
    assert resp.headers["X-RateLimit-Remaining"] == "7"  # case-insensitive
    assert resp.parse() == direct
    assert isinstance(direct[0], Campaign)
    assert resp.text().startswith("[{")
    assert resp.method == "GET"
    assert resp.url == f"{BASE_URL}/campaigns?api_key=***"
    assert len(resp.responses) == 1
    assert API_KEY not in repr(resp)


async def test_the_typed_form_keeps_the_methods_types(mock_api: aioresponses) -> None:
    mock_api.get(url("/campaigns/12"), payload=CAMPAIGN)
    async with SmartleadClient(API_KEY) as sl:
        resp: APIResponse[Campaign] = await sl.with_raw_response(sl.campaigns.get)(12)
    campaign = resp.parse()
    assert campaign.id == 12
    assert campaign.name == "Q3"


async def test_raw_response_of_the_escape_hatch(mock_api: aioresponses) -> None:
    mock_api.get(url("/custom/route"), payload={"ok": True}, headers={"x-custom": "1"})
    async with SmartleadClient(API_KEY) as sl:
        resp = await sl.with_raw_response.request("GET", "custom/route", query={"a": 1})
    assert (resp.status, resp.headers["x-custom"], resp.parse()) == (200, "1", {"ok": True})


async def test_an_error_status_still_raises_with_its_headers(mock_api: aioresponses) -> None:
    mock_api.get(url("/campaigns/12"), status=404, payload={}, headers={"x-request-id": "r1"})
    async with SmartleadClient(API_KEY, max_retries=0) as sl:
        with pytest.raises(NotFoundError) as caught:
            await sl.with_raw_response.campaigns.get(12)
    assert caught.value.headers["x-request-id"] == "r1"


async def test_every_answer_of_a_call_is_kept_tasks_included(fake: FakeSmartlead) -> None:
    first = fake.state.add_campaign("a")
    second = fake.state.add_campaign("b")
    async with SmartleadClient(
        API_KEY, base_url=fake.base_url, rate_limits=[RateLimit(100, 1.0)]
    ) as sl:

        async def both() -> list[Campaign]:
            return list(
                await asyncio.gather(sl.campaigns.get(first.id), sl.campaigns.get(second.id))
            )

        resp = await sl.with_raw_response(both)()
    assert [c.name for c in resp.parse()] == ["a", "b"]  # gather keeps the order
    assert len(resp.responses) == 2
    assert {r.url.split("?")[0].rsplit("/", 1)[1] for r in resp.responses} == {
        str(first.id),
        str(second.id),
    }


async def test_concurrent_raw_calls_do_not_mix_their_responses(fake: FakeSmartlead) -> None:
    ids = [fake.state.add_campaign(f"c{i}").id for i in range(5)]
    async with SmartleadClient(
        API_KEY, base_url=fake.base_url, rate_limits=[RateLimit(100, 1.0)]
    ) as sl:
        responses = await asyncio.gather(*(sl.with_raw_response.campaigns.get(i) for i in ids))
        alone = await sl.with_raw_response.campaigns.get(ids[0])  # in this very task
        await sl.campaigns.list()  # outside a wrapper: captured nowhere
        assert _captured.get() is None
        assert len(alone.responses) == 1
    for campaign_id, resp in zip(ids, responses, strict=True):
        assert len(resp.responses) == 1
        assert resp.url.startswith(f"{fake.base_url}/campaigns/{campaign_id}?")
        parsed = resp.parse()
        assert isinstance(parsed, Campaign)
        assert parsed.id == campaign_id


async def test_a_pager_answers_its_first_page(mock_api: aioresponses) -> None:
    mock_api.get(
        url("/campaigns/12/statistics"),
        payload={"total_stats": "1", "data": [{"lead_email": "a@x.io"}]},
        headers={"x-ratelimit-remaining": "4"},
    )
    async with SmartleadClient(API_KEY) as sl:
        resp = await sl.with_raw_response.analytics.campaign.statistics(12, limit=10)
    page = resp.parse()
    assert isinstance(page, Page)
    assert page.limit == 10
    assert resp.headers["x-ratelimit-remaining"] == "4"
    assert len(sent_requests(mock_api)) == 1


async def test_calls_without_a_request_and_non_methods_are_refused(
    mock_api: aioresponses,
) -> None:
    async def nothing() -> int:
        return 1

    async with SmartleadClient(API_KEY) as sl:
        with pytest.raises(SmartleadError, match="sent no request"):
            await sl.with_raw_response(nothing)()
        with pytest.raises(TypeError, match="not an awaitable"):
            await sl.with_raw_response(lambda: 1)()  # type: ignore[arg-type, return-value]
        with pytest.raises(AttributeError):
            _ = sl.with_raw_response.no_such_resource
        with pytest.raises(AttributeError):
            _ = sl.with_raw_response.base_url
        with pytest.raises(AttributeError):
            _ = sl.with_raw_response.campaigns._pipeline
    assert mock_api.requests == {}
