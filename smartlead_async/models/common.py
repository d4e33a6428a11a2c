"""Response shapes shared by many endpoints."""

from __future__ import annotations

import attrs

from smartlead_async._json import JSON
from smartlead_async.models._base import Model

__all__ = ["Acknowledgement", "DataResult", "OkResponse"]


@attrs.frozen(kw_only=True)
class Acknowledgement(Model):
    """The success flags of a body: ``{"ok": true}`` or ``{"success": true}`` (newer pages).

    Building one fails (``ValueError``; :class:`~smartlead_async.ResponseDecodeError` when the SDK
    decodes an answer) unless the body says ``ok: true`` or ``success: true`` and neither flag is
    false: ``{}``, ``{"data": ...}`` or ``{"message": "done"}`` alone do not say the call worked.

    Attributes:
        ok: Always ``True`` once built, also when only ``success: true`` was sent.
        success: ``success`` as sent (``None`` when absent).
    """

    ok: bool | None = None
    success: bool | None = None

    def __attrs_post_init__(self) -> None:
        flags = (self.ok, self.success)
        if False in flags or True not in flags:
            raise ValueError(
                f"the body does not say the call succeeded (ok={self.ok!r}, "
                f"success={self.success!r}; expected ok: true or success: true)"
            )
        # Frozen: attrs' own idiom for completing a field after validation.
        object.__setattr__(self, "ok", True)


@attrs.frozen(kw_only=True)
class OkResponse(Acknowledgement):
    """The acknowledgement most mutations return: ``{"ok": true, ...}`` or ``{"success": true,
    ...}``, optionally with a ``message`` and ``data``.

    On the routes documented to answer the bare text ``success`` (lead removal from a campaign),
    that text is decoded as ``ok=True, message="success"``.
    """

    message: str | None = None
    data: JSON = None


@attrs.frozen(kw_only=True)
class DataResult(Acknowledgement):
    """An ``{"ok"|"success": true, "message", "data"}`` envelope whose ``data`` is passed through
    as sent: routes documented by example only (global analytics, lead overviews …)."""

    message: str | None = None
    data: JSON = None
