"""Bounded resources: the response-size cap (gzip bombs, huge Content-Length) and gate lifetimes."""

from __future__ import annotations

import asyncio
import functools
import gc
import tracemalloc
import weakref
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Unpack

import pytest
import pytest_asyncio
from aiohttp import web

from smartlead_async import (
    ConfigurationError,
    RateLimit,
    RequestValidationError,
    ResponseTooLargeError,
    SmartleadClient,
    SmartleadError,
)
from smartlead_async._ratelimit import _GateRegistry, gate_registry
from smartlead_async._request import RequestSpec
from smartlead_async.testing import FakeSmartlead

from .helpers import API_KEY, ClientSettings, no_sleep, serving

MiB = 1024 * 1024
FAST = [RateLimit(1000, 1.0)]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@functools.cache
def gzip_member(size: int) -> bytes:
    """One gzip member holding ``size`` zero bytes (16 MiB compress to about 16 KB)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    return compressor.compress(bytes(size)) + compressor.flush()


class Stub:
    """A one-route aiohttp server whose handler each test sets; counts the requests it got."""

    def __init__(self) -> None:
        self.handler: Handler | None = None
        self.requests = 0
        self.release = asyncio.Event()  # set at teardown so a parked handler can finish

    async def _serve(self, request: web.Request) -> web.StreamResponse:
        self.requests += 1
        assert self.handler is not None
        return await self.handler(request)


@pytest_asyncio.fixture
async def stub() -> AsyncIterator[tuple[Stub, str]]:
    server = Stub()
    app = web.Application()
    app.router.add_route("*", "/api/v1/{tail:.*}", server._serve)
    async with serving(app, access_log=None) as root:
        try:
            yield server, f"{root}/api/v1"
        finally:
            server.release.set()


async def gzip_bomb(request: web.Request) -> web.StreamResponse:
    """1 GiB of zeros as 64 gzip members of 16 MiB: about 1 MB on the wire, streamed."""
    response = web.StreamResponse(headers={"Content-Encoding": "gzip"})
    response.content_type = "application/json"
    await response.prepare(request)
    member = gzip_member(16 * MiB)
    try:
        for _ in range(64):
            await response.write(member)
        await response.write_eof()
    except ConnectionResetError:  # the client hung up, as it should
        pass
    return response


def client_of(base_url: str, **options: Unpack[ClientSettings]) -> SmartleadClient:
    settings: ClientSettings = {"rate_limits": FAST, "max_retries": 3, **options}
    return SmartleadClient(API_KEY, base_url=base_url, **settings)


async def test_a_gzip_bomb_is_stopped_at_the_cap_without_buffering_it(
    stub: tuple[Stub, str],
) -> None:
    server, base_url = stub
    server.handler = gzip_bomb
    cap = 4 * MiB
    gzip_member(16 * MiB)  # built before measuring: it is the server's memory, not the client's
    tracemalloc.start()
    try:
        async with client_of(base_url, max_response_bytes=cap) as sl:
            with pytest.raises(ResponseTooLargeError) as caught:
                await sl.campaigns.list()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    error = caught.value
    assert (error.limit, error.status, error.declared) == (cap, 200, None)
    assert error.method == "GET"
    assert "api_key=***" in error.url
    assert str(cap) in str(error)
    # Without the cap the client holds the whole gigabyte; with it, little more than the cap.
    assert peak < cap + 8 * MiB, f"peak {peak / MiB:.1f} MiB"
    assert server.requests == 1  # not retried, although GET and max_retries=3


async def test_a_declared_content_length_over_the_cap_is_refused_before_reading(
    stub: tuple[Stub, str],
) -> None:
    server, base_url = stub

    async def announce_then_stall(request: web.Request) -> web.StreamResponse:
        # Headers promise a big body that never comes: a client that starts reading hangs
        # until its timeout instead of failing at once.
        response = web.StreamResponse(headers={"Content-Length": str(1024 + 1)})
        await response.prepare(request)
        await server.release.wait()
        return response

    server.handler = announce_then_stall
    # The guard (60 s) is far inside the client's timeout: only a refusal before reading
    # raises ResponseTooLargeError, a client that starts reading raises the guard's TimeoutError.
    async with client_of(base_url, max_response_bytes=1024, timeout=600.0) as sl:
        with pytest.raises(ResponseTooLargeError) as caught:
            await asyncio.wait_for(sl.campaigns.list(), timeout=60.0)
    assert caught.value.declared == 1025
    assert "Content-Length 1025" in str(caught.value)
    assert server.requests == 1


@pytest.mark.parametrize(("size", "fits"), [(1000, True), (1001, False)])
async def test_the_cap_is_exact(stub: tuple[Stub, str], size: int, fits: bool) -> None:
    server, base_url = stub
    body = b'{"message": "' + b"x" * (size - 15) + b'"}'
    assert len(body) == size

    async def chunked(request: web.Request) -> web.StreamResponse:
        # Chunked, so the limit is enforced while reading, not from Content-Length.
        response = web.StreamResponse()
        response.enable_chunked_encoding()
        await response.prepare(request)
        for start in range(0, size, 100):
            await response.write(body[start : start + 100])
        await response.write_eof()
        return response

    server.handler = chunked
    async with client_of(base_url, max_response_bytes=1000, max_retries=0) as sl:
        request = sl._pipeline.request_text(RequestSpec("GET", "campaigns/1/leads-export"))
        if fits:
            assert await request == body.decode()
        else:
            with pytest.raises(ResponseTooLargeError):
                await request


async def test_an_oversized_503_is_not_retried(
    stub: tuple[Stub, str],
) -> None:
    server, base_url = stub

    async def huge_503(_request: web.Request) -> web.Response:
        return web.Response(status=503, body=b"x" * 5000)

    server.handler = huge_503
    async with client_of(base_url, max_response_bytes=1000) as sl:
        sl._pipeline._sleep = no_sleep
        with pytest.raises(ResponseTooLargeError) as caught:
            await sl.campaigns.list()
    assert isinstance(caught.value, SmartleadError)
    assert caught.value.status == 503
    assert server.requests == 1  # a 503 is retried; an oversized one is not


@pytest.mark.parametrize("value", [0, -1, True, 1.5, "1"])
def test_max_response_bytes_must_be_a_positive_int(value: object) -> None:
    with pytest.raises(ConfigurationError, match="max_response_bytes"):
        SmartleadClient(API_KEY, max_response_bytes=value)  # type: ignore[arg-type]


def test_finished_event_loops_are_not_kept_alive_by_their_gates() -> None:
    # One client per asyncio.run(), each admitted once (so its gate is busy when the loop ends):
    # the registry used to keep every one of those loops, and their gates, forever.
    loops: list[weakref.ref[asyncio.AbstractEventLoop]] = []

    async def one_run() -> None:
        loops.append(weakref.ref(asyncio.get_running_loop()))
        client = SmartleadClient(API_KEY, rate_limits=FAST)
        await client._gate().acquire()
        await client.aclose()
        assert len(gate_registry) == 1  # still shared with a client created right after

    # Growth is measured over two rounds of 1,000 runs and the smaller one counts: a leak grows
    # both, while a one-off resize of an interpreter-wide table (interned strings, after earlier
    # test modules imported a lot) lands in one round and is not this code's memory.
    grown = []
    gc.collect()
    tracemalloc.start()
    try:
        for _ in range(2):
            before, _ = tracemalloc.get_traced_memory()
            for _ in range(1000):
                asyncio.run(one_run())
            gc.collect()
            after, _ = tracemalloc.get_traced_memory()
            grown.append(after - before)
    finally:
        tracemalloc.stop()
    alive = sum(ref() is not None for ref in loops)
    assert alive == 0, f"{alive} of {len(loops)} finished loops still referenced"
    assert min(grown) < MiB, f"grew by {[round(g / MiB, 1) for g in grown]} MiB per 1,000 runs"


def test_loops_that_refuse_attributes_fall_back_to_a_weak_table() -> None:
    class SlottedLoop:
        __slots__ = ("__weakref__",)

    registry = _GateRegistry()
    loop = SlottedLoop()
    entries = registry._entries_of(loop)
    assert registry._entries_of(loop) is entries
    assert registry._entries_of(SlottedLoop()) is not entries
    del loop
    gc.collect()
    assert len(registry._fallback) == 0


async def test_a_body_that_is_not_json_is_refused_before_sending() -> None:
    # json.dumps writes NaN and Infinity, which no JSON parser accepts; refuse, send nothing.
    async with FakeSmartlead() as fake:
        async with SmartleadClient(fake.api_key, base_url=fake.base_url) as sl:
            spec = RequestSpec("POST", "campaigns/1/settings", json={"score": float("nan")})
            with pytest.raises(RequestValidationError, match="not valid JSON"):
                await sl._pipeline.request_json(spec)
        assert fake.state.requests == []
