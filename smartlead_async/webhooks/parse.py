"""Parse and verify webhook deliveries, sans I/O: bytes (or parsed JSON) in, typed events out.

* :func:`parse_event` / :func:`parse_events` turn a body (bytes, text or a mapping) into typed
  events (:mod:`smartlead_async.webhooks.events`). A JSON array yields several events. Text
  nested deeper than :data:`MAX_JSON_DEPTH` is refused before ``json.loads`` sees it (which
  would otherwise raise ``RecursionError``), so a hostile body is a :class:`WebhookJSONError`.
* :func:`verify_secret_key` compares the in-body ``secret_key`` in constant time. That is what
  campaign webhooks carry; it is a shared secret, not a signature, and the dashboard's test
  button sends the literal ``"secretkey"``.
* :func:`verify_signature` checks ``X-Smartlead-Signature: sha256=<HMAC-SHA256 of the raw
  body>``, described by the help center for the newer account-level webhooks and never observed
  on campaign webhooks: use it only if your deliveries carry the header.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Mapping
from typing import cast

import cattrs

from smartlead_async._convert import CONVERTER
from smartlead_async._json import JSON
from smartlead_async.errors import (
    InvalidWebhookError,
    MissingEventTypeError,
    WebhookAuthenticationError,
    WebhookJSONError,
)
from smartlead_async.webhooks.events import WebhookEvent, event_class

__all__ = [
    "MAX_JSON_DEPTH",
    "parse_event",
    "parse_events",
    "verify_secret_key",
    "verify_signature",
]

#: Default cap on JSON nesting. Real payloads nest about four levels deep.
MAX_JSON_DEPTH = 64


# Backslash escapes first (left to right, as a JSON string scanner pairs them), so that what is
# left of every string is quote-free and `"[^"]*"` removes it in linear time. Outside strings a
# backslash is a syntax error at which json.loads stops, so pairing it there changes nothing.
_ESCAPE = re.compile(r"\\.", re.DOTALL)
_STRING = re.compile(r'"[^"]*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _check_depth(text: str, max_depth: int) -> None:
    """Refuse text whose brackets (outside strings) nest deeper than ``max_depth`` or do not
    balance, without recursion: every round deletes the innermost ``[]`` pairs, which lowers a
    balanced sequence's depth by exactly one, so ``max_depth`` rounds empty any legal one."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", _ESCAPE.sub("", text)))
    brackets = brackets.replace("{", "[").replace("}", "]")
    for _ in range(max_depth):
        if not brackets:
            return
        inner = brackets.replace("[]", "")
        if inner == brackets:
            break
        brackets = inner
    if brackets:
        raise WebhookJSONError(
            f"webhook body is not JSON: brackets unbalanced or nested deeper than {max_depth}"
        )


def _load(raw: bytes | str | Mapping[str, object] | list[object], max_depth: int) -> JSON:
    if isinstance(raw, bytes | str):
        try:
            # The decoding json.loads does for bytes, done first so the depth scan sees the text.
            text = (
                raw
                if isinstance(raw, str)
                else raw.decode(json.detect_encoding(raw), "surrogatepass")
            )
        except UnicodeDecodeError as exc:
            raise WebhookJSONError(f"webhook body is not JSON: {exc}") from None
        _check_depth(text, max_depth)
        try:
            loaded: JSON = json.loads(text)
        except ValueError as exc:
            raise WebhookJSONError(f"webhook body is not JSON: {exc}") from None
        return loaded
    # Mappings and lists come from a framework that already parsed JSON: JSON values inside.
    if isinstance(raw, Mapping):
        return cast(JSON, dict(raw))
    return cast(JSON, list(raw))


def _event(item: JSON, converter: cattrs.Converter) -> WebhookEvent:
    if not isinstance(item, dict):
        # The type, not a repr: a repr of a hostile value is as deep and as long as the value.
        raise InvalidWebhookError(
            f"a webhook event must be a JSON object, got {type(item).__name__}"
        )
    event_type = item.get("event_type")
    if not isinstance(event_type, str) or not event_type:
        raise MissingEventTypeError("webhook body has no event_type")
    cls = event_class(event_type)
    try:
        return converter.structure(item, cls)
    except cattrs.BaseValidationError as exc:
        problems = "; ".join(cattrs.transform_error(exc))
        raise InvalidWebhookError(f"{event_type} event does not decode: {problems}") from None


def parse_events(
    raw: bytes | str | Mapping[str, object] | list[object],
    *,
    converter: cattrs.Converter | None = None,
    max_depth: int = MAX_JSON_DEPTH,
) -> list[WebhookEvent]:
    """Every event of a body: one for an object, several for an array.

    Bytes and text are checked for nesting before they are parsed, so any input (a 100,000-deep
    ``[[[…`` included) either decodes or raises :class:`InvalidWebhookError`. The size of the
    input is the caller's to bound (:class:`WebhookDispatcher` does).

    Args:
        raw: The body as received, or JSON your framework already parsed.
        converter: A cattrs converter (e.g. a strict one, for tests).
        max_depth: Deepest bracket nesting accepted in bytes or text.

    Raises:
        WebhookJSONError: Not JSON, or nested deeper than ``max_depth``.
        InvalidWebhookError: Not objects, or an object without ``event_type``.
    """
    data = _load(raw, max_depth)
    items = data if isinstance(data, list) else [data]
    return [_event(item, converter or CONVERTER) for item in items]


def parse_event(
    raw: bytes | str | Mapping[str, object],
    *,
    converter: cattrs.Converter | None = None,
    max_depth: int = MAX_JSON_DEPTH,
) -> WebhookEvent:
    """The single event of a body (SmartLead posts one event per request).

    Raises:
        InvalidWebhookError: As :func:`parse_events`, or when the body holds several events.
    """
    events = parse_events(raw, converter=converter, max_depth=max_depth)
    if len(events) != 1:
        raise InvalidWebhookError(f"expected one event, got {len(events)}; use parse_events")
    return events[0]


def verify_secret_key(event: WebhookEvent | Mapping[str, object], expected: str) -> None:
    """Check the in-body ``secret_key`` against yours, in constant time.

    Raises:
        WebhookAuthenticationError: Missing or different (the message never shows either key).
    """
    given = event.secret_key if isinstance(event, WebhookEvent) else event.get("secret_key")
    if not isinstance(given, str) or not hmac.compare_digest(given.encode(), expected.encode()):
        raise WebhookAuthenticationError("webhook secret_key does not match")


def verify_signature(raw_body: bytes, header: str | None, secret: str) -> None:
    """Check ``X-Smartlead-Signature: sha256=<hex HMAC-SHA256 of the raw body>``.

    Pass the body exactly as received (before any JSON parsing).

    Raises:
        WebhookAuthenticationError: Missing, malformed or wrong signature.
    """
    if not header or not header.startswith("sha256="):
        raise WebhookAuthenticationError("missing or malformed X-Smartlead-Signature")
    expected = hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()
    # Bytes, not str: compare_digest raises TypeError on non-ASCII text (a hostile header).
    given = header.removeprefix("sha256=").lower().encode("utf-8", "surrogateescape")
    if not hmac.compare_digest(given, expected.encode()):
        raise WebhookAuthenticationError("X-Smartlead-Signature does not match the body")
