"""The journal's writer thread: commits off the caller's path, nothing it guarantees weakened.

The attacks: a caller that waits for a commit (an fsync per batch on the event loop), a lead
reported final before it is durable, a failed commit that goes unnoticed, a lookup that blocks
on the writer.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from smartlead_async.journal import Journal, journal_key


def count(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as other:
        return int(other.execute("SELECT COUNT(*) FROM final").fetchone()[0])


@contextlib.contextmanager
def write_locked(path: Path) -> Iterator[None]:
    """Another connection holds the write lock, as a slow commit (an fsync) would."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_record_soon_returns_while_a_commit_is_held_up_and_lookups_still_answer(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j"
    journal = Journal.create(path, campaign_id=7, host="h")
    journal.record(["old@x.io"])
    with write_locked(path):
        # This thread holds the write lock, so a record_soon() that committed here could not
        # succeed: it would wait out sqlite's busy timeout and raise "database is locked".
        journal.record_soon(["Ann@X.IO", "bob@x.io"])
        # Final at once for lookups; the one already committed is found without waiting.
        assert journal.is_final(journal_key("ann@x.io") or "")
        assert journal.is_final("old@x.io")
        assert not journal.is_final("carl@x.io")
        assert count(path) == 1  # not durable yet, and not claimed to be
    journal.flush()
    assert count(path) == 3  # flush returns once another process would see them
    journal.close()


def test_close_makes_every_queued_lead_durable(tmp_path: Path) -> None:
    path = tmp_path / "j"
    journal = Journal.create(path, campaign_id=7, host="h")
    for batch in range(50):
        journal.record_soon([f"l{batch}-{i}@x.io" for i in range(20)])
    journal.close()
    assert count(path) == 1_000
    reopened = Journal.open(path, campaign_id=7, host="h")
    assert reopened.is_final("l49-19@x.io")
    reopened.close()


def test_a_failed_commit_is_raised_not_lost(tmp_path: Path) -> None:
    path = tmp_path / "j"
    journal = Journal.create(path, campaign_id=7, host="h")
    with contextlib.closing(sqlite3.connect(path)) as other:
        other.execute("DROP TABLE final")  # any commit of the writer now fails
        other.commit()
    journal.record_soon(["ann@x.io"])
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        journal.flush()
    with pytest.raises(sqlite3.OperationalError):
        journal.record_soon(["bob@x.io"])  # nothing more is taken once a commit failed
    with pytest.raises(sqlite3.OperationalError):
        journal.close()
    # Closed all the same: the file can be removed and no connection is left to warn about.
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        journal.final_count  # noqa: B018 - the property's query is the check


def test_an_empty_journal_is_still_removed_with_the_writer_used(tmp_path: Path) -> None:
    path = tmp_path / "j"
    journal = Journal.create(path, campaign_id=7, host="h")
    journal.record_soon(["not-an-email"])  # invalid: nothing to record
    journal.close()
    assert list(tmp_path.iterdir()) == []  # nor its WAL files


def test_a_new_journal_answers_unknown_leads_without_a_query_and_finds_every_recorded_one(
    tmp_path: Path,
) -> None:
    journal = Journal.create(tmp_path / "j", campaign_id=7, host="h")
    journal.record([f"Lead{i}@X.IO" for i in range(300)])  # keyed normalised, case-folded
    journal.record_soon([f"later{i}@x.io" for i in range(300)])
    journal.flush()
    queries: list[str] = []
    journal._db.set_trace_callback(queries.append)
    assert not any(journal.is_final(f"new{i}@x.io") for i in range(2_000))
    assert len(queries) < 5  # a digest collision may cost a query, no more
    assert all(journal.is_final(f"lead{i}@x.io") for i in range(300))
    assert all(journal.is_final(f"later{i}@x.io") for i in range(300))
    journal.close()


def test_an_opened_journal_still_asks_sqlite_for_what_earlier_runs_recorded(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j"
    first = Journal.create(path, campaign_id=7, host="h")
    first.record(["ann@x.io"])
    first.close()
    resumed = Journal.open(path, campaign_id=7, host="h")
    assert resumed.is_final("ann@x.io")  # not in this run's digests, yet final
    assert not resumed.is_final("bob@x.io")
    resumed.close()
