"""``client.leads.block_list``: the global (or a client's) block list of emails and domains."""

from __future__ import annotations

from collections.abc import Sequence

from smartlead_async._endpoints import Endpoint, Paging, Unwrap, calls, helper_of
from smartlead_async._json import JSON
from smartlead_async._pagination import Pager, Rows
from smartlead_async._validation import (
    normalize_block_entry,
    require_id,
    require_int_range,
    require_optional_id,
)
from smartlead_async.bulk import DEFAULT_CONCURRENCY, BulkResult, chunks, run_each, unique
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.common import OkResponse
from smartlead_async.models.leads import BlockListEntry, BlockListResult
from smartlead_async.resources._base import Resource

__all__ = ["BLOCK_LIST_CHUNK", "BLOCK_LIST_MAX_LIMIT", "BlockListResource"]

#: ``GET /leads/get-domain-block-list`` serves at most 1,000 rows per page.
BLOCK_LIST_MAX_LIMIT = 1000
#: Entries per add call in :meth:`BlockListResource.add_many`. The API documents no maximum;
#: 100 matches its other list bodies.
BLOCK_LIST_CHUNK = 100

# Adding an entry twice leaves one entry: safe to repeat.
ADD_TO_BLOCK_LIST = Endpoint(
    "POST", "leads/add-domain-block-list", BlockListResult, idempotent=True
)
LIST_BLOCK_LIST = Endpoint(
    "GET",
    "leads/get-domain-block-list",
    Rows[BlockListEntry],
    unwrap=Unwrap.ROWS,
    page=Paging(max_limit=BLOCK_LIST_MAX_LIMIT),
)
# The entry id travels in the query, not the path (docs/api-notes.md, Block list).
REMOVE_FROM_BLOCK_LIST = Endpoint("DELETE", "leads/delete-domain-block-list", OkResponse)


class BlockListResource(Resource):
    """Emails and domains SmartLead never sends to. Emails and domains share one list."""

    @calls(ADD_TO_BLOCK_LIST)
    async def add(self, *, entries: Sequence[str], client_id: int | None = None) -> BlockListResult:
        """Add emails and/or domains to the global block list (or, with ``client_id``, to that
        client's).

        Entries are stripped and lower-cased; each must be an email or a domain.

        Raises:
            RequestValidationError: Before sending, for an empty list or an invalid entry.
            ResponseDecodeError: The answer has no counters and does not say it worked.
        """
        _require_entries(entries)
        body: dict[str, JSON] = {
            "domain_block_list": [normalize_block_entry(entry) for entry in entries],
            "client_id": require_optional_id("client_id", client_id),
        }
        return await self._pipeline.call(ADD_TO_BLOCK_LIST, json=body)

    @helper_of(ADD_TO_BLOCK_LIST)
    async def add_many(
        self,
        *,
        entries: Sequence[str],
        client_id: int | None = None,
        chunk_size: int = BLOCK_LIST_CHUNK,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> BulkResult[tuple[str, ...], BlockListResult]:
        """Block-list any number of emails and domains, ``chunk_size`` per call.

        Items of the result are the chunks sent (normalised entries, repeats dropped); a failed
        chunk is in ``result.failed_items()``.
        """
        _require_entries(entries)
        require_optional_id("client_id", client_id)
        require_int_range("chunk_size", chunk_size, 1, BLOCK_LIST_CHUNK)
        normalised = unique(normalize_block_entry(entry) for entry in entries)

        async def add(chunk: tuple[str, ...]) -> BlockListResult:
            return await self.add(entries=chunk, client_id=client_id)

        return await run_each(chunks(normalised, chunk_size), add, concurrency=concurrency)

    @calls(LIST_BLOCK_LIST)
    def list(
        self,
        *,
        offset: int = 0,
        limit: int = 100,
        email_or_domain: str | None = None,
        client_id: int | None = None,
    ) -> Pager[BlockListEntry]:
        """Entries of the block list, 1 to 1,000 per page (``await`` one page, ``async for``
        every entry), optionally filtered by (part of) an email or domain, or by client."""
        filters = {
            "filter_email_or_domain": email_or_domain,
            "filter_client_id": require_optional_id("client_id", client_id),
        }
        return self._pipeline.pager(LIST_BLOCK_LIST, start=offset, limit=limit, query=filters)

    @calls(REMOVE_FROM_BLOCK_LIST)
    async def remove(self, entry_id: int) -> OkResponse:
        """Delete one block-list entry by its id (``BlockListEntry.id``)."""
        query = {"id": require_id("entry_id", entry_id)}
        return await self._pipeline.call(REMOVE_FROM_BLOCK_LIST, query=query)


def _require_entries(entries: Sequence[str]) -> None:
    # A str is a sequence too, and would be sent character by character.
    if isinstance(entries, str) or not entries:
        raise RequestValidationError("entries must be a non-empty sequence of strings")
