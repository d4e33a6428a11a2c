"""A crash-safe record of which leads reached a final outcome, for resumable imports.

The journal is an SQLite file next to the input (``leads.csv.smartlead-journal``). It holds one
entry per lead whose outcome is *final* (uploaded, already in the campaign, blocked, …; see
:attr:`smartlead_async.bulk.RowOutcome.is_final`), keyed by the normalised email the SDK sends,
never by row position: a resume of an edited, reordered or extended CSV skips exactly the leads
that are done, wherever they now are, and sends every other row. Open rows (not sent, failed,
unconfirmed) and invalid rows are never recorded, so they are always tried (or re-validated
locally) again.

:meth:`Journal.record` commits before it returns. :meth:`Journal.record_soon` hands the leads to
a writer thread instead, so that a commit (an fsync, milliseconds) never stalls the event loop:
:meth:`Journal.is_final` answers True for them at once, the thread commits whatever has queued up
in one transaction, and :meth:`Journal.flush` (and :meth:`Journal.close`) return only once all
of it is durable. A crash can lose only commits still queued; their leads were not recorded, so
a resume sends them again and SmartLead reports them already in the campaign. A lead the journal
holds is final: that is never weakened. The journal runs in WAL mode, so lookups never wait for
the writer's commits.

A journal is bound to one campaign and one API host; opening it for another raises
:class:`JournalMismatchError`. Lookups in an opened journal go to SQLite's index, so memory
stays flat however many leads it holds. A journal this run created holds only what this run
recorded, so it also keeps a 64-bit digest of each (16 to 32 bytes a lead, as the import's own
dedupe does): a lookup for a lead it never recorded — nearly every row of a first run — is
answered without a query.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from smartlead_async._digests import DigestSet, email_digest
from smartlead_async._validation import normalize_email
from smartlead_async.errors import RequestValidationError

__all__ = ["Journal", "JournalMismatchError", "journal_key"]

_FORMAT = "final-emails/1"
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE final (email TEXT PRIMARY KEY) WITHOUT ROWID;
"""


def _uri(path: Path, mode: str) -> str:
    # A URI (percent-encoded, so any file name works) is the only way to say "never create".
    return f"{path.resolve().as_uri()}?mode={mode}"


class JournalMismatchError(ValueError):
    """The journal belongs to another import (campaign, host or format); the message is one line."""


def journal_key(email: object) -> str | None:
    """The key of ``email`` in a journal, or ``None`` when it is not a valid email.

    The SDK's own normalisation, case-folded as the import engine dedupes (SmartLead treats
    addresses case-insensitively), so ``" Ann@X.IO"`` and ``"ann@x.io"`` are one lead.
    """
    try:
        return normalize_email(email).lower()
    except RequestValidationError:
        return None


class Journal:
    """The final outcomes of one import into one campaign on one host.

    Use :meth:`create` for a new journal and :meth:`open` for an existing one.
    """

    def __init__(self, path: Path, db: sqlite3.Connection, *, created: bool) -> None:
        self.path = path
        self._db = db
        self._created = created
        # Readers never wait for a writer's commit (nor it for them); a commit is still durable.
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        self._writer: _Writer | None = None
        #: What this run recorded, when that is everything the file holds (see the module docs).
        self._recorded = DigestSet() if created else None

    @classmethod
    def create(cls, path: Path, *, campaign_id: int, host: str) -> Journal:
        """Create a new journal at ``path`` (which must not exist)."""
        db = sqlite3.connect(_uri(path, "rwc"), uri=True)
        db.executescript(_SCHEMA)
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("format", _FORMAT), ("campaign_id", str(campaign_id)), ("host", host)],
        )
        db.commit()
        return cls(path, db, created=True)

    @classmethod
    def open(cls, path: Path, *, campaign_id: int, host: str) -> Journal:
        """Open the existing journal at ``path``; never creates a file.

        Raises:
            JournalMismatchError: It is not a journal of this format, or it belongs to another
                campaign or host.
        """
        db = sqlite3.connect(_uri(path, "rw"), uri=True)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError:
            meta = {}
        expected = {"format": _FORMAT, "campaign_id": str(campaign_id), "host": host}
        if meta.get("format") != _FORMAT:
            problem = "is not an import journal of this version (delete it to start over)"
        elif meta != expected:
            problem = (
                f"journals an import into campaign {meta.get('campaign_id')} on "
                f"{meta.get('host')}, not campaign {campaign_id} on {host}"
            )
        else:
            return cls(path, db, created=False)
        db.close()
        raise JournalMismatchError(f"{path} {problem}")

    @property
    def final_count(self) -> int:
        """How many leads are recorded as final."""
        return int(self._db.execute("SELECT COUNT(*) FROM final").fetchone()[0])

    def is_final(self, key: str) -> bool:
        """Whether the lead with this :func:`journal_key` already has a final outcome (recorded,
        or handed to :meth:`record_soon`)."""
        if self._writer is not None and self._writer.holds(key):
            return True
        if self._recorded is not None and email_digest(key) not in self._recorded:
            return False
        found = self._db.execute("SELECT 1 FROM final WHERE email = ?", (key,)).fetchone()
        return found is not None

    def record(self, emails: Iterable[str]) -> None:
        """Commit leads as final (durable before this returns); invalid emails are ignored."""
        _insert(self._db, self._keys(emails))

    def record_soon(self, emails: Iterable[str]) -> None:
        """Record leads as final in the writer thread (see the module docs): :meth:`is_final`
        knows them now, :meth:`flush` returns once they are durable.

        Raises:
            sqlite3.Error: An earlier commit of the writer failed (nothing more is recorded).
        """
        if self._writer is None:
            self._writer = _Writer(self.path)
        self._writer.put(self._keys(emails))

    def flush(self) -> None:
        """Wait until every lead given to :meth:`record_soon` is durable.

        Raises:
            sqlite3.Error: The writer's commit failed; those leads are not recorded.
        """
        if self._writer is not None:
            self._writer.flush()

    def _keys(self, emails: Iterable[str]) -> list[str]:
        """The journal keys of ``emails`` (invalid ones left out), noted as recorded."""
        keys = [key for email in emails if (key := journal_key(email)) is not None]
        if self._recorded is not None:
            for key in keys:
                self._recorded.add(email_digest(key))
        return keys

    def close(self) -> None:
        """Flush, then close the database; a journal this run created and never recorded into
        is removed.

        An empty journal knows nothing, so leaving it would only make the next run ask for
        ``--resume``.
        """
        writer, self._writer = self._writer, None
        try:
            if writer is not None:
                writer.close()
        finally:
            # The connection is closed whatever the count query or the writer raised: a
            # failed journal must not leave its database open (Python 3.13 warns on that).
            try:
                empty = self._created and self.final_count == 0
            finally:
                self._db.close()
            if empty:
                self.path.unlink(missing_ok=True)


def _insert(db: sqlite3.Connection, keys: list[str]) -> None:
    db.executemany("INSERT OR IGNORE INTO final VALUES (?)", [(key,) for key in keys])
    db.commit()


class _Writer:
    """The thread behind :meth:`Journal.record_soon`: its own connection, one commit for
    whatever queued up while the previous one ran."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._queue: queue.SimpleQueue[list[str] | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._pending: dict[str, int] = {}  # key -> how many queued batches hold it
        self._queued = 0
        self._error: sqlite3.Error | None = None
        self._thread = threading.Thread(target=self._run, name="smartlead-journal", daemon=True)
        self._thread.start()

    def holds(self, key: str) -> bool:
        with self._lock:
            return key in self._pending

    def put(self, keys: list[str]) -> None:
        with self._lock:
            self._raise_failure()
            for key in keys:
                self._pending[key] = self._pending.get(key, 0) + 1
            self._queued += 1
        self._queue.put(keys)

    def flush(self) -> None:
        with self._idle:
            self._idle.wait_for(lambda: self._queued == 0)
            self._raise_failure()

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()
        with self._lock:
            self._raise_failure()

    def _raise_failure(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        db = sqlite3.connect(_uri(self._path, "rw"), uri=True)
        db.execute("PRAGMA synchronous=FULL")
        try:
            stopping = False
            while not stopping:
                batches = [self._queue.get()]
                while not self._queue.empty():
                    batches.append(self._queue.get())
                stopping = None in batches  # close() queues it last
                self._commit(db, [batch for batch in batches if batch is not None])
        finally:
            db.close()

    def _commit(self, db: sqlite3.Connection, batches: list[list[str]]) -> None:
        keys = [key for batch in batches for key in batch]
        error: sqlite3.Error | None = None
        if keys and self._error is None:
            try:
                _insert(db, keys)
            except sqlite3.Error as exc:
                error = exc
        with self._idle:
            self._error = self._error or error
            for key in keys:
                left = self._pending[key] - 1
                if left:
                    self._pending[key] = left
                else:
                    del self._pending[key]
            self._queued -= len(batches)
            self._idle.notify_all()
