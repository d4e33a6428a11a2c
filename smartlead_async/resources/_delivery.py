"""What the Smart Delivery resources share: their id rule and their one-page paging."""

from __future__ import annotations

import re
from collections.abc import Sequence

from smartlead_async._endpoints import Paging
from smartlead_async.errors import RequestValidationError

__all__ = ["ALL_AT_ONCE", "Key", "require_key", "require_keys"]

#: A Smart Delivery id: SmartLead's pages show strings (``"test_001"``), older clients numbers.
Key = int | str
#: The Smart Delivery pages document no paging: each list route answers every row at once.
ALL_AT_ONCE = Paging(max_limit=None)
# Ids go into the path: nothing that could end or escape a path segment.
_KEY = re.compile(r"^[A-Za-z0-9_-]{1,128}$")


def require_key(name: str, value: object) -> Key:
    """A positive int id, or a string id of letters, digits, ``_`` and ``-``."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise RequestValidationError(f"{name} must be an int or a string id, got {value!r}")
    if isinstance(value, int):
        if value < 1:
            raise RequestValidationError(f"{name} must be a positive integer, got {value!r}")
        return value
    if not _KEY.match(value):
        raise RequestValidationError(
            f"{name} takes letters, digits, '_' and '-' only (1 to 128), got {value!r}"
        )
    return value


def require_keys(name: str, values: object) -> list[Key]:
    """A non-empty sequence of ids (each as :func:`require_key`), duplicates dropped."""
    if isinstance(values, str | bytes) or not isinstance(values, Sequence) or not values:
        raise RequestValidationError(f"{name} must be a non-empty sequence of ids")
    return list(dict.fromkeys(require_key(name, value) for value in values))
