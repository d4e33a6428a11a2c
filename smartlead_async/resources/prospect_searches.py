"""``client.prospect.searches``: saved, recent and fetched contact searches.

The three lists page by ``offset``/``limit`` in the query (the reference gives a default of 10
and no maximum; the SDK caps pages at 100) and answer ``{data: {<rows>, totalCount}}``.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from smartlead_async._endpoints import Endpoint, Paging, Unwrap, calls
from smartlead_async._hosts import Host
from smartlead_async._json import JSON
from smartlead_async._pagination import Pager
from smartlead_async._validation import require_id, require_int_range
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.common import OkResponse
from smartlead_async.models.prospect import (
    ContactFilters,
    FetchedSearchesPage,
    RecentSearchesPage,
    SavedSearch,
    SavedSearchesPage,
)
from smartlead_async.resources._base import Resource

__all__ = ["SEARCHES_MAX_LIMIT", "ProspectSearchesResource", "filters_body"]

#: Page-size cap of the search lists (the reference documents none; default 10).
SEARCHES_MAX_LIMIT = 100
#: A saved search keeps at most 10,000 contacts.
SAVED_SEARCH_MAX_CONTACTS = 10_000
_MAX_NAME = 255
_HOST: Host = "prospect"
_PAGED = Paging(max_limit=SEARCHES_MAX_LIMIT)

SAVED_SEARCHES = Endpoint(
    "GET",
    "search-filters/saved-searches",
    SavedSearchesPage,
    unwrap=Unwrap.DATA,
    page=_PAGED,
    host=_HOST,
)
RECENT_SEARCHES = Endpoint(
    "GET",
    "search-filters/recent-searches",
    RecentSearchesPage,
    unwrap=Unwrap.DATA,
    page=_PAGED,
    host=_HOST,
)
FETCHED_SEARCHES = Endpoint(
    "GET",
    "search-filters/fetched-searches",
    FetchedSearchesPage,
    unwrap=Unwrap.DATA,
    page=_PAGED,
    host=_HOST,
)
SAVE_SEARCH = Endpoint("POST", "search-filters/save-search", OkResponse, host=_HOST)
RENAME_SAVED_SEARCH = Endpoint(
    "PUT", "search-filters/save-search/{search_id}", OkResponse, idempotent=True, host=_HOST
)
RENAME_FETCHED_SEARCH = Endpoint(
    "PUT", "search-filters/fetched-searches/{search_id}", OkResponse, idempotent=True, host=_HOST
)


def filters_body(filters: ContactFilters | None, *, max_values: int | None) -> dict[str, JSON]:
    """The wire keys of ``filters`` (unset ones left out), each list checked: non-empty
    strings, at most ``max_values`` of them."""
    if filters is None:
        return {}
    if not isinstance(filters, ContactFilters):
        raise RequestValidationError("filters must be a ContactFilters")
    body: dict[str, JSON] = {}
    for field in attrs.fields(ContactFilters):
        value = getattr(filters, field.name)
        if value is None:
            continue
        wire = field.metadata.get("wire", field.name)
        if isinstance(value, bool):
            body[wire] = value
            continue
        if isinstance(value, str) or not isinstance(value, Sequence):
            raise RequestValidationError(f"filters.{field.name} must be a sequence of strings")
        if not all(isinstance(item, str) and item.strip() for item in value):
            raise RequestValidationError(f"filters.{field.name} takes non-empty strings only")
        if max_values is not None and len(value) > max_values:
            raise RequestValidationError(
                f"filters.{field.name} takes at most {max_values} values, got {len(value)}"
            )
        body[wire] = [item.strip() for item in value]
    return body


def _name(value: object) -> str:
    if not isinstance(value, str) or not 1 <= len(value.strip()) <= _MAX_NAME:
        raise RequestValidationError(f"name must be 1 to {_MAX_NAME} characters, got {value!r}")
    return value.strip()


class ProspectSearchesResource(Resource):
    """Saved, recent and fetched contact searches (``client.prospect.searches``)."""

    @calls(SAVED_SEARCHES)
    def saved(self, *, offset: int = 0, limit: int = SEARCHES_MAX_LIMIT) -> Pager[SavedSearch]:
        """Saved searches."""
        return self._pipeline.pager(SAVED_SEARCHES, start=offset, limit=limit)

    @calls(RECENT_SEARCHES)
    def recent(self, *, offset: int = 0, limit: int = SEARCHES_MAX_LIMIT) -> Pager[SavedSearch]:
        """Recent searches."""
        return self._pipeline.pager(RECENT_SEARCHES, start=offset, limit=limit)

    @calls(FETCHED_SEARCHES)
    def fetched(self, *, offset: int = 0, limit: int = SEARCHES_MAX_LIMIT) -> Pager[SavedSearch]:
        """Searches whose emails were fetched, with their fetch counters."""
        return self._pipeline.pager(FETCHED_SEARCHES, start=offset, limit=limit)

    @calls(SAVE_SEARCH)
    async def save(
        self, *, name: str, filters: ContactFilters | None = None, limit: int | None = None
    ) -> OkResponse:
        """Save a search under ``name`` (sent as ``search_string``) with its ``filters`` and an
        optional ``limit`` of contacts (1 to 10,000). The answer carries no id: list
        :meth:`saved` to find it."""
        body: dict[str, JSON] = {"search_string": _name(name)}
        body.update(filters_body(filters, max_values=None))
        if limit is not None:
            body["limit"] = require_int_range("limit", limit, 1, SAVED_SEARCH_MAX_CONTACTS)
        return await self._pipeline.call(SAVE_SEARCH, json=body)

    @calls(RENAME_SAVED_SEARCH)
    async def rename_saved(self, search_id: int, *, name: str) -> OkResponse:
        """Rename a saved search (1 to 255 characters)."""
        return await self._pipeline.call(
            RENAME_SAVED_SEARCH,
            json={"search_string": _name(name)},
            search_id=require_id("search_id", search_id),
        )

    @calls(RENAME_FETCHED_SEARCH)
    async def rename_fetched(self, search_id: int, *, name: str) -> OkResponse:
        """Rename a fetched search (1 to 255 characters)."""
        return await self._pipeline.call(
            RENAME_FETCHED_SEARCH,
            json={"search_string": _name(name)},
            search_id=require_id("search_id", search_id),
        )
