"""Imports deferred to first use: a package's names (PEP 562 ``__getattr__``), and a client's
resource namespaces."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Generic, TypeVar, overload

__all__ = ["Namespace", "lazy_exports"]

R = TypeVar("R")


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


class Namespace(Generic[R]):
    """A client attribute whose resource class is imported, and built, on first access.

    ``Namespace("smartlead_async.resources.leads", "LeadsResource")`` on a class whose instances
    have ``_pipelines`` (host → pipeline): the first ``client.leads`` imports the module, builds
    the resource on the pipeline of its ``host`` and stores it on the instance, so later
    accesses are plain attribute reads.
    """

    def __init__(self, module: str, name: str, doc: str, *, host: str = "core") -> None:
        self._module = module
        self._name = name
        self._attribute = name
        self._host = host
        self.__doc__ = doc

    def __set_name__(self, owner: type, attribute: str) -> None:
        self._attribute = attribute

    @overload
    def __get__(self, instance: None, owner: type) -> Namespace[R]: ...
    @overload
    def __get__(self, instance: object, owner: type) -> R: ...
    def __get__(self, instance: object, owner: type) -> Namespace[R] | R:
        if instance is None:
            return self
        cls: Callable[[object], R] = getattr(importlib.import_module(self._module), self._name)
        value = cls(vars(instance)["_pipelines"][self._host])
        vars(instance)[self._attribute] = value  # a non-data descriptor: this wins from now on
        return value
