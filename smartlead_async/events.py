"""Request events: what each request did, for logs, metrics and traces, never with the key.

Every request the SDK sends emits, in order::

    RequestStarted
    (GateWaited, RequestSent, ResponseReceived | AttemptFailed, [RetryScheduled]) per attempt
    RequestFinished                                    always, also on errors and cancellation

A hook is a plain callable taking one event, passed as ``SmartleadClient(event_hooks=[...])``.
Hooks run synchronously in the task that sends the request, so a hook may read and set context
variables (the OpenTelemetry integration makes its span current this way); they must not block.
An exception raised by a hook is logged and ignored: observing a request never changes its
outcome.

What events carry: the HTTP method, the route template (``campaigns/{campaign_id}/leads``), the
URL with the key replaced by ``***``, attempt numbers, statuses, waits and the SDK's own
exceptions (whose messages are redacted). Response headers are those of
:class:`~smartlead_async._transport.RawResponse`, scrubbed of the key by the transport.
"""

from __future__ import annotations

import contextvars
import itertools
import logging
from collections.abc import Callable, Iterable, Mapping

import attrs

from smartlead_async._retry import Outcome
from smartlead_async.errors import ConfigurationError

__all__ = [
    "AttemptFailed",
    "EventHook",
    "GateWaited",
    "PipelineEvent",
    "RequestFinished",
    "RequestInfo",
    "RequestSent",
    "RequestStarted",
    "ResponseReceived",
    "RetryScheduled",
]

logger = logging.getLogger("smartlead_async")
_request_ids = itertools.count(1)


@attrs.frozen
class RequestInfo:
    """The request every event of one call refers to.

    Attributes:
        id: Unique in the process; tells the events of concurrent requests apart.
        method: HTTP method, upper case.
        route: Path template below the base URL, e.g. ``campaigns/{campaign_id}``; for
            ``client.request()`` the path with numeric segments written ``{id}``.
        url: The request URL with the key's value replaced by ``***``.
    """

    id: int
    method: str
    route: str
    url: str

    @classmethod
    def new(cls, method: str, route: str, url: str) -> RequestInfo:
        """A request with a fresh id."""
        return cls(next(_request_ids), method.upper(), route, url)


@attrs.frozen
class RequestStarted:
    """The request entered the pipeline (before its first wait in the rate gate)."""

    request: RequestInfo


@attrs.frozen
class GateWaited:
    """The rate gate admitted one attempt.

    Attributes:
        attempt: 1 for the first attempt.
        seconds: How long the attempt waited in the gate.
    """

    request: RequestInfo
    attempt: int
    seconds: float


@attrs.frozen
class RequestSent:
    """One attempt is about to be handed to aiohttp."""

    request: RequestInfo
    attempt: int


@attrs.frozen
class ResponseReceived:
    """SmartLead answered one attempt (any status).

    Attributes:
        status: HTTP status.
        seconds: Time from sending to the whole body read.
        headers: Response headers, scrubbed of the key (``x-ratelimit-remaining`` …).
    """

    request: RequestInfo
    attempt: int
    status: int
    seconds: float
    headers: Mapping[str, str]


@attrs.frozen
class AttemptFailed:
    """One attempt got no answer: connection failure, timeout, or an answer too large to read.

    Attributes:
        error: The SDK exception for it (redacted message).
    """

    request: RequestInfo
    attempt: int
    error: Exception


@attrs.frozen
class RetryScheduled:
    """The retry policy asked for another attempt after ``delay`` seconds.

    Attributes:
        attempt: The attempt that failed (the next one is ``attempt + 1``).
        delay: Seconds until the next attempt enters the gate.
        outcome: What happened to the failed attempt.
        status: Its HTTP status, when it got one.
        may_have_been_applied: Whether SmartLead may have carried the failed attempt out
            (sent and unanswered, or a 5xx): see the retry table in the README.
        error: The exception the attempt would have raised.
    """

    request: RequestInfo
    attempt: int
    delay: float
    outcome: Outcome
    status: int | None
    may_have_been_applied: bool
    error: Exception


@attrs.frozen
class RequestFinished:
    """The request left the pipeline: with a 2xx answer, an exception, or cancelled.

    Attributes:
        attempts: Attempts that entered the gate.
        retries: Retries scheduled (``attempts - 1`` unless a wait in the gate failed).
        gate_seconds: Total time spent waiting in the rate gate.
        seconds: Total time in the pipeline, retries and their delays included.
        status: Status of the last answer, ``None`` when the last attempt got none.
        error: What the pipeline raised, ``None`` on success (a ``CancelledError`` when the
            caller was cancelled).
    """

    request: RequestInfo
    attempts: int
    retries: int
    gate_seconds: float
    seconds: float
    status: int | None
    error: BaseException | None


#: Everything a hook can receive.
PipelineEvent = (
    RequestStarted
    | GateWaited
    | RequestSent
    | ResponseReceived
    | AttemptFailed
    | RetryScheduled
    | RequestFinished
)
#: A callable the pipeline hands every event to.
EventHook = Callable[[PipelineEvent], None]

#: Hooks bound to the current context (and tasks created from it) rather than to a client.
_context_hooks: contextvars.ContextVar[tuple[EventHook, ...]] = contextvars.ContextVar(
    "smartlead_context_hooks", default=()
)


def bind_to_context(hook: EventHook, *, replacing: type) -> None:
    """Send the events of requests made by this task (and tasks it creates from now on) to
    ``hook`` too, instead of to any hook of class ``replacing`` bound before."""
    kept = tuple(bound for bound in _context_hooks.get() if not isinstance(bound, replacing))
    _context_hooks.set((*kept, hook))


def check_hooks(hooks: Iterable[EventHook]) -> tuple[EventHook, ...]:
    """``hooks`` as a tuple; :class:`ConfigurationError` for anything that is not callable."""
    checked = tuple(hooks)
    for hook in checked:
        if not callable(hook):
            kind = type(hook).__name__
            raise ConfigurationError(f"event_hooks must be callables, not {kind}")
    return checked


def emit(hooks: tuple[EventHook, ...], event: PipelineEvent) -> None:
    """Hand ``event`` to ``hooks`` and to the hooks bound to the current context."""
    for hook in (*hooks, *_context_hooks.get()):
        try:
            hook(event)
        except Exception:
            logger.warning(
                "event hook %r failed on %s; ignored", hook, type(event).__name__, exc_info=True
            )
