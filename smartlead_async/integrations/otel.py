"""OpenTelemetry: one span per SDK request, and a URL filter for the stock aiohttp instrumentor.

Needs the ``otel`` extra (``pip install 'smartlead-async[otel]'``, which brings
``opentelemetry-api``); configure a tracer provider as usual::

    from smartlead_async.integrations.otel import RequestSpans

    sl = SmartleadClient(event_hooks=[RequestSpans()])

Each request becomes one ``INTERNAL`` span named ``{METHOD} {route}`` (``GET
campaigns/{campaign_id}``), from entering the pipeline to its result, retries and their delays
included, with the attributes ``http.request.method``, ``http.route``, ``url.full`` (the key's
value written ``***``), ``server.address``, ``http.response.status_code``,
``http.request.resend_count`` (retries), ``smartlead.attempts`` and
``smartlead.gate_wait_seconds``; on failure ``error.type`` and an ERROR status. Every wait in
the rate gate, failed attempt and scheduled retry is a span event. The span is current while
the request runs, so spans of the stock aiohttp instrumentor (one per attempt) are its
children.

The stock instrumentor records the URL aiohttp sends, and the SDK sends the key in the query
string: pass :func:`url_filter` wherever it is enabled, or every span carries the key::

    from opentelemetry.instrumentation.aiohttp_client import AioHttpClientInstrumentor
    from smartlead_async.integrations.otel import url_filter

    AioHttpClientInstrumentor().instrument(url_filter=url_filter)
"""

from __future__ import annotations

import contextvars
from urllib.parse import urlsplit

import attrs
from opentelemetry import context, trace
from opentelemetry.context import Context
from opentelemetry.util.types import AttributeValue
from yarl import URL

from smartlead_async._secrets import redact_url
from smartlead_async.events import (
    AttemptFailed,
    GateWaited,
    PipelineEvent,
    RequestFinished,
    RequestStarted,
    RetryScheduled,
)

__all__ = ["RequestSpans", "url_filter"]

_SCOPE = "smartlead_async"


def url_filter(url: URL | str) -> str:
    """``url`` with the value of ``api_key`` (any secret query parameter) replaced by ``***``.

    The ``url_filter=`` of ``AioHttpClientInstrumentor().instrument()`` and
    ``create_trace_config()``; usable on any URL a trace callback receives.
    """
    return redact_url(str(url))


@attrs.define
class _Open:
    span: trace.Span
    token: contextvars.Token[Context]
    gate_seconds: float = 0.0


class RequestSpans:
    """An event hook creating one span per request (see the module docs).

    Args:
        tracer_provider: Provider of the tracer; defaults to the global one.
    """

    def __init__(self, tracer_provider: trace.TracerProvider | None = None) -> None:
        self._tracer = trace.get_tracer(_SCOPE, tracer_provider=tracer_provider)
        self._open: dict[int, _Open] = {}

    def __call__(self, event: PipelineEvent) -> None:
        """Start, annotate or end the span of ``event``'s request."""
        if isinstance(event, RequestStarted):
            self._start(event)
            return
        state = self._open.get(event.request.id)
        if state is None:
            return
        span = state.span
        if isinstance(event, GateWaited):
            state.gate_seconds += event.seconds
            span.add_event(
                "smartlead.gate_wait", {"attempt": event.attempt, "seconds": event.seconds}
            )
        elif isinstance(event, AttemptFailed):
            span.add_event(
                "smartlead.attempt_failed",
                {"attempt": event.attempt, "error.type": type(event.error).__name__},
            )
        elif isinstance(event, RetryScheduled):
            attributes: dict[str, AttributeValue] = {
                "attempt": event.attempt,
                "delay_seconds": event.delay,
                "outcome": event.outcome.value,
                "may_have_been_applied": event.may_have_been_applied,
            }
            if event.status is not None:
                attributes["http.response.status_code"] = event.status
            span.add_event("smartlead.retry", attributes)
        elif isinstance(event, RequestFinished):
            self._finish(self._open.pop(event.request.id), event)

    def _start(self, event: RequestStarted) -> None:
        request = event.request
        attributes: dict[str, AttributeValue] = {
            "http.request.method": request.method,
            "http.route": request.route,
            "url.full": url_filter(request.url),
        }
        host = urlsplit(request.url).hostname
        if host:
            attributes["server.address"] = host
        span = self._tracer.start_span(
            f"{request.method} {request.route}",
            kind=trace.SpanKind.INTERNAL,
            attributes=attributes,
        )
        # Attached here and detached by RequestFinished, which the pipeline emits in the same
        # task and context on every path (errors and cancellation included).
        token = context.attach(trace.set_span_in_context(span))
        self._open[request.id] = _Open(span, token)

    @staticmethod
    def _finish(state: _Open, event: RequestFinished) -> None:
        span = state.span
        span.set_attribute("http.request.resend_count", event.retries)
        span.set_attribute("smartlead.attempts", event.attempts)
        span.set_attribute("smartlead.gate_wait_seconds", state.gate_seconds)
        if event.status is not None:
            span.set_attribute("http.response.status_code", event.status)
        if event.error is not None:
            span.set_attribute("error.type", type(event.error).__name__)
            # The SDK's messages are redacted; anything else is named by its type only.
            span.set_status(trace.StatusCode.ERROR, type(event.error).__name__)
        context.detach(state.token)
        span.end()
