"""``client.with_raw_response``: any call's HTTP answer (status, headers, body) with its result.

Resource methods are not wrapped one by one: the pipeline appends every 2xx answer it returns to
a list held by a context variable while a wrapped call runs, so every method, present and
future, answers its raw response the same way, and tasks a method starts count too.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Generic, ParamSpec, TypeVar

import attrs

from smartlead_async._escape_hatch import custom_spec
from smartlead_async._json import JSON
from smartlead_async._pipeline import capture_responses, stop_capturing
from smartlead_async._request import QueryValue
from smartlead_async._transport import RawResponse
from smartlead_async.errors import RequestValidationError, SmartleadError
from smartlead_async.resources._base import Resource

if TYPE_CHECKING:
    from smartlead_async._client import SmartleadClient

__all__ = ["APIResponse", "RawResource", "RawResponses"]

P = ParamSpec("P")
T = TypeVar("T")


@attrs.frozen
class APIResponse(Generic[T]):
    """The HTTP answer of one SDK call, and the result the call returned.

    When a call sends several requests (a helper that looks something up first), the
    attributes describe the last answer and :attr:`responses` holds all of them.

    Attributes:
        status: HTTP status (2xx: error statuses raise as usual).
        headers: Response headers, scrubbed of the key (``x-ratelimit-remaining`` …).
        body: Body bytes, decompressed and scrubbed of the key.
        method: HTTP method.
        url: Request URL with the key replaced by ``***``.
        responses: Every answer the call received, in order.
    """

    status: int
    headers: Mapping[str, str]
    body: bytes
    method: str
    url: str
    responses: tuple[RawResponse, ...]
    _parsed: T = attrs.field(repr=False, alias="parsed")

    def parse(self) -> T:
        """The call's result: what awaiting it without ``with_raw_response`` returns."""
        return self._parsed

    def text(self) -> str:
        """The body as text."""
        return self.body.decode("utf-8", errors="replace")


async def _capture(name: str, call: Callable[[], Awaitable[T]]) -> APIResponse[T]:
    received: list[RawResponse] = []
    token = capture_responses(received)
    try:
        pending = call()
        if not inspect.isawaitable(pending):
            raise TypeError(
                f"with_raw_response cannot wrap {name}: it returns a "
                f"{type(pending).__name__}, not an awaitable"
            )
        parsed = await pending
    finally:
        stop_capturing(token)
    if not received:
        raise SmartleadError(f"{name} sent no request: there is no HTTP response to show")
    last = received[-1]
    return APIResponse(
        status=last.status,
        headers=last.headers,
        body=last.body,
        method=last.method,
        url=last.url,
        responses=tuple(received),
        parsed=parsed,
    )


class RawResource:
    """A resource namespace (or one of its methods) whose calls answer :class:`APIResponse`
    (see :attr:`SmartleadClient.with_raw_response`). Sub-resources nest
    (``with_raw_response.analytics.campaign.statistics(...)``). Its ``parse()`` is typed
    ``object`` here; ``client.with_raw_response(client.campaigns.get)`` keeps the method's
    types."""

    def __init__(self, target: object, name: str) -> None:
        self._target = target
        self._name = name

    def __getattr__(self, name: str) -> RawResource:
        if name.startswith("_") or not isinstance(self._target, Resource):
            raise AttributeError(f"client.{self._name}.{name} is not an API method")
        member = getattr(self._target, name)
        if not (isinstance(member, Resource) or callable(member)):
            raise AttributeError(f"client.{self._name}.{name} is not an API method")
        return RawResource(member, f"{self._name}.{name}")

    async def __call__(self, *args: object, **kwargs: object) -> APIResponse[object]:
        method = self._target
        if isinstance(method, Resource) or not callable(method):
            raise TypeError(f"client.{self._name} is a resource, not an API method")
        return await _capture(f"client.{self._name}", lambda: method(*args, **kwargs))


class RawResponses:
    """``client.with_raw_response``: the client's calls answering :class:`APIResponse`.

    Two spellings, one behaviour::

        resp = await sl.with_raw_response.campaigns.get(42)       # parse() -> object
        resp = await sl.with_raw_response(sl.campaigns.get)(42)   # parse() -> Campaign
        resp = await sl.with_raw_response.request("GET", "campaigns/42")

    The call runs exactly as it does without the wrapper (gate, retries, errors, decoding);
    error statuses still raise their exception, which carries the headers too. A method
    returning a pager answers its first page (what ``await pager`` gives). Calls that return
    something not awaitable are refused with :class:`TypeError`.
    """

    def __init__(self, client: SmartleadClient) -> None:
        self._client = client

    def __call__(self, method: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[APIResponse[T]]]:
        """``method`` (a coroutine method of any resource, or ``client.request``) answering
        :class:`APIResponse` of its result."""
        label = getattr(method, "__qualname__", repr(method))

        async def call(*args: P.args, **kwargs: P.kwargs) -> APIResponse[T]:
            return await _capture(label, lambda: method(*args, **kwargs))

        return call

    async def request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, QueryValue | None] | None = None,
        json: JSON = None,
        idempotent: bool | None = None,
    ) -> APIResponse[JSON]:
        """:meth:`SmartleadClient.request`, answering :class:`APIResponse`."""
        client = self._client
        spec = custom_spec(
            client._api_key, method=method, path=path, query=query, json=json, idempotent=idempotent
        )
        if isinstance(spec, RequestValidationError):
            del path, query  # may hold the key: keep them out of the traceback's locals
            raise spec
        return await self(client._pipeline.request_json)(spec)

    def __getattr__(self, name: str) -> RawResource:
        resource = getattr(self._client, name)
        if not isinstance(resource, Resource):
            raise AttributeError(f"client.{name} is not a resource namespace")
        return RawResource(resource, name)
