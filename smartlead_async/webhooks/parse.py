"""Parse and verify webhook deliveries, sans I/O: bytes (or parsed JSON) in, typed events out.

* :func:`parse_event` / :func:`parse_events` turn a body (bytes, text or a mapping) into typed
  events (:mod:`smartlead_async.webhooks.events`). A JSON array yields several events. Text
  nested deeper than :data:`MAX_JSON_DEPTH` is refused before ``json.loads`` sees it (which
  would otherwise raise ``RecursionError``), so a hostile body is a :class:`WebhookJSONError`.
  Both envelopes decode into the same classes: the flat one keyed by ``event_type``, and the
  newer ``{id, type, created_at, data, links, meta{attempt, level}}``, whose ``data`` holds the
  event's fields and whose dotted ``type`` (``email.account.disconnected``) names the event
  (``EMAIL_ACCOUNT_DISCONNECTED``). Given the headers, each event's
  :attr:`~smartlead_async.webhooks.WebhookEvent.delivery` carries ``X-Request-Id`` and
  ``X-Webhook-Level`` (docs/api-notes.md, Webhook events).
* :func:`verify_secret_key` compares the in-body ``secret_key`` in constant time. That is what
  campaign webhooks carry; it is a shared secret, not a signature, and the dashboard's test
  button sends the literal ``"secretkey"``.
* :func:`verify_signature` checks ``X-Smartlead-Signature: sha256=<hex HMAC-SHA256 of the raw
  body>``, as the 2026 webhook guide documents it. Where the signing secret comes from is not
  documented and no capture shows the header: use it only if your deliveries carry it
  (docs/api-notes.md, Webhook authenticity).
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
from smartlead_async.webhooks.events import DELIVERY_KEY, WebhookEvent, event_class

__all__ = [
    "MAX_JSON_DEPTH",
    "SIGNATURE_PREFIX",
    "event_type_of",
    "parse_event",
    "parse_events",
    "verify_secret_key",
    "verify_signature",
]

#: Default cap on JSON nesting. Real payloads nest about four levels deep.
MAX_JSON_DEPTH = 64

#: What ``X-Smartlead-Signature`` starts with, before the hex digest.
SIGNATURE_PREFIX = "sha256="

_HEX_SHA256 = re.compile(r"[0-9a-f]{64}")
#: The newer envelope's own keys, beside ``data``.
_ENVELOPE_KEYS = ("id", "type", "created_at", "links", "meta")


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


def event_type_of(envelope_type: str) -> str:
    """The ``event_type`` a newer envelope's dotted ``type`` names:
    ``"email.account.disconnected"`` → ``"EMAIL_ACCOUNT_DISCONNECTED"`` (an upper-case name is
    kept as it is). Only that one dotted name is documented; the others are assumed to follow
    it, and one that does not decodes as :class:`~smartlead_async.webhooks.UnknownEvent`."""
    return envelope_type.strip().replace(".", "_").upper()


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if headers is None:
        return None
    value = headers.get(name)
    if value is None:
        # A plain dict is not case-insensitive; frameworks' header mappings are.
        folded = name.casefold()
        value = next((v for k, v in headers.items() if k.casefold() == folded), None)
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()


def _flatten(item: dict[str, JSON]) -> tuple[dict[str, JSON], dict[str, JSON]]:
    """The event's fields and the delivery's: a flat body is its own fields; the newer envelope
    gives ``data`` plus an ``event_type`` from ``type``, and its own keys for the delivery."""
    # The SDK's own key: a received body does not get to say what its delivery was.
    fields = {key: value for key, value in item.items() if key != DELIVERY_KEY}
    envelope_type = fields.get("type")
    if "event_type" in fields or not isinstance(envelope_type, str) or "data" not in fields:
        return fields, {}
    data = fields["data"]
    if not isinstance(data, dict):
        raise InvalidWebhookError(
            f"a webhook envelope's data must be a JSON object, got {type(data).__name__}"
        )
    flat = {key: value for key, value in data.items() if key != DELIVERY_KEY}
    if not isinstance(flat.get("event_type"), str) or not flat["event_type"]:
        flat["event_type"] = event_type_of(envelope_type)
    delivery = {key: fields[key] for key in _ENVELOPE_KEYS if key in fields}
    return flat, delivery


def _header_delivery(headers: Mapping[str, str] | None) -> dict[str, JSON]:
    """The delivery fields a body's headers give every event in it."""
    found: dict[str, JSON] = {}
    for key, header in (("request_id", "X-Request-Id"), ("level", "X-Webhook-Level")):
        value = _header(headers, header)
        if value is not None:
            found[key] = value
    return found


def _event(item: JSON, converter: cattrs.Converter, from_headers: dict[str, JSON]) -> WebhookEvent:
    if not isinstance(item, dict):
        # The type, not a repr: a repr of a hostile value is as deep and as long as the value.
        raise InvalidWebhookError(
            f"a webhook event must be a JSON object, got {type(item).__name__}"
        )
    fields, delivery = _flatten(item)
    event_type = fields.get("event_type")
    if not isinstance(event_type, str) or not event_type:
        raise MissingEventTypeError("webhook body has no event_type")
    delivery.update(from_headers)
    if delivery:
        fields[DELIVERY_KEY] = delivery
    cls = event_class(event_type)
    try:
        return converter.structure(fields, cls)
    except cattrs.BaseValidationError as exc:
        problems = "; ".join(cattrs.transform_error(exc))
        raise InvalidWebhookError(f"{event_type} event does not decode: {problems}") from None


def parse_events(
    raw: bytes | str | Mapping[str, object] | list[object],
    *,
    headers: Mapping[str, str] | None = None,
    converter: cattrs.Converter | None = None,
    max_depth: int = MAX_JSON_DEPTH,
) -> list[WebhookEvent]:
    """Every event of a body: one for an object, several for an array.

    Bytes and text are checked for nesting before they are parsed, so any input (a 100,000-deep
    ``[[[…`` included) either decodes or raises :class:`InvalidWebhookError`. The size of the
    input is the caller's to bound (:class:`WebhookDispatcher` does). A flat object is keyed by
    ``event_type``; an object with ``type`` and ``data`` (and no ``event_type``) is the newer
    envelope, decoded from its ``data``.

    Args:
        raw: The body as received, or JSON your framework already parsed.
        headers: The delivery's headers: ``X-Request-Id`` and ``X-Webhook-Level`` go into each
            event's :attr:`~smartlead_async.webhooks.WebhookEvent.delivery`.
        converter: A cattrs converter (e.g. a strict one, for tests).
        max_depth: Deepest bracket nesting accepted in bytes or text.

    Raises:
        WebhookJSONError: Not JSON, or nested deeper than ``max_depth``.
        InvalidWebhookError: Not objects, an object without ``event_type`` (or an envelope
            without ``type``), or an envelope whose ``data`` is not an object.
    """
    data = _load(raw, max_depth)
    items = data if isinstance(data, list) else [data]
    from_headers = _header_delivery(headers)  # read once, not once per event of an array
    return [_event(item, converter or CONVERTER, from_headers) for item in items]


def parse_event(
    raw: bytes | str | Mapping[str, object],
    *,
    headers: Mapping[str, str] | None = None,
    converter: cattrs.Converter | None = None,
    max_depth: int = MAX_JSON_DEPTH,
) -> WebhookEvent:
    """The single event of a body (SmartLead posts one event per request).

    Raises:
        InvalidWebhookError: As :func:`parse_events`, or when the body holds several events.
    """
    events = parse_events(raw, headers=headers, converter=converter, max_depth=max_depth)
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

    Pass the body exactly as received (before any JSON parsing) and your signing secret. The
    ``sha256=`` prefix is required (the 2026 guide's form; an older concept page showed a bare
    digest); the hex digest may be upper- or lower-case. Where SmartLead lets you get the signing
    secret is not documented (docs/api-notes.md, Webhook authenticity).

    Raises:
        WebhookAuthenticationError: Missing header, no ``sha256=`` prefix, not a hex SHA-256
            digest, or a digest of another body or secret (the message never shows either).
    """
    if not header:
        raise WebhookAuthenticationError("missing X-Smartlead-Signature")
    header = header.strip()
    if not header.startswith(SIGNATURE_PREFIX):
        raise WebhookAuthenticationError("X-Smartlead-Signature lacks the sha256= prefix")
    # Bytes, not str: compare_digest raises TypeError on non-ASCII text (a hostile header).
    given = header.removeprefix(SIGNATURE_PREFIX).lower()
    if not _HEX_SHA256.fullmatch(given):
        raise WebhookAuthenticationError("X-Smartlead-Signature is not a hex SHA-256 digest")
    expected = hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(given.encode("ascii"), expected.encode("ascii")):
        raise WebhookAuthenticationError("X-Smartlead-Signature does not match the body")
