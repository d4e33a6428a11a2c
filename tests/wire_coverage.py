"""Which SDK routes the wire tests exercised: ``pytest --wire-coverage`` fails a passing run in
which some route the SDK declares was never requested through ``mock_api`` (aioresponses).

``make test`` passes the flag, so a route added without a wire test fails CI. A run of selected
tests (``-k``, one file) should not pass it: the routes of the tests left out count as missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from yarl import URL

from smartlead_async._endpoints import endpoint_rows
from smartlead_async._hosts import DEFAULT_HOST_URLS
from smartlead_async.resources import RESOURCES

from .helpers import BASE_URL

#: (method, URL without its query) of every request a test sent to ``mock_api``.
REQUESTED: set[tuple[str, str]] = set()


def record(requests: Iterable[tuple[str, URL]], into: set[tuple[str, str]] = REQUESTED) -> None:
    """Remember one test's aioresponses requests (``aioresponses.requests`` keys)."""
    into.update((method.upper(), str(url.with_query(None))) for method, url in requests)


def _pattern(root: str, path: str) -> re.Pattern[str]:
    parts = re.split(r"\{[^}]+\}", path)
    return re.compile(re.escape(f"{root}/") + "[^/]+".join(re.escape(p) for p in parts) + "/?")


def unrequested(requested: set[tuple[str, str]] = REQUESTED) -> list[str]:
    """The SDK's routes no request in ``requested`` matched, as ``host METHOD /path (method)``."""
    roots = {"core": BASE_URL, **DEFAULT_HOST_URLS}
    missing = []
    for endpoint, method in endpoint_rows(RESOURCES):
        pattern = _pattern(roots[endpoint.host], endpoint.path)
        if not any(m == endpoint.method and pattern.fullmatch(u) for m, u in requested):
            missing.append(f"{endpoint.host} {endpoint.method} /{endpoint.path} ({method})")
    return missing
