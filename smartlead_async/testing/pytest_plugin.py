"""pytest plugin (registered by entry point): fixtures for testing code that uses smartlead_async.

``smartlead_fake`` is a running :class:`~smartlead_async.testing.FakeSmartlead`;
``smartlead_client`` is a :class:`~smartlead_async.SmartleadClient` pointed at it (no retries,
so failures surface at once). Mark a test to configure its fake with any ``FakeSmartlead``
keyword argument::

    @pytest.mark.smartlead_fake(lead_credits=10, faults=Faults(0.2), rate_limits=[RateLimit(10, 2)])
    async def test_import(smartlead_client): ...

Both fixtures are async and need pytest-asyncio (the ``testing`` extra); without it this plugin
adds only the marker. The fake and the SDK are imported when a fixture is first used, so the
plugin costs a pytest session nothing otherwise.
"""

from __future__ import annotations

import importlib.util
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from smartlead_async import SmartleadClient
    from smartlead_async.testing import FakeSmartlead

_MARKER = "smartlead_fake"


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker."""
    config.addinivalue_line(
        "markers",
        f"{_MARKER}(**options): FakeSmartlead keyword arguments for this test's smartlead_fake",
    )


def _options(request: pytest.FixtureRequest) -> dict[str, object]:
    options: dict[str, object] = {}
    # Closest last: a test's marker overrides its class's and module's.
    for marker in reversed(list(request.node.iter_markers(_MARKER))):
        if marker.args:
            raise pytest.UsageError(f"@pytest.mark.{_MARKER} takes keyword arguments only")
        options |= marker.kwargs
    return options


if importlib.util.find_spec("pytest_asyncio") is not None:
    import pytest_asyncio

    @pytest_asyncio.fixture
    async def smartlead_fake(request: pytest.FixtureRequest) -> AsyncIterator[FakeSmartlead]:
        """A fake SmartLead server on a free loopback port, fresh for each test."""
        from smartlead_async.testing._server import FakeSmartlead  # noqa: PLC0415 - on first use

        async with FakeSmartlead(**_options(request)) as fake:  # type: ignore[arg-type]
            yield fake

    @pytest_asyncio.fixture
    async def smartlead_client(smartlead_fake: FakeSmartlead) -> AsyncIterator[SmartleadClient]:
        """A client of ``smartlead_fake`` (no retries, so failures surface at once)."""
        from smartlead_async._client import SmartleadClient  # noqa: PLC0415 - on first use

        async with SmartleadClient(
            smartlead_fake.api_key,
            base_url=smartlead_fake.base_url,
            host_urls=smartlead_fake.host_urls,
            max_retries=0,
        ) as client:
            yield client

    __all__ = ["pytest_configure", "smartlead_client", "smartlead_fake"]
