"""``NOT_GIVEN``: tells "leave this field unchanged" apart from "send null"."""

from __future__ import annotations

import enum
from typing import Final, Literal

__all__ = ["NOT_GIVEN", "NotGiven"]


class NotGiven(enum.Enum):
    """The type of :data:`NOT_GIVEN` (an enum, so type checkers can narrow on it)."""

    NOT_GIVEN = "NOT_GIVEN"

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> Literal[False]:
        return False


#: Default of optional update arguments: the field is left out of the request body.
NOT_GIVEN: Final = NotGiven.NOT_GIVEN
