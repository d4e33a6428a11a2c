"""What every resource shares: access to the pipeline, and the bare-array pager."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from smartlead_async._endpoints import Endpoint
from smartlead_async._pagination import AsyncPager, Page
from smartlead_async._pipeline import Pipeline
from smartlead_async._request import QueryValue

__all__ = ["Resource"]

T = TypeVar("T")


class Resource:
    """Base of ``client.<resource>`` namespaces. Methods only describe requests."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    def _array_pager(
        self,
        endpoint: Endpoint,
        rows_type: type[tuple[T, ...]],
        *,
        filters: Mapping[str, QueryValue | None],
        offset: int,
        limit: int,
    ) -> AsyncPager[T]:
        """Offset/limit pages of an endpoint that answers each page as a bare JSON array."""

        async def fetch(page_offset: int, page_limit: int) -> Page[T]:
            spec = endpoint.spec(query={"offset": page_offset, "limit": page_limit, **filters})
            rows = await self._pipeline.request(spec, rows_type)
            return Page(items=rows, offset=page_offset, limit=page_limit)

        return AsyncPager(fetch, offset=offset, limit=limit)
