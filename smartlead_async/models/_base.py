"""Building blocks shared by every model: open enums and the kept-extras base class."""

from __future__ import annotations

import enum

import attrs

from smartlead_async._json import JSON

__all__ = ["Model", "OpenStrEnum", "wire_name"]


class OpenStrEnum(enum.StrEnum):
    """A string enum that accepts values it does not know.

    SmartLead adds statuses and event types without notice. An unknown value becomes a
    pseudo-member named ``UNKNOWN_<value>`` whose ``value`` is the raw string, so decoding never
    fails, comparisons with plain strings still work (``status == "ARCHIVED"``) and the value
    round-trips unchanged. Pseudo-members are not cached: untrusted input cannot grow the class.
    """

    @classmethod
    def _missing_(cls, value: object) -> OpenStrEnum | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = f"UNKNOWN_{value}"
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        """False for a value SmartLead sent that this SDK version does not know."""
        return self._value_ in type(self)._value2member_map_


def wire_name(name: str) -> dict[str, str]:
    """Field metadata naming the wire key when it differs from the Python name."""
    return {"wire": name}


@attrs.frozen(kw_only=True)
class Model:
    """Base of every response model.

    Attributes:
        extra: Keys the server sent that this model does not declare, kept verbatim so that nothing
            is dropped silently when SmartLead adds fields. Not part of equality or repr.
    """

    extra: dict[str, JSON] = attrs.field(factory=dict, repr=False, eq=False)
