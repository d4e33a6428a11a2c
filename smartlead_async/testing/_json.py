"""The JSON value type of the fake (its own: the fake shares no code with the SDK)."""

from __future__ import annotations

from typing import TypeAlias, Union

JSON: TypeAlias = Union[bool, int, float, str, list["JSON"], dict[str, "JSON"], None]  # noqa: UP007
