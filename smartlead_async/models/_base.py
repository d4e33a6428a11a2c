"""Building blocks shared by every model: open enums and the kept-extras base class."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Self

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

    def to_dict(self) -> dict[str, JSON]:
        """This model as plain JSON-ready data, the way SmartLead sends it.

        Keys are the wire names (``leadCorrespondence``, not ``lead_correspondence``), datetimes
        and dates are ISO-8601 strings, enums their string values, nested models dicts, tuples
        lists, unset fields ``None``; the :attr:`extra` keys are merged back in (a declared field
        wins over an ``extra`` key of the same name). ``json.dumps`` accepts the result as it is,
        and :meth:`from_dict` turns it back into an equal model with the same ``extra``. (Decoded
        datetimes are always tz-aware; a naive one set by hand comes back as UTC.)
        """
        # Imported here: the converter module builds on this one.
        from smartlead_async._convert import CONVERTER  # noqa: PLC0415

        data: dict[str, JSON] = CONVERTER.unstructure(self)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Self:
        """Decode wire data (:meth:`to_dict` output, or a JSON object of the model's wire shape)
        with the SDK's lenient rules: counts sent as strings become ints, naive datetimes are
        UTC, unknown enum values and keys are kept.

        Raises:
            cattrs.BaseValidationError: ``data`` does not fit the model (the exception group
                names each field that failed).
            TypeError: ``data`` is not a mapping.
        """
        from smartlead_async._convert import CONVERTER  # noqa: PLC0415

        return CONVERTER.structure(data, cls)
