"""What every store of the fake's backend shares: ids, clock text, tables and refusals."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import TypeVar

from smartlead_async.testing._json import JSON

K = TypeVar("K")
V = TypeVar("V")


def now() -> str:
    """The current time as the API writes it (ISO-8601, UTC)."""
    return dt.datetime.now(dt.UTC).isoformat()


def record_id(value: JSON) -> int:
    """A record id from a path segment or a body value (the SDK sends ints or strings); -1,
    which names no record, for anything else."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return -1


class Ids:
    """Fresh ids, unique across every kind of record (as SmartLead's are, in practice)."""

    def __init__(self, start: int = 1000) -> None:
        self._next = itertools.count(start)

    def __call__(self) -> int:
        return next(self._next)


class Table(Mapping[K, V]):
    """A store's records, readable as a mapping; only the store's rules change them."""

    def __init__(self) -> None:
        self._rows: dict[K, V] = {}

    def __getitem__(self, key: K) -> V:
        return self._rows[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._rows!r})"


class ApiError(Exception):
    """A refusal: the server answers ``status`` with the wire ``body``."""

    def __init__(self, status: int, body: JSON) -> None:
        super().__init__(status, body)
        self.status = status
        self.body = body


def refuse(status: int, message: str) -> ApiError:
    """SmartLead's most common error body, ``{"error": message}``."""
    return ApiError(status, {"error": message})


def joi_body(message: str, keys: Sequence[str], source: str = "payload") -> dict[str, JSON]:
    """The body of a Joi validation failure, as the API reference documents it."""
    return {
        "statusCode": 400,
        "error": "Bad Request",
        "message": message,
        "validation": {"source": source, "keys": list(keys)},
    }


def joi(message: str, key: str, source: str = "payload") -> ApiError:
    """A Joi validation failure on ``key``."""
    return ApiError(400, joi_body(message, [key], source))
