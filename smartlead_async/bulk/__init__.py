"""Bulk work through the shared gate: the lead import engine and the per-item helpers.

* :mod:`smartlead_async.bulk.importer`: ``client.leads.bulk_import`` / ``bulk_import_stream``,
  which stream any number of rows into a campaign in concurrent 100-lead batches and account
  for every row in an :class:`ImportReport`.
* :mod:`smartlead_async.bulk.each`: the per-item helpers (``<method>_many``: one call per item
  or per chunk, concurrent), which answer a :class:`BulkResult` with one :class:`ItemResult` per
  item.

Both run ``concurrency`` calls at a time (:data:`DEFAULT_CONCURRENCY`) through the key's rate
gate and retry policy, and neither lets one failed item or batch stop the others.
"""

from smartlead_async.bulk.each import BulkResult, ItemResult, chunks, run_each, unique
from smartlead_async.bulk.importer import (
    DEFAULT_CONCURRENCY,
    AmbiguousBatch,
    BatchResult,
    Importer,
    ImportReport,
    ImportStream,
    ProgressCallback,
    ReadBack,
    RowOutcome,
    RowResult,
)

__all__ = [
    "DEFAULT_CONCURRENCY",
    "AmbiguousBatch",
    "BatchResult",
    "BulkResult",
    "ImportReport",
    "ImportStream",
    "Importer",
    "ItemResult",
    "ProgressCallback",
    "ReadBack",
    "RowOutcome",
    "RowResult",
    "chunks",
    "run_each",
    "unique",
]
