"""The exception tree of smartlead_async.

Everything the SDK raises on purpose derives from :class:`SmartleadError`::

    SmartleadError
    ├── ConfigurationError          (also ValueError)  bad client options, missing API key
    ├── RequestValidationError      (also ValueError)  invalid request; nothing was sent
    ├── ClientClosedError                              the client was closed
    ├── RateGateUnavailableError                       the shared rate gate's store is unreachable
    ├── GateTimeoutError             (also TimeoutError) waited max_gate_wait in the gate; not sent
    ├── APIConnectionError                             the request may not have reached SmartLead
    │   └── APITimeoutError
    ├── APIStatusError                                 SmartLead answered with an error status
    │   ├── BadRequestError          400
    │   ├── AuthenticationError      401
    │   ├── PermissionDeniedError    403 (plan without API access)
    │   ├── NotFoundError            404 (and 200 with an empty body where the API does that)
    │   ├── NotAcceptableError       406 (a documented cool-down refused the call)
    │   │   ├── ReconnectCooldownError     bulk reconnect refused (``ok: true`` in the body)
    │   │   │   ├── ReconnectDailyLimitError   more than 3 bulk reconnects a day
    │   │   │   └── ReconnectTooSoonError      less than 30 minutes since the last one
    │   │   └── FetchRepliesBusyError      a live reply fetch is already running
    │   ├── UnprocessableEntityError 422
    │   ├── RateLimitError           429, with ``retry_after``
    │   ├── InternalServerError      5xx
    │   └── OperationFailedError     2xx whose body says ``ok: false`` / ``success: false``
    ├── ResponseDecodeError                            a 2xx body that does not fit the model
    ├── ResponseTooLargeError                          an answer over ``max_response_bytes``
    └── WebhookError                (also ValueError)  a webhook delivery you received is refused
        ├── InvalidWebhookError                        not JSON, not events, or no event_type
        │   ├── WebhookJSONError                       not JSON, or nested too deep
        │   └── MissingEventTypeError                  an event object without event_type
        └── WebhookAuthenticationError                 wrong secret_key or signature

No exception holds or prints the API key: URLs are redacted before they are stored, and exceptions
raised by aiohttp (whose messages can contain the full URL) are summarised, not chained.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from multidict import CIMultiDict

from smartlead_async._json import JSON

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConfigurationError",
    "FetchRepliesBusyError",
    "GateTimeoutError",
    "InternalServerError",
    "InvalidWebhookError",
    "MissingEventTypeError",
    "NotAcceptableError",
    "NotFoundError",
    "OperationFailedError",
    "PermissionDeniedError",
    "RateGateUnavailableError",
    "RateLimitError",
    "ReconnectCooldownError",
    "ReconnectDailyLimitError",
    "ReconnectTooSoonError",
    "RequestValidationError",
    "ResponseDecodeError",
    "ResponseTooLargeError",
    "SmartleadError",
    "UnprocessableEntityError",
    "WebhookAuthenticationError",
    "WebhookError",
    "WebhookJSONError",
    "error_message_from_body",
    "status_error_class",
]


class SmartleadError(Exception):
    """Root of every exception raised by smartlead_async."""


class ConfigurationError(SmartleadError, ValueError):
    """The client was configured with invalid options (for example, no API key)."""


class RequestValidationError(SmartleadError, ValueError):
    """A request argument is invalid. Raised before anything is sent."""


class ClientClosedError(SmartleadError):
    """The client has been closed and cannot send requests any more."""


class RateGateUnavailableError(SmartleadError):
    """A shared rate gate could not reach its store (Redis) within its ``outage_timeout``.

    Nothing was sent: a shared gate fails closed rather than let a request go out unguarded.
    The message names the kind of failure only, never the store's address or credentials.
    """


class GateTimeoutError(SmartleadError, TimeoutError):
    """An attempt waited ``max_gate_wait`` seconds in the rate gate without being admitted.

    Nothing was sent for that attempt, and it is not retried: the gate is busy because the key's
    limit is, and waiting again would only queue behind the same requests.

    Attributes:
        method: HTTP method of the request.
        route: Route template of the request, e.g. ``campaigns/{campaign_id}``.
        max_gate_wait: The bound that was exceeded, in seconds.
        attempt: The attempt that waited (1 for the first).
    """

    def __init__(self, *, method: str, route: str, max_gate_wait: float, attempt: int) -> None:
        super().__init__(
            f"{method} {route}: not admitted by the rate gate within max_gate_wait="
            f"{max_gate_wait:g} s (attempt {attempt}); nothing was sent"
        )
        self.method = method
        self.route = route
        self.max_gate_wait = max_gate_wait
        self.attempt = attempt


class APIConnectionError(SmartleadError):
    """The request could not be completed at the transport level.

    Attributes:
        method: HTTP method of the request.
        url: Request URL with the API key redacted.
        request_sent: ``False`` when no connection was made, so nothing reached SmartLead;
            ``True`` when the request may have been received (and applied).
    """

    def __init__(self, message: str, *, method: str, url: str, request_sent: bool = True) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = url
        self.request_sent = request_sent

    def __str__(self) -> str:
        return f"{self.message} ({self.method} {self.url})"


class WebhookError(SmartleadError, ValueError):
    """Root of webhook parsing and verification errors."""


class InvalidWebhookError(WebhookError):
    """The body is not JSON, not an object (or array of objects), or has no ``event_type``."""


class WebhookJSONError(InvalidWebhookError):
    """The body is not valid JSON."""


class MissingEventTypeError(InvalidWebhookError):
    """An event object has no ``event_type`` (so it cannot even be an ``UnknownEvent``)."""


class WebhookAuthenticationError(WebhookError):
    """The secret key or signature does not match."""


class APITimeoutError(APIConnectionError):
    """The request timed out. SmartLead may or may not have processed it."""


class APIStatusError(SmartleadError):
    """SmartLead answered with a non-success status.

    Attributes:
        status: HTTP status code.
        message: The server's message, parsed from any of SmartLead's error body formats.
        body: The decoded body (JSON value, or text when the body was not JSON).
        method: HTTP method of the request.
        url: Request URL with the API key redacted.
        headers: Response headers (case-insensitive).
    """

    status_code: ClassVar[int | None] = None

    def __init__(
        self,
        message: str,
        *,
        status: int,
        body: JSON,
        method: str,
        url: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.body = body
        self.method = method
        self.url = url
        self.headers: Mapping[str, str] = CIMultiDict(headers or {})

    def __str__(self) -> str:
        return f"{self.status} {self.message} ({self.method} {self.url})"


class BadRequestError(APIStatusError):
    """400: the request was rejected as invalid."""

    status_code = 400


class AuthenticationError(APIStatusError):
    """401: the API key is missing or invalid."""

    status_code = 401


class PermissionDeniedError(APIStatusError):
    """403: the key is valid but the plan lacks API access ("Access denied")."""

    status_code = 403


class NotFoundError(APIStatusError):
    """404, or a 200 with an empty body where SmartLead signals "not found" that way."""

    status_code = 404


class NotAcceptableError(APIStatusError):
    """406: a documented cool-down refused the call (bulk reconnect, live reply fetch).

    The subclasses below are picked from the body's message
    (docs/api-notes.md, Email accounts); a 406 whose text SmartLead words differently stays a
    plain ``NotAcceptableError``. Never retried: the cool-down has to pass first.
    """

    status_code = 406


class ReconnectCooldownError(NotAcceptableError):
    """406 from the bulk reconnect: at most 3 calls a day, at least 30 minutes apart. The body
    still says ``ok: true``; only the status tells the refusal from a success."""


class ReconnectDailyLimitError(ReconnectCooldownError):
    """406: the bulk reconnect was already used 3 times in the last 24 hours."""


class ReconnectTooSoonError(ReconnectCooldownError):
    """406: the last bulk reconnect was less than 30 minutes ago."""


class FetchRepliesBusyError(NotAcceptableError):
    """406 from "fetch replies now": a live fetch started in the last 30 minutes still runs."""


class UnprocessableEntityError(APIStatusError):
    """422: validation failure reported by the newer API front-end."""

    status_code = 422


class RateLimitError(APIStatusError):
    """429: the key's rate limit was exceeded.

    Attributes:
        retry_after: Seconds to wait, from ``Retry-After`` (seconds or HTTP date) or the body;
            ``None`` when the server did not say.
    """

    status_code = 429

    def __init__(
        self,
        message: str,
        *,
        status: int,
        body: JSON,
        method: str,
        url: str,
        headers: Mapping[str, str] | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, status=status, body=body, method=method, url=url, headers=headers)
        self.retry_after = retry_after


class InternalServerError(APIStatusError):
    """5xx: SmartLead failed. The request may or may not have been applied."""


class OperationFailedError(APIStatusError):
    """A 2xx answer whose body reports failure: ``{"ok": false, ...}`` or ``{"success": false}``.

    ``message`` is the server's text (``error``, ``message`` or a nested ``error.message``);
    ``status`` is the 2xx status it came with. For example the global unsubscribe answers
    ``{"ok": false}`` with 200 when nothing changed.
    """


class ResponseDecodeError(SmartleadError):
    """A success response did not fit the expected shape.

    Attributes:
        payload: The decoded JSON (or text) that could not be converted.
        expected: Name of the type the SDK tried to build.
    """

    def __init__(self, message: str, *, payload: JSON, expected: str) -> None:
        super().__init__(message)
        self.payload = payload
        self.expected = expected


class ResponseTooLargeError(SmartleadError):
    """The answer was larger than the client's ``max_response_bytes``; it was not read further.

    The limit counts decompressed bytes, so a small compressed "bomb" is stopped too. Not retried:
    the same request would get the same answer. The request reached SmartLead and may have been
    applied.

    Attributes:
        limit: The ``max_response_bytes`` in force.
        status: HTTP status of the answer.
        method: HTTP method of the request.
        url: Request URL with the API key redacted.
        declared: The ``Content-Length`` the server announced when that alone exceeded the limit
            (nothing was read); ``None`` when the limit was hit while reading.
    """

    def __init__(
        self,
        message: str,
        *,
        limit: int,
        status: int,
        method: str,
        url: str,
        declared: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.limit = limit
        self.status = status
        self.method = method
        self.url = url
        self.declared = declared

    def __str__(self) -> str:
        return f"{self.message} ({self.method} {self.url})"


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    cls.status_code: cls
    for cls in (
        BadRequestError,
        AuthenticationError,
        PermissionDeniedError,
        NotFoundError,
        NotAcceptableError,
        UnprocessableEntityError,
        RateLimitError,
    )
    if cls.status_code is not None
}


#: 406 refusals told apart by the (lower-cased) text SmartLead's reference documents for them
#: (docs/api-notes.md, Email accounts). ``atleast`` is SmartLead's own spelling.
_NOT_ACCEPTABLE_TEXTS: tuple[tuple[str, type[NotAcceptableError]], ...] = (
    ("more than 3 times a day", ReconnectDailyLimitError),
    ("30 minutes before requesting a bulk reconnect", ReconnectTooSoonError),
    ("bulk reconnect", ReconnectCooldownError),
    ("live fetch is already in-progress", FetchRepliesBusyError),
)


def status_error_class(status: int, body: JSON = None) -> type[APIStatusError]:
    """Return the exception class for an HTTP error status (and, for a 406, its ``body``)."""
    if status >= 500:
        return InternalServerError
    if status == NotAcceptableError.status_code:
        message = body.get("message") if isinstance(body, dict) else body
        text = message.lower() if isinstance(message, str) else ""
        for marker, cls in _NOT_ACCEPTABLE_TEXTS:
            if marker.lower() in text:
                return cls
    return _STATUS_CLASSES.get(status, APIStatusError)


_MAX_TEXT_MESSAGE = 300


def error_message_from_body(body: JSON, *, status: int) -> str:
    """The human message of any of SmartLead's error bodies (docs/api-notes.md, Error bodies).

    Joi/Hapi validation bodies carry the useful text in ``message`` (``error`` is only the reason
    phrase); domain errors use ``error``; auth failures use ``message``; the newer front-end nests
    ``{"error": {"code", "message"}}``; plain-text bodies are used as they are.
    """
    if isinstance(body, dict):
        if "validation" in body and isinstance(body.get("message"), str):
            return str(body["message"])
        error = body.get("error")
        if isinstance(error, str) and error:
            return error
        if isinstance(error, dict):
            nested = error.get("message") or error.get("code")
            if isinstance(nested, str) and nested:
                return nested
        message = body.get("message")
        if isinstance(message, str) and message:
            return message
    if isinstance(body, str) and body.strip():
        text = body.strip()
        return text if len(text) <= _MAX_TEXT_MESSAGE else text[:_MAX_TEXT_MESSAGE] + "…"
    return f"HTTP {status}"
