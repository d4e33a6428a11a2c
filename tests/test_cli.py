"""The smartlead-async command: CSV import end to end, resume after a crash, Ctrl-C, dry run."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import io
import json
import os
import signal
import sqlite3
from pathlib import Path

import pytest

from smartlead_async._secrets import APIKey
from smartlead_async.bulk import ImportReport
from smartlead_async.cli import Progress, column_mapping, parse_args, row_to_lead, run_import
from smartlead_async.testing import FakeSmartlead

from .helpers import API_KEY


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Email", "First Name", "Company", "Title", "Notes"])
        for i in range(rows):
            email = f"p{i}@co{i % 9}.example"
            if i % 250 == 7:
                email = "not-an-email"
            if i % 200 == 3:
                email = f"P{i - 1}@CO{(i - 1) % 9}.EXAMPLE"  # duplicate of the previous row
            if i % 300 == 11:
                email = f"ceo{i}@blocked.example"
            writer.writerow([email, f"P{i}", f"Co {i % 9}", "CTO", ""])


def args_for(fake: FakeSmartlead, path: Path, campaign: int, *extra: str) -> argparse.Namespace:
    return parse_args(
        [
            "import",
            str(path),
            "--campaign",
            str(campaign),
            "--api-key",
            API_KEY,
            "--base-url",
            fake.base_url,
            "--rate",
            "200/1",
            "--no-progress",
            *extra,
        ]
    )


def test_columns_map_to_fields_and_custom_fields() -> None:
    mapping = column_mapping(
        ["E-mail Address", "First Name", "Company", "Title", "Internal"],
        {"email": "E-mail Address"},
        {"Internal"},
    )
    assert mapping == {0: "email", 1: "first_name", 2: "company_name", 3: "custom:Title"}
    row = [" a@b.co ", "Ann", "", "CTO", "internal note"]
    assert row_to_lead(row, mapping) == {
        "email": "a@b.co",
        "first_name": "Ann",
        "custom_fields": {"Title": "CTO"},
    }


async def test_import_reports_every_row_and_writes_rejects(tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    write_csv(path, 1_000)
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        fake.state.block_list.add("blocked.example")
        campaign = fake.state.add_campaign("cli")
        out, err = io.StringIO(), io.StringIO()
        status = await run_import(args_for(fake, path, campaign.id, "--json"), out, err)
    summary = json.loads(out.getvalue())
    assert status == 0
    assert summary["rows"] == 1_000
    counted = [
        "uploaded",
        "already_in_campaign",
        "duplicate_in_input",
        "invalid",
        "blocked",
        "bounced",
        "unsubscribed",
        "not_sent",
        "failed",
        "unconfirmed",
    ]
    assert sum(summary[k] for k in counted) == 1_000
    assert summary["invalid"] == 4
    assert summary["duplicate_in_input"] == 5
    assert summary["blocked"] == 4
    assert len(campaign.leads) == summary["uploaded"]
    rejected = list(csv.DictReader(io.StringIO((tmp_path / "leads.csv.rejected.csv").read_text())))
    assert {r["outcome"] for r in rejected} >= {"invalid", "duplicate_in_input"}
    first_duplicate = next(r for r in rejected if r["outcome"] == "duplicate_in_input")
    assert first_duplicate["line"] == "5"  # data row 4, after the header line


def acknowledged(journal: Path) -> int:
    if not journal.exists():
        return 0
    with contextlib.closing(sqlite3.connect(journal)) as db:
        try:
            return int(db.execute("SELECT COUNT(*) FROM final").fetchone()[0])
        except sqlite3.OperationalError:  # created, schema not written yet
            return 0


async def test_resume_after_a_crash_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    write_csv(path, 3_000)
    journal = tmp_path / "leads.csv.smartlead-journal"
    async with FakeSmartlead(api_keys=(API_KEY,), latency=0.02) as fake:
        campaign = fake.state.add_campaign("resume")
        crashed = asyncio.create_task(
            run_import(args_for(fake, path, campaign.id), io.StringIO(), io.StringIO())
        )
        while acknowledged(journal) < 500:  # noqa: ASYNC110 - polling the journal file
            await asyncio.sleep(0.01)
        crashed.cancel()  # the process dies mid-import: batches may be in flight
        with pytest.raises(asyncio.CancelledError):
            await crashed
        done_before = acknowledged(journal)
        assert 0 < done_before < 3_000
        with contextlib.closing(sqlite3.connect(journal)) as db:
            final_emails = {email for (email,) in db.execute("SELECT email FROM final")}
        refused = await run_import(args_for(fake, path, campaign.id), io.StringIO(), io.StringIO())
        assert refused == 2  # an existing journal needs --resume
        out = io.StringIO()
        status = await run_import(
            args_for(fake, path, campaign.id, "--resume", "--json"),
            out,
            io.StringIO(),
        )
    summary = json.loads(out.getvalue())
    assert status == 0
    emails = [r["Email"].lower() for r in csv.DictReader(io.StringIO(path.read_text()))]
    journaled = [email for email in emails if email in final_emails]
    assert summary["skipped_already_final"] == len(journaled)  # repeats of a final lead too
    assert summary["rows"] + summary["skipped_already_final"] == 3_000  # every row once
    valid_rows = [email for email in emails if "@" in email]
    assert set(campaign.leads) == set(valid_rows)  # every valid email landed, none was lost
    # Rows in flight at the crash were sent again and came back as already in the campaign.
    landed = summary["uploaded"] + summary["already_in_campaign"] + done_before
    assert landed == len(set(valid_rows))


async def test_ctrl_c_stops_after_in_flight_batches(tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    write_csv(path, 5_000)
    journal = tmp_path / "leads.csv.smartlead-journal"
    async with FakeSmartlead(api_keys=(API_KEY,), latency=0.02) as fake:
        campaign = fake.state.add_campaign("ctrl-c")
        out = io.StringIO()
        task = asyncio.create_task(
            run_import(args_for(fake, path, campaign.id, "--json"), out, io.StringIO())
        )
        while acknowledged(journal) < 300:  # noqa: ASYNC110 - polling the journal file
            await asyncio.sleep(0.01)
        os.kill(os.getpid(), signal.SIGINT)
        status = await task
    summary = json.loads(out.getvalue())
    assert status == 130
    assert summary["interrupted"] is True
    assert 0 < summary["not_read"] < 5_000  # it stopped reading...
    assert summary["open"] == summary["not_read"]  # ...and every batch it sent landed
    assert summary["rows"] == 5_000
    assert acknowledged(journal) == summary["uploaded"] + summary["blocked"]
    assert len(campaign.leads) == summary["uploaded"]


async def test_dry_run_sends_nothing(tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    write_csv(path, 600)
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        out = io.StringIO()
        status = await run_import(
            args_for(fake, path, 1, "--dry-run", "--json"), out, io.StringIO()
        )
        assert fake.state.requests == []
    summary = json.loads(out.getvalue())
    assert status == 0
    assert (summary["not_sent"], summary["invalid"], summary["duplicate_in_input"]) == (594, 3, 3)
    assert not (tmp_path / "leads.csv.smartlead-journal").exists()


async def test_no_dedupe_sends_repeats_to_smartlead(tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    write_csv(path, 600)
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        out = io.StringIO()
        status = await run_import(
            args_for(fake, path, 1, "--dry-run", "--no-dedupe", "--json"), out, io.StringIO()
        )
    summary = json.loads(out.getvalue())
    assert status == 0
    assert (summary["not_sent"], summary["invalid"], summary["duplicate_in_input"]) == (597, 3, 0)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("tty", [True, False])
def test_progress_redraws_on_a_terminal_and_logs_steps_otherwise(tty: bool) -> None:
    stream = Terminal() if tty else io.StringIO()
    progress = Progress(stream, enabled=True)
    for done in range(50, 1_001, 50):
        progress.update(done, 1_000, ImportReport())
    progress.close()
    text = stream.getvalue()
    if tty:
        assert text.count("\r") == 20
        assert text.endswith("100%  ETA 0s\n")
    else:
        lines = text.splitlines()
        assert len(lines) == 10
        assert [line.split()[0] for line in lines[:2]] == ["100", "200"]
        assert lines[-1].startswith("1,000 rows")
        assert "100%" in lines[-1]
        assert "\r" not in text


async def test_a_rejected_key_fails_without_printing_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "leads.csv"
    write_csv(path, 50)
    wrong_key = "sl-wrong-key-0123456789abcdef"
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("cli")
        args = args_for(fake, path, campaign.id)
        args.api_key = APIKey(wrong_key)
        out, err = io.StringIO(), io.StringIO()
        with caplog.at_level("DEBUG"):
            status = await run_import(args, out, err)
    assert status == 2  # the preflight refuses the key before anything is created
    printed = out.getvalue() + err.getvalue() + caplog.text
    assert "refused the API key (401)" in err.getvalue()
    assert os.listdir(tmp_path) == ["leads.csv"]  # no journal, no rejected-rows CSV
    assert wrong_key not in printed
