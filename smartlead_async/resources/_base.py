"""What every resource shares: access to the pipeline, acknowledged answers, the bare-array
pager."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from smartlead_async._endpoints import Endpoint
from smartlead_async._json import JSON
from smartlead_async._pagination import AsyncPager, Page
from smartlead_async._pipeline import Pipeline
from smartlead_async._request import QueryValue, RequestSpec
from smartlead_async.models.common import Acknowledgement

__all__ = ["Resource"]

T = TypeVar("T")


class Resource:
    """Base of ``client.<resource>`` namespaces. Methods only describe requests."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    async def _acknowledged_json(self, spec: RequestSpec) -> JSON:
        """The checked JSON answer to ``spec``, which must also say ``ok: true`` or
        ``success: true`` (for answers whose model keeps no such rule of its own)."""
        payload = await self._pipeline.request_json(spec)
        self._pipeline.decode(payload, Acknowledgement)
        return payload

    async def _acknowledged(self, spec: RequestSpec, response_type: type[T]) -> T:
        """Like :meth:`_acknowledged_json`, decoded as ``response_type``."""
        return self._pipeline.decode(await self._acknowledged_json(spec), response_type)

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
