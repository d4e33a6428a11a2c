"""Keeping the API key out of reprs, messages, logs and tracebacks."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

REDACTED = "***"
#: Query parameters whose values are secrets wherever they appear in a URL.
SECRET_QUERY_PARAMS = frozenset({"api_key"})


class APIKey:
    """An API key that never prints itself.

    ``str()``, ``repr()`` and f-strings show only a short fingerprint, so a key held by any object
    that gets logged or printed stays secret. Call :meth:`reveal` where the raw value is needed
    (building the request URL, and nowhere else).
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

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


def redact_url(url: str) -> str:
    """Return ``url`` with the value of every secret query parameter replaced by ``***``."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    query = [
        (name, REDACTED if name in SECRET_QUERY_PARAMS else value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return urlunsplit(parts._replace(query=urlencode(query, safe="*")))


def scrub(text: str, secret: APIKey) -> str:
    """Remove every occurrence of ``secret`` from ``text`` (for third-party messages we relay)."""
    raw = secret.reveal()
    return text.replace(raw, REDACTED) if raw else text
