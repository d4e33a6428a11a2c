"""How long the import command takes to end after a second Ctrl-C, on a server that never answers.

Each run imports a CSV through the CLI (in this process, as ``smartlead-async import`` runs it)
against the fake SmartLead server, whose add-leads route never answers (the HANG fault). Once the
first batch hangs, the first SIGINT stops reading and waits for the batches in flight; 50 ms
later the second one aborts them. The figure is the time from the second signal to the run's
exit status, which includes writing the rejected-rows file. The baseline, measured in the same
run, is the same import against a server that answers: the whole job, start to exit.

    python benchmarks/bench_cli_abort.py [--rows 3000] [--repeat 5] [--json results.json]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import os
import signal
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from _report import print_table, write_json

from smartlead_async.cli import parse_args, run_import
from smartlead_async.testing import FakeSmartlead, FaultKind, Faults

ADD_LEADS = "POST /campaigns/{campaign_id}/leads"
API_KEY = "bench key/+=&?"


def write_csv(path: Path, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Email", "First Name"])
        writer.writerows([f"p{i}@co{i % 7}.example", f"P{i}"] for i in range(rows))
    return path


async def import_csv(fake: FakeSmartlead, path: Path, campaign_id: int) -> int:
    argv = ["import", str(path), "--campaign", str(campaign_id), "--base-url", fake.base_url]
    argv += ["--api-key", API_KEY, "--rate", "1000/1", "--no-progress", "--json"]
    argv += ["--max-retries", "0", "--timeout", "600"]
    return await run_import(parse_args(argv), io.StringIO(), io.StringIO())


async def abort_seconds(folder: Path, rows: int) -> float:
    """Seconds from the second SIGINT to the exit status, on a server that never answers."""
    path = write_csv(folder / "abort.csv", rows)
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        fake.set_route_faults(ADD_LEADS, Faults(1.0, [FaultKind.HANG]))
        campaign = fake.state.add_campaign("hung")
        task = asyncio.ensure_future(import_csv(fake, path, campaign.id))
        while fake.state.hanging < 1:  # noqa: ASYNC110 - waiting for the first batch to hang
            await asyncio.sleep(0.005)
        os.kill(os.getpid(), signal.SIGINT)
        await asyncio.sleep(0.05)
        started = time.perf_counter()
        os.kill(os.getpid(), signal.SIGINT)
        done, _ = await asyncio.wait({task}, timeout=600)
        took = time.perf_counter() - started
    if task not in done or task.result() != 128 + signal.SIGINT:
        raise SystemExit("the second signal did not abort the run")
    return took


async def full_import_seconds(folder: Path, rows: int) -> float:
    """Seconds of the whole import of the same CSV against a server that answers."""
    path = write_csv(folder / "full.csv", rows)
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("full")
        started = time.perf_counter()
        status = await import_csv(fake, path, campaign.id)
        took = time.perf_counter() - started
    if status != 0 or len(campaign.leads) != rows:
        raise SystemExit(f"the baseline import failed (exit status {status})")
    return took


async def measure(rows: int, repeat: int) -> list[dict[str, Any]]:
    aborts, fulls = [], []
    for _ in range(repeat):  # interleaved, so both see the same machine load
        with tempfile.TemporaryDirectory() as folder:
            aborts.append(await abort_seconds(Path(folder), rows))
        with tempfile.TemporaryDirectory() as folder:
            fulls.append(await full_import_seconds(Path(folder), rows))
    abort, full = statistics.median(aborts), statistics.median(fulls)
    return [
        {
            "rows": rows,
            "runs": repeat,
            "abort_s median": round(abort, 3),
            "abort_s max": round(max(aborts), 3),
            "full_import_s median": round(full, 3),
            "abort / full import": round(abort / full, 3),
        }
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", help="write the rows to this JSON file")
    args = parser.parse_args()
    rows = asyncio.run(measure(args.rows, args.repeat))
    print_table(rows)
    write_json(args.json, rows)


if __name__ == "__main__":
    main()
