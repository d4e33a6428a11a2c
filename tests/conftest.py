"""Shared fixtures: the aioresponses compatibility shim, a virtual-time event loop, clients."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Iterator
from typing import Any

import aioresponses.core
import pytest
import pytest_asyncio
from aiohttp import ClientResponse

from smartlead_async import RateLimit, SmartleadClient
from smartlead_async.testing import FakeSmartlead

from .helpers import API_KEY, BASE_URL
from .redis_support import redis_client, redis_server, redis_server_process
from .wire_coverage import record, unrequested

#: Redis fixtures for every module: imported here once, so the session server is one server.
REDIS_FIXTURES = (redis_client, redis_server, redis_server_process)

# --- aioresponses on aiohttp >= 3.14 -------------------------------------------------------------
# aioresponses 0.7.9 builds ClientResponse without the `stream_writer` argument that aiohttp 3.14
# made mandatory (aioresponses issue #289; fix in PR #288, unreleased). aiohttp only reads
# `stream_writer.output_size`, so a response class that supplies a stand-in is enough. Delete this
# block once an aioresponses release includes the fix.


class _FinishedUpload:
    output_size = 0


class _CompatClientResponse(ClientResponse):
    def __init__(self, method: str, url: Any, **kwargs: Any) -> None:
        kwargs.setdefault("stream_writer", _FinishedUpload())
        super().__init__(method, url, **kwargs)


if "stream_writer" in inspect.signature(ClientResponse.__init__).parameters:
    vars(aioresponses.core)["ClientResponse"] = _CompatClientResponse  # a global it imports
# --------------------------------------------------------------------------------------------------


@pytest.fixture
def mock_api() -> Iterator[aioresponses.aioresponses]:
    """aioresponses, for narrow wire-level unit tests (it bypasses aiohttp middlewares)."""
    with aioresponses.aioresponses() as mocked:
        yield mocked
        record(mocked.requests)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--wire-coverage",
        action="store_true",
        help="fail a passing run in which some SDK route got no request through mock_api",
    )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not session.config.getoption("--wire-coverage") or exitstatus != 0:
        return
    missing = unrequested()
    if missing:
        lines = "\n  ".join(missing)
        print(f"\n{len(missing)} SDK routes have no wire test (--wire-coverage):\n  {lines}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest_asyncio.fixture
async def client() -> AsyncIterator[SmartleadClient]:
    """A client of the real base URL, for use with ``mock_api``; no retries, generous rate."""
    async with SmartleadClient(API_KEY, base_url=BASE_URL, max_retries=0) as sl:
        yield sl


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeSmartlead]:
    """A running fake server that accepts ``API_KEY``."""
    async with FakeSmartlead(api_keys=(API_KEY,)) as server:
        yield server


@pytest_asyncio.fixture
async def fake_client(fake: FakeSmartlead) -> AsyncIterator[SmartleadClient]:
    """A client of ``fake`` with retries disabled and a fast gate (the fake does not throttle)."""
    fast = [RateLimit(1000, 1.0)]
    async with SmartleadClient(
        API_KEY,
        base_url=fake.base_url,
        host_urls=fake.host_urls,
        max_retries=0,
        rate_limits=fast,
    ) as sl:
        yield sl
