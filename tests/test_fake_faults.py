"""Fault injection in the fake: each kind, per-route overrides, seeding, latency."""

from __future__ import annotations

import asyncio
from typing import Unpack

import aiohttp
import pytest

from smartlead_async import (
    APIConnectionError,
    InternalServerError,
    RateLimit,
    RateLimitError,
    SmartleadClient,
)
from smartlead_async.models import LeadInput
from smartlead_async.testing import FakeSmartlead, FaultKind, Faults

from .helpers import API_KEY, ClientSettings, run_in_virtual_time

FAST = [RateLimit(1000, 1.0)]


def client_of(fake: FakeSmartlead, **kwargs: Unpack[ClientSettings]) -> SmartleadClient:
    options: ClientSettings = {"max_retries": 0, "rate_limits": FAST, **kwargs}
    return SmartleadClient(API_KEY, base_url=fake.base_url, **options)


@pytest.mark.parametrize(
    ("kind", "error", "status"),
    [
        (FaultKind.HTTP_500, InternalServerError, 500),
        (FaultKind.HTTP_502, InternalServerError, 502),
        (FaultKind.HTTP_503, InternalServerError, 503),
        (FaultKind.HTTP_429, RateLimitError, 429),
    ],
)
async def test_status_faults_answer_without_running_the_handler(
    kind: FaultKind, error: type[Exception], status: int
) -> None:
    async with FakeSmartlead(api_keys=(API_KEY,), faults=Faults(1.0, [kind])) as fake:
        async with client_of(fake) as sl:
            with pytest.raises(error):
                await sl.campaigns.create(name="never created")
        assert fake.state.campaigns == {}
        (logged,) = fake.state.requests
        assert (logged.status, logged.fault) == (status, kind.value)


async def test_dropped_connection_applies_nothing() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,), faults=Faults(1.0, ["drop"])) as fake:
        async with client_of(fake) as sl:
            with pytest.raises(APIConnectionError) as caught:
                await sl.campaigns.create(name="never created")
        assert caught.value.request_sent is True  # the client cannot know it was not applied
        assert fake.state.campaigns == {}
        assert [(r.status, r.fault) for r in fake.state.requests] == [(0, "drop")]


async def test_lost_response_commits_then_drops() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,), faults=Faults(1.0, ["lost_response"])) as fake:
        async with client_of(fake) as sl:
            with pytest.raises(APIConnectionError):
                await sl.campaigns.create(name="created, answer lost")
        assert [c.name for c in fake.state.campaigns.values()] == ["created, answer lost"]
        assert fake.state.requests[0].fault == "lost_response"


async def test_route_override_and_a_safe_retry_after_a_lost_response() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("c")
        fake.set_route_faults(
            "POST /campaigns/{campaign_id}/leads", Faults(1.0, [FaultKind.LOST_RESPONSE])
        )
        async with client_of(fake, max_retries=2) as sl:

            async def heal(_seconds: float) -> None:
                fake.route_faults.clear()

            sl._pipeline._sleep = heal
            assert await sl.campaigns.get(campaign.id)  # other routes are unaffected
            result = await sl.leads.add_to_campaign(
                campaign.id, leads=[LeadInput(email="a@x.io"), LeadInput(email="b@x.io")]
            )
        # The first attempt was applied but its answer lost; the replay is deduplicated.
        assert (result.upload_count, result.already_added_to_campaign) == (0, 2)
        assert sorted(campaign.leads) == ["a@x.io", "b@x.io"]
        assert [r.fault for r in fake.state.requests] == [None, "lost_response", None]


def test_unknown_route_names_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown route"):
        FakeSmartlead(route_faults={"POST /campaign/{id}/leads": Faults(1.0)})


def test_faults_validate_their_arguments() -> None:
    with pytest.raises(ValueError, match="rate"):
        Faults(1.5)
    with pytest.raises(ValueError, match="kinds"):
        Faults(0.5, [])
    with pytest.raises(ValueError, match="not a valid FaultKind"):
        Faults(0.5, ["teapot"])


async def fault_sequence(seed: int) -> list[str | None]:
    async with (
        FakeSmartlead(api_keys=(API_KEY,), faults=Faults(0.5), seed=seed) as fake,
        aiohttp.ClientSession() as http,
    ):
        for _ in range(60):
            try:
                async with http.get(f"{fake.base_url}/campaigns?api_key={API_KEY}") as response:
                    await response.read()
            except aiohttp.ClientError:
                pass
        return [r.fault for r in fake.state.requests]


async def test_faults_are_reproducible_from_the_seed() -> None:
    first, again, other = await fault_sequence(7), await fault_sequence(7), await fault_sequence(8)
    assert first == again
    assert first != other
    # About half: aiohttp replays a GET whose reused connection was dropped, so count shares.
    assert 0.3 < sum(f is not None for f in first) / len(first) < 0.7
    assert len({f for f in first if f}) >= 4  # drawn from every kind, not a fixed one


def test_latency_and_jitter_on_a_virtual_clock() -> None:
    async def main() -> list[float]:
        loop = asyncio.get_running_loop()
        durations = []
        async with (
            FakeSmartlead(api_keys=(API_KEY,), latency=2.0, latency_jitter=0.5, seed=3) as fake,
            client_of(fake) as sl,
        ):
            for _ in range(5):
                started = loop.time()
                await sl.campaigns.list()
                durations.append(loop.time() - started)
        return durations

    durations = run_in_virtual_time(main)
    assert all(1.5 <= d <= 2.6 for d in durations), durations
    assert len({round(d, 3) for d in durations}) > 1  # jittered, not constant
