"""The one request path: gate → send → observe → retry or raise → decode."""

from __future__ import annotations

import asyncio
import contextvars
import email.utils
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar, cast

import attrs
import cattrs
from cattrs.v import format_exception

from smartlead_async._endpoints import EmptyAnswerError, Endpoint, Unwrap
from smartlead_async._hosts import CORE, Host
from smartlead_async._json import JSON
from smartlead_async._pagination import Page, PageEnvelope, Pager, ends_here
from smartlead_async._ratelimit import RateFeedback, RateGate
from smartlead_async._ratelimit_headers import read_quota
from smartlead_async._request import QueryValue, RequestSpec
from smartlead_async._retry import Outcome, RetryPolicy, RetryState
from smartlead_async._transport import RawResponse, Transport
from smartlead_async._validation import require_optional_id, require_page
from smartlead_async.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    GateTimeoutError,
    NotFoundError,
    OperationFailedError,
    RateLimitError,
    ResponseDecodeError,
    ResponseTooLargeError,
    error_message_from_body,
    status_error_class,
)
from smartlead_async.events import (
    AttemptFailed,
    EventHook,
    GateWaited,
    PipelineEvent,
    RequestFinished,
    RequestInfo,
    RequestSent,
    RequestStarted,
    ResponseReceived,
    RetryScheduled,
    bind_to_context,
    emit,
)
from smartlead_async.models.common import Acknowledgement

__all__ = ["Pipeline", "not_found", "parse_body", "parse_retry_after", "success_payload"]

logger = logging.getLogger("smartlead_async")
T = TypeVar("T")
R = TypeVar("R")


def parse_body(body: bytes) -> JSON:
    """Decode an error body leniently: JSON when it looks like JSON, else the text (``None`` if
    empty). Content-Type is not trusted: proxies answer HTML with ``application/json``.

    Success bodies go through the stricter :func:`success_payload`.
    """
    text = body.decode("utf-8", errors="replace").strip()
    if not text:
        return None
    if text[0] in "{[":
        try:
            value: JSON = json.loads(text)
        except ValueError:
            return text
        return value
    return text


#: The only text body SmartLead is known to answer on success (routes declared ``text_ok``).
PLAIN_SUCCESS = "success"
_EXCERPT = 120  # characters of an undecodable body quoted in the error


def success_payload(raw: RawResponse, spec: RequestSpec) -> JSON:
    """The JSON of a 2xx response, refused unless it can be success.

    Content-Type is not trusted (proxies answer HTML labelled ``application/json``); the body is.

    Returns:
        The decoded JSON. On a route declared ``text_ok`` the bare text ``success`` becomes
        ``{"ok": true, "message": "success"}``; on a route declared ``empty_ok`` an empty body
        becomes ``None``.

    Raises:
        ResponseDecodeError: The body is empty, HTML, broken JSON or other text (a short excerpt,
            the status, method and redacted URL are in the message).
        OperationFailedError: The body is an object saying ``"ok": false`` or
            ``"success": false``.
    """
    text = raw.body.decode("utf-8", errors="replace").strip()
    if not text:
        if spec.empty_ok:
            return None
        raise _undecodable(raw, "an empty body", text)
    try:
        payload: JSON = json.loads(text)
    except ValueError:
        if spec.text_ok and text == PLAIN_SUCCESS:
            return {"ok": True, "message": text}
        what = "broken JSON" if text[0] in "{[" else "a body that is not JSON"
        raise _undecodable(raw, what, text) from None
    if isinstance(payload, dict):
        for flag in ("ok", "success"):
            if _says_false(payload.get(flag)):
                raise _operation_failed(raw, payload, flag)
    return payload


def _says_false(flag: JSON) -> bool:
    # The lenient converter reads "false" and 0 as False; a failure flag must not slip past.
    if isinstance(flag, str):
        return flag.strip().lower() == "false"
    return flag is False or (
        isinstance(flag, int | float) and not isinstance(flag, bool) and flag == 0
    )


def _undecodable(raw: RawResponse, what: str, text: str) -> ResponseDecodeError:
    # The transport scrubbed the key from the body, so an echoed URL is safe to quote.
    excerpt = text[:_EXCERPT] + ("…" if len(text) > _EXCERPT else "")
    return ResponseDecodeError(
        f"{raw.status} {raw.method} {raw.url} answered {what}: {excerpt!r}",
        payload=excerpt,
        expected="JSON",
    )


def _operation_failed(raw: RawResponse, body: dict[str, JSON], flag: str) -> OperationFailedError:
    message = error_message_from_body(body, status=raw.status)
    if message == f"HTTP {raw.status}":  # the body carries no text of its own
        message = f"the API answered {flag}: false without a message"
    return OperationFailedError(
        message,
        status=raw.status,
        body=body,
        method=raw.method,
        url=raw.url,
        headers=raw.headers,
    )


def not_found(raw: RawResponse, message: str) -> NotFoundError:
    """The error for a success answer that means "no such thing" (``{}``, ``{"data": []}``)."""
    return NotFoundError(
        message,
        status=raw.status,
        body=parse_body(raw.body),
        method=raw.method,
        url=raw.url,
        headers=raw.headers,
    )


def parse_retry_after(headers: Mapping[str, str], body: JSON, *, now: float) -> float | None:
    """Seconds to wait from ``Retry-After`` (seconds or HTTP date) or a ``retry_after`` in the body.

    Args:
        headers: Response headers (case-insensitive mapping).
        body: Decoded body.
        now: Current Unix time, for HTTP-date values.
    """
    value = headers.get("Retry-After")
    if value:
        value = value.strip()
        try:
            return max(0.0, float(value))
        except ValueError:
            pass
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            return max(0.0, when.timestamp() - now)
    if isinstance(body, dict):
        error = body.get("error")
        nested = error.get("retry_after") if isinstance(error, dict) else body.get("retry_after")
        if isinstance(nested, int | float) and not isinstance(nested, bool):
            return max(0.0, float(nested))
    return None


def _feedback(raw: RawResponse, retry_after: float | None, *, now: float) -> RateFeedback:
    remaining, reset_after = read_quota(raw.headers, now=now)
    return RateFeedback(
        status=raw.status, retry_after=retry_after, remaining=remaining, reset_after=reset_after
    )


def _outcome(error: APIConnectionError) -> Outcome:
    if not error.request_sent:
        return Outcome.CONNECT_FAILED
    if isinstance(error, APITimeoutError):
        return Outcome.TIMEOUT
    return Outcome.CONNECTION_LOST


def _status_error(raw: RawResponse, body: JSON, retry_after: float | None) -> APIStatusError:
    cls = status_error_class(raw.status, body)
    message = error_message_from_body(body, status=raw.status)
    fields: dict[str, Any] = {
        "status": raw.status,
        "body": body,
        "method": raw.method,
        "url": raw.url,
        "headers": raw.headers,
    }
    if issubclass(cls, RateLimitError):
        return cls(message, retry_after=retry_after, **fields)
    return cls(message, **fields)


def _problem(exc: BaseException, type_: type | None) -> str:
    # cattrs words every ValueError "invalid value"; a model's own check says what is wrong.
    described = format_exception(exc, type_)
    return f"{described} ({exc})" if type(exc) is ValueError else described


class RetryTally:
    """Counts the retries of the requests made by every task that called :meth:`track`.

    An event hook bound to a context rather than to a client: bulk helpers count the retries of
    calls made through public resource methods, which take no hooks. A tally with a ``parent``
    also counts into it (one batch's retries, within the whole import's).

    Attributes:
        count: Retries so far.
        may_be_stored: Whether an attempt that was retried may have been applied by SmartLead
            (a timeout or lost connection after sending, a 5xx): the request's effect is then
            unknown even if its last attempt was refused.
    """

    def __init__(self, parent: RetryTally | None = None) -> None:
        self.count = 0
        self.may_be_stored = False
        self.parent = parent

    def __call__(self, event: PipelineEvent) -> None:
        """Count one retry per :class:`~smartlead_async.events.RetryScheduled`, here and in
        every parent."""
        if not isinstance(event, RetryScheduled):
            return
        tally: RetryTally | None = self
        while tally is not None:
            tally.count += 1
            tally.may_be_stored |= event.may_have_been_applied
            tally = tally.parent

    def track(self) -> None:
        """Count retries of the requests this task (and tasks it creates) makes from now on,
        instead of counting them in a tally tracked before."""
        bind_to_context(self, replacing=RetryTally)


def _route_of(spec: RequestSpec) -> str:
    if spec.route is not None:
        return spec.route
    # Ids would give every request a route of its own (and a span name of its own).
    return "/".join("{id}" if part.isdigit() else part for part in spec.path.split("/"))


@attrs.define
class _Progress:
    """What :class:`RequestFinished` reports, gathered while the request runs."""

    attempts: int = 0
    retries: int = 0
    gate_seconds: float = 0.0
    status: int | None = None


#: The answers received by the calls of a ``with_raw_response`` wrapper (see ``_raw.py``).
_captured: contextvars.ContextVar[list[RawResponse] | None] = contextvars.ContextVar(
    "smartlead_captured_responses", default=None
)


def capture_responses(into: list[RawResponse]) -> contextvars.Token[list[RawResponse] | None]:
    """Append the 2xx answer of every request this task makes to ``into``, until the returned
    token is reset with :func:`stop_capturing`."""
    return _captured.set(into)


def stop_capturing(token: contextvars.Token[list[RawResponse] | None]) -> None:
    """End the capture :func:`capture_responses` began."""
    _captured.reset(token)


class Pipeline:
    """Executes :class:`RequestSpec` objects. Every API call of the SDK goes through here.

    Args:
        transport: Sends one attempt.
        gate: Returns the rate gate to wait on (resolved lazily, inside the running loop).
        retry_policy: Decides retries.
        converter: Decodes JSON into models.
        jitter: Source of uniform random numbers for backoff jitter.
        sleep: Coroutine used to wait between attempts (injectable for tests).
        max_gate_wait: Longest wait of one attempt in the gate, ``None`` for no bound.
        event_hooks: Called with every event of every request (see
            :mod:`smartlead_async.events`).
        host: The SmartLead host the transport sends to; :meth:`call` refuses routes of
            another host.
    """

    def __init__(
        self,
        *,
        transport: Transport,
        gate: Callable[[], RateGate],
        retry_policy: RetryPolicy,
        converter: cattrs.Converter,
        jitter: Callable[[], float] = random.random,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        max_gate_wait: float | None = None,
        event_hooks: tuple[EventHook, ...] = (),
        host: Host = CORE,
    ) -> None:
        self.host = host
        self._transport = transport
        self._gate = gate
        self._retry_policy = retry_policy
        self.converter = converter
        self._jitter = jitter
        self._sleep = sleep
        self._max_gate_wait = max_gate_wait
        self._hooks = event_hooks

    async def send(self, spec: RequestSpec) -> RawResponse:
        """Run ``spec`` through gate, transport and retry policy; return a 2xx response.

        Raises:
            APIStatusError: (a subclass per status) when the final answer is an error.
            APIConnectionError: when the final attempt failed at the transport level.
            GateTimeoutError: an attempt waited ``max_gate_wait`` in the gate (not sent).
        """
        request = RequestInfo.new(spec.method, _route_of(spec), self._transport.shown_url(spec))
        progress = _Progress()
        started = time.perf_counter()
        emit(self._hooks, RequestStarted(request))
        error: BaseException | None = None
        try:
            raw = await self._attempts(spec, request, progress)
        except BaseException as exc:
            error = exc
            raise
        finally:
            emit(
                self._hooks,
                RequestFinished(
                    request,
                    attempts=progress.attempts,
                    retries=progress.retries,
                    gate_seconds=progress.gate_seconds,
                    seconds=time.perf_counter() - started,
                    status=progress.status,
                    error=error,
                ),
            )
            del error  # the frame must not keep the exception (and its traceback) alive
        if (captured := _captured.get()) is not None:
            captured.append(raw)
        return raw

    async def _attempts(
        self, spec: RequestSpec, request: RequestInfo, progress: _Progress
    ) -> RawResponse:
        while True:
            progress.attempts += 1
            attempt = progress.attempts
            progress.status = None
            gate = self._gate()
            progress.gate_seconds += await self._admit(gate, request, attempt)
            emit(self._hooks, RequestSent(request, attempt))
            sent = time.perf_counter()
            try:
                raw = await self._transport.send(spec, shown_url=request.url)
            except APIConnectionError as error:
                emit(self._hooks, AttemptFailed(request, attempt, error))
                state = RetryState(
                    attempt=attempt, idempotent=spec.idempotent, outcome=_outcome(error)
                )
                await self._wait_or_raise(request, progress, state, error)
                continue
            except ResponseTooLargeError as error:
                emit(self._hooks, AttemptFailed(request, attempt, error))
                raise
            progress.status = raw.status
            emit(
                self._hooks,
                ResponseReceived(
                    request, attempt, raw.status, time.perf_counter() - sent, raw.headers
                ),
            )
            body = parse_body(raw.body) if raw.status >= 400 else None
            now = time.time()  # one reading for the Retry-After date and the quota's reset
            retry_after = parse_retry_after(raw.headers, body, now=now)
            await gate.observe(_feedback(raw, retry_after, now=now))
            if 200 <= raw.status < 300:
                return raw
            state = RetryState(
                attempt=attempt,
                idempotent=spec.idempotent,
                outcome=Outcome.STATUS,
                status=raw.status,
                retry_after=retry_after,
            )
            refusal = _status_error(raw, body, retry_after)
            await self._wait_or_raise(request, progress, state, refusal)

    async def _admit(self, gate: RateGate, request: RequestInfo, attempt: int) -> float:
        """Wait in ``gate`` for one attempt, at most ``max_gate_wait``; the seconds waited."""
        loop = asyncio.get_running_loop()
        entered = loop.time()
        if self._max_gate_wait is None:
            await gate.acquire()
        else:
            # Cancelling acquire() is what a caller's own asyncio.timeout does too: every gate
            # must (and the SDK's do) leave no admission half-taken and no lock held.
            try:
                async with asyncio.timeout(self._max_gate_wait) as bound:
                    await gate.acquire()
            except TimeoutError:
                if not bound.expired():
                    raise  # the gate's own TimeoutError, not the bound
                logger.debug(
                    "%s %s: not admitted by the rate gate within %.3f s (attempt %d)",
                    request.method,
                    request.route,
                    self._max_gate_wait,
                    attempt,
                )
                raise GateTimeoutError(
                    method=request.method,
                    route=request.route,
                    max_gate_wait=self._max_gate_wait,
                    attempt=attempt,
                ) from None
        waited = loop.time() - entered
        logger.debug(
            "%s %s waited %.3f s in the rate gate (attempt %d)",
            request.method,
            request.route,
            waited,
            attempt,
        )
        emit(self._hooks, GateWaited(request, attempt, waited))
        return waited

    async def _wait_or_raise(
        self, request: RequestInfo, progress: _Progress, state: RetryState, error: Exception
    ) -> None:
        delay = self._retry_policy.delay_before_retry(state, self._jitter())
        if delay is None:
            raise error
        logger.info("retrying in %.2f s after attempt %d: %s", delay, state.attempt, error)
        progress.retries += 1
        emit(
            self._hooks,
            RetryScheduled(
                request,
                attempt=state.attempt,
                delay=delay,
                outcome=state.outcome,
                status=state.status,
                may_have_been_applied=state.may_have_been_applied,
                error=error,
            ),
        )
        await self._sleep(delay)

    async def request_json(self, spec: RequestSpec) -> JSON:
        """Send ``spec`` and return the decoded JSON of the 2xx answer (see
        :func:`success_payload`: empty, HTML, broken-JSON and ``ok: false`` bodies raise).
        """
        return success_payload(await self.send(spec), spec)

    async def request_text(self, spec: RequestSpec) -> str:
        """Send ``spec`` and return the body as text (CSV exports)."""
        return (await self.send(spec)).body.decode("utf-8", errors="replace")

    async def request(self, spec: RequestSpec, response_type: type[T]) -> T:
        """Send ``spec`` and decode the checked JSON (see :meth:`request_json`) as
        ``response_type``."""
        return self.decode(await self.request_json(spec), response_type)

    def decode(self, payload: JSON, response_type: type[T]) -> T:
        """Structure ``payload`` as ``response_type``.

        Raises:
            ResponseDecodeError: The payload does not fit; it is attached to the error.
        """
        try:
            return self.converter.structure(payload, response_type)
        except Exception as exc:  # cattrs raises exception groups and several plain types
            problems = (
                "; ".join(cattrs.transform_error(exc, format_exception=_problem))
                if isinstance(exc, cattrs.BaseValidationError)
                else f"{type(exc).__name__}: {exc}"
            )
            name = getattr(response_type, "__name__", repr(response_type))
            raise ResponseDecodeError(
                f"response could not be decoded as {name}: {problems}",
                payload=payload,
                expected=name,
            ) from exc

    async def call(
        self,
        endpoint: Endpoint[R],
        *,
        query: Mapping[str, QueryValue | None] | None = None,
        json: JSON = None,
        **path_params: int | str,
    ) -> R:
        """Call ``endpoint`` and read its answer by the route's own rules.

        Raises:
            NotFoundError: The route's answer means "no such thing" (a 404, or an empty answer
                on a route declared ``empty_is_not_found`` / :attr:`Unwrap.FIRST_OF_DATA`).
            OperationFailedError: The answer says ``ok: false`` / ``success: false``.
            ResponseDecodeError: The answer does not have the route's shape.
        """
        if endpoint.host != self.host:
            raise TypeError(f"{endpoint.path} is a {endpoint.host} route, not a {self.host} one")
        spec = endpoint.spec(query=query, json=json, **path_params)
        raw = await self.send(spec)
        if endpoint.unwrap is Unwrap.TEXT:
            return cast(R, raw.body.decode("utf-8", errors="replace"))
        payload = success_payload(raw, spec)
        if endpoint.acknowledged:
            self.decode(payload, Acknowledgement)
        try:
            result = endpoint.unwrapped(payload)
        except EmptyAnswerError as empty:
            raise not_found(raw, f"{spec.method} /{spec.path}: not found ({empty})") from None
        try:
            return self.decode(result, endpoint.result)
        except ResponseDecodeError as error:
            # Users debug with what SmartLead sent, not with the SDK's unwrapped view of it.
            error.payload = payload
            raise

    def pager(
        self,
        endpoint: Endpoint[PageEnvelope[T]],
        *,
        start: int | None = None,
        limit: int | None = None,
        query: Mapping[str, QueryValue | None] | None = None,
        json: Mapping[str, JSON] | None = None,
        **path_params: int | str,
    ) -> Pager[T]:
        """A :class:`Pager` over the list route ``endpoint``.

        Args:
            endpoint: A route declared with :class:`~smartlead_async._endpoints.Paging`.
            start: The first offset (offset-paged routes; default 0) or the cursor to start after
                (cursor-paged routes; ``None`` for the beginning).
            limit: Rows per page, 1 to the route's maximum (default: the maximum). Unused on
                routes that answer every row at once.
            query: Filters sent with every page.
            json: Body sent with every page (POST reads).
            path_params: Values for the path template.

        Raises:
            RequestValidationError: ``start`` or ``limit`` is out of range (before sending).
        """
        paging = endpoint.page
        if paging is None:
            raise TypeError(f"{endpoint.method} /{endpoint.path} is not a list route")
        size = paging.max_limit if limit is None else limit
        if paging.max_limit is None or size is None:
            at_once = _whole_list(self, endpoint, query, json, path_params)
            return Pager(at_once, None)
        if paging.cursor is not None:
            require_page(0, size, max_limit=paging.max_limit)
            require_optional_id("start_after", start)
        else:
            start = 0 if start is None else start
            require_page(start, size, max_limit=paging.max_limit)
        filters = dict(query or {})
        body = dict(json) if json is not None else None
        cursor = paging.cursor
        in_body = paging.in_body

        async def fetch(at: int | None) -> Page[T]:
            window: dict[str, JSON] = (
                {"limit": size, cursor: at} if cursor is not None else {"offset": at, "limit": size}
            )
            page_query: Mapping[str, QueryValue | None] = filters
            page_body: JSON = body
            if in_body:
                # No cursor yet (the first page) sends no cursor key, not a null.
                sent = {key: value for key, value in window.items() if value is not None}
                page_body = {**sent, **(body or {})}
            else:
                page_query = {**cast(dict[str, QueryValue | None], window), **filters}
            envelope = await self.call(endpoint, query=page_query, json=page_body, **path_params)
            items = envelope.page_items
            has_more = envelope.page_has_more
            last = ends_here(items, size, has_more)
            if cursor is not None:
                offset, following = 0, None if last else envelope.page_cursor
            else:
                offset = at or 0
                following = None if last else offset + len(items)
            return Page(items, offset, size, envelope.page_total, has_more, following)

        return Pager(fetch, start)


def _whole_list(
    pipeline: Pipeline,
    endpoint: Endpoint[PageEnvelope[T]],
    query: Mapping[str, QueryValue | None] | None,
    json: Mapping[str, JSON] | None,
    path_params: Mapping[str, int | str],
) -> Callable[[int | None], Awaitable[Page[T]]]:
    # A route that answers every row at once: one page, no paging parameters sent.
    body = dict(json) if json is not None else None

    async def fetch(_: int | None) -> Page[T]:
        envelope = await pipeline.call(endpoint, query=query, json=body, **path_params)
        items = envelope.page_items
        return Page(items, 0, len(items), envelope.page_total, envelope.page_has_more, None)

    return fetch
