"""The JSON value type used for payloads the SDK passes through without modelling."""

from __future__ import annotations

from typing import TypeAlias, Union

# A runtime Union (not a string alias) so that cattrs can recognise it and pass values through.
JSON: TypeAlias = Union[bool, int, float, str, list["JSON"], dict[str, "JSON"], None]  # noqa: UP007
JSONObject: TypeAlias = dict[str, JSON]
