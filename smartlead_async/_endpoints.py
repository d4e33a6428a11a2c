"""Route declarations: everything the SDK knows about one API route, in one object.

A resource method validates its arguments and calls its route through the pipeline
(``Pipeline.call`` or ``Pipeline.pager``); the route's :class:`Endpoint` says how to build the
request (method, path, retry safety) and how to read the answer (result type, unwrap rule,
not-found rule, acknowledgement check, page shape). Each public method is marked with the route it
calls (``@calls(ENDPOINT)``), so ``docs/endpoints.md`` is generated from the code
(``python scripts/gen_endpoints.py``) and tests can walk every route.
"""

from __future__ import annotations

import enum
import inspect
import re
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

import attrs

from smartlead_async._hosts import CORE, Host
from smartlead_async._json import JSON
from smartlead_async._reference import GRADES, NOT_CALLED
from smartlead_async._request import QueryValue, RequestSpec
from smartlead_async.errors import ResponseDecodeError

__all__ = [
    "EmptyAnswerError",
    "Endpoint",
    "Paging",
    "Unwrap",
    "WhenBodyHas",
    "calls",
    "endpoint_of",
    "endpoint_rows",
    "endpoint_table",
    "helper_of",
]

F = TypeVar("F", bound=Callable[..., Any])
R_co = TypeVar("R_co", covariant=True)
_MARK = "__smartlead_endpoint__"
_HELPER_MARK = "__smartlead_helper_of__"


class Unwrap(enum.Enum):
    """Where a route's result sits in its answer (docs/api-notes.md, Response envelopes)."""

    #: The whole JSON body.
    BODY = "body"
    #: ``body["data"]``.
    DATA = "data"
    #: ``body["data"]`` when the body wraps it, else the body; an empty result is refused.
    DATA_OR_BODY = "data or body"
    #: ``{"data": [row]}``: the first row; an empty list means not found.
    FIRST_OF_DATA = "first of data"
    #: Like :attr:`ROWS`, but a lone object is read as a one-element array (``{}`` is refused).
    ONE_OR_MANY = "one or many"
    #: A webhook echo: ``{"EVENT": true}`` maps become lists of the enabled keys.
    EVENT_MAPS = "event maps"
    #: A bare JSON array, read as :class:`~smartlead_async._pagination.Rows`.
    ROWS = "rows"
    #: The body as text (CSV exports), not JSON.
    TEXT = "text"


class EmptyAnswerError(Exception):
    """A success answer that means "no such thing"; the pipeline raises ``NotFoundError``."""


@attrs.frozen
class WhenBodyHas:
    """Retry safety of a create-or-update route: safe to repeat when the body names the record
    (an update), unsafe otherwise (a create could be applied twice)."""

    key: str

    def __str__(self) -> str:
        return f"when `{self.key}` is sent"


@attrs.frozen
class Paging:
    """How a list route pages.

    Attributes:
        max_limit: The largest page the route serves; ``None`` for a route that answers every
            row at once (its pager yields one page and sends no paging parameters).
        cursor: The query parameter carrying the cursor on cursor-paged routes (``None``: the
            route pages by ``offset``/``limit``).
        in_body: ``offset``/``limit`` travel in the JSON body (POST reads), not the query.
    """

    max_limit: int | None
    cursor: str | None = None
    in_body: bool = False

    def __str__(self) -> str:
        if self.max_limit is None:
            return "one page"
        style = f"cursor `{self.cursor}`" if self.cursor else "offset"
        where = " (body)" if self.in_body else ""
        return f"{style}{where}, ≤ {self.max_limit}"


@attrs.frozen
class Endpoint(Generic[R_co]):
    """One API route.

    Attributes:
        method: HTTP method.
        path: Path template relative to the base URL, e.g. ``campaigns/{campaign_id}/leads``.
        result: The type the answer decodes to (an envelope model on paged routes).
        unwrap: Where the result sits in the answer.
        idempotent: Whether a request may be repeated after an ambiguous failure (a timeout, a
            lost connection after sending, a 5xx). ``None``: only GETs are.
        acknowledged: The answer must also say ``ok: true`` or ``success: true`` (for answers
            whose model keeps no such rule of its own).
        empty_is_not_found: An empty body or ``{}`` means "no such thing" (``NotFoundError``).
        page: How the route pages, for list routes.
        weak: The route is known from a single uncorroborated source.
        text_ok: The route answers the bare text ``success`` (see :attr:`RequestSpec.text_ok`).
        empty_ok: The route may answer a 2xx with an empty body (see
            :attr:`RequestSpec.empty_ok`).
        host: The SmartLead host serving the route.
    """

    method: str
    path: str
    result: type[R_co]
    unwrap: Unwrap = attrs.field(default=Unwrap.BODY, kw_only=True)
    idempotent: bool | WhenBodyHas | None = attrs.field(default=None, kw_only=True)
    acknowledged: bool = attrs.field(default=False, kw_only=True)
    empty_is_not_found: bool = attrs.field(default=False, kw_only=True)
    page: Paging | None = attrs.field(default=None, kw_only=True)
    weak: bool = attrs.field(default=False, kw_only=True)
    text_ok: bool = attrs.field(default=False, kw_only=True)
    empty_ok: bool = attrs.field(default=False, kw_only=True)
    host: Host = attrs.field(default=CORE, kw_only=True)

    @property
    def retry_safe(self) -> str:
        """How ``docs/endpoints.md`` states the retry safety of the route."""
        if isinstance(self.idempotent, WhenBodyHas):
            return str(self.idempotent)
        return "yes" if self.spec_idempotent(None) else "no"

    def spec_idempotent(self, json: JSON) -> bool:
        """Whether a request with body ``json`` may be repeated after an ambiguous failure."""
        if isinstance(self.idempotent, WhenBodyHas):
            return isinstance(json, dict) and json.get(self.idempotent.key) is not None
        if self.idempotent is None:
            return self.method.upper() == "GET"
        return self.idempotent

    def spec(
        self,
        *,
        query: Mapping[str, QueryValue | None] | None = None,
        json: JSON = None,
        **path_params: int | str,
    ) -> RequestSpec:
        """The request for this route with ``path_params`` filled in."""
        return RequestSpec(
            self.method,
            self.path.format(**path_params),
            query=dict(query or {}),
            json=json,
            idempotent=self.spec_idempotent(json),
            text_ok=self.text_ok,
            empty_ok=self.empty_ok or self.empty_is_not_found,
            route=self.path,
        )

    def unwrapped(self, payload: JSON) -> JSON:
        """The part of a checked JSON answer that decodes as :attr:`result`.

        Raises:
            EmptyAnswerError: The answer means "no such thing".
            ResponseDecodeError: The answer does not have the route's shape.
        """
        if self.empty_is_not_found and (payload is None or payload == {}):
            raise EmptyAnswerError(f"empty answer from {self.method} /{self.path}")
        rule = self.unwrap
        if rule is Unwrap.BODY:
            return payload
        if rule is Unwrap.ROWS:
            return {"rows": payload}
        if rule is Unwrap.ONE_OR_MANY:
            # A lone object is one row; `{}` is not "none" (that is `[]`) and is refused.
            if isinstance(payload, dict) and payload:
                return {"rows": [payload]}
            if not isinstance(payload, list):
                raise self._shape_error("neither an array nor one object", payload)
            return {"rows": payload}
        if rule is Unwrap.EVENT_MAPS:
            return _event_lists(payload)
        data = payload.get("data") if isinstance(payload, dict) else None
        if rule is Unwrap.DATA:
            return data
        if rule is Unwrap.DATA_OR_BODY:
            found = data if isinstance(payload, dict) and "data" in payload else payload
            if not found:
                raise self._shape_error("an empty result", payload)
            return found
        # FIRST_OF_DATA
        if not isinstance(data, list):
            raise self._shape_error('no {"data": [...]} list', payload)
        if not data:
            raise EmptyAnswerError(f"empty data from {self.method} /{self.path}")
        return data[0]

    def _shape_error(self, what: str, payload: JSON) -> ResponseDecodeError:
        name = getattr(self.result, "__name__", repr(self.result))
        return ResponseDecodeError(
            f"{self.method} /{self.path} answered {what}: {payload!r:.120}",
            payload=payload,
            expected=name,
        )


def _event_lists(payload: JSON) -> JSON:
    # Some accounts echo {"EMAIL_REPLY": true, ...} maps instead of arrays
    # (docs/api-notes.md, Webhook subscriptions).
    if not isinstance(payload, dict):
        return payload
    echo = dict(payload)
    for map_key, list_key in (("event_type_map", "event_types"), ("category_id_map", "categories")):
        mapping = echo.pop(map_key, None)
        if isinstance(mapping, dict):
            echo[list_key] = [key for key, enabled in mapping.items() if enabled]
    return echo


def calls(endpoint: Endpoint[object]) -> Callable[[F], F]:
    """Mark a resource method as the SDK's name for ``endpoint``."""

    def mark(function: F) -> F:
        setattr(function, _MARK, endpoint)
        return function

    return mark


def helper_of(endpoint: Endpoint[object]) -> Callable[[F], F]:
    """Mark a public convenience method built on ``endpoint`` (kept out of the route table)."""

    def mark(function: F) -> F:
        setattr(function, _HELPER_MARK, endpoint)
        return function

    return mark


def endpoint_of(function: object) -> Endpoint[object] | None:
    """The route a public resource method calls or is built on, if marked."""
    marked = getattr(function, _MARK, None) or getattr(function, _HELPER_MARK, None)
    return marked if isinstance(marked, Endpoint) else None


def endpoint_rows(resources: Mapping[str, type]) -> list[tuple[Endpoint[object], str]]:
    """Every marked method of ``resources`` (attribute path → class), in path order."""
    rows: list[tuple[Endpoint[object], str]] = []
    for attribute, cls in resources.items():
        for name, member in inspect.getmembers(cls, inspect.isfunction):
            endpoint = getattr(member, _MARK, None)
            if isinstance(endpoint, Endpoint):
                rows.append((endpoint, f"client.{attribute}.{name}"))
    return sorted(
        rows, key=lambda row: (row[0].host != CORE, row[0].host, row[0].path, row[0].method, row[1])
    )


def endpoint_table(resources: Mapping[str, type]) -> str:
    """The Markdown of ``docs/endpoints.md``: every declared route, then the reference's routes
    the SDK does not call."""
    lines = [
        "# Endpoints",
        "",
        "Generated from the route declarations by `python scripts/gen_endpoints.py`;",
        "a test fails when this file is stale. Every route below has a wire test (`make test`",
        "runs pytest with `--wire-coverage`, which fails when a route got no request in the",
        "aioresponses tests) and a handler in the fake server (`tests/test_fake_coverage.py`).",
        "",
        "**grade**: the audit grade of the SmartLead reference page that documents the route.",
        "A: its request side was checked against SmartLead's backend validation in 2026. B: its",
        "paths or placeholders were fixed in 2026. C: imported in 2025, never re-checked.",
        "none: not in the reference, known from older pages or live use",
        "(docs/api-notes.md, Sources and precedence).",
        "**retry**: whether the SDK repeats the request after an ambiguous failure (a timeout,",
        "a connection lost after sending, a 5xx). **paging**: how the route's pager walks it.",
        "**[weak]** marks routes known from a single uncorroborated source.",
        "",
        "| host | METHOD | path | SDK method | grade | retry | paging |",
        "|---|---|---|---|---|---|---|",
    ]
    for endpoint, method in endpoint_rows(resources):
        weak = " **[weak]**" if endpoint.weak else ""
        paging = str(endpoint.page) if endpoint.page else ""
        grade = GRADES.get((endpoint.host, endpoint.method, unnamed_path(endpoint.path)), "none")
        lines.append(
            f"| {endpoint.host} | {endpoint.method} | /{endpoint.path} | `{method}`{weak} "
            f"| {grade} | {endpoint.retry_safe} | {paging} |"
        )
    lines += [
        "",
        "## Routes the reference names that the SDK does not call",
        "",
        "| host | METHOD | path | grade | why |",
        "|---|---|---|---|---|",
    ]
    for host, verb, path, why in NOT_CALLED:
        grade = GRADES.get((host, verb, path), "none")
        lines.append(f"| {host} | {verb} | /{path} | {grade} | {why} |")
    return "\n".join(lines) + "\n"


def unnamed_path(path: str) -> str:
    """``path`` with its parameters written ``{}``, as :data:`GRADES` keys them."""
    return re.sub(r"\{[^}]+\}", "{}", path.rstrip("/"))
