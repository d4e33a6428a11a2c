"""Webhook receiver memory benchmark: what one oversized or hostile delivery costs the receiver.

Every row posts one body to a receiver running in this process (aiohttp on a real socket,
FastAPI through httpx's ASGI transport) and reports the answer, the body bytes the receiver
pulled from the wire, the peak of Python allocations (tracemalloc) and the time to the answer.
(aiohttp then keeps reading and discarding the rest for up to its ``lingering_time``.) The
oversized body is sent with chunked transfer (no Content-Length), so only the receiver's own
cap can stop it; its chunks are one reused bytes object, so the sender allocates nothing.

    python benchmarks/bench_webhook_body.py    # a 100 MB chunked post and a 100,000-deep body
    python benchmarks/bench_webhook_body.py --mb 20 --json results.json
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import tracemalloc
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import httpx
from _report import print_table, write_json
from aiohttp import web
from fastapi import FastAPI

from smartlead_async.integrations.aiohttp import webhook_handler
from smartlead_async.integrations.fastapi import smartlead_webhook_router
from smartlead_async.webhooks import WebhookDispatcher

CHUNK = b"x" * 65536


async def chunks(total: int) -> AsyncIterator[bytes]:
    """``total`` bytes (rounded up to a chunk), one reused chunk at a time."""
    for _ in range(-(-total // len(CHUNK))):
        yield CHUNK


async def post_aiohttp(body: Callable[[], object]) -> tuple[int, int, float]:
    pulled: list[int] = []

    @web.middleware
    async def count(request: web.Request, handler: Any) -> web.StreamResponse:
        try:
            response: web.StreamResponse = await handler(request)
        finally:
            pulled.append(request.content.total_bytes)
        return response

    app = web.Application(middlewares=[count])
    app.router.add_post("/hooks", webhook_handler(WebhookDispatcher()))
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}/hooks"
    try:
        async with aiohttp.ClientSession() as http:
            started = time.perf_counter()
            try:
                async with http.post(url, data=body()) as response:
                    status = response.status
            except aiohttp.ClientError:
                status = 0  # the receiver hung up before answering
            answered = time.perf_counter() - started
    finally:
        await runner.cleanup()
    return status, pulled[0] if pulled else -1, answered


async def post_fastapi(body: Callable[[], object]) -> tuple[int, int, float]:
    app = FastAPI()
    app.include_router(smartlead_webhook_router("/hooks", WebhookDispatcher()))
    pulled = 0

    async def counting_app(scope: Any, receive: Any, send: Any) -> None:
        async def counted() -> Any:
            nonlocal pulled
            message = await receive()
            pulled += len(message.get("body", b""))
            return message

        await app(scope, counted, send)

    transport = httpx.ASGITransport(app=counting_app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        started = time.perf_counter()
        response = await http.post("/hooks", content=body())  # type: ignore[arg-type]
        answered = time.perf_counter() - started
    return response.status_code, pulled, answered


async def run_row(
    adapter: str,
    case: str,
    post: Callable[[Callable[[], object]], Awaitable[tuple[int, int, float]]],
    body: Callable[[], object],
) -> dict[str, object]:
    tracemalloc.start()
    status, pulled, answered = await post(body)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "adapter": adapter,
        "body": case,
        "status": status,
        "pulled_MB": round(pulled / 1e6, 2),
        "peak_MB": round(peak / 1e6, 2),
        "answered_s": round(answered, 3),
    }


async def run(mb: int) -> list[dict[str, object]]:
    deep = b"[" * 100_000
    cases: list[tuple[str, Callable[[], object]]] = [
        (f"{mb} MB chunked", lambda: chunks(mb * 1_000_000)),
        ("100,000-deep [[[", lambda: deep),
    ]
    rows = []
    for adapter, post in (("aiohttp", post_aiohttp), ("fastapi", post_fastapi)):
        for case, body in cases:
            rows.append(await run_row(adapter, case, post, body))
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=100, help="size of the chunked post, in MB")
    parser.add_argument("--json", help="write the rows to this JSON file")
    args = parser.parse_args(argv)
    rows = asyncio.run(run(args.mb))
    print_table(rows)
    write_json(args.json, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
