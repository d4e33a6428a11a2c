"""SmartLead's first-party API reference as tests may read it: the machine-readable route table
(``routes.json``). The tests read the copy in ``tests/samples`` (``SMARTLEAD_REFERENCE_ROUTES``
names another), so a clean checkout runs every comparison; where the project sits beside the
API material it was taken from, a test checks that the copy is current. Tests that compare with
it skip when the file named is absent; the package never reads it."""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

import pytest

from smartlead_async._endpoints import unnamed_path

#: The copy the tests read.
COPY = Path(__file__).resolve().parents[1] / "samples" / "routes.json"
#: Where the copy comes from, when the project sits beside the API material.
ORIGIN = Path(__file__).resolve().parents[3] / "shared" / "api" / "routes.json"
ROUTES = Path(os.environ.get("SMARTLEAD_REFERENCE_ROUTES", COPY))
CORE_PREFIX = "/api/v1"
#: The reference's host names → the SDK's.
HOSTS = {
    "server.smartlead.ai": "core",
    "smartdelivery.smartlead.ai": "smart_delivery",
    "smart-senders.smartlead.ai": "smart_senders",
    "prospect-api.smartlead.ai": "prospect",
}
#: Where each host's routes start (Prospect's below its search root).
_ROOTS = {"prospect": "/api/v1/search-email-leads"}


def host_and_path(row: dict[str, Any]) -> tuple[str, str]:
    """A reference row's SDK host name and its path below that host's root (leading ``/``)."""
    host = HOSTS[row["host"]]
    return host, row["path"].removeprefix(_ROOTS.get(host, CORE_PREFIX))


@functools.cache
def routes() -> list[dict[str, Any]]:
    """Every row of the reference's route table; skips the calling test when it is absent."""
    if not ROUTES.is_file():
        pytest.skip(f"SmartLead's route table is not at {ROUTES}")
    rows: list[dict[str, Any]] = json.loads(ROUTES.read_text(encoding="utf-8"))
    return rows


def by_route() -> dict[tuple[str, str, str], dict[str, Any]]:
    """The reference's rows by (SDK host, METHOD, path below the host's root with ``{}``
    parameters, leading ``/`` kept)."""
    table = {}
    for row in routes():
        host, path = host_and_path(row)
        table[(host, row["method"], unnamed_path(path))] = row
    return table


def documented_route(method: str, path: str, host: str = "server.smartlead.ai") -> dict[str, Any]:
    """The reference's row of ``METHOD path`` (``path`` below ``/api/v1`` on the core host)."""
    full = CORE_PREFIX + path if host == "server.smartlead.ai" else path
    for row in routes():
        if row["host"] == host and row["method"] == method and row["path"] == full:
            return row
    raise AssertionError(f"the reference documents no {method} {full} on {host}")


def documented_example(method: str, path: str) -> Any:
    """The ``response_example`` the reference gives for ``METHOD path``."""
    return documented_route(method, path)["response_example"]


def documented_body_fields(method: str, path: str) -> set[str]:
    """The top-level body fields the reference documents for ``METHOD path``."""
    return {
        field["name"]
        for field in documented_route(method, path)["body"]
        if "." not in field["name"]
    }
