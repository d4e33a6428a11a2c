"""A crash-safe record of which leads reached a final outcome, for resumable imports.

The journal is an SQLite file next to the input (``leads.csv.smartlead-journal``). It holds one
entry per lead whose outcome is *final* (uploaded, already in the campaign, blocked, …; see
:attr:`smartlead_async.bulk.RowOutcome.is_final`), keyed by the normalised email the SDK sends,
never by row position: a resume of an edited, reordered or extended CSV skips exactly the leads
that are done, wherever they now are, and sends every other row. Open rows (not sent, failed,
unconfirmed) and invalid rows are never recorded, so they are always tried (or re-validated
locally) again. Each batch is committed as soon as its answer arrives.

A journal is bound to one campaign and one API host; opening it for another raises
:class:`JournalMismatchError`. Lookups go to SQLite's index, so memory stays flat however many
leads the journal holds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

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
        """Whether the lead with this :func:`journal_key` already has a final outcome."""
        found = self._db.execute("SELECT 1 FROM final WHERE email = ?", (key,)).fetchone()
        return found is not None

    def record(self, emails: Iterable[str]) -> None:
        """Commit leads as final (durable before this returns); invalid emails are ignored."""
        keys = [(key,) for email in emails if (key := journal_key(email)) is not None]
        self._db.executemany("INSERT OR IGNORE INTO final VALUES (?)", keys)
        self._db.commit()

    def close(self) -> None:
        """Close the database; a journal this run created and never recorded into is removed.

        An empty journal knows nothing, so leaving it would only make the next run ask for
        ``--resume``.
        """
        empty = self._created and self.final_count == 0
        self._db.close()
        if empty:
            self.path.unlink(missing_ok=True)
