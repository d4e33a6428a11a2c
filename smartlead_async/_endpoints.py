"""Endpoint descriptions shared by resource methods and the generated endpoint table.

Each resource method is marked with the :class:`Endpoint` it calls (``@calls(ENDPOINT)``) and
builds its request from that same object, so the path lives in one place and
``docs/endpoints.md`` is generated from the code (``python scripts/gen_endpoints.py``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from smartlead_async._json import JSON
from smartlead_async._request import QueryValue, RequestSpec

__all__ = ["Endpoint", "calls", "endpoint_of", "endpoint_rows", "endpoint_table", "helper_of"]

F = TypeVar("F", bound=Callable[..., Any])
_MARK = "__smartlead_endpoint__"
_HELPER_MARK = "__smartlead_helper_of__"


@attrs.frozen
class Endpoint:
    """One API route.

    Attributes:
        method: HTTP method.
        path: Path template relative to the base URL, e.g. ``campaigns/{campaign_id}/leads``.
        weak: The catalog marks the route **[weak]**: one uncorroborated source.
        text_ok: The route is documented to answer the bare text ``success`` (see
            :attr:`RequestSpec.text_ok`).
        empty_ok: The route is documented to answer a 2xx with an empty body (see
            :attr:`RequestSpec.empty_ok`).
    """

    method: str
    path: str
    weak: bool = False
    text_ok: bool = attrs.field(default=False, kw_only=True)
    empty_ok: bool = attrs.field(default=False, kw_only=True)

    def spec(
        self,
        *,
        query: Mapping[str, QueryValue | None] | None = None,
        json: JSON = None,
        idempotent: bool | None = None,
        **path_params: int | str,
    ) -> RequestSpec:
        """The request for this route with ``path_params`` filled in."""
        spec = RequestSpec(
            self.method,
            self.path.format(**path_params),
            query=dict(query or {}),
            json=json,
            text_ok=self.text_ok,
            empty_ok=self.empty_ok,
            route=self.path,
        )
        return spec if idempotent is None else attrs.evolve(spec, idempotent=idempotent)


def calls(endpoint: Endpoint) -> Callable[[F], F]:
    """Mark a resource method as the SDK's name for ``endpoint``."""

    def mark(function: F) -> F:
        setattr(function, _MARK, endpoint)
        return function

    return mark


def helper_of(endpoint: Endpoint) -> Callable[[F], F]:
    """Mark a public convenience method built on ``endpoint`` (kept out of the route table)."""

    def mark(function: F) -> F:
        setattr(function, _HELPER_MARK, endpoint)
        return function

    return mark


def endpoint_of(function: object) -> Endpoint | None:
    """The route a public resource method calls or is built on, if marked."""
    marked = getattr(function, _MARK, None) or getattr(function, _HELPER_MARK, None)
    return marked if isinstance(marked, Endpoint) else None


def endpoint_rows(resources: Mapping[str, type]) -> list[tuple[Endpoint, str]]:
    """Every marked method of ``resources`` (attribute name → class), in source order."""
    rows: list[tuple[Endpoint, str]] = []
    for attribute, cls in resources.items():
        for name, member in inspect.getmembers(cls, inspect.isfunction):
            endpoint = getattr(member, _MARK, None)
            if isinstance(endpoint, Endpoint):
                rows.append((endpoint, f"client.{attribute}.{name}"))
    return sorted(rows, key=lambda row: (row[0].path, row[0].method, row[1]))


def endpoint_table(resources: Mapping[str, type]) -> str:
    """The Markdown table of ``docs/endpoints.md``."""
    lines = [
        "# Endpoints",
        "",
        "Generated from the resource definitions by `python scripts/gen_endpoints.py`;",
        "a test fails when this file is stale. **[weak]** marks routes the API catalog",
        "knows from a single uncorroborated source.",
        "",
        "| METHOD | path | SDK method |",
        "|---|---|---|",
    ]
    for endpoint, method in endpoint_rows(resources):
        weak = " **[weak]**" if endpoint.weak else ""
        lines.append(f"| {endpoint.method} | /{endpoint.path} | `{method}`{weak} |")
    return "\n".join(lines) + "\n"
