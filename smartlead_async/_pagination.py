"""Pagers: ``await pager`` fetches one page, ``async for item in pager`` walks every item lazily.

Every list route of the SDK returns a :class:`Pager`. How a route's answer carries its rows, its
total, its "more pages" flag and its next cursor is declared once per answer shape, by the
envelope model (:class:`PageEnvelope`); :class:`Rows` is the envelope of routes that answer a bare
JSON array.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Sequence
from typing import Generic, Protocol, TypeVar, overload

import attrs

__all__ = ["Envelope", "Page", "PageEnvelope", "Pager", "Rows", "ends_here"]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class PageEnvelope(Protocol[T_co]):
    """A decoded page answer. Envelope models implement these properties once for their shape."""

    @property
    def page_items(self) -> tuple[T_co, ...]:
        """The rows of the page."""

    @property
    def page_total(self) -> int | None:
        """Total rows, when the route reports one."""

    @property
    def page_has_more(self) -> bool | None:
        """The route's own "more pages" flag, when it sends one."""

    @property
    def page_cursor(self) -> int | None:
        """On cursor-paged routes, the cursor to send for the page after this one."""


class Envelope:
    """Mixin for envelope models: no total, no flag, no cursor unless the model says otherwise."""

    __slots__ = ()

    @property
    def page_total(self) -> int | None:
        """Total rows, when the route reports one."""
        return None

    @property
    def page_has_more(self) -> bool | None:
        """The route's own "more pages" flag, when it sends one."""
        return None

    @property
    def page_cursor(self) -> int | None:
        """On cursor-paged routes, the cursor to send for the page after this one."""
        return None


@attrs.frozen
class Rows(Envelope, Generic[T]):
    """The envelope of a route that answers each page as a bare JSON array."""

    rows: tuple[T, ...]

    @property
    def page_items(self) -> tuple[T, ...]:
        """The array itself."""
        return self.rows


@attrs.frozen
class Page(Sequence[T]):
    """One page of results; also a sequence of its rows (``for row in await pager``).

    Attributes:
        items: The rows of this page.
        offset: Offset this page was requested at (0 on cursor-paged routes).
        limit: Page size requested.
        total: Total rows reported by the server, when it reports one.
        has_more: The server's own "more pages" flag, for routes that send one.
        next_start: Where the next page starts (an offset, or the cursor on cursor-paged routes);
            ``None`` on the last page.
    """

    items: tuple[T, ...]
    offset: int
    limit: int
    total: int | None = None
    has_more: bool | None = None
    next_start: int | None = None

    @property
    def is_last(self) -> bool:
        """No page follows this one."""
        return self.next_start is None

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        return self.items[index]


def ends_here(items: tuple[object, ...], limit: int, has_more: bool | None) -> bool:
    """The stop rule (docs/api-notes.md, Pagination): a ``hasMore`` flag, where the route sends
    one, wins; otherwise fewer rows than ``limit`` (or none) end the walk."""
    if has_more is not None:
        return not has_more or not items
    return len(items) < limit


class Pager(Generic[T]):
    """The result of every list route.

    ``await pager`` returns the first :class:`Page`; ``async for item in pager`` yields every item,
    fetching the next page only when the previous one is used up; ``pager.pages()`` yields pages.
    On offset-paged routes, rows added while a walk is in progress can shift offsets: a row may be
    seen twice or skipped.
    """

    def __init__(
        self, fetch: Callable[[int | None], Awaitable[Page[T]]], start: int | None
    ) -> None:
        self._fetch = fetch
        self._start = start

    def __await__(self) -> Generator[object, None, Page[T]]:
        return self._fetch(self._start).__await__()

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Yield every page, starting where the pager starts."""
        start = self._start
        while True:
            page = await self._fetch(start)
            yield page
            if page.next_start is None:
                return
            start = page.next_start

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item
