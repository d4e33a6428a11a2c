"""What every handler gets (:class:`Call`) and gives back (a JSON value or a response)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Protocol, TypeAlias, Union

import attrs
from aiohttp import web

from smartlead_async.testing._json import JSON
from smartlead_async.testing._schema import Query, Shape
from smartlead_async.testing.backend import FakeState, WebhookDelivery, joi

__all__ = ["Call", "Handler", "Reply", "Route", "Server", "page", "text_reply"]

#: A handler's answer: a JSON value (sent with 200) or a ready response.
Reply: TypeAlias = Union[web.StreamResponse, JSON]  # noqa: UP007


class Server(Protocol):
    """What handlers may ask of the running server beyond its state."""

    async def redeliver(self, delivery: WebhookDelivery) -> WebhookDelivery | None:
        """Post a failed delivery again (same request id); ``None`` when its webhook is gone."""
        ...


@attrs.frozen
class Call:
    """One request as a handler sees it: path parameters, query and the checked body."""

    state: FakeState
    server: Server
    params: Mapping[str, str]
    query: Mapping[str, str]
    body: JSON
    api_key: str

    def id(self, name: str) -> int:
        """A numeric path parameter."""
        return int(self.params[name])

    def field(self, key: str) -> JSON:
        """A top-level body value (``None`` when absent)."""
        return self.body.get(key) if isinstance(self.body, dict) else None

    def text(self, key: str, default: str = "") -> str:
        """A body string (``default`` when absent or not a string)."""
        value = self.field(key)
        return value if isinstance(value, str) else default

    def number(self, key: str) -> int | None:
        """A body integer, if present."""
        value = self.field(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def flag(self, key: str) -> bool:
        """A body boolean (false when absent)."""
        return self.field(key) is True

    def items(self, key: str) -> list[JSON]:
        """A body array (empty when absent)."""
        value = self.field(key)
        return value if isinstance(value, list) else []

    def ids(self, key: str) -> list[int]:
        """A body array of integer ids."""
        return [i for i in self.items(key) if isinstance(i, int) and not isinstance(i, bool)]

    def rows(self, key: str) -> list[dict[str, JSON]]:
        """A body array of objects."""
        return [row for row in self.items(key) if isinstance(row, dict)]

    def object(self, key: str | None = None) -> dict[str, JSON]:
        """A body object (the whole body when ``key`` is ``None``); empty when absent."""
        value = self.body if key is None else self.field(key)
        return value if isinstance(value, dict) else {}


Handler: TypeAlias = Callable[[Call], Union[Reply, Awaitable[Reply]]]  # noqa: UP007


@attrs.frozen
class Route:
    """One row of the route table.

    Attributes:
        handler: Parses the call, runs the backend, renders the wire shape.
        body: The request body as the API describes it (``None``: not described, not checked).
        query: The query parameters as the API describes them (``None``: not checked).
        host: The SmartLead host serving it (``core``, ``smart_delivery``, ``smart_senders``,
            ``prospect``).
        prose_body: Top-level body keys whose insides the reference describes only in prose,
            with those insides; checked after ``body``, and like it only with
            ``check_requests`` on.
    """

    handler: Handler
    body: Shape | None = None
    query: Query | None = None
    host: str = "core"
    prose_body: Mapping[str, Shape] | None = None


def page(call: Call, *, max_limit: int, default: int | None = None) -> tuple[int, int]:
    """offset/limit from the query, within the route's bounds (a Joi 400 otherwise)."""
    try:
        offset = int(call.query.get("offset", "0"))
        limit = int(call.query.get("limit", str(default or max_limit)))
    except ValueError:
        offset, limit = -1, -1
    if offset < 0 or not 1 <= limit <= max_limit:
        raise joi(f'"limit" must be within 1..{max_limit}', "limit", source="query")
    return offset, limit


def text_reply(text: str, content_type: str = "text/plain") -> web.Response:
    """A non-JSON answer (the bare ``success`` some routes send, CSV exports)."""
    return web.Response(text=text, content_type=content_type)


def rows_page(rows: Sequence[JSON], offset: int, limit: int) -> list[JSON]:
    """One offset/limit page of ``rows``."""
    return list(rows[offset : offset + limit])
