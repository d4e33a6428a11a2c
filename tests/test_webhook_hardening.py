"""Webhook receivers under attack: concurrent copies, oversized and hostile bodies, through the
real aiohttp adapter (a socket) and the FastAPI router (httpx's ASGI transport)."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import Any, Protocol

import aiohttp
import httpx
import pytest
import pytest_asyncio
from aiohttp import web
from fastapi import FastAPI

from smartlead_async import webhooks
from smartlead_async.integrations.fastapi import smartlead_webhook_router
from smartlead_async.webhooks import (
    MAX_BODY_BYTES,
    WebhookDispatcher,
    WebhookEvent,
)

from .helpers import sign
from .test_webhook_receiver import Receiver

OPEN = json.dumps({"event_type": "EMAIL_OPEN", "stats_id": "st-1", "to_email": "a@x.io"}).encode()
CHUNK = b"x" * 65536


class Post(Protocol):
    """Sends one delivery to a receiver serving the dispatcher it was made for."""

    pulled: int  # body bytes the receiver took from the wire, for the last request

    async def __call__(
        self, content: bytes | Callable[[], AsyncIterator[bytes]], headers: Mapping[str, str]
    ) -> tuple[int, dict[str, Any]]: ...


async def chunked(total: int) -> AsyncIterator[bytes]:
    """``total`` bytes as a stream with no Content-Length (chunked transfer)."""
    for _ in range(-(-total // len(CHUNK))):
        yield CHUNK


class AiohttpPost:
    def __init__(self, session: aiohttp.ClientSession, url: str) -> None:
        self.session = session
        self.url = url
        self.pulled = 0

    async def __call__(
        self, content: bytes | Callable[[], AsyncIterator[bytes]], headers: Mapping[str, str]
    ) -> tuple[int, dict[str, Any]]:
        # BytesIO: aiohttp warns about large raw bytes, and still sends a Content-Length.
        data = io.BytesIO(content) if isinstance(content, bytes) else content()
        async with self.session.post(self.url, data=data, headers=dict(headers)) as response:
            # Anything but the dispatcher's JSON (a framework's own error page) reads as {}.
            json_body = response.content_type == "application/json"
            return response.status, await response.json() if json_body else {}


class FastapiPost:
    def __init__(self, dispatcher: WebhookDispatcher) -> None:
        app = FastAPI()
        app.include_router(smartlead_webhook_router("/hooks", dispatcher))
        self.pulled = 0

        async def counting(scope: Any, receive: Any, send: Any) -> None:
            async def counted() -> Any:
                message = await receive()
                self.pulled += len(message.get("body", b""))
                return message

            await app(scope, counted, send)

        # A crash must surface as a 500 answer, as a real server gives, not as a test error.
        transport = httpx.ASGITransport(app=counting, raise_app_exceptions=False)
        self.http = httpx.AsyncClient(transport=transport, base_url="http://t")

    async def __call__(
        self, content: bytes | Callable[[], AsyncIterator[bytes]], headers: Mapping[str, str]
    ) -> tuple[int, dict[str, Any]]:
        self.pulled = 0
        body = content if isinstance(content, bytes) else content()
        response = await self.http.post("/hooks", content=body, headers=dict(headers))
        json_body = response.headers.get("content-type") == "application/json"
        return response.status_code, response.json() if json_body else {}


ServeFactory = Callable[[WebhookDispatcher], Awaitable[Post]]


@pytest_asyncio.fixture(params=["aiohttp", "fastapi"])
async def serve(request: pytest.FixtureRequest) -> AsyncIterator[ServeFactory]:
    """Start a receiver of a given dispatcher, through one adapter or the other."""
    receivers: list[Receiver] = []
    clients: list[httpx.AsyncClient] = []
    session = aiohttp.ClientSession()

    async def start(dispatcher: WebhookDispatcher) -> Post:
        if request.param == "fastapi":
            fastapi_post = FastapiPost(dispatcher)
            clients.append(fastapi_post.http)
            return fastapi_post

        @web.middleware
        async def count(request: web.Request, handler: Any) -> web.StreamResponse:
            try:
                response: web.StreamResponse = await handler(request)
            finally:
                post.pulled = request.content.total_bytes
            return response

        # No lingering: after answering early (413) aiohttp would otherwise keep the connection
        # for up to 10 s, reading and discarding the rest, and the teardown would wait for it.
        receiver = Receiver(dispatcher, middlewares=[count], lingering_time=0)
        await receiver.start()
        receivers.append(receiver)
        post = AiohttpPost(session, receiver.url)
        return post

    try:
        yield start
    finally:
        await session.close()
        for client in clients:
            await client.aclose()
        for receiver in receivers:
            await receiver.stop()


async def test_twenty_concurrent_copies_run_the_handler_once(serve: ServeFactory) -> None:
    copies = 20
    gate = asyncio.Event()  # holds the first handler until the other copies have an answer
    verdict = asyncio.Event()  # set once the test can tell: 19 answers, or a second handler
    calls = 0

    async def slow(event: WebhookEvent) -> None:
        nonlocal calls
        calls += 1
        if calls > 1:
            verdict.set()  # a copy got in: what the claim must prevent
        await gate.wait()

    post = await serve(WebhookDispatcher({"*": slow}))
    answered = 0

    async def copy() -> tuple[int, dict[str, Any]]:
        nonlocal answered
        result = await post(OPEN, {"X-Request-Id": "req-1"})
        answered += 1
        if answered == copies - 1:
            verdict.set()
        return result

    tasks = [asyncio.create_task(copy()) for _ in range(copies)]
    await verdict.wait()
    gate.set()
    results = await asyncio.gather(*tasks)
    assert calls == 1
    statuses = sorted(status for status, _ in results)
    assert statuses == [200] + [503] * (copies - 1)
    assert [body["processed"] for status, body in results if status == 200] == [1]
    # The copies still in flight were not told "done": they are SmartLead-retryable 5xx.
    assert {body["ok"] for status, body in results if status == 503} == {False}
    # Once the handler completed, a copy is a 200 duplicate and still does not run it.
    status, body = await post(OPEN, {"X-Request-Id": "req-1"})
    assert (status, body["duplicates"], body["processed"], calls) == (200, 1, 0, 1)


async def test_a_copy_during_a_failing_handler_is_retried_not_acknowledged() -> None:
    gate = asyncio.Event()
    entered = asyncio.Event()
    attempts: list[str] = []

    async def flaky(event: WebhookEvent) -> None:
        attempts.append("run")
        if len(attempts) == 1:
            entered.set()
            await gate.wait()
            raise RuntimeError("CRM is down")

    dispatcher = WebhookDispatcher({"*": flaky})
    headers = {"X-Request-Id": "req-7"}
    first = asyncio.create_task(dispatcher.dispatch(OPEN, headers))
    await entered.wait()
    during = await dispatcher.dispatch(OPEN, headers)
    assert during.status == 503  # not 200: the first copy has not succeeded (and will not)
    assert attempts == ["run"]
    gate.set()
    assert (await first).status == 500
    retry = await dispatcher.dispatch(OPEN, headers)  # SmartLead's retry after the 5xx
    assert (retry.status, retry.body["processed"], attempts) == (200, 1, ["run", "run"])
    again = await dispatcher.dispatch(OPEN, headers)
    assert (again.status, again.body["duplicates"], len(attempts)) == (200, 1, 2)


async def test_a_cancelled_handler_releases_its_claim() -> None:
    entered = asyncio.Event()
    runs = 0

    async def hangs_once(event: WebhookEvent) -> None:
        nonlocal runs
        runs += 1
        if runs == 1:
            entered.set()
            await asyncio.Event().wait()

    dispatcher = WebhookDispatcher({"*": hangs_once})
    first = asyncio.create_task(dispatcher.dispatch(OPEN, {}))
    await entered.wait()
    first.cancel()  # the client hung up and the framework cancelled the request
    with pytest.raises(asyncio.CancelledError):
        await first
    retry = await dispatcher.dispatch(OPEN, {})
    assert (retry.status, retry.body["processed"], runs) == (200, 1, 2)


async def test_an_expired_claim_lets_the_retry_run() -> None:
    now = [0.0]
    store = webhooks.MemoryDedupe(claim_ttl=60, clock=lambda: now[0])
    runs = 0

    async def handler(event: WebhookEvent) -> None:
        nonlocal runs
        runs += 1

    dispatcher = WebhookDispatcher({"*": handler}, dedupe=store)
    key = webhooks.delivery_key(webhooks.parse_event(OPEN))
    assert await store.claim(key)  # a worker claimed it, then died without releasing
    assert (await dispatcher.dispatch(OPEN, {})).status == 503
    now[0] = 60.0
    result = await dispatcher.dispatch(OPEN, {})
    assert (result.status, result.body["processed"], runs) == (200, 1, 1)


CAP = 768 * 1024


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
async def test_a_body_over_the_cap_is_413_and_is_not_read(
    serve: ServeFactory, framing: str
) -> None:
    calls: list[WebhookEvent] = []

    async def record(event: WebhookEvent) -> None:
        calls.append(event)

    post = await serve(WebhookDispatcher({"*": record}, max_body_bytes=CAP))
    size = 16 * 1024 * 1024
    content: bytes | Callable[[], AsyncIterator[bytes]] = (
        b"x" * size if framing == "content-length" else (lambda: chunked(size))
    )
    status, body = await post(content, {})
    assert (status, body["ok"]) == (413, False)
    assert calls == []
    if framing == "content-length":
        # Refused on the header: never read up to the cap (aiohttp may have buffered a little
        # of it before the handler ran).
        assert post.pulled < CAP
    else:
        # Refused while streaming: the cap plus what the framework buffers ahead of a read.
        assert CAP < post.pulled <= CAP + 512 * 1024


async def test_the_default_cap_is_one_mebibyte_to_the_byte(serve: ServeFactory) -> None:
    assert MAX_BODY_BYTES == 1 << 20
    post = await serve(WebhookDispatcher())
    padding = b" " * (MAX_BODY_BYTES - len(OPEN))
    status, _ = await post(lambda: chunked_body(OPEN + padding), {})
    assert status == 200  # exactly the cap: accepted (JSON allows trailing whitespace)
    status, _ = await post(lambda: chunked_body(OPEN + padding + b" "), {})
    assert status == 413


async def chunked_body(body: bytes) -> AsyncIterator[bytes]:
    for start in range(0, len(body), len(CHUNK)):
        yield body[start : start + len(CHUNK)]


@pytest.mark.parametrize(
    "body",
    [b"[" * 100_000, b'{"a":' * 100_000, b"{nope", b"\xff\xfe\x00"],
    ids=["deep-array", "deep-object", "malformed", "not-utf"],
)
async def test_hostile_json_is_a_400_with_no_traceback_logged(
    serve: ServeFactory, body: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    post = await serve(WebhookDispatcher({"*": _never}))
    status, answer = await post(body, {})
    assert (status, answer["ok"]) == (400, False)
    assert "not JSON" in answer["error"]
    assert [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info] == []


async def _never(event: WebhookEvent) -> None:
    raise AssertionError("a refused body reached the handler")


async def test_a_bad_signature_is_refused_before_the_body_is_parsed(
    serve: ServeFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[object] = []
    real_parse = webhooks.parse_events

    def spy(raw: Any, **kwargs: Any) -> list[WebhookEvent]:
        parsed.append(raw)
        return real_parse(raw, **kwargs)

    # Where the dispatcher looks it up, not the package's re-export.
    monkeypatch.setattr(webhooks.dispatch, "parse_events", spy)
    post = await serve(WebhookDispatcher({"*": _never}, signing_secret="whsec"))
    deep = b"[" * 1_000_000  # just under the cap, and a JSON error if it were parsed
    for body in (deep, b"{nope"):
        for signature in ({}, {"X-Smartlead-Signature": sign(body, "other")}):
            status, answer = await post(body, signature)
            assert (status, answer["ok"]) == (401, False)
    assert parsed == []
    # Signed correctly, the same bodies are parsed (and refused as JSON): the spy is live.
    status, _ = await post(b"{nope", {"X-Smartlead-Signature": sign(b"{nope", "whsec")})
    assert (status, parsed) == (400, [b"{nope"])
    # A body over the cap is refused before anything else: it is never read to be signed.
    status, _ = await post(lambda: chunked(2 * MAX_BODY_BYTES), {"X-Smartlead-Signature": "x"})
    assert (status, len(parsed)) == (413, 1)


@pytest.mark.parametrize("header", ["sha256=é", "sha256=\udcff", "sha256=" + "é" * 64])
def test_a_non_ascii_signature_is_refused_not_a_crash(header: str) -> None:
    # Before: hmac.compare_digest raised TypeError on non-ASCII text: a 500, which SmartLead
    # retries, and an error logged per hostile request.
    from smartlead_async.webhooks import WebhookAuthenticationError, verify_signature

    with pytest.raises(WebhookAuthenticationError):
        verify_signature(b"{}", header, "secret")
