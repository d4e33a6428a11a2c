"""All wire policy in one place: the cattrs converters.

Models are plain attrs classes that know nothing of JSON. This module teaches cattrs how
SmartLead's wire differs from their annotations:

* counts and ids that arrive as strings (``"14"``, ``"627657"``) become ints;
* booleans accept ``true/false`` strings and 0/1, never ``bool("false") is True``;
* datetimes are always tz-aware (naive ones are UTC; epoch seconds or milliseconds accepted);
* a bare string where a list of strings is declared becomes a one-element tuple
  (``track_settings`` is sometimes a string);
* open enums keep unknown values;
* keys a model does not declare are kept in its ``extra`` dict.

Unstructuring is the inverse, so that a model travels as plain JSON and decodes back to an equal
one (:meth:`~smartlead_async.models.Model.to_dict`): wire key names, datetimes and dates as ISO
strings, enums as their plain string values, tuples as lists, and the ``extra`` keys merged back
in (a declared field wins over an ``extra`` key of the same name).

:data:`CONVERTER` is the lenient converter every client, the webhook parser and the models share:
cattrs builds each class's hooks on first use, so one shared converter pays that cost once per
process instead of once per client.

The strict converter, used by the test-suite on the payloads of tests/samples, refuses unknown
keys and unknown enum values so that drift between the SDK and the API is seen in CI.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar, Union, cast, get_args, get_origin

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from smartlead_async._json import JSON
from smartlead_async.models._base import Model, OpenStrEnum

__all__ = ["CONVERTER", "make_converter", "to_wire"]

T = TypeVar("T")
_EPOCH_MILLIS_THRESHOLD = 100_000_000_000  # later than year 5138 in seconds: must be ms


def _structure_int(value: object, _: object) -> int:
    if isinstance(value, bool):
        raise TypeError(f"expected an integer, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return int(value.strip())
    raise TypeError(f"expected an integer, got {value!r}")


def _structure_float(value: object, _: object) -> float:
    if isinstance(value, bool):
        raise TypeError(f"expected a number, got {value!r}")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        return float(value.strip().removesuffix("%"))
    raise TypeError(f"expected a number, got {value!r}")


_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no"})


def _structure_bool(value: object, _: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
    raise TypeError(f"expected a boolean, got {value!r}")


def _structure_str(value: object, _: object) -> str:
    if isinstance(value, str):
        return value
    # Phone numbers and ids sometimes arrive unquoted.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"expected a string, got {value!r}")


def _structure_datetime(value: object, _: object) -> dt.datetime:
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > _EPOCH_MILLIS_THRESHOLD else value
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO-8601 timestamp, got {value!r}")
    parsed = dt.datetime.fromisoformat(value.strip())
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.UTC)


def _structure_date(value: object, _: object) -> dt.date:
    if not isinstance(value, str):
        raise TypeError(f"expected a YYYY-MM-DD date, got {value!r}")
    return dt.date.fromisoformat(value.strip()[:10])


def _structure_json(value: object, _: object) -> object:
    return value


_JSON_SCALARS = frozenset({bool, int, float, str, type(None)})
_JSON_ARITY = len(get_args(JSON))


def _is_json(type_: object) -> bool:
    # Resolved annotations hold re-created ForwardRefs, so compare the shape, not identity.
    args = get_args(type_)
    return (
        get_origin(type_) is Union
        and len(args) == _JSON_ARITY
        and frozenset(a for a in args if isinstance(a, type)) == _JSON_SCALARS
    )


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _is_scalar_union(type_: object) -> bool:
    # Custom-field values: any JSON scalar, kept as given (an untagged union cattrs cannot pick).
    return get_origin(type_) in (Union, types.UnionType) and frozenset(get_args(type_)) == _SCALARS


def _structure_scalar(value: object, _: object) -> object:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"expected a string, number, boolean or null, got {value!r}")


def _is_str_tuple(type_: object) -> bool:
    return type_ == tuple[str, ...]


def _structure_str_tuple(value: object, _: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(_structure_str(item, str) for item in value)
    raise TypeError(f"expected a list of strings, got {value!r}")


def _wire_names(cl: type) -> dict[str, str]:
    return {a.name: a.metadata.get("wire", a.name) for a in attrs.fields(cl) if a.name != "extra"}


def make_converter(*, strict: bool = False) -> cattrs.Converter:
    """Build a converter with SmartLead's wire rules.

    Args:
        strict: Refuse unknown keys and unknown enum values (for tests against recorded payloads).
    """
    converter = cattrs.Converter()
    # Class hooks dispatch through functools.singledispatch, most specific class first in the MRO:
    # bool beats int, and OpenStrEnum beats str for every open enum.
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(dt.datetime, _structure_datetime)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_structure_hook_func(_is_json, _structure_json)
    converter.register_structure_hook_func(_is_str_tuple, _structure_str_tuple)
    converter.register_structure_hook_func(_is_scalar_union, _structure_scalar)
    converter.register_unstructure_hook(dt.datetime, lambda d: d.isoformat())
    converter.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    # The plain string, not the member: JSON-ready data holds no SDK types.
    converter.register_unstructure_hook(OpenStrEnum, lambda member: member.value)

    def structure_open_enum(value: object, enum_type: type[OpenStrEnum]) -> OpenStrEnum:
        if not isinstance(value, str):
            raise TypeError(f"expected a string for {enum_type.__name__}, got {value!r}")
        if strict and value not in enum_type._value2member_map_:
            raise ValueError(f"{value!r} is not a known {enum_type.__name__}")
        return enum_type(value)

    converter.register_structure_hook(OpenStrEnum, structure_open_enum)

    def structure_factory(cl: type[Any]) -> Callable[[Mapping[str, Any], Any], Any]:
        names = _wire_names(cl)
        renames = {name: override(rename=wire) for name, wire in names.items() if name != wire}
        # Generic envelopes (`Rows[Webhook]`) arrive as aliases: check the class they alias.
        has_extra = issubclass(get_origin(cl) or cl, Model)
        if has_extra:
            renames["extra"] = override(omit=True)
        base = make_dict_structure_fn(
            cl, converter, _cattrs_forbid_extra_keys=strict, **cast("dict[str, Any]", renames)
        )
        known = frozenset(names.values())

        def structure(data: Mapping[str, Any], type_: Any) -> Any:
            if not isinstance(data, Mapping):
                raise TypeError(f"expected a JSON object for {cl.__name__}, got {data!r}")
            obj = base(data, type_)
            if has_extra and not strict:
                extra = {k: v for k, v in data.items() if k not in known}
                if extra:
                    object.__setattr__(obj, "extra", extra)
            return obj

        return structure

    def unstructure_factory(cl: type[Any]) -> Callable[[Any], dict[str, Any]]:
        names = _wire_names(cl)
        renames = {name: override(rename=wire) for name, wire in names.items() if name != wire}
        if not issubclass(get_origin(cl) or cl, Model):
            return make_dict_unstructure_fn(cl, converter, **cast("dict[str, Any]", renames))
        renames["extra"] = override(omit=True)
        base = make_dict_unstructure_fn(cl, converter, **cast("dict[str, Any]", renames))

        def unstructure(obj: Model) -> dict[str, Any]:
            data = base(obj)
            data.update((key, value) for key, value in obj.extra.items() if key not in data)
            return data

        return unstructure

    converter.register_structure_hook_factory(attrs.has, structure_factory)
    converter.register_unstructure_hook_factory(attrs.has, unstructure_factory)
    return converter


#: The lenient converter shared by every client, the webhook parser and the models.
CONVERTER: Final[cattrs.Converter] = make_converter()


def to_wire(converter: cattrs.Converter, obj: object) -> JSON:
    """Unstructure a request model, leaving out fields that are ``None`` (unset)."""
    data: JSON = converter.unstructure(obj)
    return _drop_none(data)


def _drop_none(value: JSON) -> JSON:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    return value
