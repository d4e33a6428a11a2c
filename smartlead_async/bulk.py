"""Bulk lead import: stream any number of rows into a campaign through the shared gate.

``client.leads.bulk_import(campaign_id, rows)`` reads ``rows`` lazily (any iterable or async
iterable), validates and dedupes each row, sends batches of at most 100 concurrently, and returns
an :class:`ImportReport` in which every input row is accounted for exactly once.

How SmartLead's counters map to outcomes
----------------------------------------
The add-leads answer names rows only for invalid emails (``invalid_emails``) and, on most
accounts, unsubscribed leads (``unsubscribed_leads`` as a list). Everything else is a count:
``upload_count`` → UPLOADED, ``already_added_to_campaign`` → ALREADY_IN_CAMPAIGN,
``duplicate_count`` → DUPLICATE_IN_INPUT, ``block_count`` → BLOCKED, ``bounce_count`` → BOUNCED,
``lead_import_stopped_count`` → NOT_SENT (lead credits exhausted). When the remaining rows of a
batch all fall in one bucket, each row gets that outcome. Otherwise the batch is an
:class:`AmbiguousBatch`: its rows are listed with the exact counts, because the API does not say
which row went where. Rows the server acknowledged without counting them at all (a 200 with
``total_leads: 0``) are UNCONFIRMED. A batch replayed after a lost answer reports the rows the
first attempt added as ALREADY_IN_CAMPAIGN: the lead is in the campaign either way.
"""

from __future__ import annotations

import asyncio
import collections
import enum
import time
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Iterable, Iterator

import attrs

from smartlead_async._digests import DigestSet, email_digest
from smartlead_async._json import JSON
from smartlead_async._pipeline import RetryTally
from smartlead_async._validation import MAX_LEADS_PER_REQUEST
from smartlead_async.errors import (
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    RequestValidationError,
    SmartleadError,
)
from smartlead_async.models.leads import AddLeadsResult, LeadRow

__all__ = [
    "AmbiguousBatch",
    "BatchResult",
    "ImportReport",
    "Importer",
    "RowOutcome",
    "RowResult",
]

#: Batches in flight: enough to hide ~3 s of latency at the default 5 requests/s.
DEFAULT_CONCURRENCY = 16


class RowOutcome(enum.StrEnum):
    """What happened to one input row."""

    UPLOADED = "uploaded"
    ALREADY_IN_CAMPAIGN = "already_in_campaign"
    DUPLICATE_IN_INPUT = "duplicate_in_input"
    INVALID = "invalid"
    BLOCKED = "blocked"
    BOUNCED = "bounced"
    UNSUBSCRIBED = "unsubscribed"
    NOT_SENT = "not_sent"
    FAILED = "failed"
    UNCONFIRMED = "unconfirmed"


@attrs.frozen
class RowResult:
    """One input row that was not simply uploaded.

    Attributes:
        row: Position in the input, from 0.
        email: The row's email as given (``None`` when missing).
        outcome: What happened.
        reason: Why, in words (validation message, server error, …).
    """

    row: int
    email: str | None
    outcome: RowOutcome
    reason: str = ""


@attrs.frozen
class AmbiguousBatch:
    """Rows of one batch whose individual outcomes the API does not reveal; ``counts`` is exact."""

    rows: tuple[RowResult, ...]
    counts: dict[RowOutcome, int]


@attrs.frozen
class BatchResult:
    """The outcome of one add-leads call (or of a batch that failed)."""

    index: int
    rows: tuple[int, ...]
    response: AddLeadsResult | None
    error: str | None
    counts: dict[RowOutcome, int]
    elapsed: float


@attrs.define
class ImportReport:
    """Every input row, accounted for exactly once.

    ``counts`` has one entry per :class:`RowOutcome`. Rows that were not uploaded are listed in
    ``rows`` by outcome, except those inside an ``ambiguous`` batch. Rows never read because the
    import stopped are counted as NOT_SENT from ``stopped_at_row`` on; ``stop_reason`` says why
    (lead credits exhausted, or an error no batch can escape: a rejected key, no access to the
    campaign, no such campaign).
    ``retries`` counts the add-leads requests the retry policy sent again.
    """

    counts: dict[RowOutcome, int] = attrs.field(factory=lambda: dict.fromkeys(RowOutcome, 0))
    rows: dict[RowOutcome, list[RowResult]] = attrs.field(
        factory=lambda: collections.defaultdict(list)
    )
    ambiguous: list[AmbiguousBatch] = attrs.field(factory=list)
    total_rows: int = 0
    batches: int = 0
    failed_batches: int = 0
    retries: int = 0
    stopped_at_row: int | None = None
    stop_reason: str | None = None
    elapsed: float = 0.0

    @property
    def uploaded(self) -> int:
        """Rows SmartLead added to the campaign."""
        return self.counts[RowOutcome.UPLOADED]

    @property
    def requests_per_second(self) -> float:
        """Batches sent per second of wall time."""
        return self.batches / self.elapsed if self.elapsed else 0.0

    def rows_to_retry(self) -> list[RowResult]:
        """Rows of failed batches, to submit again."""
        return list(self.rows[RowOutcome.FAILED])

    def add(self, result: RowResult) -> None:
        """Record one row that was not simply uploaded."""
        self.counts[result.outcome] += 1
        self.rows[result.outcome].append(result)


@attrs.frozen
class _Row:
    index: int
    email: str | None
    wire: dict[str, JSON]


_COUNTERS = (
    ("upload_count", RowOutcome.UPLOADED),
    ("already_added_to_campaign", RowOutcome.ALREADY_IN_CAMPAIGN),
    ("duplicate_count", RowOutcome.DUPLICATE_IN_INPUT),
    ("block_count", RowOutcome.BLOCKED),
    ("bounce_count", RowOutcome.BOUNCED),
    ("lead_import_stopped_count", RowOutcome.NOT_SENT),
)

ProgressCallback = Callable[[int, int | None, "ImportReport"], object]
_LEAD_LIMIT = "lead limit reached"
#: Errors no other batch can escape (a bad key, no access, no such campaign): stop, don't repeat.
_FATAL = (AuthenticationError, PermissionDeniedError, NotFoundError)
Sender = Callable[[list[dict[str, JSON]]], Awaitable[AddLeadsResult]]
Encoder = Callable[[LeadRow, int], dict[str, JSON]]


async def _aiter(rows: Iterable[LeadRow] | AsyncIterable[LeadRow]) -> AsyncIterator[LeadRow]:
    if isinstance(rows, AsyncIterable):
        async for row in rows:
            yield row
    else:
        iterator: Iterator[LeadRow] = iter(rows)
        for row in iterator:
            yield row


def _email_of(row: LeadRow) -> str | None:
    email = row.get("email") if isinstance(row, dict) else getattr(row, "email", None)
    return email if isinstance(email, str) else None


def attribute(
    batch: list[_Row], response: AddLeadsResult
) -> tuple[list[RowResult], AmbiguousBatch | None, dict[RowOutcome, int]]:
    """Map one add-leads answer onto the batch's rows (see the module docs).

    Returns the rows with a known outcome (uploaded rows are not listed), the ambiguous rest if
    any, and the batch's exact count per outcome.
    """
    invalid = {email.lower() for email in response.invalid_emails}
    unsubscribed = {email.lower() for email in response.unsubscribed_emails}
    named: list[RowResult] = []
    remaining: list[_Row] = []
    for row in batch:
        key = str(row.wire.get("email", "")).lower()
        if key in invalid:
            named.append(
                RowResult(row.index, row.email, RowOutcome.INVALID, "refused by SmartLead")
            )
        elif key in unsubscribed:
            named.append(RowResult(row.index, row.email, RowOutcome.UNSUBSCRIBED, "unsubscribed"))
        else:
            remaining.append(row)
    counts = {outcome: int(getattr(response, field)) for field, outcome in _COUNTERS}
    if not response.unsubscribed_emails:
        counts[RowOutcome.UNSUBSCRIBED] = response.unsubscribed_count
    counts = {outcome: count for outcome, count in counts.items() if count}
    counted = sum(counts.values())
    if counted != len(remaining):
        # Fewer: acknowledged but not counted (a 200 with total_leads 0). More: the counters
        # include rows named above, or are inconsistent; either way trust the rows we sent.
        shortfall = len(remaining) - counted
        counts = counts if shortfall > 0 else {}
        counts[RowOutcome.UNCONFIRMED] = shortfall if shortfall > 0 else len(remaining)
    totals = collections.Counter(result.outcome for result in named)
    totals.update(counts)
    if len(counts) <= 1:
        outcome = next(iter(counts), RowOutcome.UPLOADED)
        if outcome is not RowOutcome.UPLOADED:
            named += [RowResult(row.index, row.email, outcome) for row in remaining]
        return named, None, dict(totals)
    unknown = tuple(RowResult(row.index, row.email, RowOutcome.UNCONFIRMED) for row in remaining)
    return named, AmbiguousBatch(unknown, counts), dict(totals)


class Importer:
    """The import engine: read, validate, dedupe, batch, send concurrently, account.

    Args:
        send: Sends one batch of wire rows (the pipeline's add-leads call).
        encode: Validates one input row into its wire form, or raises RequestValidationError.
        batch_size: Rows per call, at most 100.
        concurrency: Calls in flight at once; the shared gate still paces them.
        on_progress: Called after each batch with (rows accounted, total if known, report).
        total: The number of input rows, when known in advance.
        dry_run: Validate and dedupe only: rows that would be sent are counted as NOT_SENT
            (not listed, so a million-row check stays small).
        dedupe_input: Drop repeated emails before sending. Costs 16 to 32 bytes per distinct
            email; without it memory stays flat and SmartLead's own dedupe reports repeats
            (as DUPLICATE_IN_INPUT within a batch, ALREADY_IN_CAMPAIGN across batches).
    """

    def __init__(
        self,
        *,
        send: Sender,
        encode: Encoder,
        batch_size: int = MAX_LEADS_PER_REQUEST,
        concurrency: int = DEFAULT_CONCURRENCY,
        on_progress: ProgressCallback | None = None,
        total: int | None = None,
        dry_run: bool = False,
        dedupe_input: bool = True,
    ) -> None:
        self.report = ImportReport()
        self._dry_run = dry_run
        self._send = send
        self._encode = encode
        self._batch_size = batch_size
        self._concurrency = concurrency
        self._on_progress = on_progress
        self._total = total
        self._seen = DigestSet() if dedupe_input else None
        self._retries = RetryTally()
        self._pending: set[asyncio.Task[BatchResult]] = set()

    async def run(
        self, rows: Iterable[LeadRow] | AsyncIterable[LeadRow]
    ) -> AsyncIterator[BatchResult]:
        """Import ``rows``, yielding each batch's result as it completes."""
        started = time.perf_counter()
        batch: list[_Row] = []
        try:
            async for raw in _aiter(rows):
                row = self._accept(raw)
                if row is None:
                    continue
                batch.append(row)
                if len(batch) == self._batch_size:
                    self._launch(batch)
                    batch = []
                    async for result in self._drain(self._concurrency - 1):
                        yield result
            if batch and self.report.stop_reason is None:
                self._launch(batch)
                batch = []
            async for result in self._drain(0):
                yield result
            for row in batch:  # read before the stop, never sent
                reason = self.report.stop_reason or _LEAD_LIMIT
                self.report.add(RowResult(row.index, row.email, RowOutcome.NOT_SENT, reason))
        finally:
            for task in self._pending:
                task.cancel()
            self.report.elapsed = time.perf_counter() - started

    def _accept(self, raw: LeadRow) -> _Row | None:
        report = self.report
        index = report.total_rows
        report.total_rows += 1
        if self.report.stop_reason is not None:
            report.counts[RowOutcome.NOT_SENT] += 1  # counted, not kept: the input may be huge
            if report.stopped_at_row is None:
                report.stopped_at_row = index
            return None
        try:
            wire = self._encode(raw, index)
        except RequestValidationError as exc:
            report.add(RowResult(index, _email_of(raw), RowOutcome.INVALID, str(exc)))
            return None
        if self._seen is not None and not self._seen.add(email_digest(str(wire["email"]).lower())):
            reason = "same email earlier in the input"
            report.add(RowResult(index, _email_of(raw), RowOutcome.DUPLICATE_IN_INPUT, reason))
            return None
        return _Row(index, _email_of(raw), wire)

    def _launch(self, batch: list[_Row]) -> None:
        if self._dry_run:
            self.report.counts[RowOutcome.NOT_SENT] += len(batch)
            return
        self.report.batches += 1
        self._pending.add(asyncio.create_task(self._call(self.report.batches, batch)))

    async def _drain(self, until: int) -> AsyncIterator[BatchResult]:
        while len(self._pending) > until:
            done, _ = await asyncio.wait(self._pending, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                self._pending.discard(task)
                result = task.result()
                self.report.retries = self._retries.count
                if result.response is not None and result.response.is_lead_limit_exhausted:
                    self.report.stop_reason = self.report.stop_reason or _LEAD_LIMIT
                if self._on_progress is not None:
                    self._on_progress(sum(self.report.counts.values()), self._total, self.report)
                yield result

    async def _call(self, index: int, batch: list[_Row]) -> BatchResult:
        began = time.perf_counter()
        self._retries.track()  # this task's context only
        indexes = tuple(row.index for row in batch)
        try:
            response = await self._send([row.wire for row in batch])
        except SmartleadError as exc:
            if isinstance(exc, _FATAL):
                self.report.stop_reason = self.report.stop_reason or f"import stopped: {exc}"
            for row in batch:
                self.report.add(RowResult(row.index, row.email, RowOutcome.FAILED, str(exc)))
            self.report.failed_batches += 1
            counts = {RowOutcome.FAILED: len(batch)}
            return BatchResult(index, indexes, None, str(exc), counts, time.perf_counter() - began)
        named, ambiguous, counts = attribute(batch, response)
        for result in named:
            self.report.add(result)
        if ambiguous is not None:
            self.report.ambiguous.append(ambiguous)
            for outcome, count in ambiguous.counts.items():
                self.report.counts[outcome] += count
        else:
            self.report.counts[RowOutcome.UPLOADED] += counts.get(RowOutcome.UPLOADED, 0)
        return BatchResult(index, indexes, response, None, counts, time.perf_counter() - began)


class ImportStream:
    """An import in progress: ``async for`` over it for batch results; ``report`` is live."""

    def __init__(
        self, importer: Importer, rows: Iterable[LeadRow] | AsyncIterable[LeadRow]
    ) -> None:
        self._importer = importer
        self._rows = rows

    @property
    def report(self) -> ImportReport:
        """The report so far (final once iteration ends)."""
        return self._importer.report

    def __aiter__(self) -> AsyncIterator[BatchResult]:
        return self._importer.run(self._rows)
