"""The command's help teaches: ``--version``, the defaults it applies, the environment variables
it reads and examples that run; and with ``--json`` every error is a JSON object on stdout too.
Each test is the attack that would make the help or the JSON lie."""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import shlex
import signal
from pathlib import Path

import pytest

import smartlead_async
from smartlead_async import DEFAULT_BASE_URL, DEFAULT_RATE_LIMITS
from smartlead_async.cli import main, parse_args, run_import
from smartlead_async.testing import FakeSmartlead

from .helpers import API_KEY, ends_by_itself, free_port
from .test_cli_unix import ODD_KEY, leads, write


def help_text(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> str:
    monkeypatch.setenv("COLUMNS", "200")  # one line per option
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 0
    return capsys.readouterr().out


def option_help(text: str, option: str) -> str:
    """The help of one option, its continuation lines joined."""
    match = re.search(rf"^  {re.escape(option)}\b(.*(?:\n {{10,}}.*)*)", text, re.MULTILINE)
    assert match is not None, f"{option} is not in the help"
    return " ".join(match.group(1).split())


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"smartlead-async {smartlead_async.__version__}\n"


def test_help_states_the_defaults_the_command_applies(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SMARTLEAD_BASE_URL", raising=False)
    text = help_text(["import", "--help"], capsys, monkeypatch)
    applied = parse_args(["import", "leads.csv", "--campaign", "1"])
    assert f"(default: {applied.timeout:g})" in option_help(text, "--timeout")
    assert f"(default: {applied.max_retries})" in option_help(text, "--max-retries")
    assert f"(default: {applied.batch_size}," in option_help(text, "--batch-size")
    assert f"(default: {applied.concurrency})" in option_help(text, "--concurrency")
    # --rate left out means the client's default limits.
    assert applied.rate is None
    limits = ", ".join(f"{limit.requests}/{limit.seconds:g}" for limit in DEFAULT_RATE_LIMITS)
    assert f"(default: {limits}," in option_help(text, "--rate")
    assert applied.base_url == DEFAULT_BASE_URL
    assert f"else {DEFAULT_BASE_URL})" in option_help(text, "--base-url")


@pytest.mark.parametrize("argv", [["--help"], ["import", "--help"]])
def test_help_names_the_environment_variables_the_command_reads(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = help_text(argv, capsys, monkeypatch)
    section = text.split("environment variables:\n", 1)[1].split("\n\n", 1)[0]
    named = re.findall(r"^  (SMARTLEAD_\w+)", section, re.MULTILINE)
    assert named == ["SMARTLEAD_API_KEY", "SMARTLEAD_BASE_URL"]
    monkeypatch.setenv("SMARTLEAD_BASE_URL", "http://127.0.0.1:9/api")
    assert parse_args(["import", "x.csv", "--campaign", "1"]).base_url == "http://127.0.0.1:9/api"
    # SMARTLEAD_API_KEY is read by the examples' test below: they pass no key at all.


async def test_the_help_examples_run_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = help_text(["import", "--help"], capsys, monkeypatch)
    examples = [
        line.strip()
        for line in text.split("examples:\n", 1)[1].splitlines()
        if line.strip().startswith("smartlead-async ")
    ]
    assert len(examples) >= 2
    write(tmp_path / "leads.csv", leads(25))
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("examples")
        monkeypatch.setenv("SMARTLEAD_API_KEY", API_KEY)
        monkeypatch.setenv("SMARTLEAD_BASE_URL", fake.base_url)
        monkeypatch.chdir(tmp_path)
        for example in examples:
            command = example.partition(">")[0].replace("123", str(campaign.id))
            argv = shlex.split(command)[1:]
            out, err = io.StringIO(), io.StringIO()
            status = await run_import(parse_args([*argv, "--no-progress"]), out, err)
            assert status == 0, (example, err.getvalue())
        assert len(campaign.leads) == 25


def json_error(out: str) -> dict[str, object]:
    lines = out.splitlines()
    assert len(lines) == 1, out  # one object, nothing else on stdout
    error = json.loads(lines[0])
    assert isinstance(error, dict)
    assert set(error) == {"error", "kind", "exit_status"}
    return error


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import", "x.csv", "--json"], "the following arguments are required: --campaign"),
        (["import", "x.csv", "--campaign", "1", "--json", "--apikey", ODD_KEY], "***"),
        (
            ["import", "x.csv", "--campaign", "1", "--json", "--timeout", "-5"],
            "must be > 0 seconds",
        ),
    ],
)
def test_with_json_a_usage_error_is_a_json_object_on_stdout(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        parse_args(argv)
    assert caught.value.code == 2
    captured = capsys.readouterr()
    error = json_error(captured.out)
    assert error["kind"] == "usage"
    assert error["exit_status"] == 2
    assert message in str(error["error"])
    assert f"error: {error['error']}" in captured.err  # stderr keeps the human line
    assert ODD_KEY not in captured.out + captured.err
    # Without --json the error goes to stderr only, as before.
    with pytest.raises(SystemExit):
        parse_args([arg for arg in argv if arg != "--json"])
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"error: {error['error']}" in captured.err


async def test_with_json_input_and_connection_errors_are_json_objects_on_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "leads.csv", leads(3))
    dead = f"http://127.0.0.1:{free_port()}/api/v1"
    monkeypatch.delenv("SMARTLEAD_API_KEY", raising=False)
    cases = [
        # (argv, kind, exit status, start of the message)
        (["import", str(path), "--campaign", "1"], "input", 2, "no API key"),
        (
            ["import", str(tmp_path / "missing.csv"), "--campaign", "1", "--api-key", API_KEY],
            "input",
            2,
            "cannot read",
        ),
        (
            ["import", str(path), "--campaign", "1", "--api-key", API_KEY, "--base-url", dead],
            "unavailable",
            1,
            "could not check campaign 1",
        ),
    ]
    for argv, kind, status, start in cases:
        common = ["--json", "--no-progress", "--max-retries", "0"]
        out, err = io.StringIO(), io.StringIO()
        assert await run_import(parse_args([*argv, *common]), out, err) == status
        error = json_error(out.getvalue())
        assert error == {"error": error["error"], "kind": kind, "exit_status": status}
        assert str(error["error"]).startswith(start)
        assert err.getvalue().splitlines()[-1] == f"error: {error['error']}"
        assert API_KEY not in out.getvalue() + err.getvalue()
        # Without --json the error goes to stderr only, as before.
        out, err = io.StringIO(), io.StringIO()
        args = parse_args([*argv, "--no-progress", "--max-retries", "0"])
        assert await run_import(args, out, err) == status
        assert out.getvalue() == ""
        assert err.getvalue().splitlines()[-1] == f"error: {error['error']}"


async def test_with_json_an_abort_before_anything_was_sent_is_a_json_object_on_stdout(
    tmp_path: Path,
) -> None:
    path = write(tmp_path / "leads.csv", leads(3))
    connected, release = asyncio.Event(), asyncio.Event()

    async def never_answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connected.set()  # the preflight request is on its way: the command is still in setup
        await release.wait()
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(never_answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    argv = ["import", str(path), "--campaign", "1", "--api-key", API_KEY, "--json"]
    argv += ["--base-url", f"http://127.0.0.1:{port}/api/v1", "--no-progress"]
    out, err = io.StringIO(), io.StringIO()
    async with server:
        task = asyncio.create_task(run_import(parse_args(argv), out, err))
        await asyncio.wait_for(connected.wait(), timeout=60)
        os.kill(os.getpid(), signal.SIGINT)
        ended = await ends_by_itself(task)
        release.set()
    assert ended, "the signal left the run waiting for the server"
    status = task.result()
    assert status == 130
    assert json_error(out.getvalue()) == {
        "error": "aborted before anything was sent",
        "kind": "aborted",
        "exit_status": 130,
    }
    assert err.getvalue().splitlines()[-1] == "aborted before anything was sent"
