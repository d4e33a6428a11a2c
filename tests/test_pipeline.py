"""The request path: header parsing, retries end to end, body decoding."""

from __future__ import annotations

import email.utils
import time

import pytest
from aioresponses import aioresponses

from smartlead_async import (
    APIConnectionError,
    APITimeoutError,
    InternalServerError,
    RateLimitError,
    ResponseDecodeError,
    SmartleadClient,
)
from smartlead_async._json import JSON
from smartlead_async._pipeline import parse_body, parse_retry_after
from smartlead_async.models import Campaign

from .helpers import API_KEY, BASE_URL, RecordingGate, url

CAMPAIGNS = url("/campaigns")
CREATE = url("/campaigns/create")


def test_retry_after_accepts_seconds_http_dates_and_body_hints() -> None:
    now = 1_700_000_000.0
    date = email.utils.formatdate(now + 30, usegmt=True)
    assert parse_retry_after({"Retry-After": "12"}, None, now=now) == 12.0
    assert parse_retry_after({"Retry-After": date}, None, now=now) == pytest.approx(30.0)
    assert parse_retry_after({"Retry-After": "soon"}, None, now=now) is None
    body: JSON = {"error": {"code": "RATE_LIMIT_EXCEEDED", "retry_after": 30}}
    assert parse_retry_after({}, body, now=now) == 30.0
    assert parse_retry_after({}, {"error": "x"}, now=now) is None


@pytest.mark.parametrize(
    ("raw", "decoded"),
    [
        (b'{"ok": true}', {"ok": True}),
        (b"[1, 2]", [1, 2]),
        (b"success", "success"),
        (b"", None),
        (b"  \n", None),
        (b"{not json", "{not json"),
    ],
)
def test_bodies_are_decoded_leniently(raw: bytes, decoded: object) -> None:
    assert parse_body(raw) == decoded


def sleeps_recorder(client: SmartleadClient) -> list[float]:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    client._pipeline._sleep = sleep
    client._pipeline._jitter = lambda: 0.0
    return slept


async def test_get_is_retried_on_503_then_succeeds(mock_api: aioresponses) -> None:
    async with SmartleadClient(API_KEY, base_url=BASE_URL, max_retries=3) as sl:
        slept = sleeps_recorder(sl)
        mock_api.get(CAMPAIGNS, status=503, body="busy")
        mock_api.get(CAMPAIGNS, status=502, body="bad gateway")
        mock_api.get(CAMPAIGNS, payload=[{"id": 1, "name": "x"}])
        campaigns = await sl.campaigns.list()
    assert [c.id for c in campaigns] == [1]
    assert slept == [0.25, 0.5]


async def test_post_create_is_not_retried_on_500(mock_api: aioresponses) -> None:
    async with SmartleadClient(API_KEY, base_url=BASE_URL, max_retries=3) as sl:
        slept = sleeps_recorder(sl)
        mock_api.post(CREATE, status=500, payload={"error": "boom"})
        with pytest.raises(InternalServerError):
            await sl.campaigns.create(name="Q1")
    assert slept == []


async def test_post_create_is_retried_after_429_with_retry_after(mock_api: aioresponses) -> None:
    gate = RecordingGate()
    async with SmartleadClient(API_KEY, base_url=BASE_URL, max_retries=3, rate_gate=gate) as sl:
        slept = sleeps_recorder(sl)
        mock_api.post(CREATE, status=429, payload={"error": "slow"}, headers={"Retry-After": "3"})
        mock_api.post(CREATE, payload={"ok": True, "id": 5, "name": "Q1"})
        created = await sl.campaigns.create(name="Q1")
    assert created.id == 5
    assert slept == [3.0]
    assert gate.acquired == 2
    assert [(f.status, f.retry_after) for f in gate.feedback] == [(429, 3.0), (200, None)]


async def test_retries_give_up_with_the_last_error(mock_api: aioresponses) -> None:
    gate = RecordingGate()
    async with SmartleadClient(API_KEY, base_url=BASE_URL, max_retries=2, rate_gate=gate) as sl:
        slept = sleeps_recorder(sl)
        for _ in range(3):
            mock_api.get(CAMPAIGNS, status=429, payload={"error": "slow"})
        with pytest.raises(RateLimitError):
            await sl.campaigns.list()
    assert slept == [0.25, 0.5]
    assert [f.status for f in gate.feedback] == [429, 429, 429]


async def test_ratelimit_headers_reach_the_gate(mock_api: aioresponses) -> None:
    gate = RecordingGate()
    async with SmartleadClient(API_KEY, base_url=BASE_URL, rate_gate=gate) as sl:
        mock_api.get(
            CAMPAIGNS,
            payload=[],
            headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(time.time()) + 42)},
        )
        mock_api.get(CAMPAIGNS, payload=[], headers={"x-ratelimit-reset": "7"})
        await sl.campaigns.list()
        await sl.campaigns.list()
    epoch_reset, seconds_reset = gate.feedback
    assert epoch_reset.remaining == 0
    assert epoch_reset.reset_after == pytest.approx(42, abs=2)
    assert seconds_reset.remaining is None
    assert seconds_reset.reset_after == 7.0


async def test_timeouts_become_api_timeout_error_and_are_retried_for_gets(
    mock_api: aioresponses,
) -> None:
    async with SmartleadClient(API_KEY, base_url=BASE_URL, max_retries=1) as sl:
        slept = sleeps_recorder(sl)
        mock_api.get(CAMPAIGNS, exception=TimeoutError())
        mock_api.get(CAMPAIGNS, exception=TimeoutError())
        with pytest.raises(APITimeoutError) as caught:
            await sl.campaigns.list()
    assert len(slept) == 1
    assert caught.value.request_sent is True


async def test_connection_refused_is_retried_even_for_create() -> None:
    # Nothing listens on port 9 of loopback: the request can never have been received.
    async with SmartleadClient(API_KEY, base_url="http://127.0.0.1:9/api/v1", max_retries=2) as sl:
        slept = sleeps_recorder(sl)
        with pytest.raises(APIConnectionError) as caught:
            await sl.campaigns.create(name="Q1")
    assert caught.value.request_sent is False
    assert len(slept) == 2


async def test_undecodable_success_body_raises_response_decode_error(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(CAMPAIGNS, payload=[{"name": "no id"}])
    with pytest.raises(ResponseDecodeError) as caught:
        await client.campaigns.list()
    # The error carries the answer as SmartLead sent it, not the SDK's envelope of its rows.
    assert caught.value.payload == [{"name": "no id"}]
    assert caught.value.expected == "Rows"
    assert "id" in str(caught.value)


def test_decode_reports_the_expected_model() -> None:
    sl = SmartleadClient(API_KEY, base_url=BASE_URL)
    with pytest.raises(ResponseDecodeError, match="Campaign"):
        sl._pipeline.decode({"id": "not a number"}, Campaign)
