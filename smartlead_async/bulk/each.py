"""Per-item bulk helpers: one call per item (or per chunk), concurrent, through the shared gate.

``client.leads.pause_many(campaign_id, lead_ids)`` and its siblings validate every item before
anything is sent, drop repeated items, run the calls ``concurrency`` at a time (each one through
the key's rate gate, retry policy and decoding like any other call) and return a
:class:`BulkResult` with one :class:`ItemResult` per item, in input order. A failed item never
stops the others: its :class:`~smartlead_async.errors.SmartleadError` is kept in its result, so
``result.failed_items()`` is exactly what to submit again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Iterable, Sequence
from typing import Generic, TypeVar

import attrs

from smartlead_async._validation import require_int_range
from smartlead_async.bulk.importer import DEFAULT_CONCURRENCY
from smartlead_async.errors import SmartleadError

__all__ = ["BulkResult", "ItemResult", "chunks", "run_each", "unique"]

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


@attrs.frozen
class ItemResult(Generic[K, T]):
    """One item's outcome: ``value`` when the call succeeded, ``error`` when it did not."""

    item: K
    value: T | None = None
    error: SmartleadError | None = None

    @property
    def ok(self) -> bool:
        """True when the call succeeded."""
        return self.error is None


@attrs.frozen
class BulkResult(Generic[K, T]):
    """Every item's outcome, in input order."""

    results: tuple[ItemResult[K, T], ...]

    @property
    def succeeded(self) -> list[ItemResult[K, T]]:
        """Results of the items whose call succeeded."""
        return [result for result in self.results if result.ok]

    @property
    def failed(self) -> list[ItemResult[K, T]]:
        """Results of the items whose call failed, each with its error."""
        return [result for result in self.results if not result.ok]

    def failed_items(self) -> list[K]:
        """The items to submit again."""
        return [result.item for result in self.failed]


def unique(items: Iterable[K]) -> list[K]:
    """``items`` without repeats, first occurrence kept (acting twice on one item is a bug)."""
    return list(dict.fromkeys(items))


def chunks(items: Sequence[K], size: int) -> list[tuple[K, ...]]:
    """``items`` cut into tuples of at most ``size``."""
    return [tuple(items[start : start + size]) for start in range(0, len(items), size)]


async def run_each(
    items: Sequence[K],
    call: Callable[[K], Awaitable[T]],
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
) -> BulkResult[K, T]:
    """Await ``call(item)`` for every item, at most ``concurrency`` at once.

    SmartLead errors are kept per item; anything else (a bug, a cancellation) propagates.
    """
    require_int_range("concurrency", concurrency, 1)
    results: list[ItemResult[K, T] | None] = [None] * len(items)
    positions = iter(range(len(items)))

    async def worker() -> None:
        for position in positions:  # shared iterator: each position is taken once
            item = items[position]
            try:
                results[position] = ItemResult(item, value=await call(item))
            except SmartleadError as exc:
                results[position] = ItemResult(item, error=exc)

    try:
        async with asyncio.TaskGroup() as group:
            for _ in range(min(concurrency, len(items))):
                group.create_task(worker())
    except BaseExceptionGroup as failure:
        # The first bug, as itself: callers should not need ``except*`` for a plain helper.
        raise failure.exceptions[0] from None
    return BulkResult(tuple(result for result in results if result is not None))
