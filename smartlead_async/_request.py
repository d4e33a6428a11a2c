"""The description of one API call, built by resources and executed by the pipeline."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from smartlead_async._json import JSON

__all__ = ["QueryValue", "RequestSpec"]

QueryValue = str | int | float | bool


def _relative_path(_instance: object, _attribute: object, value: str) -> None:
    # Joining "/campaigns" onto ".../api/v1/" silently drops "/api/v1" (RFC 3986).
    if not value or value.startswith("/"):
        raise ValueError(f"request paths are relative to the base URL, got {value!r}")


@attrs.frozen
class RequestSpec:
    """One API call: what to send, and whether it is safe to repeat.

    Attributes:
        method: HTTP method.
        path: Path relative to the base URL (no leading slash), e.g. ``campaigns/12/leads``.
        query: Query parameters; ``None`` values are left out. The API key is added by the
            transport, never stored here.
        json: JSON body, or ``None`` for no body.
        idempotent: Whether the request may be retried after an ambiguous failure. Defaults to
            ``True`` for GET and ``False`` otherwise.
        text_ok: The route is known to answer the bare text ``success`` instead of JSON; that
            text is then accepted as ``{"ok": true, "message": "success"}``. Any other text, on
            any route, is a :class:`~smartlead_async.ResponseDecodeError`.
        empty_ok: The route is known to answer a 2xx with an empty body (decoded as ``None``);
            elsewhere an empty body is a :class:`~smartlead_async.ResponseDecodeError`.
        route: The path template, e.g. ``campaigns/{campaign_id}/leads``, named in events and
            spans (ids would make every request a route of its own); ``None`` when unknown.
    """

    method: str
    path: str = attrs.field(validator=_relative_path)
    query: Mapping[str, QueryValue | None] = attrs.field(factory=dict)
    json: JSON = None
    idempotent: bool = attrs.field()
    text_ok: bool = attrs.field(default=False, kw_only=True)
    empty_ok: bool = attrs.field(default=False, kw_only=True)
    route: str | None = attrs.field(default=None, kw_only=True)

    @idempotent.default
    def _idempotent_default(self) -> bool:
        return self.method.upper() == "GET"
