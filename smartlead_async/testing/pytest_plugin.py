"""pytest plugin (registered by entry point): fixtures for testing code that uses smartlead_async.

``smartlead_fake`` is a running :class:`~smartlead_async.testing.FakeSmartlead`;
``smartlead_client`` is a :class:`~smartlead_async.SmartleadClient` pointed at it. Both are async
fixtures and need pytest-asyncio; without it this plugin adds nothing and stays out of the way.
"""

from __future__ import annotations

import importlib.util

if importlib.util.find_spec("pytest_asyncio") is not None:
    from smartlead_async.testing._fixtures import smartlead_client, smartlead_fake

    __all__ = ["smartlead_client", "smartlead_fake"]
