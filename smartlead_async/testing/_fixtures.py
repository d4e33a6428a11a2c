"""The pytest fixtures; imported by the plugin only when pytest-asyncio is installed."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from smartlead_async._client import SmartleadClient
from smartlead_async.testing._server import FakeSmartlead


@pytest_asyncio.fixture
async def smartlead_fake() -> AsyncIterator[FakeSmartlead]:
    """A fake SmartLead server on a free loopback port, fresh for each test."""
    async with FakeSmartlead() as fake:
        yield fake


@pytest_asyncio.fixture
async def smartlead_client(smartlead_fake: FakeSmartlead) -> AsyncIterator[SmartleadClient]:
    """A client of ``smartlead_fake`` (no retries, so failures surface at once)."""
    async with SmartleadClient(
        smartlead_fake.api_key, base_url=smartlead_fake.base_url, max_retries=0
    ) as client:
        yield client
