"""The import journal: final outcomes keyed by normalised email, bound to campaign and host."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from smartlead_async.journal import Journal, JournalMismatchError, journal_key


def test_keys_are_the_normalised_email_whatever_the_spelling(tmp_path: Path) -> None:
    journal = Journal.create(tmp_path / "j", campaign_id=7, host="api.example")
    journal.record(["Ann@X.IO"])
    assert journal.is_final(journal_key("  ann@x.io ") or "")
    assert journal.is_final(journal_key("ANN@x.io") or "")
    assert not journal.is_final(journal_key("bob@x.io") or "")
    assert journal_key("not-an-email") is None  # invalid rows are never journalled
    journal.record(["not-an-email", "ann@x.io"])
    assert journal.final_count == 1
    journal.close()


def test_each_record_is_durable_before_it_returns(tmp_path: Path) -> None:
    path = tmp_path / "j"
    journal = Journal.create(path, campaign_id=7, host="h")
    journal.record(["a@x.io", "b@x.io"])
    # Another process (a crash leaves the file as it is) sees the batch without a close.
    with contextlib.closing(sqlite3.connect(path)) as other:
        assert other.execute("SELECT COUNT(*) FROM final").fetchone()[0] == 2
    journal.close()


@pytest.mark.parametrize(
    ("campaign_id", "host", "message"),
    [(8, "h", "campaign 7 on h, not campaign 8 on h"), (7, "other", "not campaign 7 on other")],
)
def test_a_journal_of_another_campaign_or_host_is_refused(
    tmp_path: Path, campaign_id: int, host: str, message: str
) -> None:
    path = tmp_path / "j"
    journal = Journal.create(path, campaign_id=7, host="h")
    journal.record(["a@x.io"])
    journal.close()
    with pytest.raises(JournalMismatchError, match=message) as caught:
        Journal.open(path, campaign_id=campaign_id, host=host)
    assert "\n" not in str(caught.value)
    reopened = Journal.open(path, campaign_id=7, host="h")
    assert reopened.final_count == 1
    reopened.close()


def test_a_position_keyed_journal_of_an_older_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "j"
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.executescript(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "CREATE TABLE acknowledged (first_row INTEGER, last_row INTEGER);"
            "INSERT INTO meta VALUES ('campaign_id', '7');"
        )
        db.commit()
    with pytest.raises(JournalMismatchError, match="not an import journal of this version"):
        Journal.open(path, campaign_id=7, host="h")


def test_not_a_database_is_refused_and_open_never_creates(tmp_path: Path) -> None:
    junk = tmp_path / "junk"
    junk.write_text("leads,not,a,journal\n" * 100)
    with pytest.raises(JournalMismatchError):
        Journal.open(junk, campaign_id=7, host="h")
    with pytest.raises(sqlite3.OperationalError):
        Journal.open(tmp_path / "missing", campaign_id=7, host="h")
    assert not (tmp_path / "missing").exists()


def test_an_empty_journal_this_run_created_is_removed_on_close(tmp_path: Path) -> None:
    empty = Journal.create(tmp_path / "empty", campaign_id=7, host="h")
    empty.close()
    assert not (tmp_path / "empty").exists()  # it would only block the next run
    kept = Journal.create(tmp_path / "kept", campaign_id=7, host="h")
    kept.record(["a@x.io"])
    kept.close()
    reopened = Journal.open(tmp_path / "kept", campaign_id=7, host="h")
    reopened.close()  # opened, not created: kept even though this run recorded nothing
    assert (tmp_path / "kept").exists()
