"""The import command reads its CSV once: progress comes from bytes read, not a counting pass.

The attacks: a second full parse of the file before the first request (what a 1M-row CSV paid
1.4 s for), and progress that cannot say how far it is without one.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from smartlead_async import cli as cli_module
from smartlead_async.cli import CsvSource, parse_args, run_import
from smartlead_async.testing import FakeSmartlead

from .helpers import API_KEY
from .test_cli_unix import cli, leads, write


async def test_each_record_is_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "leads.csv", leads(1_500))
    parsed = 0
    read = CsvSource._read

    def counting(self: CsvSource, handle: io.TextIOWrapper) -> Iterator[tuple[int, list[str]]]:
        nonlocal parsed
        for record in read(self, handle):
            parsed += 1
            yield record

    monkeypatch.setattr(CsvSource, "_read", counting)
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("once")
        run = await cli(fake, path, campaign.id)
    assert run.status == 0, run.err
    assert run.report["uploaded"] == 1_500
    assert parsed <= 1_500 + 2  # the header twice (mapping, then import); every row once


async def test_progress_in_a_log_counts_to_100_percent_from_bytes_read(tmp_path: Path) -> None:
    path = write(tmp_path / "leads.csv", leads(3_000))
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("progress")
        argv = ["import", str(path), "--campaign", str(campaign.id), "--base-url", fake.base_url]
        argv += ["--rate", "1000/1", "--api-key", API_KEY, "--json", "--batch-size", "50"]
        out, err = io.StringIO(), io.StringIO()
        status = await run_import(parse_args(argv), out, err)
    assert status == 0, err.getvalue()
    steps = [int(m) for m in re.findall(r"rows/s  (\d+)%  ETA", err.getvalue())]
    # One line per 10 % step (a log, not a terminal), rising to 100 % with the last batch.
    assert steps == sorted(steps)
    assert steps[-1] == 100
    assert len(steps) >= 5


def test_the_row_estimate_is_extrapolated_from_bytes_and_exact_at_the_end(
    tmp_path: Path,
) -> None:
    path = write(tmp_path / "leads.csv", leads(10_000))
    source = CsvSource(path, "utf-8")
    args = parse_args(["import", str(path), "--campaign", "1"])
    console = cli_module._Console(io.StringIO(), io.StringIO())
    run = cli_module._Run(args, console, cli_module._Signals())
    with source.records() as records:
        next(records)
        for _ in range(5_000):
            run.lines.append(next(records)[0])
        halfway = run.estimated_rows(source)
        for record in records:
            run.lines.append(record[0])
        at_end = run.estimated_rows(source)
    assert halfway is not None
    assert 9_000 <= halfway <= 11_000  # read ahead by at most a buffer's worth of bytes
    assert at_end == 10_000
