"""The only module that touches aiohttp: one ClientSession per client, one call per request."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from urllib.parse import urlencode

import aiohttp
import attrs

from smartlead_async import __version__
from smartlead_async._request import QueryValue, RequestSpec
from smartlead_async._secrets import APIKey, redact_url, scrub
from smartlead_async.errors import APIConnectionError, APITimeoutError

__all__ = ["RawResponse", "Transport"]

logger = logging.getLogger("smartlead_async")
USER_AGENT = f"smartlead-async/{__version__}"


@attrs.frozen
class RawResponse:
    """A response as received: status, headers (case-insensitive mapping) and body bytes."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    method: str
    url: str  #: redacted


def _query_value(value: QueryValue) -> str | int | float:
    # yarl refuses bools; the API expects the words.
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class Transport:
    """Sends one request and returns the raw response; maps aiohttp failures to SDK errors.

    The session is created lazily on the first request, inside the running loop. A session the
    caller passes in is used as it is and never closed here.
    """

    def __init__(
        self,
        *,
        base_url: str,
        api_key: APIKey,
        timeout: float,
        session: aiohttp.ClientSession | None = None,
    ) -> None:
        self._base_url = base_url.rstrip("/") + "/"
        self._api_key = api_key
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session = session
        self._owns_session = session is None

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        return self._session

    def _url(self, spec: RequestSpec) -> str:
        return self._base_url + spec.path

    async def send(self, spec: RequestSpec) -> RawResponse:
        """Send ``spec`` once.

        Raises:
            APITimeoutError: No complete answer within the timeout.
            APIConnectionError: The connection failed; ``request_sent`` tells whether anything
                could have reached the server.
        """
        url = self._url(spec)
        params: dict[str, str | int | float] = {
            name: _query_value(value) for name, value in spec.query.items() if value is not None
        }
        params["api_key"] = self._api_key.reveal()
        shown_url = redact_url(f"{url}?{urlencode(params)}")
        session = self._get_session()
        started = time.perf_counter()
        failure: APIConnectionError | None = None
        # aiohttp's exception messages can embed the full URL (api_key included), so they are
        # summarised with the key scrubbed and never chained: raising happens outside `except`.
        try:
            async with session.request(
                spec.method,
                url,
                params=params,
                json=spec.json,
                timeout=self._timeout,
                headers={"Accept": "application/json", "User-Agent": USER_AGENT},
            ) as response:
                body = await response.read()
                status, headers = response.status, response.headers
        except (TimeoutError, aiohttp.ServerTimeoutError) as exc:
            failure = APITimeoutError(
                self._describe("request timed out", exc),
                method=spec.method,
                url=shown_url,
                request_sent=not isinstance(exc, aiohttp.ConnectionTimeoutError),
            )
        except aiohttp.ClientConnectorError as exc:
            failure = APIConnectionError(
                self._describe("could not connect", exc),
                method=spec.method,
                url=shown_url,
                request_sent=False,
            )
        except aiohttp.ClientError as exc:
            failure = APIConnectionError(
                self._describe("connection failed", exc), method=spec.method, url=shown_url
            )
        if failure is not None:
            logger.debug("%s %s failed: %s", spec.method, shown_url, failure.message)
            raise failure
        logger.debug(
            "%s %s -> %d (%.1f ms)",
            spec.method,
            shown_url,
            status,
            (time.perf_counter() - started) * 1000,
        )
        return RawResponse(
            status=status, headers=headers, body=body, method=spec.method, url=shown_url
        )

    def _describe(self, what: str, exc: BaseException) -> str:
        detail = scrub(redact_url(str(exc)), self._api_key) if str(exc) else ""
        name = type(exc).__name__
        return f"{what}: {name}: {detail}" if detail else f"{what}: {name}"

    async def aclose(self) -> None:
        """Close the session if this transport created it."""
        session, self._session = self._session, None
        if session is not None and self._owns_session and not session.closed:
            await session.close()
            # Lets SSL transports finish closing (aiohttp docs, graceful shutdown).
            await asyncio.sleep(0)
