"""Pagers: ``await pager`` fetches one page, ``async for item in pager`` walks every item lazily."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator
from typing import Generic, TypeVar

import attrs

__all__ = ["AsyncPager", "CursorPager", "Page"]

T = TypeVar("T")


@attrs.frozen
class Page(Generic[T]):
    """One page of results.

    Attributes:
        items: The rows of this page.
        offset: Offset this page was requested at.
        limit: Page size requested.
        total: Total rows reported by the server, when it reports one.
        has_more: The server's own "more pages" flag, for routes that send one.
    """

    items: tuple[T, ...]
    offset: int
    limit: int
    total: int | None = None
    has_more: bool | None = None

    @property
    def is_last(self) -> bool:
        """The catalog's stop rule (1.8): fewer rows than ``limit``, or none; a ``hasMore``
        flag, where the route sends one, wins."""
        if self.has_more is not None:
            return not self.has_more or not self.items
        return len(self.items) < self.limit


class AsyncPager(Generic[T]):
    """Offset/limit pagination over an endpoint.

    ``await pager`` returns the first :class:`Page`; ``async for item in pager`` yields every item,
    fetching the next page only when the previous one is used up; ``pager.pages()`` yields pages.
    Rows added while a walk is in progress can shift offsets: a row may be seen twice or skipped.
    """

    def __init__(
        self, fetch: Callable[[int, int], Awaitable[Page[T]]], *, offset: int, limit: int
    ) -> None:
        self._fetch = fetch
        self._offset = offset
        self._limit = limit

    def __await__(self) -> Generator[object, None, Page[T]]:
        return self._fetch(self._offset, self._limit).__await__()

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Yield every page, starting at the pager's offset."""
        offset = self._offset
        while True:
            page = await self._fetch(offset, self._limit)
            yield page
            if page.is_last:
                return
            offset += len(page.items)

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item


class CursorPager(Generic[T]):
    """Cursor pagination (``/leads/all``: ``lastSeenLeadId``).

    ``await pager`` returns the first :class:`Page`; ``async for item in pager`` yields every item;
    each next page starts after the last item's cursor value (``cursor_of``).
    """

    def __init__(
        self,
        fetch: Callable[[int | None, int], Awaitable[Page[T]]],
        *,
        cursor_of: Callable[[T], int],
        limit: int,
        start_after: int | None = None,
    ) -> None:
        self._fetch = fetch
        self._cursor_of = cursor_of
        self._limit = limit
        self._start_after = start_after

    def __await__(self) -> Generator[object, None, Page[T]]:
        return self._fetch(self._start_after, self._limit).__await__()

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Yield every page."""
        cursor = self._start_after
        while True:
            page = await self._fetch(cursor, self._limit)
            yield page
            if page.is_last:
                return
            cursor = self._cursor_of(page.items[-1])

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item
