"""Per-client options: with_options() copies, SMARTLEAD_BASE_URL / SMARTLEAD_LOG, trace_configs."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web

from smartlead_async import (
    DEFAULT_BASE_URL,
    APITimeoutError,
    ClientClosedError,
    ConfigurationError,
    DefaultRetryPolicy,
    InternalServerError,
    RateLimit,
    SmartleadClient,
)
from smartlead_async._ratelimit import gate_registry
from smartlead_async.testing import FakeSmartlead, FaultKind, Faults

from .helpers import API_KEY, no_sleep, serving

FAST = [RateLimit(1000, 1.0)]


def client_of(fake: FakeSmartlead, **options: Any) -> SmartleadClient:
    return SmartleadClient(API_KEY, base_url=fake.base_url, rate_limits=FAST, **options)


# --- with_options -------------------------------------------------------------------------------


async def test_a_copy_borrows_the_session_even_when_it_sends_first(fake: FakeSmartlead) -> None:
    # The attack: a copy that opens a session of its own leaks it (nobody closes it).
    async with client_of(fake) as sl:
        copy = sl.with_options(timeout=5)
        await copy.campaigns.list()
        session = sl._transport._session
        assert session is not None
        assert copy._transport._get_session() is session
        await sl.campaigns.list()
        assert sl._transport._session is session
    assert session.closed


async def test_closing_a_copy_keeps_the_shared_session_and_gate(fake: FakeSmartlead) -> None:
    async with client_of(fake) as sl:
        await sl.campaigns.list()
        session = sl._transport._session
        gates = len(gate_registry)
        async with sl.with_options(max_retries=1) as copy:
            await copy.campaigns.list()
        assert copy.closed
        assert session is not None
        assert not session.closed
        assert len(gate_registry) == gates
        assert list(await sl.campaigns.list()) == []  # the original still works
        with pytest.raises(ClientClosedError):
            await copy.campaigns.list()  # the copy itself is closed


async def test_closing_the_original_closes_its_copies(fake: FakeSmartlead) -> None:
    sl = client_of(fake)
    copy = sl.with_options(timeout=5).with_options(max_retries=0)  # a copy of a copy
    await copy.campaigns.list()
    await sl.aclose()
    assert copy.closed
    with pytest.raises(ClientClosedError):
        await copy.campaigns.list()
    assert len(fake.state.requests) == 1


async def test_a_copy_waits_in_the_same_gate(fake: FakeSmartlead) -> None:
    # The attack: a copy with a gate of its own would let the two send twice the key's rate.
    limit = [RateLimit(2, 0.2)]
    async with SmartleadClient(API_KEY, base_url=fake.base_url, rate_limits=limit) as sl:
        copy = sl.with_options(timeout=5)
        await asyncio.gather(sl.campaigns.list(), copy.campaigns.list())
        await asyncio.gather(sl.campaigns.list(), copy.campaigns.list())
    arrivals = sorted(r.received_at for r in fake.state.requests)
    # Two per 0.2 s for the pair: the third request arrives a window after the first.
    assert arrivals[2] - arrivals[0] >= 0.2


async def test_a_copy_retries_with_its_own_max_retries() -> None:
    faults = Faults(1.0, [FaultKind.HTTP_503])
    async with (
        FakeSmartlead(api_keys=(API_KEY,), faults=faults) as fake,
        client_of(fake, max_retries=0) as sl,
    ):
        patient = sl.with_options(max_retries=2)
        patient._pipeline._sleep = no_sleep
        with pytest.raises(InternalServerError):
            await sl.campaigns.list()
        assert len(fake.state.requests) == 1
        with pytest.raises(InternalServerError):
            await patient.campaigns.list()
        assert len(fake.state.requests) == 1 + 3
        with pytest.raises(InternalServerError):
            await sl.campaigns.list()  # the original is unchanged
        assert len(fake.state.requests) == 1 + 3 + 1


@pytest_asyncio.fixture
async def slow_server() -> AsyncIterator[str]:
    """A server answering ``[]`` after 0.2 s, at the URL it yields."""

    async def slow(_request: web.Request) -> web.Response:
        await asyncio.sleep(0.2)
        return web.json_response([])

    app = web.Application()
    app.router.add_get("/api/v1/campaigns", slow)
    async with serving(app) as root:
        yield f"{root}/api/v1"


async def test_a_copy_times_out_with_its_own_timeout(slow_server: str) -> None:
    async with SmartleadClient(API_KEY, base_url=slow_server, max_retries=0, timeout=5) as sl:
        with pytest.raises(APITimeoutError):
            await sl.with_options(timeout=0.05).campaigns.list()
        assert list(await sl.campaigns.list()) == []  # the original's 5 s still apply


async def test_a_copy_reports_to_its_own_hooks(fake: FakeSmartlead) -> None:
    seen: list[str] = []
    async with client_of(fake, event_hooks=[lambda e: seen.append("original")]) as sl:
        copy = sl.with_options(event_hooks=[lambda e: seen.append("copy")])
        await copy.campaigns.list()
        assert set(seen) == {"copy"}
        seen.clear()
        await sl.campaigns.list()
        assert set(seen) == {"original"}


@pytest.mark.parametrize(
    "options",
    [
        {"timeout": 0},
        {"timeout": True},
        {"max_retries": -1},
        {"max_retries": 1.5},
        {"max_response_bytes": 0},
        {"max_gate_wait": 0},
        {"max_gate_wait": -1.0},
        {"retry_policy": "three"},
        {"event_hooks": ["not callable"]},
        {"max_retries": 1, "retry_policy": DefaultRetryPolicy()},
    ],
)
def test_invalid_copy_options_are_refused(options: dict[str, Any]) -> None:
    with pytest.raises(ConfigurationError):
        SmartleadClient(API_KEY).with_options(**options)


def test_max_retries_cannot_silently_replace_a_custom_policy() -> None:
    custom = SmartleadClient(API_KEY, retry_policy=DefaultRetryPolicy(max_retries=7))
    with pytest.raises(ConfigurationError, match="custom retry_policy"):
        custom.with_options(max_retries=1)
    assert custom.with_options(retry_policy=DefaultRetryPolicy(max_retries=1))._options.retry_policy


def test_unknown_copy_options_are_type_errors() -> None:
    with pytest.raises(TypeError):
        SmartleadClient(API_KEY).with_options(base_url="https://elsewhere")  # type: ignore[call-arg]


def test_a_copy_keeps_what_it_was_not_given() -> None:
    sl = SmartleadClient(API_KEY, timeout=7, max_gate_wait=3.0, max_retries=5)
    copy = sl.with_options(max_gate_wait=None)
    assert copy._options.timeout == 7
    assert copy._options.max_gate_wait is None
    assert copy._options.retry_policy == DefaultRetryPolicy(max_retries=5)
    assert copy.base_url == sl.base_url
    assert "with_options copy" in repr(copy)
    # Cheap to make per request: the converter (and the code it generated) is shared.
    assert copy._pipeline.converter is sl._pipeline.converter


# --- environment -------------------------------------------------------------------------------


async def test_the_base_url_comes_from_the_environment(
    fake: FakeSmartlead, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMARTLEAD_BASE_URL", fake.base_url + "/")
    async with SmartleadClient(API_KEY, rate_limits=FAST) as sl:
        assert sl.base_url == fake.base_url
        await sl.campaigns.list()
    assert [r.path for r in fake.state.requests] == ["/api/v1/campaigns"]


def test_an_explicit_base_url_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMARTLEAD_BASE_URL", "http://env.example/api/v1")
    assert SmartleadClient(API_KEY, base_url="http://arg.example/v1").base_url == (
        "http://arg.example/v1"
    )
    monkeypatch.setenv("SMARTLEAD_BASE_URL", "  ")
    assert SmartleadClient(API_KEY).base_url == DEFAULT_BASE_URL


@pytest.mark.parametrize(
    ("value", "match"),
    [
        ("server.smartlead.ai/api/v1", "SMARTLEAD_BASE_URL must be an http"),
        ("ftp://server.smartlead.ai", "SMARTLEAD_BASE_URL must be an http"),
        ("https://server.smartlead.ai/api/v1?api_key=leaked", "query or fragment"),
    ],
)
def test_a_bad_base_url_in_the_environment_is_named(
    value: str, match: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMARTLEAD_BASE_URL", value)
    with pytest.raises(ConfigurationError, match=match) as caught:
        SmartleadClient(API_KEY)
    assert "leaked" not in str(caught.value)  # a key in the URL is not echoed


@pytest.fixture
def sdk_logger() -> Any:
    """The SDK logger, restored (level and handlers) after the test."""
    logger = logging.getLogger("smartlead_async")
    saved = SimpleNamespace(level=logger.level, handlers=list(logger.handlers))
    yield logger
    logger.setLevel(saved.level)
    logger.handlers[:] = saved.handlers


@pytest.mark.parametrize(("value", "level"), [("debug", logging.DEBUG), (" INFO ", logging.INFO)])
def test_smartlead_log_sets_the_sdk_log_level(
    value: str, level: int, sdk_logger: logging.Logger, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMARTLEAD_LOG", value)
    SmartleadClient(API_KEY)
    assert sdk_logger.level == level


def test_an_explicit_log_wins_and_no_log_leaves_logging_alone(
    sdk_logger: logging.Logger, monkeypatch: pytest.MonkeyPatch
) -> None:
    sdk_logger.setLevel(logging.WARNING)
    monkeypatch.delenv("SMARTLEAD_LOG", raising=False)
    SmartleadClient(API_KEY)
    assert sdk_logger.level == logging.WARNING
    monkeypatch.setenv("SMARTLEAD_LOG", "debug")
    SmartleadClient(API_KEY, log="info")
    assert sdk_logger.level == logging.INFO


def test_smartlead_log_adds_one_stderr_handler_only_without_logging_configured(
    sdk_logger: logging.Logger, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    sdk_logger.handlers[:] = []
    SmartleadClient(API_KEY, log="debug")
    SmartleadClient(API_KEY, log="debug")
    assert len(sdk_logger.handlers) == 1
    sdk_logger.handlers[:] = []
    monkeypatch.setattr(root, "handlers", [logging.NullHandler()])
    SmartleadClient(API_KEY, log="debug")
    assert sdk_logger.handlers == []  # the application's logging config is left in charge


@pytest.mark.parametrize(("source", "value"), [("env", "verbose"), ("arg", "warning")])
def test_a_bad_log_level_is_named(
    source: str, value: str, sdk_logger: logging.Logger, monkeypatch: pytest.MonkeyPatch
) -> None:
    if source == "env":
        monkeypatch.setenv("SMARTLEAD_LOG", value)
        expected = "SMARTLEAD_LOG must be 'debug' or 'info'"
        kwargs: dict[str, Any] = {}
    else:
        expected = "log must be 'debug' or 'info'"
        kwargs = {"log": value}
    with pytest.raises(ConfigurationError, match=expected):
        SmartleadClient(API_KEY, **kwargs)


# --- trace_configs -------------------------------------------------------------------------------


async def test_trace_configs_reach_the_session_the_client_creates(fake: FakeSmartlead) -> None:
    started: list[str] = []

    async def on_start(
        _session: Any, _context: Any, params: aiohttp.TraceRequestStartParams
    ) -> None:
        started.append(params.method)

    config = aiohttp.TraceConfig()
    config.on_request_start.append(on_start)
    async with client_of(fake, trace_configs=[config]) as sl:
        await sl.campaigns.list()
        await sl.with_options(timeout=5).campaigns.list()  # the copy's session is the same
    assert started == ["GET", "GET"]


async def test_trace_configs_are_refused_beside_a_callers_session() -> None:
    async with aiohttp.ClientSession() as session:
        with pytest.raises(ConfigurationError, match="trace_configs"):
            SmartleadClient(API_KEY, session=session, trace_configs=[aiohttp.TraceConfig()])
    with pytest.raises(ConfigurationError, match="TraceConfig"):
        SmartleadClient(API_KEY, trace_configs=["nope"])  # type: ignore[list-item]
