"""Large lead imports as durable jobs on arq workers (``pip install 'smartlead-async[arq]'``).

:func:`enqueue_import` validates and dedupes the rows, splits them into chunks of
``chunk_size`` input rows, and enqueues one arq job per chunk. Each job id is derived from the
import id and the chunk number only, so submitting the same import again enqueues nothing that
is queued, running or finished: arq drops a job whose id it already holds. Every chunk's rows
are fingerprinted; submitting different rows under a used import id raises
:class:`~smartlead_async.ConfigurationError` instead of silently keeping the old rows.

Workers run :func:`import_chunk` with the client :func:`worker_settings` creates at startup,
through the shared Redis rate gate of the key (:func:`smartlead_async.redis.redis_rate_gate`), so
any number of workers stay under the key's limit together. A chunk's outcome is written to Redis
once (first writer wins) and a chunk whose outcome is stored is never sent again, even when arq
runs its job again after its own result expired. A worker that dies mid-chunk leaves the job
queued; arq runs it again on another worker once the job's in-progress lock expires
(``job_timeout`` + 10 s), and SmartLead's dedupe by email reports the rows the first attempt had
stored as ``already_in_campaign``: uploaded plus already-in-campaign is every lead that landed,
and no lead is added twice. A chunk that runs past ``job_timeout`` is failed for good by arq (no
retry): it stores what landed and lists every other row as open (``not_sent`` or
``unconfirmed``), so the import still finishes and :meth:`ImportStatus.rows_to_retry` says what
to send again.

:func:`import_status` aggregates the stored chunks: counts per :class:`RowOutcome`, the rows
that were not simply uploaded, and :meth:`ImportStatus.rows_to_retry`, every open row by its
number in the submitted input (from 0). Rows that fail validation or repeat an earlier email are
accounted at submission (``invalid``, ``duplicate_in_input``) and never shipped to a worker.

Redis keys (``prefix`` defaults to ``smartlead:imports``) expire :data:`RESULT_TTL` seconds
after their last write: ``{prefix}:{import_id}:meta`` (chunk and row totals, written when the
submission is complete), ``:digests`` (one fingerprint per chunk) and ``:results`` (one outcome
per finished chunk).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import AsyncIterable, Callable, Iterable, Sequence
from typing import TYPE_CHECKING, cast

import attrs
from arq.worker import func

from smartlead_async._attribution import RowOutcome, RowResult, SentRow
from smartlead_async._client import DEFAULT_BASE_URL, SmartleadClient, _resolve_api_key
from smartlead_async._digests import DigestSet, email_digest
from smartlead_async._json import JSON
from smartlead_async._lead_codec import lead_to_wire
from smartlead_async._ratelimit import DEFAULT_RATE_LIMITS, RateGateFactory, RateLimit
from smartlead_async._secrets import APIKey
from smartlead_async._validation import require_id, require_int_range
from smartlead_async.bulk import ImportReport
from smartlead_async.bulk.importer import _aiter, _email_of
from smartlead_async.errors import ConfigurationError, RequestValidationError
from smartlead_async.models.leads import LeadImportSettings, LeadRow

if TYPE_CHECKING:
    from arq.connections import ArqRedis, RedisSettings
    from arq.typing import WorkerCoroutine
    from redis.asyncio import Redis

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "DEFAULT_PREFIX",
    "IMPORT_CHUNK",
    "RESULT_TTL",
    "GateMaker",
    "ImportJob",
    "ImportStatus",
    "chunk_job_id",
    "enqueue_import",
    "import_chunk",
    "import_status",
    "worker_settings",
]

#: Input rows per job: ten add-leads calls, a few seconds of one key's rate.
DEFAULT_CHUNK_SIZE = 1000
DEFAULT_PREFIX = "smartlead:imports"
#: The arq function name the chunks are enqueued under (namespaced: one worker may run others).
IMPORT_CHUNK = "smartlead_async.import_chunk"
#: Seconds an import's records are kept after their last write.
RESULT_TTL = 7 * 24 * 3600
#: Where :func:`worker_settings` puts the worker's client and key prefix in the arq context.
CLIENT_CTX = "smartlead_client"
PREFIX_CTX = "smartlead_import_prefix"
JOB_TIMEOUT_CTX = "smartlead_job_timeout"

#: Called once per worker with the worker's Redis connection; returns the key's gate factory.
GateMaker = Callable[["Redis"], RateGateFactory]
#: A row as a job carries it: [row number in the input, email, outcome, reason].
_WireResult = list[JSON]


def chunk_job_id(import_id: str, chunk: int) -> str:
    """The arq job id of one chunk: the same for every submission of the import."""
    return f"smartlead-import:{import_id}:{chunk}"


@attrs.frozen
class _Keys:
    meta: str
    digests: str
    results: str

    @classmethod
    def of(cls, prefix: str, import_id: str) -> _Keys:
        base = f"{prefix}:{import_id}"
        return cls(f"{base}:meta", f"{base}:digests", f"{base}:results")


def _dump(result: RowResult) -> _WireResult:
    return [result.row, result.email, result.outcome.value, result.reason]


def _load(item: JSON) -> RowResult:
    row, email, outcome, reason = cast(list[JSON], item)
    return RowResult(
        int(cast(int, row)), cast(str | None, email), RowOutcome(cast(str, outcome)), str(reason)
    )


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


@attrs.frozen
class ImportStatus:
    """An import's progress and, once every chunk is done, its whole outcome.

    Row numbers are positions in the submitted input, from 0.

    Attributes:
        import_id: The import.
        chunks_total: Chunks submitted; ``None`` until the submission is complete.
        chunks_done: Chunks whose outcome is stored.
        total_rows: Input rows submitted; ``None`` until the submission is complete.
        counts: Rows per outcome, over the finished chunks (every outcome present).
        rows: Rows of finished chunks with a final outcome other than ``uploaded`` (invalid,
            blocked, already in the campaign, …), in input order. Rows of an ambiguous add-leads
            answer whose outcomes are all final are only counted.
        open_rows: Rows of finished chunks that may need sending again, in input order.
        batches: Add-leads calls the finished chunks made.
        retries: Add-leads calls the retry policy sent again.
        stop_reasons: Why chunks stopped early (lead credits exhausted, a rejected key, …).
    """

    import_id: str
    chunks_total: int | None
    chunks_done: int
    total_rows: int | None
    counts: dict[RowOutcome, int]
    rows: tuple[RowResult, ...]
    open_rows: tuple[RowResult, ...]
    batches: int
    retries: int
    stop_reasons: tuple[str, ...]

    @property
    def is_finished(self) -> bool:
        """True when the submission is complete and every chunk's outcome is stored."""
        return self.chunks_total is not None and self.chunks_done >= self.chunks_total

    @property
    def uploaded(self) -> int:
        """Rows SmartLead added to the campaign."""
        return self.counts[RowOutcome.UPLOADED]

    @property
    def open_count(self) -> int:
        """Rows of finished chunks that may need sending again."""
        return len(self.open_rows)

    @property
    def is_complete(self) -> bool:
        """True when the import is finished and every row has a final outcome."""
        return self.is_finished and not self.open_rows

    def rows_to_retry(self) -> list[RowResult]:
        """Every open row of the finished chunks, in input order (submit them again under a
        new import id)."""
        return list(self.open_rows)


@attrs.frozen
class ImportJob:
    """A submitted import: its chunks' job ids, and a way to follow it.

    Attributes:
        import_id: The import.
        chunks: Chunks the input came to.
        total_rows: Input rows read.
        enqueued: Chunks arq accepted; the others (``dropped``) it already held under their id.
        job_ids: Every chunk's arq job id, in chunk order.
    """

    import_id: str
    chunks: int
    total_rows: int
    enqueued: int
    job_ids: tuple[str, ...]
    redis: Redis = attrs.field(repr=False, eq=False)
    prefix: str = DEFAULT_PREFIX

    @property
    def dropped(self) -> int:
        """Chunks arq did not enqueue because a job of that id was queued, running or done."""
        return self.chunks - self.enqueued

    async def status(self) -> ImportStatus:
        """The import's progress and aggregated outcome so far."""
        return await import_status(self.redis, self.import_id, prefix=self.prefix)

    async def wait(self, *, poll_interval: float = 0.5) -> ImportStatus:
        """Wait until every chunk's outcome is stored, and return the aggregated status.

        It polls (one ``HLEN`` per ``poll_interval``); bound it with ``asyncio.timeout``.
        """
        keys = _Keys.of(self.prefix, self.import_id)
        # Workers in other processes write the results: there is nothing local to wait on.
        while await self.redis.hlen(keys.results) < self.chunks:  # type: ignore[misc]  # noqa: ASYNC110
            await asyncio.sleep(poll_interval)
        return await self.status()


def _fingerprint(
    chunk: int, rows: list[list[JSON]], rejected: list[_WireResult], *, last: bool
) -> str:
    payload = json.dumps([chunk, rows, rejected, last], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


@attrs.define
class _Chunker:
    """Validates, dedupes and numbers input rows, and cuts them into chunks."""

    size: int
    seen: DigestSet | None
    read: int = 0
    rows: list[list[JSON]] = attrs.field(factory=list)
    rejected: list[_WireResult] = attrs.field(factory=list)

    def add(self, raw: LeadRow) -> bool:
        """Take one row; True when the current chunk is full."""
        index = self.read
        self.read += 1
        try:
            wire = lead_to_wire(raw, index)
        except RequestValidationError as exc:
            self.rejected.append(
                _dump(RowResult(index, _email_of(raw), RowOutcome.INVALID, str(exc)))
            )
        else:
            row = SentRow(index, _email_of(raw), wire)
            if self.seen is not None and not self.seen.add(email_digest(row.key)):
                reason = "same email earlier in the input"
                self.rejected.append(
                    _dump(RowResult(index, row.email, RowOutcome.DUPLICATE_IN_INPUT, reason))
                )
            else:
                self.rows.append([index, cast(JSON, wire)])
        return len(self.rows) + len(self.rejected) == self.size

    def take(self) -> tuple[list[list[JSON]], list[_WireResult]]:
        taken = self.rows, self.rejected
        self.rows, self.rejected = [], []
        return taken


async def enqueue_import(
    arq_pool: ArqRedis,
    campaign_id: int,
    rows: Iterable[LeadRow] | AsyncIterable[LeadRow],
    *,
    import_id: str,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    settings: LeadImportSettings | None = None,
    dedupe_input: bool = True,
    prefix: str = DEFAULT_PREFIX,
) -> ImportJob:
    """Submit an import: one arq job per chunk of ``chunk_size`` input rows.

    Rows are read lazily, validated and normalised here (the SDK's own lead validation, as
    ``bulk_import`` does), and only valid rows are shipped, as JSON. Invalid rows, and with
    ``dedupe_input`` rows whose email appeared earlier in the whole input, are accounted as
    ``invalid`` / ``duplicate_in_input`` in their chunk's outcome. Submitting again with the same
    ``import_id`` and rows enqueues only the chunks arq does not hold (safe after a crash of the
    submitter); a chunk already finished is not sent again.

    Args:
        arq_pool: ``await arq.create_pool(RedisSettings(...))``.
        campaign_id: The campaign to add the leads to.
        rows: Lead mappings or ``LeadInput`` objects, any (async) iterable.
        import_id: Your name for this import, unique per input: it keys the jobs and the results.
        chunk_size: Input rows per job.
        settings: The add-leads ``settings`` every chunk uses.
        dedupe_input: Drop repeated emails across the whole input before chunking.
        prefix: Redis key prefix of the import records (the workers' ``prefix`` must match).

    Returns:
        The :class:`ImportJob`; ``await job.wait()`` for the aggregated :class:`ImportStatus`.

    Raises:
        ConfigurationError: ``import_id`` was used for different rows, or a bad argument.
        RequestValidationError: ``rows`` is a ``str`` or a mapping, or ``campaign_id`` is bad.
    """
    require_id("campaign_id", campaign_id)
    require_int_range("chunk_size", chunk_size, 1)
    if not isinstance(import_id, str) or not import_id:
        raise ConfigurationError("import_id must be a non-empty str")
    if isinstance(rows, str | bytes | dict) or not isinstance(rows, Iterable | AsyncIterable):
        raise RequestValidationError(
            f"rows must be an iterable of lead mappings, got {type(rows).__name__}"
        )
    keys = _Keys.of(prefix, import_id)
    wire_settings = attrs.asdict(settings) if settings is not None else None
    chunker = _Chunker(chunk_size, DigestSet() if dedupe_input else None)
    job_ids: list[str] = []
    enqueued = 0
    ready: tuple[list[list[JSON]], list[_WireResult]] | None = None

    async def submit(taken: tuple[list[list[JSON]], list[_WireResult]], *, last: bool) -> None:
        nonlocal enqueued
        chunk = len(job_ids)
        chunk_rows, rejected = taken
        digest = _fingerprint(chunk, chunk_rows, rejected, last=last)
        if not await arq_pool.hsetnx(keys.digests, str(chunk), digest):  # type: ignore[misc]
            held = await arq_pool.hget(keys.digests, str(chunk))  # type: ignore[misc]
            if held is not None and _text(held) != digest:
                raise ConfigurationError(
                    f"import_id {import_id!r} was submitted with different rows (chunk {chunk}); "
                    "use a new import_id for a new input"
                )
        await arq_pool.expire(keys.digests, RESULT_TTL)
        job_id = chunk_job_id(import_id, chunk)
        job = await arq_pool.enqueue_job(
            IMPORT_CHUNK,
            _job_id=job_id,
            import_id=import_id,
            chunk=chunk,
            campaign_id=campaign_id,
            rows=chunk_rows,
            rejected=rejected,
            settings=wire_settings,
        )
        enqueued += job is not None
        job_ids.append(job_id)

    # One chunk of look-ahead: a chunk's fingerprint says whether it was the last, so that a
    # longer input re-submitted under the same id is refused rather than appended.
    async for raw in _aiter(rows):
        if chunker.add(raw):
            if ready is not None:
                await submit(ready, last=False)
            ready = chunker.take()
    tail = chunker.take()
    if tail != ([], []):
        if ready is not None:
            await submit(ready, last=False)
        ready = tail
    if ready is not None:
        await submit(ready, last=True)
    await arq_pool.hset(  # type: ignore[misc]
        keys.meta,
        mapping={"chunks": len(job_ids), "rows": chunker.read, "campaign_id": campaign_id},
    )
    await arq_pool.expire(keys.meta, RESULT_TTL)
    return ImportJob(
        import_id, len(job_ids), chunker.read, enqueued, tuple(job_ids), arq_pool, prefix
    )


def _chunk_outcome(
    report: ImportReport,
    numbers: list[int],
    rejected: list[_WireResult],
    attempt: int,
    *,
    unread: str | None = None,
) -> dict[str, JSON]:
    """One chunk's outcome in input row numbers: what the results hash stores.

    ``unread`` is the reason for the chunk's rows the import never read (a timed-out job):
    they are counted and listed as open (not sent).
    """

    def renumber(result: RowResult) -> _WireResult:
        return _dump(attrs.evolve(result, row=numbers[result.row]))

    never_read = [
        RowResult(row, None, RowOutcome.NOT_SENT, unread or "")
        for row in range(report.total_rows, len(numbers) if unread is not None else 0)
    ]
    counts = {outcome.value: n for outcome, n in report.counts.items()}
    counts[RowOutcome.NOT_SENT.value] += len(never_read)
    listed = [
        renumber(result)
        for outcome, results in report.rows.items()
        if outcome.is_final
        for result in results
    ]
    for item in rejected:
        outcome = cast(str, item[2])
        counts[outcome] = counts.get(outcome, 0) + 1
        listed.append(item)
    return {
        "counts": cast(JSON, counts),
        "rows": cast(JSON, listed),
        "open": cast(JSON, [renumber(result) for result in [*report.rows_to_retry(), *never_read]]),
        "batches": report.batches,
        "retries": report.retries,
        "stop_reason": report.stop_reason,
        "attempt": attempt,
    }


async def import_chunk(
    ctx: dict[str, object],
    *,
    import_id: str,
    chunk: int,
    campaign_id: int,
    rows: list[list[JSON]],
    rejected: list[_WireResult],
    settings: dict[str, bool | None] | None = None,
) -> dict[str, JSON]:
    """The arq job of one chunk (registered by :func:`worker_settings` as :data:`IMPORT_CHUNK`).

    Imports the chunk with ``bulk_import`` unless its outcome is already stored, then stores the
    outcome (first writer wins). Returns a small summary for arq's job result.
    """
    redis = cast("Redis", ctx["redis"])
    client = cast(SmartleadClient, ctx[CLIENT_CTX])
    keys = _Keys.of(cast(str, ctx.get(PREFIX_CTX, DEFAULT_PREFIX)), import_id)
    field = str(chunk)
    if await redis.hexists(keys.results, field):  # type: ignore[misc]
        return {"chunk": chunk, "skipped": True}
    numbers = [cast(int, number) for number, _ in rows]
    leads = [cast(dict[str, object], wire) for _, wire in rows]
    attempt = int(cast(int, ctx.get("job_try", 1)))
    loop = asyncio.get_running_loop()
    started = loop.time()
    stream = client.leads.bulk_import_stream(
        campaign_id,
        leads=leads,
        settings=LeadImportSettings(**settings) if settings is not None else None,
        dedupe_input=False,  # enqueue_import deduped the whole input, if asked to
    )
    try:
        async with stream:
            async for _ in stream:
                pass
    except asyncio.CancelledError:
        timeout = ctx.get(JOB_TIMEOUT_CTX)
        if not isinstance(timeout, int | float) or loop.time() - started < 0.9 * timeout:
            raise  # a worker shutting down: arq runs the job again elsewhere
        # arq gives up on a timed-out job for good (no retry, no result of ours): store what
        # landed and every other row as open, so the import finishes and says what to resend.
        reason = f"the job timed out after {timeout:g} s (job_timeout)"
        outcome = _chunk_outcome(stream.report, numbers, rejected, attempt, unread=reason)
        await asyncio.shield(_store_outcome(redis, keys, field, outcome))
        raise
    outcome = _chunk_outcome(stream.report, numbers, rejected, attempt)
    await _store_outcome(redis, keys, field, outcome)
    return {"chunk": chunk, "skipped": False, "counts": outcome["counts"]}


async def _store_outcome(redis: Redis, keys: _Keys, field: str, outcome: dict[str, JSON]) -> None:
    """First writer wins: a chunk's stored outcome is never replaced."""
    await redis.hsetnx(keys.results, field, json.dumps(outcome))  # type: ignore[misc]
    await redis.expire(keys.results, RESULT_TTL)


async def import_status(
    redis: Redis, import_id: str, *, prefix: str = DEFAULT_PREFIX
) -> ImportStatus:
    """Aggregate an import's stored chunk outcomes (see :class:`ImportStatus`)."""
    keys = _Keys.of(prefix, import_id)
    meta = {_text(k): int(v) for k, v in (await redis.hgetall(keys.meta)).items()}  # type: ignore[misc]
    stored = await redis.hgetall(keys.results)  # type: ignore[misc]
    counts = dict.fromkeys(RowOutcome, 0)
    listed: list[RowResult] = []
    open_rows: list[RowResult] = []
    batches = retries = 0
    stop_reasons: list[str] = []
    for _, raw in sorted(stored.items(), key=lambda item: int(item[0])):
        outcome = json.loads(raw)
        for name, n in outcome["counts"].items():
            counts[RowOutcome(name)] += n
        listed += [_load(item) for item in outcome["rows"]]
        open_rows += [_load(item) for item in outcome["open"]]
        batches += outcome["batches"]
        retries += outcome["retries"]
        if outcome["stop_reason"]:
            stop_reasons.append(outcome["stop_reason"])
    return ImportStatus(
        import_id=import_id,
        chunks_total=meta.get("chunks"),
        chunks_done=len(stored),
        total_rows=meta.get("rows"),
        counts=counts,
        rows=tuple(sorted(listed, key=lambda result: result.row)),
        open_rows=tuple(sorted(open_rows, key=lambda result: result.row)),
        batches=batches,
        retries=retries,
        stop_reasons=tuple(dict.fromkeys(stop_reasons)),
    )


def _redis_gate(redis: Redis) -> RateGateFactory:
    # Loaded only by workers that use it: a custom gate needs none of its scripts.
    from smartlead_async.redis import redis_rate_gate  # noqa: PLC0415

    return redis_rate_gate(redis)


def worker_settings(
    *,
    redis_settings: RedisSettings | None = None,
    api_key: str | APIKey | None = None,
    base_url: str = DEFAULT_BASE_URL,
    rate_limits: Sequence[RateLimit] = DEFAULT_RATE_LIMITS,
    rate_gate: GateMaker | None = None,
    prefix: str = DEFAULT_PREFIX,
    max_jobs: int = 2,
    job_timeout: float = 300.0,
    timeout: float = 30.0,
    max_retries: int = 3,
    **worker_options: object,
) -> dict[str, object]:
    """Settings for an arq worker that runs import chunks: ``arq.run_worker(settings)``, or
    ``WorkerSettings = worker_settings(...)`` in a module for the ``arq`` command.

    At startup each worker creates one :class:`SmartleadClient` (closed at shutdown) whose gate
    is built by ``rate_gate(worker_redis)``; the default is the shared Redis gate
    :func:`smartlead_async.redis.redis_rate_gate` on the worker's own Redis connection, so all
    workers of a key share one rate. A chunk waits for its share of that rate: ``job_timeout``
    must cover ``max_jobs * workers * requests per chunk`` at the key's rate, or arq cancels it.

    Args:
        redis_settings: arq's connection settings (the queue and the import records).
        api_key: The SmartLead key; defaults to ``SMARTLEAD_API_KEY`` in the worker's
            environment (keep keys out of command lines: ``ps`` shows them).
        base_url: API root.
        rate_limits: The key's limits, passed to the gate factory.
        rate_gate: Called once per worker with its Redis connection; returns the gate factory.
        prefix: Redis key prefix of the import records (must match ``enqueue_import``'s).
        max_jobs: Chunks one worker runs at once. The rate is shared, so more only makes each
            chunk wait longer.
        job_timeout: Seconds a chunk may run; a dead worker's chunk is run again
            ``job_timeout + 10`` seconds after it started.
        timeout: Seconds per HTTP attempt of the client.
        max_retries: Retries per request of the client.
        worker_options: Any other ``arq.worker.Worker`` argument (``queue_name``,
            ``poll_delay``, ``max_tries``, …).
    """
    key = api_key if isinstance(api_key, APIKey | None) else APIKey(api_key)
    del api_key  # only the APIKey (which never prints) stays in this frame and the closures
    limits = tuple(rate_limits)
    make_gate = rate_gate or _redis_gate

    async def on_startup(ctx: dict[str, object]) -> None:
        resolved = _resolve_api_key(key)
        factory = make_gate(cast("Redis", ctx["redis"]))
        ctx[CLIENT_CTX] = SmartleadClient(
            resolved,
            base_url=base_url,
            rate_limits=limits,
            rate_gate=factory,
            timeout=timeout,
            max_retries=max_retries,
        )
        ctx[PREFIX_CTX] = prefix
        ctx[JOB_TIMEOUT_CTX] = job_timeout

    async def on_shutdown(ctx: dict[str, object]) -> None:
        client = ctx.pop(CLIENT_CTX, None)
        if isinstance(client, SmartleadClient):
            await client.aclose()

    settings: dict[str, object] = {
        "functions": [func(cast("WorkerCoroutine", import_chunk), name=IMPORT_CHUNK)],
        "on_startup": on_startup,
        "on_shutdown": on_shutdown,
        "max_jobs": max_jobs,
        "job_timeout": job_timeout,
        **worker_options,
    }
    if redis_settings is not None:
        settings["redis_settings"] = redis_settings
    return settings
