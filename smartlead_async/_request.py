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
    """

    method: str
    path: str = attrs.field(validator=_relative_path)
    query: Mapping[str, QueryValue | None] = attrs.field(factory=dict)
    json: JSON = None
    idempotent: bool = attrs.field()

    @idempotent.default
    def _idempotent_default(self) -> bool:
        return self.method.upper() == "GET"
