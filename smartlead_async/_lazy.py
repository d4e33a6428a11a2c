"""Names of a package imported from their modules on first use (PEP 562 ``__getattr__``)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, modules: Mapping[str, tuple[str, ...]]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``, whose ``modules`` (full module name →
    the names it provides) are imported only when one of their names is first looked up."""
    where = {name: module for module, names in modules.items() for name in names}

    def get_attribute(name: str) -> object:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)  # found once; later look-ups skip this
        return value

    def list_names() -> list[str]:
        return sorted({*vars(sys.modules[package]), *where})

    return get_attribute, list_names
