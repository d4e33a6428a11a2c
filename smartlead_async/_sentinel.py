"""``NOT_GIVEN``: tells "leave this field unchanged" apart from "send null"."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Final, Literal, TypeVar

from smartlead_async._json import JSON

__all__ = ["NOT_GIVEN", "NotGiven", "put_given"]

T = TypeVar("T")


class NotGiven(enum.Enum):
    """The type of :data:`NOT_GIVEN` (an enum, so type checkers can narrow on it)."""

    NOT_GIVEN = "NOT_GIVEN"

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> Literal[False]:
        return False


#: Default of optional update arguments: the field is left out of the request body.
NOT_GIVEN: Final = NotGiven.NOT_GIVEN


def put_given(
    body: dict[str, JSON],
    key: str,
    value: T | NotGiven,
    convert: Callable[[T], JSON] | None = None,
) -> None:
    """Add ``key`` to a request body unless ``value`` is :data:`NOT_GIVEN`."""
    if isinstance(value, NotGiven):
        return
    body[key] = convert(value) if convert is not None else value  # type: ignore[assignment]
