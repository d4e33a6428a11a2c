"""Response shapes shared by many endpoints."""

from __future__ import annotations

import attrs

from smartlead_async._json import JSON
from smartlead_async.models._base import Model

__all__ = ["DataResult", "OkResponse"]


@attrs.frozen(kw_only=True)
class OkResponse(Model):
    """The ``{"ok": true, ...}`` acknowledgement most mutations return.

    A plain-text ``success`` body is decoded as ``ok=True, message="success"``.
    """

    ok: bool = True
    message: str | None = None
    data: JSON = None


@attrs.frozen(kw_only=True)
class DataResult(Model):
    """An ``{"ok"|"success", "message", "data"}`` envelope whose ``data`` is passed through as
    sent: routes documented by example only (global analytics, lead overviews …)."""

    ok: bool | None = None
    success: bool | None = None
    message: str | None = None
    data: JSON = None
