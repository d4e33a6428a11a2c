"""Pipeline event overhead: what a request costs the SDK with no hooks, a no-op hook, and the
OpenTelemetry span hook.

The transport is a stub that answers at once, so the rows measure the pipeline alone (gate,
events, retry bookkeeping, JSON check and decoding), in microseconds of CPU per request; the
ratio column is against the first row, measured in the same run. Run it with the worktree of an
older commit on ``PYTHONPATH`` to see the cost before events existed (only the first row runs
there)::

    python benchmarks/bench_events.py
    python benchmarks/bench_events.py --requests 50000 --json results.json
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import time
from collections.abc import Callable
from typing import Any

from _report import print_table, write_json
from multidict import CIMultiDict, CIMultiDictProxy

from smartlead_async import RateFeedback
from smartlead_async._convert import make_converter
from smartlead_async._pipeline import Pipeline
from smartlead_async._request import RequestSpec
from smartlead_async._retry import DefaultRetryPolicy
from smartlead_async._secrets import APIKey
from smartlead_async._transport import RawResponse, Transport
from smartlead_async.models import Campaign

try:
    from opentelemetry.sdk.trace import TracerProvider

    from smartlead_async.integrations.otel import RequestSpans
except ImportError:  # no otel extra, or a tree from before the integration
    RequestSpans = None

BODY = b'{"id": 12, "name": "Q3", "status": "ACTIVE"}'


class OpenGate:
    """Admits at once: the rows measure the pipeline, not the rate limit."""

    async def acquire(self) -> None:
        return

    async def observe(self, feedback: RateFeedback) -> None:
        del feedback


class StubTransport(Transport):
    """Answers every request with one campaign, without a socket."""

    async def send(self, spec: RequestSpec, *, shown_url: str) -> RawResponse:
        return RawResponse(
            status=200,
            headers=CIMultiDictProxy(CIMultiDict({"Content-Type": "application/json"})),
            body=BODY,
            method=spec.method,
            url="https://server.smartlead.ai/api/v1/campaigns/12?api_key=***",
        )


def pipeline(hooks: tuple[Callable[[Any], None], ...] | None) -> Pipeline:
    gate = OpenGate()
    options: dict[str, Any] = {
        "transport": StubTransport(
            base_url="https://server.smartlead.ai/api/v1", api_key=APIKey("k+y/=&%?"), timeout=30
        ),
        "gate": lambda: gate,
        "retry_policy": DefaultRetryPolicy(),
        "converter": make_converter(),
    }
    if hooks is not None:
        options["event_hooks"] = hooks
    return Pipeline(**options)


async def per_request_us(subject: Pipeline, requests: int) -> float:
    spec = RequestSpec("GET", "campaigns/12")
    for _ in range(200):  # warm-up
        await subject.request(spec, Campaign)
    started = time.process_time()
    for _ in range(requests):
        await subject.request(spec, Campaign)
    return (time.process_time() - started) / requests * 1e6


def configurations() -> list[tuple[str, tuple[Callable[[Any], None], ...] | None]]:
    if "event_hooks" not in inspect.signature(Pipeline).parameters:
        return [("no hooks (before events)", None)]
    rows: list[tuple[str, tuple[Callable[[Any], None], ...] | None]] = [
        ("no hooks", ()),
        ("one no-op hook", (lambda event: None,)),
    ]
    if RequestSpans is None:
        return rows
    rows.append(("RequestSpans (SDK provider, no exporter)", (RequestSpans(TracerProvider()),)))
    return rows


async def main(requests: int) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    baseline = None
    for name, hooks in configurations():
        cost = await per_request_us(pipeline(hooks), requests)
        baseline = baseline or cost
        rows.append(
            {
                "configuration": name,
                "requests": requests,
                "us_per_request": f"{cost:.1f}",
                "ratio": f"{cost / baseline:.2f}",
            }
        )
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args()
    results = asyncio.run(main(args.requests))
    print_table(results)
    write_json(args.json, results)
