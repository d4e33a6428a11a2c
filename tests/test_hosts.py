"""The four SmartLead hosts: one key and one session, a base URL and a rate gate per host."""

from __future__ import annotations

import re

import pytest
from aioresponses import aioresponses

from smartlead_async import ConfigurationError, RateLimit, SmartleadClient
from smartlead_async._endpoints import Endpoint
from smartlead_async._hosts import DEFAULT_HOST_URLS
from smartlead_async.models.common import OkResponse

from .helpers import API_KEY, BASE_URL

PING_DELIVERY = Endpoint("GET", "ping", OkResponse, host="smart_delivery")
PING_CORE = Endpoint("GET", "ping", OkResponse)


def test_product_hosts_default_to_smartleads_own_urls() -> None:
    sl = SmartleadClient(API_KEY)
    assert sl.host_urls == {"core": BASE_URL, **DEFAULT_HOST_URLS}
    assert sl.host_urls["prospect"].endswith("/api/v1/search-email-leads")


def test_host_urls_override_one_host_and_refuse_unknown_names_and_queries() -> None:
    sl = SmartleadClient(API_KEY, host_urls={"prospect": "http://127.0.0.1:9/prospect/"})
    assert sl.host_urls["prospect"] == "http://127.0.0.1:9/prospect"
    assert sl.host_urls["smart_delivery"] == DEFAULT_HOST_URLS["smart_delivery"]
    with pytest.raises(ConfigurationError, match="host_urls takes"):
        SmartleadClient(API_KEY, host_urls={"smartdelivery": "https://x.example"})
    with pytest.raises(ConfigurationError, match="base_url="):
        SmartleadClient(API_KEY, host_urls={"core": "https://x.example"})
    with pytest.raises(ConfigurationError, match="query") as caught:
        SmartleadClient(API_KEY, host_urls={"prospect": f"https://x.example/?api_key={API_KEY}"})
    assert API_KEY not in str(caught.value)
    with pytest.raises(ConfigurationError, match="no product host"):
        SmartleadClient(API_KEY, host_rate_limits={"core": [RateLimit(1, 1.0)]})


async def test_each_host_gets_the_key_at_its_own_base_url(mock_api: aioresponses) -> None:
    delivery = "http://delivery.example/api/v1"
    async with SmartleadClient(
        API_KEY, base_url=BASE_URL, host_urls={"smart_delivery": delivery}
    ) as sl:
        mock_api.get(re.compile(rf"^{delivery}/ping\?api_key=.*$"), payload={"ok": True})
        result = await sl.smart_delivery._pipeline.call(PING_DELIVERY)
    assert result.ok
    ((method, url),) = list(mock_api.requests)
    assert (method, url.host, url.path, url.query["api_key"]) == (
        "GET",
        "delivery.example",
        "/api/v1/ping",
        API_KEY,
    )


async def test_a_route_is_only_sent_to_its_own_host() -> None:
    async with SmartleadClient(API_KEY, base_url=BASE_URL) as sl:
        with pytest.raises(TypeError, match="smart_delivery route"):
            await sl._pipeline.call(PING_DELIVERY)
        with pytest.raises(TypeError, match="core route"):
            await sl.smart_delivery._pipeline.call(PING_CORE)


async def test_hosts_have_their_own_gates_and_share_one_session() -> None:
    async with SmartleadClient(
        API_KEY, base_url=BASE_URL, host_rate_limits={"prospect": [RateLimit(3, 1.0)]}
    ) as sl:
        core, prospect, delivery = sl._gate(), sl._gate("prospect"), sl._gate("smart_delivery")
        assert len({id(core), id(prospect), id(delivery)}) == 3
        # Another client of the key shares each host's gate, as it shares the core one.
        async with SmartleadClient(API_KEY, base_url=BASE_URL) as other:
            assert other._gate("smart_delivery") is delivery
        copy = sl.with_options(timeout=5)
        assert copy._gate("prospect") is prospect
        sessions = {
            id(resource._pipeline._transport._get_session())
            for resource in (sl.campaigns, sl.smart_delivery, sl.smart_senders, sl.prospect)
        }
        assert len(sessions) == 1
