"""The only module that touches aiohttp: one ClientSession per client, one call per request.

Two guarantees live here. Every response body and header value is scrubbed of the API key
(see :mod:`smartlead_async._secrets`) before a :class:`RawResponse` exists, so nothing built from a
response can hold it. And no body is read past ``max_response_bytes``: the limit counts the bytes
aiohttp hands over after decompression, so a small compressed "bomb" cannot exhaust memory.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import time
from collections.abc import Mapping, Sequence
from urllib.parse import quote, urlencode

import aiohttp
import attrs
from multidict import CIMultiDict, CIMultiDictProxy
from yarl import URL

from smartlead_async import __version__
from smartlead_async._json import JSON
from smartlead_async._request import QueryValue, RequestSpec
from smartlead_async._secrets import REDACTED, APIKey, redact_url, scrub, scrub_bytes
from smartlead_async.errors import (
    APIConnectionError,
    APITimeoutError,
    ClientClosedError,
    RequestValidationError,
    ResponseTooLargeError,
    SmartleadError,
)

__all__ = ["DEFAULT_MAX_RESPONSE_BYTES", "RawResponse", "Transport"]

logger = logging.getLogger("smartlead_async")
USER_AGENT = f"smartlead-async/{__version__}"
#: 64 MiB: the largest answers are CSV exports of a campaign's leads, at roughly 0.5-1 KB a row
#: with custom fields, so this admits exports of 60,000-130,000 leads; the body and its decoded
#: text then take about twice that in memory.
DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024


@attrs.frozen
class RawResponse:
    """A response as received, with the API key scrubbed from its headers and body.

    Attributes:
        status: HTTP status.
        headers: Header values (case-insensitive mapping).
        body: Body bytes, decompressed.
        method: HTTP method of the request.
        url: Request URL with the API key redacted.
    """

    status: int
    headers: Mapping[str, str]
    body: bytes
    method: str
    url: str


#: aiohttp warns that a bytes body this large "might lock the event loop"; it is streamed instead.
_STREAMED_BODY_BYTES = 1024 * 1024


def _json_body(value: JSON) -> bytes | aiohttp.BytesIOPayload | None:
    """The request body: strict JSON (``NaN`` and ``Infinity`` are not JSON, so never sent)."""
    if value is None:
        return None
    try:
        body = json.dumps(value, allow_nan=False, separators=(",", ":")).encode()
    except ValueError as exc:
        raise RequestValidationError(f"request body is not valid JSON: {exc}") from None
    if len(body) > _STREAMED_BODY_BYTES:
        return aiohttp.BytesIOPayload(io.BytesIO(body), content_type="application/json")
    return body


def _query_value(value: QueryValue) -> str | int | float:
    # yarl refuses bools; the API expects the words.
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class Transport:
    """Sends one request and returns the raw response; maps aiohttp failures to SDK errors.

    The session is created lazily on the first request, inside the running loop, with
    ``trace_configs``. A session the caller passes in is used as it is and never closed here.
    Transports made by :meth:`derive` borrow the session of the one they came from.
    """

    def __init__(
        self,
        *,
        base_url: str,
        api_key: APIKey,
        timeout: float,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        session: aiohttp.ClientSession | None = None,
        trace_configs: Sequence[aiohttp.TraceConfig] = (),
    ) -> None:
        self._base_url = base_url.rstrip("/") + "/"
        self._api_key = api_key
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._max_response_bytes = max_response_bytes
        self._session = session
        self._owns_session = session is None
        self._trace_configs = tuple(trace_configs)
        self._lender: Transport | None = None

    def derive(
        self, *, timeout: float, max_response_bytes: int, base_url: str | None = None
    ) -> Transport:
        """A transport with other limits (or another host's ``base_url``) that sends through
        this one's session (created by whichever of them sends first) and never closes it."""
        lender = self._lender or self
        borrower = Transport(
            base_url=self._base_url if base_url is None else base_url,
            api_key=self._api_key,
            timeout=timeout,
            max_response_bytes=max_response_bytes,
        )
        borrower._owns_session = False
        borrower._lender = lender
        return borrower

    def _get_session(self) -> aiohttp.ClientSession:
        if self._lender is not None:
            return self._lender._get_session()
        if self._session is None:
            self._session = aiohttp.ClientSession(trace_configs=list(self._trace_configs) or None)
        return self._session

    def shown_url(self, spec: RequestSpec) -> str:
        """The URL of ``spec`` as logs, errors and events show it: ``api_key=***``."""
        query = urlencode({**self._params(spec), "api_key": REDACTED}, safe="*")
        return f"{self._base_url}{spec.path}?{query}"

    @staticmethod
    def _params(spec: RequestSpec) -> dict[str, str | int | float]:
        return {
            name: _query_value(value) for name, value in spec.query.items() if value is not None
        }

    def _wire_url(self, spec: RequestSpec) -> URL:
        # The key is encoded here, by `quote(safe="")` — a spelling the scrubber knows — and
        # only ever exists inside the returned URL, never in a local of a frame that can end
        # up on a traceback (tracebacks with captured locals record every local's repr).
        url = URL(self._base_url + spec.path)
        return URL.build(
            scheme=url.scheme,
            authority=url.raw_authority,
            path=url.raw_path,
            query_string="api_key=" + quote(self._api_key.reveal(), safe=""),
            encoded=True,
        )

    async def send(self, spec: RequestSpec, *, shown_url: str) -> RawResponse:
        """Send ``spec`` once; ``shown_url`` is its :meth:`shown_url`, which the caller made once
        for every attempt of the request (logs and errors show it).

        Raises:
            APITimeoutError: No complete answer within the timeout.
            APIConnectionError: The connection failed; ``request_sent`` tells whether anything
                could have reached the server.
            ResponseTooLargeError: The answer exceeded ``max_response_bytes``.
            ClientClosedError: The caller's aiohttp session is closed.
        """
        params = self._params(spec)
        started = time.perf_counter()
        # _exchange returns its failures and they are raised here, once its frame is gone: its
        # locals (the aiohttp response, whose repr shows the request URL) and aiohttp's frames
        # stay off the traceback, and aiohttp's exceptions, whose messages can embed the URL,
        # are summarised instead of chained.
        result = await self._exchange(spec, params, shown_url)
        if isinstance(result, BaseException):
            if isinstance(result, SmartleadError):
                logger.debug("%s %s failed: %s", spec.method, shown_url, result)
            raise result
        logger.debug(
            "%s %s -> %d (%.1f ms)",
            spec.method,
            shown_url,
            result.status,
            (time.perf_counter() - started) * 1000,
        )
        return result

    async def _exchange(
        self, spec: RequestSpec, params: Mapping[str, str | int | float], shown_url: str
    ) -> RawResponse | BaseException:
        session = self._get_session()
        if session.closed:
            return ClientClosedError("the aiohttp session given to SmartleadClient is closed")
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        data = _json_body(spec.json)
        if data is not None:
            headers["Content-Type"] = "application/json"
        try:
            async with session.request(
                spec.method,
                self._wire_url(spec),
                params=params,
                data=data,
                timeout=self._timeout,
                headers=headers,
                # SmartLead does not redirect; following one would hand the key (re-encoded, so
                # in a spelling the scrubber cannot know) to whatever Location names.
                allow_redirects=False,
            ) as response:
                status = response.status
                declared = response.content_length
                if declared is not None and declared > self._max_response_bytes:
                    response.close()
                    return self._too_large(spec, shown_url, status, declared)
                body = await self._read_capped(response.content)
                if body is None:
                    response.close()
                    return self._too_large(spec, shown_url, status, None)
                received = response.headers
        except (TimeoutError, aiohttp.ServerTimeoutError) as exc:
            return APITimeoutError(
                self._describe("request timed out", exc),
                method=spec.method,
                url=shown_url,
                request_sent=not isinstance(exc, aiohttp.ConnectionTimeoutError),
            )
        except aiohttp.ClientConnectorError as exc:
            return APIConnectionError(
                self._describe("could not connect", exc),
                method=spec.method,
                url=shown_url,
                request_sent=False,
            )
        except aiohttp.ClientError as exc:
            return APIConnectionError(
                self._describe("connection failed", exc), method=spec.method, url=shown_url
            )
        except asyncio.CancelledError as exc:
            # Re-raised fresh by send(): the original's traceback runs through aiohttp frames
            # holding the URL, and `asyncio.timeout()` chains it to the TimeoutError it raises.
            return asyncio.CancelledError(*exc.args)
        return RawResponse(
            status=status,
            headers=CIMultiDictProxy(
                CIMultiDict((name, scrub(value, self._api_key)) for name, value in received.items())
            ),
            body=scrub_bytes(body, self._api_key),
            method=spec.method,
            url=shown_url,
        )

    async def _read_capped(self, content: aiohttp.StreamReader) -> bytes | None:
        """The whole body, or ``None`` as soon as it exceeds the limit (the rest is not read)."""
        chunks: list[bytes] = []
        size = 0
        async for chunk in content.iter_any():
            size += len(chunk)
            if size > self._max_response_bytes:
                return None
            chunks.append(chunk)
        return b"".join(chunks)

    def _too_large(
        self, spec: RequestSpec, shown_url: str, status: int, declared: int | None
    ) -> ResponseTooLargeError:
        limit = self._max_response_bytes
        detail = f"Content-Length {declared}" if declared is not None else "more was sent"
        return ResponseTooLargeError(
            f"HTTP {status} answer larger than max_response_bytes={limit} ({detail})",
            limit=limit,
            status=status,
            method=spec.method,
            url=shown_url,
            declared=declared,
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
