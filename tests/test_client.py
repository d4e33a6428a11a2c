"""Client options and lifecycle: key resolution, session ownership, closing."""

from __future__ import annotations

import importlib
import importlib.util
import sys

import aiohttp
import pytest
from aioresponses import aioresponses

from smartlead_async import (
    ClientClosedError,
    ConfigurationError,
    RateLimit,
    SmartleadClient,
    __version__,
)
from smartlead_async.testing import FakeSmartlead

from .helpers import API_KEY, ClientSettings, RecordingGate, url


def test_key_falls_back_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMARTLEAD_API_KEY", "  env-key  ")
    assert SmartleadClient()._api_key.reveal() == "env-key"


@pytest.mark.parametrize("key", ["", "   "])
def test_empty_key_is_an_error(key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMARTLEAD_API_KEY", "from-env")
    with pytest.raises(ConfigurationError, match="API key"):
        SmartleadClient(key)


class ClientOptions(ClientSettings, total=False):
    base_url: str | None


@pytest.mark.parametrize(
    "kwargs",
    [
        {"base_url": "server.smartlead.ai"},
        {"max_retries": -1},
        {"max_retries": True},
        {"timeout": 0},
        {"rate_limits": []},
        {"rate_limits": [RateLimit(1, 1)], "rate_gate": RecordingGate()},
    ],
)
def test_invalid_options_are_errors(kwargs: ClientOptions) -> None:
    with pytest.raises(ConfigurationError):
        SmartleadClient(API_KEY, **kwargs)


def test_construction_needs_no_event_loop() -> None:
    # Built at import time (e.g. a module-level client in a FastAPI app): no session yet.
    client = SmartleadClient(API_KEY)
    assert client._transport._session is None


async def test_session_is_created_lazily_and_closed_with_the_client(fake: FakeSmartlead) -> None:
    client = SmartleadClient(API_KEY, base_url=fake.base_url)
    assert client._transport._session is None
    await client.campaigns.list()
    session = client._transport._session
    assert session is not None
    assert not session.closed
    await client.aclose()
    assert session.closed
    assert client.closed


async def test_callers_session_is_used_and_never_closed(fake: FakeSmartlead) -> None:
    async with aiohttp.ClientSession() as session:
        async with SmartleadClient(API_KEY, base_url=fake.base_url, session=session) as sl:
            await sl.campaigns.list()
            assert sl._transport._session is session
        assert not session.closed


async def test_closed_client_refuses_requests(fake: FakeSmartlead) -> None:
    client = SmartleadClient(API_KEY, base_url=fake.base_url)
    await client.aclose()
    await client.aclose()  # idempotent
    with pytest.raises(ClientClosedError):
        await client.campaigns.list()
    assert fake.state.requests == []


async def test_custom_gate_is_used_for_every_request(fake: FakeSmartlead) -> None:
    gate = RecordingGate()
    async with SmartleadClient(API_KEY, base_url=fake.base_url, rate_gate=gate) as sl:
        await sl.campaigns.list()
        await sl.campaigns.create(name="x")
    assert gate.acquired == 2
    assert [f.status for f in gate.feedback] == [200, 200]


async def test_user_agent_is_sent_on_the_callers_session_too(mock_api: aioresponses) -> None:
    mock_api.get(url("/client/"), payload=[])
    async with (
        aiohttp.ClientSession() as session,
        SmartleadClient(API_KEY, session=session) as sl,
    ):
        await sl.clients.list()
    ((call,),) = mock_api.requests.values()
    assert call.kwargs["headers"]["User-Agent"] == f"smartlead-async/{__version__}"


def test_pytest_plugin_adds_nothing_without_pytest_asyncio(monkeypatch: pytest.MonkeyPatch) -> None:
    # The plugin loads in every pytest run of every user who installs the SDK: it must not
    # break runs that lack pytest-asyncio.
    name = "smartlead_async.testing.pytest_plugin"
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda module, *a: None if module == "pytest_asyncio" else real_find_spec(module, *a),
    )
    monkeypatch.delitem(sys.modules, name)
    fresh = importlib.import_module(name)
    assert not hasattr(fresh, "smartlead_fake")
    assert not hasattr(fresh, "smartlead_client")
