"""``client.request()``: requests for routes the SDK has no method for, checked before sending.

The checks keep such a request what every SDK request is: a path below the base URL (never
another host, never above ``/api/v1``) with the key added by the transport alone, so nothing a
caller passes can move the key elsewhere or put a second copy of it where the scrubber would not
look for it.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from smartlead_async._json import JSON
from smartlead_async._request import QueryValue, RequestSpec
from smartlead_async._secrets import SECRET_QUERY_PARAMS, APIKey, scrub
from smartlead_async.errors import RequestValidationError

__all__ = ["METHODS", "custom_spec"]

METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
# What a path may not contain: a scheme or host ("//"), its own query or fragment, backslashes
# (some servers read them as "/"), whitespace and control characters.
_FORBIDDEN = frozenset("?#\\") | {chr(c) for c in range(33)} | {"\x7f"}


def _check_path(path: object, api_key: APIKey) -> str:
    if not isinstance(path, str):
        raise RequestValidationError(f"path must be a str, not {type(path).__name__}")
    if scrub(path, api_key) != path:
        raise RequestValidationError("path must not contain the API key")
    if not path or path.startswith("/"):
        raise RequestValidationError(
            f"path must be relative to the base URL, without a leading '/', got {path!r}"
        )
    if ":" in path.split("/", 1)[0] or any(char in _FORBIDDEN for char in path):
        raise RequestValidationError(
            f"path must be a plain relative path (no scheme, host, query, fragment, "
            f"backslash or whitespace; pass parameters as query=), got {path!r}"
        )
    if any(part in ("", ".", "..") for part in path.split("/")):
        raise RequestValidationError(
            f"path must not have empty, '.' or '..' segments, got {path!r}"
        )
    return path


def _check_query(
    query: Mapping[str, QueryValue | None] | None, api_key: APIKey
) -> dict[str, QueryValue | None]:
    checked: dict[str, QueryValue | None] = {}
    for name, value in (query or {}).items():
        if not isinstance(name, str):
            raise RequestValidationError(f"query names must be str, not {type(name).__name__}")
        if name.strip().lower() in SECRET_QUERY_PARAMS:
            raise RequestValidationError(
                f"query must not contain {name.strip()!r}: the client adds the API key itself"
            )
        if value is not None and not isinstance(value, str | int | float | bool):
            raise RequestValidationError(
                f"query value of {name!r} must be a str, int, float, bool or None, "
                f"not {type(value).__name__}"
            )
        if isinstance(value, str) and scrub(value, api_key) != value:
            raise RequestValidationError(f"query value of {name!r} must not contain the API key")
        checked[name] = value
    return checked


def custom_spec(
    api_key: APIKey,
    *,
    method: str,
    path: str,
    query: Mapping[str, QueryValue | None] | None,
    json: JSON,
    idempotent: bool | None,
) -> RequestSpec | RequestValidationError:
    """The checked request of a ``client.request()`` call, or the error to raise for it.

    The error is returned, not raised: the caller raises it after deleting its own locals, so
    a traceback that records locals shows no path or query that holds the key.

    Returns:
        The spec, or :class:`RequestValidationError` for an unknown method, a path that is not
        a plain relative path, or a query that names ``api_key`` or carries the key (messages
        never quote the key).
    """
    try:
        verb = method.upper() if isinstance(method, str) else method
        if verb not in METHODS:
            raise RequestValidationError(
                f"method must be one of {', '.join(sorted(METHODS))}, got {method!r}"
            )
        if idempotent is not None and not isinstance(idempotent, bool):
            raise RequestValidationError(f"idempotent must be a bool or None, got {idempotent!r}")
        spec = RequestSpec(verb, _check_path(path, api_key), _check_query(query, api_key), json)
    except RequestValidationError as error:
        return error.with_traceback(None)  # its frames hold the path and query
    return spec if idempotent is None else attrs.evolve(spec, idempotent=idempotent)
