"""OpenTelemetry: the SDK's span per request, and the stock aiohttp instrumentor with and without
``url_filter``. Every span is searched for every spelling of a key that needs URL-encoding."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from opentelemetry import trace
from opentelemetry.instrumentation.aiohttp_client import (
    AioHttpClientInstrumentor,
    create_trace_config,
)
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from smartlead_async import (
    APIConnectionError,
    APIKey,
    AuthenticationError,
    RateLimit,
    SmartleadClient,
)
from smartlead_async._secrets import scrub
from smartlead_async.integrations.otel import RequestSpans, url_filter
from smartlead_async.testing import FakeSmartlead, FaultKind, Faults

from .helpers import free_port, no_sleep
from .test_redaction import ODD_KEY, SPELLINGS

FAST = [RateLimit(1000, 1.0)]


@pytest.fixture
def exporter() -> Iterator[tuple[TracerProvider, InMemorySpanExporter]]:
    provider = TracerProvider()
    spans = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(spans))
    yield provider, spans
    provider.shutdown()


@pytest.fixture
def instrumented(
    exporter: tuple[TracerProvider, InMemorySpanExporter], request: pytest.FixtureRequest
) -> Iterator[InMemorySpanExporter]:
    """The stock aiohttp instrumentor, with ``url_filter`` when the test is parametrized so."""
    provider, spans = exporter
    options: dict[str, Any] = {"tracer_provider": provider}
    if getattr(request, "param", "filtered") == "filtered":
        options["url_filter"] = url_filter
    instrumentor = AioHttpClientInstrumentor()
    instrumentor.instrument(**options)
    try:
        yield spans
    finally:
        instrumentor.uninstrument()


def rendered(span: ReadableSpan) -> str:
    """Everything an exporter would ship: name, attributes, events, links, status, resource."""
    exported: str = span.to_json(indent=None)
    return exported + json.dumps([dict(e.attributes or {}) for e in span.events], default=str)


def key_leaks(spans: tuple[ReadableSpan, ...]) -> list[str]:
    """(span, spelling) for every spelling of the key found in any span."""
    found = []
    secret = APIKey(ODD_KEY)
    for span in spans:
        text = rendered(span)
        found += [f"{span.name}: {name}" for name, form in SPELLINGS.items() if form in text]
        if scrub(text, secret) != text:
            found.append(f"{span.name}: a scrubbed spelling")
    return found


async def drive(base_url: str, hooks: list[Any], *, retries: int = 0) -> list[BaseException]:
    """A success, an error status and a retried call, through a client of ``base_url``."""
    outcomes: list[BaseException] = []
    async with SmartleadClient(
        ODD_KEY, base_url=base_url, rate_limits=FAST, max_retries=retries, event_hooks=hooks
    ) as sl:
        sl._pipeline._sleep = no_sleep
        for call in (sl.campaigns.list, lambda: sl.campaigns.get(999_999)):
            try:
                await call()
            except Exception as exc:
                outcomes.append(exc)
    return outcomes


@pytest.mark.parametrize("instrumented", ["filtered"], indirect=True)
async def test_the_stock_instrumentor_with_url_filter_records_no_key(
    instrumented: InMemorySpanExporter,
) -> None:
    async with FakeSmartlead(api_keys=(ODD_KEY,)) as fake:
        base_url = fake.base_url
        await drive(base_url, [])
    spans = instrumented.get_finished_spans()
    assert len(spans) == 2
    assert key_leaks(spans) == []
    urls = [dict(span.attributes or {}).get("http.url") for span in spans]
    assert urls == [
        f"{base_url}/campaigns?api_key=***",
        f"{base_url}/campaigns/999999?api_key=***",
    ]


@pytest.mark.parametrize("instrumented", ["unfiltered"], indirect=True)
async def test_without_url_filter_the_stock_instrumentor_records_the_key(
    instrumented: InMemorySpanExporter,
) -> None:
    # The measured problem, and proof that key_leaks() can see a leak in a span.
    async with FakeSmartlead(api_keys=(ODD_KEY,)) as fake:
        await drive(fake.base_url, [])
    leaks = key_leaks(instrumented.get_finished_spans())
    assert "GET: quote(safe='')" in leaks


@pytest.mark.parametrize("instrumented", ["filtered"], indirect=True)
async def test_the_stock_instrumentor_records_no_key_on_failed_attempts(
    instrumented: InMemorySpanExporter,
) -> None:
    faults = Faults(1.0, [FaultKind.HTTP_503, FaultKind.DROP])
    async with FakeSmartlead(api_keys=(ODD_KEY,), faults=faults, seed=3) as fake:
        await drive(fake.base_url, [], retries=2)
    await drive(f"http://127.0.0.1:{free_port()}/api/v1", [])  # refused: exception events
    spans = instrumented.get_finished_spans()
    assert len(spans) == 2 * 3 + 2
    assert any(event.name == "exception" for span in spans for event in span.events)
    assert key_leaks(spans) == []


async def test_the_sdk_span_per_request(
    exporter: tuple[TracerProvider, InMemorySpanExporter],
) -> None:
    provider, spans = exporter
    faults = Faults(1.0, [FaultKind.HTTP_503])
    async with FakeSmartlead(api_keys=(ODD_KEY,)) as fake:
        base_url = fake.base_url
        fake.state.add_campaign("c")
        fake.set_route_faults("GET /campaigns", faults)
        hooks = [RequestSpans(tracer_provider=provider)]
        async with SmartleadClient(
            ODD_KEY, base_url=fake.base_url, rate_limits=FAST, max_retries=1, event_hooks=hooks
        ) as sl:
            sl._pipeline._sleep = no_sleep
            with pytest.raises(Exception, match="503"):
                await sl.campaigns.list()
            fake.route_faults.clear()
            with pytest.raises(AuthenticationError):
                async with SmartleadClient(
                    "wrong", base_url=base_url, event_hooks=hooks, max_retries=0
                ) as wrong:
                    await wrong.campaigns.list()
            await sl.campaigns.get(next(iter(fake.state.campaigns)))
            assert trace.get_current_span() is trace.INVALID_SPAN  # detached after each
    failed, refused, fetched = spans.get_finished_spans()
    assert [s.name for s in (failed, refused, fetched)] == [
        "GET campaigns",
        "GET campaigns",
        "GET campaigns/{campaign_id}",
    ]
    assert failed.kind is trace.SpanKind.INTERNAL
    attributes = dict(failed.attributes or {})
    assert attributes["http.request.method"] == "GET"
    assert attributes["http.route"] == "campaigns"
    assert attributes["url.full"] == f"{base_url}/campaigns?api_key=***"
    assert attributes["server.address"] == "127.0.0.1"
    assert attributes["http.response.status_code"] == 503
    assert attributes["http.request.resend_count"] == 1
    assert attributes["smartlead.attempts"] == 2
    assert attributes["error.type"] == "InternalServerError"
    waited = attributes["smartlead.gate_wait_seconds"]
    assert isinstance(waited, float)
    assert waited >= 0.0
    assert failed.status.status_code is trace.StatusCode.ERROR
    assert [e.name for e in failed.events] == [
        "smartlead.gate_wait",
        "smartlead.retry",
        "smartlead.gate_wait",
    ]
    assert dict(failed.events[1].attributes or {})["http.response.status_code"] == 503
    assert dict(refused.attributes or {})["http.response.status_code"] == 401
    assert dict(fetched.attributes or {})["http.response.status_code"] == 200
    assert fetched.status.status_code is trace.StatusCode.UNSET
    assert key_leaks((failed, refused, fetched)) == []


@pytest.mark.parametrize("instrumented", ["filtered"], indirect=True)
async def test_aiohttp_spans_are_children_of_the_sdk_span(
    exporter: tuple[TracerProvider, InMemorySpanExporter],
    instrumented: InMemorySpanExporter,
) -> None:
    provider, _ = exporter
    faults = Faults(1.0, [FaultKind.HTTP_429])
    async with FakeSmartlead(api_keys=(ODD_KEY,)) as fake:
        fake.set_route_faults("GET /campaigns", faults)
        async with SmartleadClient(
            ODD_KEY,
            base_url=fake.base_url,
            rate_limits=FAST,
            max_retries=1,
            event_hooks=[RequestSpans(tracer_provider=provider)],
        ) as sl:
            sl._pipeline._sleep = no_sleep
            with pytest.raises(Exception, match="429"):
                await sl.campaigns.list()
    spans = instrumented.get_finished_spans()
    (sdk,) = (s for s in spans if s.kind is trace.SpanKind.INTERNAL)
    attempts = [s for s in spans if s.kind is trace.SpanKind.CLIENT]
    assert len(attempts) == 2  # one per attempt, both under the one SDK span
    assert sdk.context is not None
    assert all(a.parent is not None and a.parent.span_id == sdk.context.span_id for a in attempts)
    assert key_leaks(spans) == []


async def test_a_refused_connection_ends_the_span_with_its_error(
    exporter: tuple[TracerProvider, InMemorySpanExporter],
) -> None:
    provider, spans = exporter
    outcomes = await drive(
        f"http://127.0.0.1:{free_port()}/api/v1", [RequestSpans(tracer_provider=provider)]
    )
    assert all(isinstance(o, APIConnectionError) for o in outcomes)
    finished = spans.get_finished_spans()
    assert len(finished) == 2
    for span in finished:
        assert dict(span.attributes or {})["error.type"] == "APIConnectionError"
        assert "http.response.status_code" not in dict(span.attributes or {})
        assert [e.name for e in span.events] == ["smartlead.gate_wait", "smartlead.attempt_failed"]
    assert key_leaks(finished) == []


def test_url_filter_redacts_every_secret_parameter() -> None:
    from yarl import URL

    url = URL("https://server.smartlead.ai/api/v1/campaigns").with_query(
        {"limit": "5", "api_key": ODD_KEY}
    )
    assert url_filter(url) == "https://server.smartlead.ai/api/v1/campaigns?limit=5&api_key=***"
    assert url_filter("https://h/x") == "https://h/x"


@pytest.mark.parametrize(("filtered", "leaked"), [(True, False), (False, True)])
async def test_an_instrumentor_trace_config_passed_to_the_client(
    exporter: tuple[TracerProvider, InMemorySpanExporter], filtered: bool, leaked: bool
) -> None:
    # trace_configs= without instrumenting every session in the process: the URL filter
    # matters just the same.
    provider, spans = exporter
    config = create_trace_config(
        url_filter=url_filter if filtered else None, tracer_provider=provider
    )
    async with (
        FakeSmartlead(api_keys=(ODD_KEY,)) as fake,
        SmartleadClient(ODD_KEY, base_url=fake.base_url, trace_configs=[config]) as sl,
    ):
        await sl.campaigns.list()
    finished = spans.get_finished_spans()
    assert len(finished) == 1
    assert bool(key_leaks(finished)) is leaked
