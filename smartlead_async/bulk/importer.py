"""The lead import engine: stream any number of rows into a campaign through the shared gate.

``client.leads.bulk_import(campaign_id, rows)`` reads ``rows`` lazily (any iterable or async
iterable), validates and dedupes each row, sends batches of at most 100 concurrently, and returns
an :class:`ImportReport` in which every input row is accounted for exactly once.

Outcomes
--------
Each row ends in one :class:`RowOutcome`. Final outcomes (uploaded, already in the campaign,
duplicate in the input, invalid, blocked, bounced, unsubscribed) cannot change if the row is sent
again; open ones (not sent, failed, unconfirmed) can, and :meth:`ImportReport.rows_to_retry`
returns every open row. A batch whose last attempt may have been stored (a timeout or dropped
connection after sending, a 5xx, a 2xx that could not be read) is UNCONFIRMED, never FAILED;
FAILED means SmartLead refused it (a 4xx, or a 2xx saying ``ok: false``) or it never left the
machine. How SmartLead's counters map to rows, and how ``resolve_ambiguous`` reads outcomes
back, is in :mod:`smartlead_async._attribution`.

A batch answered 413 (too large) is split in halves until the offending rows stand alone; those
are INVALID with the reason, the rest is sent. Three batches in a row that cannot reach
SmartLead stop the import (``stop_reason``) instead of grinding through the input. Leaving an
:class:`ImportStream` early (``break``, ``aclose()``, ``async with``) waits for the batches in
flight, so every row that was sent is accounted; cancelling the import cancels them and reports
their rows UNCONFIRMED.
"""

from __future__ import annotations

import asyncio
import collections
import time
from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
)
from types import TracebackType

import attrs

from smartlead_async._attribution import (
    AmbiguousBatch,
    Attribution,
    RowOutcome,
    RowResult,
    SentRow,
    attribute,
    resolve,
)
from smartlead_async._digests import DigestSet, email_digest
from smartlead_async._json import JSON
from smartlead_async._pipeline import RetryTally
from smartlead_async._validation import MAX_LEADS_PER_REQUEST
from smartlead_async.errors import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    InternalServerError,
    NotFoundError,
    OperationFailedError,
    PermissionDeniedError,
    RequestValidationError,
    SmartleadError,
)
from smartlead_async.models.leads import AddLeadsResult, LeadRow

__all__ = [
    "DEFAULT_CONCURRENCY",
    "AmbiguousBatch",
    "BatchResult",
    "ImportReport",
    "ImportStream",
    "Importer",
    "ProgressCallback",
    "ReadBack",
    "RowOutcome",
    "RowResult",
]

#: Batches in flight: enough to hide ~3 s of latency at the default 5 requests/s.
DEFAULT_CONCURRENCY = 16
#: Batches in a row that failed to reach SmartLead before the import stops.
MAX_CONNECTION_FAILURES = 3
_PAYLOAD_TOO_LARGE = 413


@attrs.frozen
class BatchResult:
    """The outcome of one input batch (one add-leads call, or several if a 413 split it).

    Attributes:
        index: The batch's number, from 1.
        rows: Input positions of its rows.
        responses: The add-leads answers received (one unless the batch was split).
        error: The error that failed some or all of its rows, if any.
        counts: How many of its rows ended in each outcome.
        final_emails: Case-folded emails of its rows whose outcome is final (invalid rows
            excepted: a corrected row with the same email must be sent again): what a journal
            may record as done.
        elapsed: Seconds from launch to the last answer.
    """

    index: int
    rows: tuple[int, ...]
    responses: tuple[AddLeadsResult, ...]
    error: str | None
    counts: dict[RowOutcome, int]
    final_emails: tuple[str, ...]
    elapsed: float


@attrs.define
class ImportReport:
    """Every input row, accounted for exactly once.

    ``counts`` has one entry per :class:`RowOutcome`. Rows that were not uploaded are listed in
    ``rows`` by outcome, except those inside an ``ambiguous`` group. Rows read after the import
    stopped are counted as NOT_SENT from ``stopped_at_row`` on (not listed: the input may be huge;
    :meth:`rows_to_retry` still returns them); ``stop_reason`` says why (lead credits exhausted,
    repeated connection failures, or an error no batch can escape: a rejected key, no access to
    the campaign, no such campaign). ``retries`` counts the add-leads requests the retry policy
    sent again; ``resolution_requests`` the read-backs ``resolve_ambiguous`` cost.
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
    resolution_requests: int = 0
    stopped_at_row: int | None = None
    stop_reason: str | None = None
    dry_run: bool = False
    elapsed: float = 0.0

    @property
    def uploaded(self) -> int:
        """Rows SmartLead added to the campaign."""
        return self.counts[RowOutcome.UPLOADED]

    @property
    def requests_per_second(self) -> float:
        """Add-leads calls per second of wall time."""
        return self.batches / self.elapsed if self.elapsed else 0.0

    @property
    def open_count(self) -> int:
        """Rows that may need sending again: open outcomes, and every row of an ambiguous group
        that may hold one. In a dry run, the rows that would have been sent."""
        count = sum(self.counts[outcome] for outcome in RowOutcome if not outcome.is_final)
        for group in self.ambiguous:
            if group.is_open:
                count += sum(n for outcome, n in group.counts.items() if outcome.is_final)
        return count

    @property
    def is_complete(self) -> bool:
        """True when every row read has a final outcome (nothing to retry)."""
        return self.open_count == 0

    def rows_to_retry(self) -> list[RowResult]:
        """Every open row, in input order: not sent, failed, unconfirmed, and the rows of
        ambiguous groups that may include them. Empty for a dry run, which lists nothing."""
        found = [
            result
            for outcome in RowOutcome
            if not outcome.is_final
            for result in self.rows.get(outcome, ())
        ]
        found += [result for group in self.ambiguous if group.is_open for result in group.rows]
        found.sort(key=lambda result: result.row)
        return found + list(self._read_after_stop())

    def listed_rows(self) -> Iterator[RowResult]:
        """Every row that was not simply uploaded, in input order (ambiguous groups' rows as
        UNCONFIRMED; rows read after a stop as NOT_SENT)."""
        found = [result for results in self.rows.values() for result in results]
        found += [result for group in self.ambiguous for result in group.rows]
        found.sort(key=lambda result: result.row)
        yield from found
        yield from self._read_after_stop()

    def _read_after_stop(self) -> Iterator[RowResult]:
        """The rows counted NOT_SENT after the stop without being listed (they come last)."""
        if self.stopped_at_row is not None:
            reason = self.stop_reason or ""
            for row in range(self.stopped_at_row, self.total_rows):
                yield RowResult(row, None, RowOutcome.NOT_SENT, reason)

    def add(self, result: RowResult) -> None:
        """Record one row that was not simply uploaded."""
        self.counts[result.outcome] += 1
        self.rows[result.outcome].append(result)


class ReadBack:
    """The read-backs ``resolve_ambiguous`` may use, and the requests they cost.

    Args:
        block_list: Reads the whole global block list; returns ``(entries, requests)``.
        in_campaign: Returns which of some emails are in the campaign, and the requests it took.
    """

    def __init__(
        self,
        *,
        block_list: Callable[[], Awaitable[tuple[frozenset[str], int]]],
        in_campaign: Callable[[list[str]], Awaitable[tuple[set[str], int]]],
    ) -> None:
        self._read_block_list = block_list
        self._in_campaign = in_campaign
        self._block_list: asyncio.Task[tuple[frozenset[str], int]] | None = None
        self.requests = 0

    async def block_list(self) -> frozenset[str]:
        """The block list, read once per import however many batches ask."""
        if self._block_list is None:
            self._block_list = asyncio.ensure_future(self._read_block_list())
            entries, cost = await self._block_list
            self.requests += cost
            return entries
        entries, _ = await self._block_list
        return entries

    async def in_campaign(self, emails: list[str]) -> set[str]:
        """Which of ``emails`` are in the campaign."""
        found, cost = await self._in_campaign(emails)
        self.requests += cost
        return found


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


def _may_be_stored(error: SmartleadError) -> bool:
    """Whether a failed attempt may still have been applied by SmartLead."""
    if isinstance(error, APIConnectionError):
        return error.request_sent
    if isinstance(error, OperationFailedError):
        return False  # a 2xx that says "ok: false": SmartLead refused it
    if isinstance(error, APIStatusError):
        return isinstance(error, InternalServerError)
    # A 2xx whose body could not be read: the batch reached SmartLead and may be stored.
    return not isinstance(error, RequestValidationError)


@attrs.define
class _Outcome:
    """What one input batch came to, gathered before it is written into the report."""

    batch: list[SentRow]
    attribution: Attribution = attrs.field(factory=lambda: Attribution([], [], []))
    failures: list[RowResult] = attrs.field(factory=list)
    responses: list[AddLeadsResult] = attrs.field(factory=list)
    errors: list[SmartleadError] = attrs.field(factory=list)
    done: set[int] = attrs.field(factory=set)

    def fail(
        self, rows: list[SentRow], error: SmartleadError, *, retried_after_store: bool
    ) -> None:
        self.errors.append(error)
        if isinstance(error, APIStatusError) and error.status == _PAYLOAD_TOO_LARGE:
            outcome, reason = RowOutcome.INVALID, f"row too large for SmartLead: {error}"
        elif retried_after_store or _may_be_stored(error):
            outcome, reason = RowOutcome.UNCONFIRMED, str(error)
        else:
            outcome, reason = RowOutcome.FAILED, str(error)
        self.failures += [RowResult(row.index, row.email, outcome, reason) for row in rows]
        self.done.update(row.index for row in rows)

    def answered(self, rows: list[SentRow], response: AddLeadsResult) -> None:
        self.responses.append(response)
        self.attribution.extend(attribute(rows, response))
        self.done.update([row.index for row in rows])

    def cancelled(self) -> None:
        rest = [row for row in self.batch if row.index not in self.done]
        reason = "cancelled while in flight: may or may not have been stored"
        self.failures += [
            RowResult(row.index, row.email, RowOutcome.UNCONFIRMED, reason) for row in rest
        ]


class Importer:
    """The import engine: read, validate, dedupe, batch, send concurrently, account.

    Args:
        send: Sends one batch of wire rows (the pipeline's add-leads call).
        encode: Validates one input row into its wire form, or raises RequestValidationError.
        read_back: When given, ambiguous batches are resolved with these read-backs.
        batch_size: Rows per call: 100 by default, up to the 400 SmartLead's API reference
            documents when the caller opts in.
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
        read_back: ReadBack | None = None,
        batch_size: int = MAX_LEADS_PER_REQUEST,
        concurrency: int = DEFAULT_CONCURRENCY,
        on_progress: ProgressCallback | None = None,
        total: int | None = None,
        dry_run: bool = False,
        dedupe_input: bool = True,
    ) -> None:
        self.report = ImportReport(dry_run=dry_run)
        self._dry_run = dry_run
        self._send = send
        self._encode = encode
        self._read_back = read_back
        self._batch_size = batch_size
        self._concurrency = concurrency
        self._on_progress = on_progress
        self._total = total
        self._seen = DigestSet() if dedupe_input else None
        self._retries = RetryTally()
        self._pending: set[asyncio.Task[BatchResult]] = set()
        self._connection_failures = 0
        self._launched = 0

    async def run(
        self, rows: Iterable[LeadRow] | AsyncIterable[LeadRow]
    ) -> AsyncGenerator[BatchResult, None]:
        """Import ``rows``, yielding each batch's result as it completes."""
        started = time.perf_counter()
        batch: list[SentRow] = []
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
        except asyncio.CancelledError:
            await self._settle_pending(cancel=True)
            raise
        except BaseException:
            # The consumer left early (GeneratorExit) or the input failed: the batches in
            # flight were sent, so wait for their answers rather than lose track of them.
            await self._settle_pending(cancel=False)
            raise
        finally:
            reason = self.report.stop_reason or "the import ended before this batch was sent"
            for row in batch:  # read, never sent
                self.report.add(RowResult(row.index, row.email, RowOutcome.NOT_SENT, reason))
            self.report.retries = self._retries.count
            if self._read_back is not None:
                self.report.resolution_requests = self._read_back.requests
            self.report.elapsed = time.perf_counter() - started

    async def _settle_pending(self, *, cancel: bool) -> None:
        pending, self._pending = self._pending, set()
        if cancel:
            for task in pending:
                task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    def _accept(self, raw: LeadRow) -> SentRow | None:
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
        row = SentRow(index, _email_of(raw), wire)
        if self._seen is not None and not self._seen.add(email_digest(row.key)):
            reason = "same email earlier in the input"
            report.add(RowResult(index, row.email, RowOutcome.DUPLICATE_IN_INPUT, reason))
            return None
        return row

    def _launch(self, batch: list[SentRow]) -> None:
        if self._dry_run:
            self.report.counts[RowOutcome.NOT_SENT] += len(batch)
            return
        self._launched += 1
        self._pending.add(asyncio.create_task(self._call(self._launched, batch)))

    async def _drain(self, until: int) -> AsyncIterator[BatchResult]:
        while len(self._pending) > until:
            done, _ = await asyncio.wait(self._pending, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                self._pending.discard(task)
                result = task.result()
                self.report.retries = self._retries.count
                if self._on_progress is not None:
                    self._on_progress(sum(self.report.counts.values()), self._total, self.report)
                yield result

    async def _call(self, index: int, batch: list[SentRow]) -> BatchResult:
        began = time.perf_counter()
        outcome = _Outcome(batch)
        try:
            await self._send_split(batch, outcome)
            if outcome.attribution.ambiguous and self._read_back is not None:
                try:
                    await resolve(
                        outcome.attribution,
                        batch,
                        block_list=self._read_back.block_list,
                        in_campaign=self._read_back.in_campaign,
                    )
                except SmartleadError as exc:
                    # The batch's answer stands; a group the read-back could not settle stays
                    # ambiguous, with its exact counts (open if it may hold open rows).
                    outcome.errors.append(exc)
        except asyncio.CancelledError:
            outcome.cancelled()
            self._account(outcome)
            raise
        return self._account(outcome, index=index, elapsed=time.perf_counter() - began)

    async def _send_split(self, rows: list[SentRow], outcome: _Outcome) -> None:
        """Send ``rows``; on a 413 send each half, down to single rows (which are INVALID)."""
        self.report.batches += 1
        attempts = RetryTally(parent=self._retries)
        attempts.track()  # this call's retries only (still counted in the import's)
        try:
            response = await self._send([row.wire for row in rows])
        except SmartleadError as exc:
            too_large = isinstance(exc, APIStatusError) and exc.status == _PAYLOAD_TOO_LARGE
            if too_large and len(rows) > 1:
                half = len(rows) // 2
                await self._send_split(rows[:half], outcome)
                await self._send_split(rows[half:], outcome)
            else:
                # An earlier attempt may have been stored (its answer lost, a 5xx) even when
                # the last one was refused.
                outcome.fail(rows, exc, retried_after_store=attempts.may_be_stored)
            return
        outcome.answered(rows, response)

    def _account(self, outcome: _Outcome, *, index: int = 0, elapsed: float = 0.0) -> BatchResult:
        """Write one batch's outcome into the report and apply the stop rules."""
        report = self.report
        found = outcome.attribution
        counts = collections.Counter[RowOutcome]()
        final: list[str] = []
        # Only rows not simply uploaded need finding by index (most batches have none).
        named = [*found.named, *outcome.failures]
        by_index = {row.index: row for row in outcome.batch} if named or found.ambiguous else {}
        for result in named:
            report.add(result)
            counts[result.outcome] += 1
            # An invalid row's outcome belongs to its content, not its email: a corrected row
            # with the same email must be sent again, so it is never called final by email.
            if result.outcome.is_final and result.outcome is not RowOutcome.INVALID:
                final.append(by_index[result.row].key)
        for group in found.ambiguous:
            report.ambiguous.append(group)
            for bucket, count in group.counts.items():
                report.counts[bucket] += count
            counts.update(group.counts)
            if not group.is_open:
                final += [by_index[r.row].key for r in group.rows]
        report.counts[RowOutcome.UPLOADED] += len(found.uploaded_rows)
        counts[RowOutcome.UPLOADED] += len(found.uploaded_rows)
        final += [row.key for row in found.uploaded_rows]
        self._apply_stop_rules(outcome)
        error = "; ".join(dict.fromkeys(str(exc) for exc in outcome.errors)) or None
        if outcome.errors and not outcome.responses:
            report.failed_batches += 1
        return BatchResult(
            index,
            tuple(row.index for row in outcome.batch),
            tuple(outcome.responses),
            error,
            {bucket: n for bucket, n in counts.items() if n},
            tuple(final),
            elapsed,
        )

    def _apply_stop_rules(self, outcome: _Outcome) -> None:
        report = self.report
        if any(response.is_lead_limit_exhausted for response in outcome.responses):
            report.stop_reason = report.stop_reason or _LEAD_LIMIT
        fatal = next((exc for exc in outcome.errors if isinstance(exc, _FATAL)), None)
        if fatal is not None:
            report.stop_reason = report.stop_reason or f"import stopped: {fatal}"
        unreachable = [exc for exc in outcome.errors if isinstance(exc, APIConnectionError)]
        if outcome.responses or not unreachable:
            self._connection_failures = 0
            return
        self._connection_failures += 1
        if self._connection_failures >= MAX_CONNECTION_FAILURES:
            report.stop_reason = report.stop_reason or (
                f"import stopped: {self._connection_failures} batches in a row could not reach "
                f"SmartLead ({unreachable[-1]})"
            )


class ImportStream:
    """An import in progress: ``async for`` over it for batch results; ``report`` is live.

    Leaving the loop early does not lose track of sent rows: use ``async with`` (or call
    :meth:`aclose`) and the batches in flight are waited for and accounted before it returns.
    """

    def __init__(
        self, importer: Importer, rows: Iterable[LeadRow] | AsyncIterable[LeadRow]
    ) -> None:
        self._importer = importer
        self._run = importer.run(rows)

    @property
    def report(self) -> ImportReport:
        """The report so far (final once iteration ends or the stream is closed)."""
        return self._importer.report

    def __aiter__(self) -> AsyncIterator[BatchResult]:
        return self._run

    async def aclose(self) -> None:
        """Stop reading input and wait for the batches in flight (their rows are accounted)."""
        await self._run.aclose()

    async def __aenter__(self) -> ImportStream:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
