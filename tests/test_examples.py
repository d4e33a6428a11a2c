"""The demo and the gate benchmark stay runnable (the README and `make demo` depend on them)."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from smartlead_async import RateLimit

from .helpers import run_in_virtual_time

ROOT = Path(__file__).resolve().parent.parent


def load(relative: str) -> ModuleType:
    path = ROOT / relative
    if str(path.parent) not in sys.path:  # the benchmarks import their shared _report module
        sys.path.append(str(path.parent))
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


async def test_demo_runs_against_the_fake(capsys: pytest.CaptureFixture[str]) -> None:
    await load("examples/demo.py").main()
    out = capsys.readouterr().out
    assert "imported 498 of 500 leads in 5 concurrent batches:" in out
    assert "'duplicate_in_input': 1" in out
    assert "walked 498 leads" in out
    assert "campaign status is now PAUSED" in out
    assert "0 answered 429" in out


def test_gate_benchmark_row_on_a_small_window() -> None:
    # On virtual time, with the fake's windows on the loop's clock: in real time the 10 ms
    # margin of so small a window is less than a scheduling pause on a loaded machine.
    bench = load("benchmarks/bench_gate.py")

    async def row() -> dict[str, object]:
        clock = asyncio.get_running_loop().time
        return await bench.run_row(  # type: ignore[no-any-return]
            RateLimit(10, 0.2), 20, callers=8, naive=False, clients=2, clock=clock
        )

    result = run_in_virtual_time(row)
    assert result["accepted"] == 20
    assert result["429s"] == 0
    ratio = result["ratio"]
    assert isinstance(ratio, float)
    assert 0.8 < ratio <= 1.0, ratio  # the gate keeps the pace, and under it


async def test_fastapi_service_runs_the_konnectify_automations(
    capsys: pytest.CaptureFixture[str],
) -> None:
    await load("examples/fastapi_service.py").main()
    out = capsys.readouterr().out
    assert "imported through the service: {'uploaded': 6}" in out
    assert out.count("-> service answered 200") == 4
    assert "lead0@prospect.example: category 1" in out
    assert "lead1@prospect.example: status PAUSED" in out
    assert "lead2@prospect.example: unsubscribed=True" in out


async def test_the_ten_agency_automations_run(capsys: pytest.CaptureFixture[str]) -> None:
    await load("examples/agency_automations.py").main()
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == [str(i) for i in range(1, 11)]
    assert lines[0] == "1 intake: 30 leads added"
    assert lines[1].startswith("2 low reply rate: paused campaigns [")
    assert lines[1] != "2 low reply rate: paused campaigns []"
    assert "salesqualifiedlead" in lines[2]
    assert lines[3] == "4 report: 3 campaigns exported"
    assert lines[4] == "5 form -> nurture: enrolled=True"
    assert lines[5] == "6 block list: ['p0@acme0.example']"
    assert "tired@agency.example reputation 55/100" in lines[6]
    assert lines[7].endswith("with 1 step(s)")
    assert lines[9] == "10 warm follow-up: enrolled=True"


async def test_bulk_benchmark_row() -> None:
    row = await load("benchmarks/bench_bulk.py").run(300, latency=0.01)
    assert (row["uploaded"], row["batches"], row["429s"]) == (300, 3, 0)


async def test_cli_import_demo_reports_every_row(capsys: pytest.CaptureFixture[str]) -> None:
    status = await load("examples/cli_import.py").main(900)
    out = capsys.readouterr().out
    assert status == 0
    report = dict(line.split(maxsplit=1) for line in out.splitlines() if line[:1].islower())
    assert report["rows"] == "900"
    assert report["uploaded"] == "893"
    assert (report["invalid"], report["duplicate_in_input"], report["blocked"]) == ("2", "3", "2")
    assert "the fake now holds 893 leads" in out
    assert "9,not-an-email,invalid," in out


async def test_cli_abort_benchmark_row() -> None:
    # measure() raises unless the second signal ended the run on the hung server with 130,
    # and unless the baseline import stored every row.
    (row,) = await load("benchmarks/bench_cli_abort.py").measure(300, 1)
    assert (row["rows"], row["runs"]) == (300, 1)
    assert row["abort_s median"] == row["abort_s max"] >= 0
    assert row["full_import_s median"] > 0


async def test_import_engine_benchmarks_on_small_inputs() -> None:
    bench = load("benchmarks/bench_import_engine.py")
    overhead = await bench.overhead(3)
    assert overhead["sdk_batches_per_s"] > 0
    assert overhead["raw_batches_per_s"] > 0
    memory = await bench.memory(1_000)
    assert memory["rows"] == 1_000
    assert memory["peak_rss_mb"] > memory["growth_mb"] >= 0
    faults = await bench.faults(2_000)
    assert faults["faulty_requests"] > 0
    assert faults["rows_accounted"] == 2_000
    assert faults["every_row_once"] is True
    assert faults["lost"] == 0


async def test_bulk_helpers_example(capsys: pytest.CaptureFixture[str]) -> None:
    await load("examples/bulk_helpers.py").main()
    out = capsys.readouterr().out
    assert "paused 5 leads, 0 failed" in out
    assert "who@nowhere.example: no lead" in out
    assert "block-listed 150 domains in 2 calls" in out


async def test_product_hosts_example_reaches_all_four_hosts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    await load("examples/product_hosts.py").main()
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "prospect",
        "prospect",
        "core",
        "smart delivery",
        "smart delivery",
    ]
    # Every revealed email became a lead, and the report covers both providers' seed replies.
    found, revealed, added = (int(line.split()[1]) for line in lines[:3])
    assert found == revealed == added > 0
    assert [line.split()[2] for line in lines[3:]] == ["Gmail", "Outlook"]
