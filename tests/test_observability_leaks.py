"""The key never leaks through the observability channels: event hooks, spans, logs, errors.

Each failure mode is driven through the real stack against a server that echoes the request URL
and the key (raw and encoded) in its body and headers, with a key that needs URL-encoding; every
channel is then searched for every spelling of it.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from opentelemetry.instrumentation.aiohttp_client import AioHttpClientInstrumentor
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from smartlead_async import (
    APIKey,
    ConfigurationError,
    GateTimeoutError,
    RateLimit,
    RequestValidationError,
    SmartleadClient,
)
from smartlead_async._secrets import scrub
from smartlead_async.events import PipelineEvent
from smartlead_async.integrations.otel import RequestSpans, url_filter
from smartlead_async.testing import FakeSmartlead

from .helpers import free_port, no_sleep
from .test_otel import key_leaks
from .test_redaction import ODD_KEY, SPELLINGS, Echo, leaks

SECRET = APIKey(ODD_KEY)
MODES = ["ok", "401", "404", "429", "500", "html-200", "dropped", "refused", "timeout"]


def spelled(text: str) -> list[str]:
    """Every spelling of the key in ``text`` (the test's own list, then the scrubber's)."""
    found = [name for name, form in SPELLINGS.items() if form in text]
    return found + (["a scrubbed spelling"] if scrub(text, SECRET) != text else [])


def render_event(event: PipelineEvent) -> str:
    """An event as a hook could print or export it, its exceptions' tracebacks and locals
    included."""
    parts = [repr(event)]
    for value in attrs.asdict(event, recurse=False).values():
        if isinstance(value, BaseException):
            shown = traceback.TracebackException.from_exception(value, capture_locals=True)
            parts.append("".join(shown.format()))
        elif hasattr(value, "items"):
            parts.append(repr(dict(value.items())))
    return "\n".join(parts)


@attrs.define
class Observed:
    events: list[PipelineEvent]
    spans: tuple[ReadableSpan, ...]
    log: str
    error: BaseException | None


@pytest.fixture
def spans() -> Iterator[tuple[TracerProvider, InMemorySpanExporter]]:
    provider = TracerProvider()
    exporter = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    instrumentor = AioHttpClientInstrumentor()
    instrumentor.instrument(tracer_provider=provider, url_filter=url_filter)
    try:
        yield provider, exporter
    finally:
        instrumentor.uninstrument()
        provider.shutdown()


async def observe(
    mode: str,
    spans: tuple[TracerProvider, InMemorySpanExporter],
    caplog: pytest.LogCaptureFixture,
) -> Observed:
    """One call in ``mode`` with every channel open: hooks, both span sources, DEBUG logs."""
    provider, exporter = spans
    caplog.set_level(logging.DEBUG, logger="smartlead_async")
    events: list[PipelineEvent] = []
    echo = Echo(mode)
    fake = FakeSmartlead(api_keys=(ODD_KEY,))
    fake.app.middlewares.insert(0, echo.middleware)
    error: BaseException | None = None
    async with fake:
        base_url = fake.base_url if mode != "refused" else f"http://127.0.0.1:{free_port()}/api/v1"
        options: dict[str, Any] = {
            "max_retries": 1,
            "rate_limits": [RateLimit(1000, 1.0)],
            "event_hooks": [events.append, RequestSpans(tracer_provider=provider)],
            "timeout": 0.1 if mode == "timeout" else 5.0,
        }
        try:
            async with SmartleadClient(ODD_KEY, base_url=base_url, **options) as sl:
                sl._pipeline._sleep = no_sleep
                await sl.with_raw_response.campaigns.list()
        except Exception as exc:
            error = exc
        finally:
            echo.release.set()
    assert events, "no events: the channel was not exercised"
    return Observed(events, exporter.get_finished_spans(), caplog.text, error)


@pytest.mark.parametrize("mode", MODES)
async def test_no_event_carries_the_key(
    mode: str, spans: Any, caplog: pytest.LogCaptureFixture
) -> None:
    seen = await observe(mode, spans, caplog)
    found = [(type(e).__name__, spelled(render_event(e))) for e in seen.events]
    assert [(kind, where) for kind, where in found if where] == []
    if mode in ("401", "500"):
        # The echo really reached the hooks (scrubbed): the channel was tested, not empty.
        assert any("***" in render_event(e) for e in seen.events)


@pytest.mark.parametrize("mode", MODES)
async def test_no_span_carries_the_key(
    mode: str, spans: Any, caplog: pytest.LogCaptureFixture
) -> None:
    seen = await observe(mode, spans, caplog)
    assert len(seen.spans) >= 2  # the SDK's span and at least one aiohttp span
    assert key_leaks(seen.spans) == []


@pytest.mark.parametrize("mode", MODES)
async def test_no_log_line_carries_the_key(
    mode: str, spans: Any, caplog: pytest.LogCaptureFixture
) -> None:
    seen = await observe(mode, spans, caplog)
    assert "in the rate gate" in seen.log  # the DEBUG lines were captured
    assert spelled(seen.log) == []


@pytest.mark.parametrize("mode", [m for m in MODES if m != "ok"])
async def test_no_error_carries_the_key(
    mode: str, spans: Any, caplog: pytest.LogCaptureFixture
) -> None:
    seen = await observe(mode, spans, caplog)
    assert seen.error is not None
    assert leaks(seen.error, "") == []


async def test_a_failing_hooks_logged_traceback_carries_no_key(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(event: PipelineEvent) -> None:
        raise RuntimeError(f"cannot export {event!r}")

    caplog.set_level(logging.DEBUG, logger="smartlead_async")
    echo = Echo("500")
    fake = FakeSmartlead(api_keys=(ODD_KEY,))
    fake.app.middlewares.insert(0, echo.middleware)
    async with (
        fake,
        SmartleadClient(ODD_KEY, base_url=fake.base_url, max_retries=1, event_hooks=[broken]) as sl,
    ):
        sl._pipeline._sleep = no_sleep
        with pytest.raises(Exception, match=r"Invalid request"):
            await sl.campaigns.list()
    assert "cannot export" in caplog.text
    assert spelled(caplog.text) == []


@pytest.mark.parametrize(
    "call",
    [
        lambda sl: sl.request("GET", f"campaigns/{ODD_KEY}"),
        lambda sl: sl.request("GET", "campaigns", query={"api_key": ODD_KEY}),
        lambda sl: sl.request("GET", "campaigns", query={"q": ODD_KEY}),
        lambda sl: sl.with_raw_response.request("GET", f"x/{ODD_KEY}"),
        lambda sl: sl.with_raw_response.request("GET", "x", query={"q": ODD_KEY}),
    ],
)
async def test_escape_hatch_errors_carry_no_key_even_in_traceback_locals(call: Any) -> None:
    async with SmartleadClient(ODD_KEY) as sl:
        with pytest.raises(RequestValidationError) as caught:
            await call(sl)
    assert leaks(caught.value, "") == []


async def test_a_gate_timeout_carries_no_key(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="smartlead_async")
    async with (
        FakeSmartlead(api_keys=(ODD_KEY,)) as fake,
        SmartleadClient(
            ODD_KEY, base_url=fake.base_url, rate_limits=[RateLimit(1, 60.0)], max_gate_wait=0.01
        ) as sl,
    ):
        await sl.campaigns.list()
        with pytest.raises(GateTimeoutError) as caught:
            await sl.campaigns.list()
        task = asyncio.ensure_future(sl.with_options(max_gate_wait=None).campaigns.list())
        await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert leaks(caught.value, caplog.text) == []


@pytest.mark.parametrize("source", ["env", "argument"])
def test_a_key_in_a_base_url_is_not_echoed(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # No local holds the URL: the traceback's locals include this frame's.
    monkeypatch.setenv("SMARTLEAD_BASE_URL", f"https://h/api/v1?api_key={ODD_KEY}")
    with pytest.raises(ConfigurationError, match="query") as caught:
        SmartleadClient(
            ODD_KEY, base_url=f"https://h/?api_key={ODD_KEY}" if source == "argument" else None
        )
    assert leaks(caught.value, "") == []


async def test_a_copys_repr_and_a_raw_responses_repr_carry_no_key() -> None:
    async with (
        FakeSmartlead(api_keys=(ODD_KEY,)) as odd,
        SmartleadClient(ODD_KEY, base_url=odd.base_url, rate_limits=[RateLimit(1000, 1.0)]) as sl,
    ):
        copy = sl.with_options(timeout=3)
        resp = await copy.with_raw_response.campaigns.list()
    assert spelled(repr(copy) + repr(resp) + repr(resp.responses)) == []
