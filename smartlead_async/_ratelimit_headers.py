"""The key's quota as response headers state it: ``x-ratelimit-*`` and the IETF ``RateLimit``.

SmartLead documents ``x-ratelimit-remaining`` / ``x-ratelimit-reset``, but its 429 messages come
from a rate limiter that can speak the IETF RateLimit header fields instead, in any of the
spellings the draft went through:

- ``RateLimit-Remaining: 0`` and ``RateLimit-Reset: 30``, separate fields (drafts up to -06);
- ``RateLimit: limit=10, remaining=0, reset=30``, one dictionary (draft -07);
- ``RateLimit: "default";r=0;t=30``, a list with one item per policy (draft -08 on), described
  by ``RateLimit-Policy: "default";q=10;w=2``. An item without ``t`` is taken to reset within its
  policy's window ``w``.

Resets are seconds from now; a value above one billion is a Unix time (some servers send that
in ``x-ratelimit-reset``). Every spelling present is read and the most restrictive quota wins:
the fewest requests remaining, then the latest reset. Malformed values are ignored.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping

__all__ = ["read_quota"]

_EPOCH_THRESHOLD = 1_000_000_000  # a reset above this is a Unix time, below it seconds

#: (requests remaining, seconds until the reset); either may be unknown
Quota = tuple[int | None, float | None]


def read_quota(headers: Mapping[str, str], *, now: float) -> tuple[int | None, float | None]:
    """The most restrictive quota the headers state, as ``(remaining, reset_after)``.

    Args:
        headers: Response headers (a case-insensitive mapping).
        now: Current Unix time, for resets given as Unix times.

    Returns:
        ``(None, None)`` when no header applies; a reset alone when no count is stated.
    """
    quotas = [
        *_split_fields(headers, "x-ratelimit-remaining", "x-ratelimit-reset", now),
        *_split_fields(headers, "RateLimit-Remaining", "RateLimit-Reset", now),
        *_structured(headers),
    ]
    if not quotas:
        return None, None
    return min(quotas, key=lambda q: (q[0] is None, q[0] or 0, -(q[1] or 0.0)))


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text.strip().strip('"'))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _delta(value: float | None) -> float | None:
    return None if value is None else max(0.0, value)


def _seconds(value: float | None, now: float) -> float | None:
    if value is not None and value > _EPOCH_THRESHOLD:
        value -= now
    return _delta(value)


def _split_fields(
    headers: Mapping[str, str], remaining: str, reset: str, now: float
) -> list[Quota]:
    count = _number(headers.get(remaining))
    seconds = _seconds(_number(headers.get(reset)), now)
    if count is None and seconds is None:
        return []
    return [(None if count is None else int(count), seconds)]


def _field(headers: Mapping[str, str], name: str) -> str:
    # A structured list may be split over several header lines; they join with commas.
    getall = getattr(headers, "getall", None)
    values = getall(name, []) if getall is not None else [headers.get(name, "")]
    return ", ".join(v for v in values if v)


def _split(text: str, separator: str) -> Iterator[str]:
    """``text`` split at ``separator`` outside double-quoted strings, parts stripped."""
    start, quoted, escaped = 0, False, False
    for i, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\" and quoted:
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            yield text[start:i].strip()
            start = i + 1
    yield text[start:].strip()


def _items(text: str) -> Iterator[tuple[str, dict[str, str]]]:
    """The members of a structured field: (bare item or ``key=value``, parameters)."""
    for member in _split(text, ","):
        if not member:
            continue
        head, *params = _split(member, ";")
        pairs = (param.partition("=") for param in params)
        yield head, {key.strip().lower(): value.strip() for key, _, value in pairs}


def _structured(headers: Mapping[str, str]) -> list[Quota]:
    members = list(_items(_field(headers, "RateLimit")))
    if not members:
        return []
    if all("=" in head and not head.startswith('"') for head, _ in members):
        # Draft -07: one dictionary, limit=…, remaining=…, reset=…
        fields: dict[str, str] = {}
        for head, _ in members:
            key, _, value = head.partition("=")
            fields[key.strip().lower()] = value
        count = _number(fields.get("remaining"))
        return [] if count is None else [(int(count), _delta(_number(fields.get("reset"))))]
    windows = {
        name: _number(params.get("w"))
        for name, params in _items(_field(headers, "RateLimit-Policy"))
    }
    quotas: list[Quota] = []
    for name, params in members:
        count = _number(params.get("r"))
        if count is not None:
            reset = _number(params.get("t"))
            quotas.append((int(count), _delta(windows.get(name) if reset is None else reset)))
    return quotas
