"""The fake's own description of request bodies and queries, checked the way SmartLead checks
them: Joi's first failure, answered 400 with ``{"statusCode", "error", "message", "validation"}``.

A body *shape* is written as plain Python:

* a :class:`Kind` (``STRING``, ``NUMBER``, ``INTEGER``, ``BOOLEAN``, ``ARRAY``, ``OBJECT``,
  ``ANY``), or several joined with ``|`` (``NUMBER | NULL``);
* a ``dict`` for an object with known keys: ``"name*"`` marks a required key, and a key the
  description does not name is refused (``"x" is not allowed``);
* a one-element ``list`` for an array whose items all have that shape.

A query is a tuple of parameter names (``"email*"`` required); unknown parameters are refused.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeAlias, Union

import attrs

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend import ApiError, joi_body

__all__ = [
    "ANY",
    "ARRAY",
    "BOOLEAN",
    "INTEGER",
    "NULL",
    "NUMBER",
    "OBJECT",
    "STRING",
    "Alternatives",
    "Kind",
    "Query",
    "Shape",
    "check_body",
    "check_query",
    "keys_of",
    "relax",
]


def _is_number(value: JSON) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@attrs.frozen
class Kind:
    """A JSON type, named as Joi names it in its messages."""

    name: str
    accepts: Callable[[JSON], bool] = attrs.field(eq=False, repr=False)
    message: str

    def __or__(self, other: Kind | Alternatives) -> Alternatives:
        options = other.options if isinstance(other, Alternatives) else (other,)
        return Alternatives((self, *options))


@attrs.frozen
class Alternatives:
    """Any one of several shapes (Joi ``alternatives``)."""

    options: tuple[Shape, ...]

    def __or__(self, other: Kind | Alternatives) -> Alternatives:
        options = other.options if isinstance(other, Alternatives) else (other,)
        return Alternatives((*self.options, *options))


Shape: TypeAlias = Union[Kind, Alternatives, Mapping[str, "Shape"], Sequence["Shape"]]  # noqa: UP007
#: Query parameter names; ``"name*"`` is required.
Query: TypeAlias = tuple[str, ...]

STRING = Kind("string", lambda v: isinstance(v, str), "must be a string")
NUMBER = Kind("number", _is_number, "must be a number")
INTEGER = Kind(
    "integer", lambda v: _is_number(v) and float(str(v)).is_integer(), "must be an integer"
)
BOOLEAN = Kind("boolean", lambda v: isinstance(v, bool), "must be a boolean")
ARRAY = Kind("array", lambda v: isinstance(v, list), "must be an array")
OBJECT = Kind("object", lambda v: isinstance(v, dict), "must be of type object")
NULL = Kind("null", lambda v: v is None, "must be null")
ANY = Kind("any", lambda v: True, "")


@attrs.frozen
class _Failure:
    message: str
    path: tuple[str | int, ...]


def _label(path: Sequence[str | int]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "value"


def keys_of(shape: Mapping[str, Shape]) -> dict[str, tuple[bool, Shape]]:
    """An object shape's keys: name → (required, shape)."""
    return {key.rstrip("*"): (key.endswith("*"), inner) for key, inner in shape.items()}


def _check(shape: Shape, value: JSON, path: tuple[str | int, ...]) -> _Failure | None:
    if isinstance(shape, Kind):
        return None if shape.accepts(value) else _Failure(shape.message, path)
    if isinstance(shape, Alternatives):
        failures = [_check(option, value, path) for option in shape.options]
        if all(failures):
            names = [o.name for o in shape.options if isinstance(o, Kind)]
            if len(names) == len(shape.options):
                return _Failure(f"must be one of [{', '.join(names)}]", path)
            return _Failure("does not match any of the allowed types", path)
        return None
    if isinstance(shape, Mapping):
        if not isinstance(value, dict):
            return _Failure("must be of type object", path)
        known = keys_of(shape)
        for key, (required, inner) in known.items():
            if key not in value:
                if required:
                    return _Failure("is required", (*path, key))
                continue
            failure = _check(inner, value[key], (*path, key))
            if failure:
                return failure
        unknown = next((key for key in value if key not in known), None)
        return None if unknown is None else _Failure("is not allowed", (*path, unknown))
    if not isinstance(value, list):
        return _Failure("must be an array", path)
    (item,) = shape
    for index, element in enumerate(value):
        failure = _check(item, element, (*path, index))
        if failure:
            return failure
    return None


def _refusal(failure: _Failure, source: str) -> ApiError:
    message = f'"{_label(failure.path)}" {failure.message}'
    key = ".".join(str(part) for part in failure.path) or "value"
    return ApiError(400, joi_body(message, [key], source))


def check_body(shape: Shape, body: JSON) -> None:
    """Refuse ``body`` as the API would (first failure), or return quietly."""
    failure = _check(shape, body, ())
    if failure is not None:
        raise _refusal(failure, "payload")


def check_query(names: Query, query: Mapping[str, str]) -> None:
    """Refuse a missing required or an unknown query parameter (``api_key`` is always allowed)."""
    known = {name.rstrip("*"): name.endswith("*") for name in names}
    for name, required in known.items():
        if required and name not in query:
            raise _refusal(_Failure("is required", (name,)), "query")
    unknown = next((key for key in query if key != "api_key" and key not in known), None)
    if unknown is not None:
        raise _refusal(_Failure("is not allowed", (unknown,)), "query")


def relax(shape: Mapping[str, Shape], path: str, accepts: Shape | None) -> dict[str, Shape]:
    """``shape`` where the key at dotted ``path`` (``a.b``, ``a[].b``) is optional and, when
    ``accepts`` is given, may also take that shape (or is added with it)."""
    head, dot, rest = path.partition(".")
    name, is_array = (head[:-2], True) if head.endswith("[]") else (head, False)
    known = keys_of(shape)
    # An SDK spelling stands in for the documented key: neither is required.
    _, inner = known.pop(name, (False, None))
    if dot and is_array:
        if not (isinstance(inner, Sequence) and len(inner) == 1 and isinstance(inner[0], Mapping)):
            raise ValueError(f"{path}: {head} is not an array of objects")
        new: Shape = [relax(inner[0], rest, accepts)]
    elif dot:
        if not isinstance(inner, Mapping):
            raise ValueError(f"{path}: {head} is not an object")
        new = relax(inner, rest, accepts)
    elif inner is None:
        if accepts is None:
            raise ValueError(f"{path}: no documented key to relax")
        new = accepts
    else:
        new = inner if accepts is None else Alternatives((inner, accepts))
    rebuilt = {(k + "*" if r else k): s for k, (r, s) in known.items()}
    rebuilt[name] = new
    return rebuilt
