"""The import command as a Unix tool: a journal that cannot lie, exit codes, signals, input
checks, and the API key kept out of everything it writes. Each test is an attack on one of those
guarantees, against the fake SmartLead server."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import csv
import io
import json
import os
import random
import signal
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import pytest
from aiohttp import web

from smartlead_async._json import JSONObject
from smartlead_async.cli import main, parse_args, run_import
from smartlead_async.testing import FakeSmartlead, FaultKind, Faults
from smartlead_async.testing.routes import Call, Reply

from .helpers import API_KEY, ends_by_itself, json_int, json_object, lead_list

ADD_LEADS = "POST /campaigns/{campaign_id}/leads"
HEADER = ["Email", "First Name", "Company"]


def leads(count: int, start: int = 0) -> list[list[str]]:
    return [[f"p{i}@co{i % 7}.example", f"P{i}", f"Co {i % 7}"] for i in range(start, count)]


def write(path: Path, rows: list[list[str]], header: list[str] = HEADER, **kw: str) -> Path:
    with path.open("w", newline="", encoding=kw.get("encoding", "utf-8")) as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


class Run:
    """One invocation of the command: exit status, stdout, stderr, JSON report."""

    def __init__(self, status: int, out: str, err: str) -> None:
        self.status, self.out, self.err = status, out, err

    @property
    def report(self) -> JSONObject:
        return json_object(json.loads(self.out))


async def cli(
    fake: FakeSmartlead, path: Path, campaign: int, *extra: str, key: str = API_KEY
) -> Run:
    argv = ["import", str(path), "--campaign", str(campaign), "--base-url", fake.base_url]
    argv += ["--rate", "1000/1", "--no-progress", "--json", "--max-retries", "0", *extra]
    if key and "--api-key-file" not in extra:
        argv += ["--api-key", key]
    out, err = io.StringIO(), io.StringIO()
    status = await run_import(parse_args(argv), out, err)
    return Run(status, out.getvalue(), err.getvalue())


def rejected(path: Path) -> list[dict[str, str]]:
    target = path.with_name(path.name + ".rejected.csv")
    return list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + ".smartlead-journal")


def journaled(path: Path) -> set[str]:
    if not journal_of(path).exists():
        return set()
    with contextlib.closing(sqlite3.connect(journal_of(path))) as db:
        return {email for (email,) in db.execute("SELECT email FROM final")}


def sent_emails(fake: FakeSmartlead, since: int = 0) -> list[str]:
    """Every email of every add-leads request the fake answered, from request ``since`` on."""
    return [
        str(lead["email"]).lower()
        for request in fake.state.requests[since:]
        if request.method == "POST" and request.path.endswith("/leads")
        for lead in lead_list(request.json)
    ]


# --- the journal -----------------------------------------------------------------------------


async def test_credits_run_out_then_resume_stores_every_row_once(tmp_path: Path) -> None:
    path = write(tmp_path / "leads.csv", [*leads(550), ["not-an-email", "X", "Y"]])
    async with FakeSmartlead(api_keys=(API_KEY,), lead_credits=200) as fake:
        campaign = fake.state.add_campaign("credits")
        first = await cli(fake, path, campaign.id, "--concurrency", "1")
        assert first.status == 1  # rows are open: not 0
        assert "lead limit" in first.err
        not_sent = [r for r in rejected(path) if r["outcome"] == "not_sent"]
        # Rows read after the stop are not validated either: the invalid last row is open too.
        assert len(not_sent) == 351
        assert {int(r["line"]) for r in not_sent} == set(range(202, 553))  # named by line
        assert journaled(path) == set(campaign.leads)  # only final rows, all of them
        fake.state.lead_credits = None
        second = await cli(fake, path, campaign.id, "--resume")
    assert second.status == 0
    assert set(campaign.leads) == {row[0] for row in leads(550)}
    # Nothing final was sent again: every row reached the fake exactly once as an upload.
    assert (second.report["uploaded"], second.report["already_in_campaign"]) == (350, 0)
    assert sent_emails(fake).count("p0@co0.example") == 1


async def test_a_maintenance_page_journals_nothing_and_resume_stores_all(tmp_path: Path) -> None:
    path = write(tmp_path / "leads.csv", leads(300))
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("html")
        fake.set_route_faults(ADD_LEADS, Faults(1.0, [FaultKind.MAINTENANCE_PAGE]))
        first = await cli(fake, path, campaign.id)
        assert first.status == 1
        assert journaled(path) == set()
        assert first.report["open"] == 300
        fake.route_faults.clear()
        second = await cli(fake, path, campaign.id, "--resume")
    assert second.status == 0
    assert len(campaign.leads) == 300


async def test_resume_of_an_edited_reordered_extended_csv_sends_exactly_the_open_rows(
    tmp_path: Path,
) -> None:
    rows = leads(400)
    for at in (5, 90, 250):  # invalid rows the user will delete after reading rejected.csv
        rows.insert(at, [f"bad{at}@", "X", "Y"])
    path = write(tmp_path / "leads.csv", rows)
    async with FakeSmartlead(api_keys=(API_KEY,), lead_credits=200) as fake:
        campaign = fake.state.add_campaign("edit")
        first = await cli(fake, path, campaign.id, "--concurrency", "1")
        assert first.status == 1
        done = set(campaign.leads)
        assert journaled(path) == done
        assert len(done) == 200
        invalid_lines = {int(r["line"]) for r in rejected(path) if r["outcome"] == "invalid"}
        assert invalid_lines == {7, 92, 252}
        lines = path.read_text().splitlines()
        kept = [line for number, line in enumerate(lines, 1) if number not in invalid_lines]
        body = kept[1:]
        random.Random(9).shuffle(body)
        extra = [",".join(row) for row in leads(460, start=400)]
        path.write_text("\n".join([kept[0], *body, *extra]) + "\n")
        fake.state.lead_credits = None
        mark = len(fake.state.requests)
        second = await cli(fake, path, campaign.id, "--resume")
    assert second.status == 0
    expected = {row[0] for row in leads(460)} - done
    sent = sent_emails(fake, mark)
    assert collections.Counter(sent) == dict.fromkeys(expected, 1)  # each open row, once
    assert set(campaign.leads) == {row[0] for row in leads(460)}
    assert second.report["skipped_already_final"] == 200


async def test_a_journal_of_another_campaign_or_host_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "leads.csv", leads(150))
    async with FakeSmartlead(api_keys=(API_KEY,), lead_credits=100) as fake:
        mine = fake.state.add_campaign("mine")
        other = fake.state.add_campaign("other")
        assert (await cli(fake, path, mine.id)).status == 1
        mark = len(fake.state.requests)
        refused = await cli(fake, path, other.id, "--resume")
        assert refused.status == 2
        errors = [line for line in refused.err.splitlines() if line.startswith("error:")]
        assert len(errors) == 1
        assert f"campaign {mine.id}" in errors[0]
        assert f"not campaign {other.id}" in errors[0]
        elsewhere = await cli(
            fake,
            path,
            mine.id,
            "--resume",
            "--base-url",
            fake.base_url.replace("127.0.0.1", "localhost"),
        )
        assert elsewhere.status == 2
        assert "on 127.0.0.1, not campaign" in elsewhere.err
        assert len(fake.state.requests) == mark  # refused before any request
        assert other.leads == {}


@pytest.mark.parametrize(
    ("key", "campaign", "message"),
    [
        ("sl-wrong-key", None, "refused the API key (401)"),
        (API_KEY, 999_999, "campaign 999999 does not exist"),
    ],
)
async def test_a_failed_preflight_exits_2_and_creates_no_journal(
    tmp_path: Path, key: str, campaign: int | None, message: str
) -> None:
    path = write(tmp_path / "leads.csv", leads(50))
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        real = fake.state.add_campaign("c")
        run = await cli(fake, path, campaign or real.id, key=key)
        assert [r.method for r in fake.state.requests] == ["GET"]  # the preflight only
    assert run.status == 2
    assert message in run.err
    assert "Traceback" not in run.err
    assert not journal_of(path).exists()
    assert key not in run.err + run.out


# --- exit codes and signals --------------------------------------------------------------------


def test_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SMARTLEAD_API_KEY", raising=False)
    with pytest.raises(SystemExit) as caught:
        main(["import", str(tmp_path / "x.csv")])  # --campaign missing
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["import", "x.csv", "--campaign", "1", "--timeout", "0"])
    assert caught.value.code == 2
    assert main(["import", str(write(tmp_path / "l.csv", leads(1))), "--campaign", "1"]) == 2
    err = capsys.readouterr().err
    assert (
        err.splitlines()[-1]
        == "error: no API key: set SMARTLEAD_API_KEY or pass --api-key-file PATH"
    )
    assert "Traceback" not in err


async def test_sigterm_drains_like_sigint_and_resume_finishes(tmp_path: Path) -> None:
    path = write(tmp_path / "leads.csv", leads(4_000))
    async with FakeSmartlead(api_keys=(API_KEY,), latency=0.02) as fake:
        campaign = fake.state.add_campaign("term")
        task = asyncio.create_task(cli(fake, path, campaign.id, "--concurrency", "4"))
        while len(journaled(path)) < 300:  # noqa: ASYNC110 - polling the journal file
            await asyncio.sleep(0.01)
        os.kill(os.getpid(), signal.SIGTERM)
        run = await task
        report = run.report
        assert run.status == 128 + signal.SIGTERM
        assert report["interrupted"] is True
        assert report["aborted"] is False
        assert 0 < json_int(report["not_read"]) < 4_000
        assert report["open"] == report["not_read"]  # the batches in flight all landed
        assert journaled(path) == set(campaign.leads)
        assert len(rejected(path)) == report["not_read"]  # every unread row, by line
        resumed = await cli(fake, path, campaign.id, "--resume")
    assert resumed.status == 0
    assert len(campaign.leads) == 4_000


async def test_a_second_signal_aborts_at_once_on_a_hung_server(tmp_path: Path) -> None:
    path = write(tmp_path / "leads.csv", leads(3_000))
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        fake.set_route_faults(ADD_LEADS, Faults(1.0, [FaultKind.HANG]))
        campaign = fake.state.add_campaign("hung")
        task = asyncio.create_task(cli(fake, path, campaign.id, "--timeout", "600"))
        # 30 batches: 16 go out and hang, the rest are never read.
        while fake.state.hanging < 1:  # noqa: ASYNC110 - waiting for the first batch to hang
            await asyncio.sleep(0.005)
        os.kill(os.getpid(), signal.SIGINT)
        await asyncio.sleep(0.05)
        assert not task.done()  # the first signal drains: it waits for the batches in flight
        os.kill(os.getpid(), signal.SIGINT)
        # The fake never answers a hung request: only an abort that gives up the batches in
        # flight ends the run.
        ended = await ends_by_itself(task)
    assert ended, "the second signal left the run waiting for the server"
    run = task.result()
    assert run.status == 130
    assert run.report["aborted"] is True
    assert journaled(path) == set()  # nothing was committed, nothing claimed
    listed = rejected(path)
    assert len(listed) == 3_000  # cancelled in flight (unconfirmed) and never read (not_sent)
    assert {r["outcome"] for r in listed} == {"unconfirmed", "not_sent"}


async def test_a_dead_host_stops_after_three_batches(tmp_path: Path) -> None:
    path = write(tmp_path / "leads.csv", leads(2_000))
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("dead")
        fake.set_route_faults(ADD_LEADS, Faults(1.0, [FaultKind.DROP]))
        run = await cli(fake, path, campaign.id, "--concurrency", "1")
        attempts = [r for r in fake.state.requests if r.method == "POST"]
    assert run.status == 1
    assert len(attempts) == 3  # not 20 batches ground through
    assert "3 batches in a row could not reach SmartLead" in run.err
    assert run.report["open"] == 2_000
    assert len(rejected(path)) == 2_000


# --- input --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "line"), [("utf-16", 1), ("latin-1", 4)])
async def test_undecodable_input_exits_2_naming_the_line(
    tmp_path: Path, encoding: str, line: int
) -> None:
    rows = [*leads(2), ["zoe@co.example", "Zoë", "Café"], *leads(5, start=2)]
    path = write(tmp_path / "leads.csv", rows, encoding=encoding)
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("enc")
        refused = await cli(fake, path, campaign.id)
        assert fake.state.requests == []
        assert not journal_of(path).exists()  # nothing blocks the next run
        fixed = await cli(fake, path, campaign.id, "--encoding", encoding)
    assert refused.status == 2
    (message,) = refused.err.splitlines()
    assert f"leads.csv line {line}: not utf-8-sig text" in message
    assert "--encoding" in message
    assert fixed.status == 0
    assert fake.state.leads["zoe@co.example"].fields["first_name"] == "Zoë"


async def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        run = await cli(fake, tmp_path / "nope.csv", 1)
        assert fake.state.requests == []
    assert run.status == 2
    assert run.err == f"error: cannot read {tmp_path / 'nope.csv'}: No such file or directory\n"
    assert not journal_of(tmp_path / "nope.csv").exists()


async def test_fields_past_csvs_default_limit_are_read(tmp_path: Path) -> None:
    rows = leads(3)
    rows[1][2] = "x" * 2_000_000  # far past csv's default 128 KiB limit
    huge = write(tmp_path / "huge.csv", rows)
    rows[1][2] = "x" * 200_000
    large = write(tmp_path / "large.csv", rows)
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("big")
        checked = await cli(fake, huge, campaign.id, "--dry-run")
        imported = await cli(fake, large, campaign.id)
    assert checked.status == 0, checked.err
    assert checked.report["rows"] == 3
    assert imported.status == 0, imported.err
    stored = fake.state.leads["p1@co1.example"].fields["company_name"]
    assert stored == "x" * 200_000


async def test_two_email_columns_need_a_map(tmp_path: Path) -> None:
    rows = [[f"old{i}@co.example", f"new{i}@co.example", "N"] for i in range(5)]
    path = write(tmp_path / "leads.csv", rows, header=["Email", "Email Address", "Name"])
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("two")
        ambiguous = await cli(fake, path, campaign.id)
        assert fake.state.requests == []
        chosen = await cli(fake, path, campaign.id, "--map", "email=Email Address")
    assert ambiguous.status == 2
    assert "columns 'Email' and 'Email Address' could both be email" in ambiguous.err
    assert "--map email=COLUMN" in ambiguous.err
    assert chosen.status == 0
    assert set(campaign.leads) == {f"new{i}@co.example" for i in range(5)}
    assert "  Email          -> custom field 'Email'\n" in chosen.err  # the mapping is printed


async def test_no_email_column_exits_2(tmp_path: Path) -> None:
    path = write(tmp_path / "leads.csv", [["Ann", "Acme"]], header=["Name", "Company"])
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        run = await cli(fake, path, 1)
        assert fake.state.requests == []
    assert run.status == 2
    assert "no email column" in run.err


async def test_empty_header_columns_are_ignored(tmp_path: Path) -> None:
    rows = [[f"p{i}@co.example", "stray", f"P{i}"] for i in range(5)]
    path = write(tmp_path / "leads.csv", rows, header=["Email", "", "First Name"])
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("empty")
        run = await cli(fake, path, campaign.id, "--dry-run")
        assert "2  (empty header)  -> ignored" in run.err  # --dry-run prints the mapping
        run = await cli(fake, path, campaign.id)
    assert run.status == 0
    assert len(campaign.leads) == 5
    assert fake.state.leads["p0@co.example"].fields.get("custom_fields") in (None, {})


async def test_formula_cells_are_neutralised_in_the_rejected_csv(tmp_path: Path) -> None:
    # (Leading tabs and CRs are neutralised too, but cells are stripped before they get here.)
    formulas = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "-a b"]
    path = write(tmp_path / "leads.csv", [[cell, "X", "Y"] for cell in formulas])
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("formula")
        run = await cli(fake, path, campaign.id)
    assert run.status == 0  # invalid rows are final
    listed = rejected(path)
    assert [r["email"] for r in listed] == [f"'{cell}" for cell in formulas]
    for row in listed:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())


@pytest.mark.parametrize("resolve", [True, False])
async def test_blocked_rows_are_listed_with_their_line(tmp_path: Path, resolve: bool) -> None:
    rows = leads(150)
    rows[10][0] = "ceo@blocked.example"
    rows[120][0] = "cfo@blocked.example"
    path = write(tmp_path / "leads.csv", rows)
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        fake.state.block_list.add("blocked.example")
        campaign = fake.state.add_campaign("blocked")
        run = await cli(fake, path, campaign.id, *(["--resolve"] if resolve else []))
    assert run.status == 0
    listed = {int(r["line"]): r for r in rejected(path)}
    assert {12, 122} <= set(listed)
    if resolve:
        assert {line: r["outcome"] for line, r in listed.items()} == {12: "blocked", 122: "blocked"}
        assert json_int(run.report["resolution_requests"]) >= 1
    else:
        assert "blocked" in listed[12]["reason"]


async def test_the_key_file_is_read_and_one_newline_stripped(tmp_path: Path) -> None:
    path = write(tmp_path / "leads.csv", leads(5))
    key_file = tmp_path / "key"
    key_file.write_text(API_KEY + "\n")
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("file")
        run = await cli(fake, path, campaign.id, "--api-key-file", str(key_file))
    assert run.status == 0
    assert len(campaign.leads) == 5


def test_help_warns_that_a_key_on_the_command_line_is_public(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # no hyphenated line breaks
    with pytest.raises(SystemExit) as caught:
        main(["import", "--help"])
    assert caught.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "visible to every user of this machine (the process list" in text
    assert "prefer $SMARTLEAD_API_KEY (the default) or --api-key-file" in text


# --- the key -----------------------------------------------------------------------------------

ODD_KEY = "sl/key+with spaces&api_key=%2F?é#"


class EchoingFake(FakeSmartlead):
    """A server that echoes the request's key back in its add-leads error bodies."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.set_handler(ADD_LEADS, self._echo)

    def _echo(self, call: Call) -> Reply:
        key = call.api_key
        body = {"message": f"bad key {key} ({quote(key)}, {quote_plus(key)})"}
        return web.json_response(body, status=400)


async def test_a_key_needing_url_encoding_never_leaks(tmp_path: Path) -> None:
    path = write(tmp_path / "leads.csv", leads(120))
    async with EchoingFake(api_keys=(ODD_KEY,)) as fake:
        campaign = fake.state.add_campaign("echo")
        args = parse_args(
            [
                "import",
                str(path),
                "--campaign",
                str(campaign.id),
                "--base-url",
                fake.base_url,
                "--api-key",
                ODD_KEY,
                "--json",
                "--no-progress",
                "--max-retries",
                "0",
                "--rate",
                "1000/1",
            ]
        )
        assert ODD_KEY not in repr(vars(args))  # tracebacks show frame locals
        out, err = io.StringIO(), io.StringIO()
        status = await run_import(args, out, err)
        table = await cli(fake, path, campaign.id, "--resume", key=ODD_KEY)
    assert status == 1
    assert "400" in rejected(path)[0]["reason"]  # the server's message is relayed...
    written = "\n".join(
        [
            out.getvalue(),
            err.getvalue(),
            table.out,
            table.err,
            path.with_name(path.name + ".rejected.csv").read_text(encoding="utf-8"),
            journal_of(path).read_bytes().decode("latin-1") if journal_of(path).exists() else "",
        ]
    )
    for form in (ODD_KEY, quote(ODD_KEY), quote_plus(ODD_KEY), quote(ODD_KEY, safe="")):
        assert form not in written  # ...with the key in none of its spellings


async def test_an_unwritable_output_path_is_a_usage_error_before_anything_is_sent(
    tmp_path: Path,
) -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("paths")
        path = tmp_path / "leads.csv"
        path.write_text("Email\na@x.io\n")
        missing = tmp_path / "no such dir" / "rejected.csv"
        args = parse_args(
            ["import", str(path), "--campaign", str(campaign.id), "--api-key", API_KEY,
             "--base-url", fake.base_url, "--no-progress", "--rejected", str(missing)]
        )  # fmt: skip
        out, err = io.StringIO(), io.StringIO()
        status = await run_import(args, out, err)
        assert fake.state.requests == []
    assert status == 2
    assert err.getvalue().splitlines()[-1].startswith("error: cannot write")
    assert not (tmp_path / "leads.csv.smartlead-journal").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["import", "x.csv", "--campaign", "1", "--apikey", ODD_KEY],  # a typo of --api-key
        ["import", "x.csv", "--campaign", ODD_KEY],  # the key pasted in the wrong place
        ["import", "x.csv", "--campaign", "1", f"--api-key-fil={ODD_KEY}"],
    ],
)
def test_usage_errors_never_echo_a_value(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: argparse printed "unrecognized arguments: --apikey <the key>".
    with pytest.raises(SystemExit) as caught:
        parse_args(argv)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "error:" in err
    assert ODD_KEY not in err
    assert "***" in err


async def test_a_row_too_large_for_smartlead_is_sent_again_once_fixed(tmp_path: Path) -> None:
    # Before: the 413-isolated row was journaled as final (invalid) by its email, so --resume
    # skipped it after the user shortened the field.
    rows = [*leads(5), ["big@co.example", "Big", "x" * 1_200_000]]
    path = write(tmp_path / "leads.csv", rows)
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("too large")
        first = await cli(fake, path, campaign.id, "--map", "company_name=Company")
        assert first.report["invalid"] == 1
        assert "big@co.example" not in journaled(path)
        write(path, [*leads(5), ["big@co.example", "Big", "Big Co"]])
        second = await cli(fake, path, campaign.id, "--resume")
    assert second.status == 0
    assert second.report["uploaded"] == 1
    assert "big@co.example" in campaign.leads
