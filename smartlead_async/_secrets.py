"""Keeping the API key out of reprs, messages, logs and tracebacks.

The key travels in the query string, so any server or proxy that echoes the request URL (in an
error page, a ``Location`` header, a debug field) hands it back — raw, percent-encoded by one of
several conventions, or JSON-escaped. :class:`APIKey` knows every one of those spellings, and
:func:`scrub` / :func:`scrub_bytes` replace them with ``***``. The transport applies them to
every response body and header before anything else sees the response.
"""

from __future__ import annotations

import hashlib
import json
import re
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urlsplit, urlunsplit

REDACTED = "***"
_REDACTED_BYTES = REDACTED.encode()
#: Query parameters whose values are secrets wherever they appear in a URL.
SECRET_QUERY_PARAMS = frozenset({"api_key"})
# A %XX or \uXXXX escape; its hex digits may be sent in either case.
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}")


def _escape_case_variants(form: str) -> set[str]:
    def recase(match: re.Match[str], upper: bool) -> str:
        escape = match.group()
        cut = 1 if escape[0] == "%" else 2
        digits = escape[cut:]
        return escape[:cut] + (digits.upper() if upper else digits.lower())

    return {
        form,
        _ESCAPE.sub(lambda m: recase(m, upper=True), form),
        _ESCAPE.sub(lambda m: recase(m, upper=False), form),
    }


def _spellings(raw: str) -> tuple[str, ...]:
    """Every way ``raw`` is likely to come back: raw, URL-encoded, JSON-escaped; longest first."""
    encoded = {raw, quote(raw, safe=""), quote(raw), quote_plus(raw), quote_plus(raw, safe="/")}
    # JSON encoders escape non-ASCII (\u00e9), quotes and backslashes; some also escape "/".
    escaped = {json.dumps(form)[1:-1] for form in encoded}
    escaped |= {form.replace("/", "\\/") for form in escaped}
    forms: set[str] = set()
    for form in encoded | escaped:
        forms |= _escape_case_variants(form)
    # Longest first: a shorter spelling can be part of a longer one.
    return tuple(sorted(forms, key=len, reverse=True))


class APIKey:
    """An API key that never prints itself.

    ``str()``, ``repr()`` and f-strings show only a short fingerprint, so a key held by any object
    that gets logged or printed stays secret. Call :meth:`reveal` where the raw value is needed
    (building the request URL, and nowhere else).

    Args:
        value: The raw key.
    """

    __slots__ = ("_byte_forms", "_text_forms", "_value")

    def __init__(self, value: str) -> None:
        self._value = value
        self._text_forms = _spellings(value) if value else ()
        self._byte_forms = tuple(form.encode() for form in self._text_forms)

    def reveal(self) -> str:
        """Return the raw key."""
        return self._value

    @property
    def fingerprint(self) -> str:
        """A short, stable, non-reversible id of the key (first 8 hex digits of its SHA-256)."""
        return hashlib.sha256(self._value.encode()).hexdigest()[:8]

    def __repr__(self) -> str:
        return f"APIKey(fingerprint={self.fingerprint!r})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, APIKey) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self) -> tuple[object, ...]:
        # Pickling would copy the raw key into caches and task queues; refuse it.
        raise TypeError("APIKey objects cannot be pickled")


_SECRET_PARAM_VALUE = re.compile(
    "(" + "|".join(sorted(SECRET_QUERY_PARAMS)) + r")=[^&#\s]*", re.IGNORECASE
)


def redact_url(url: str) -> str:
    """Return ``url`` with the value of every secret query parameter replaced by ``***``.

    Never raises: text that does not parse as a URL (aiohttp quotes malformed ``Location``
    headers in its messages) has ``api_key=…`` values replaced in place.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return _SECRET_PARAM_VALUE.sub(rf"\1={REDACTED}", url)
    if not parts.query:
        return url
    query = [
        (name, REDACTED if name in SECRET_QUERY_PARAMS else value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return urlunsplit(parts._replace(query=urlencode(query, safe="*")))


def scrub(text: str, secret: APIKey) -> str:
    """Replace every spelling of ``secret`` in ``text`` with ``***``.

    Covers the raw key, its percent-encoded forms (``quote`` with and without ``safe="/"``,
    ``quote_plus``; upper- or lower-case hex) and their JSON-escaped forms. Use it on any text
    that may carry what a server sent back (messages, CSV cells, reports).
    """
    for form in secret._text_forms:
        if form in text:
            text = text.replace(form, REDACTED)
    return text


def scrub_bytes(data: bytes, secret: APIKey) -> bytes:
    """:func:`scrub` for a UTF-8 body; returns ``data`` itself when no spelling occurs in it."""
    for form in secret._byte_forms:
        if form in data:
            data = data.replace(form, _REDACTED_BYTES)
    return data
