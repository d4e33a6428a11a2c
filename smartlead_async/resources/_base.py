"""What every resource shares: the pipeline, and deprecated aliases for renamed methods."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from smartlead_async._pipeline import Pipeline

__all__ = ["Resource", "deprecated_alias", "deprecated_target", "mark_deprecated"]

_DEPRECATED = "__smartlead_renamed_to__"
R = TypeVar("R")


class Resource:
    """Base of ``client.<resource>`` namespaces. Methods validate arguments and call a route."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline


def deprecated_alias(
    old: str, new: str, target: Callable[[Any], Callable[..., R]]
) -> Callable[..., R]:
    """A method kept under its old name for one release: it warns, then calls ``new``.

    Args:
        old: The old method name.
        new: The new spelling, as users write it after ``client.`` (``leads.block_list.add``).
        target: Picks the new bound method from the resource instance.
    """

    def alias(self: Any, /, *args: Any, **kwargs: Any) -> R:
        warnings.warn(f"{old} is deprecated; use {new} instead", DeprecationWarning, stacklevel=2)
        return target(self)(*args, **kwargs)

    alias.__name__ = alias.__qualname__ = old
    alias.__doc__ = f"Deprecated alias of :meth:`{new}` (removed in the next minor release)."
    mark_deprecated(alias, new.rsplit(".", 1)[-1])
    return alias


def mark_deprecated(function: object, new: str) -> None:
    """Mark ``function`` as the old spelling of method ``new`` (what :func:`deprecated_target`
    reads: it keeps the function out of the route table and the API rules)."""
    setattr(function, _DEPRECATED, new)


def deprecated_target(function: object) -> str | None:
    """The new method name of a deprecated alias, or ``None`` for a current method."""
    target = getattr(function, _DEPRECATED, None)
    return target if isinstance(target, str) else None
