"""Response shapes shared by many endpoints."""

from __future__ import annotations

import attrs

from smartlead_async._json import JSON
from smartlead_async.models._base import Model

__all__ = ["OkResponse"]


@attrs.frozen(kw_only=True)
class OkResponse(Model):
    """The ``{"ok": true, ...}`` acknowledgement most mutations return.

    A plain-text ``success`` body is decoded as ``ok=True, message="success"``.
    """

    ok: bool = True
    message: str | None = None
    data: JSON = None
