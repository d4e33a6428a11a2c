"""The ``smartlead-async import`` command against the embedded fake SmartLead server.

Generates a 10,000-row CSV with some invalid, duplicate and block-listed rows, creates a
campaign on the fake (which enforces the documented 10 requests per 2 s strictly), runs the
import command exactly as ``smartlead-async import leads.csv --campaign N --resolve`` would, and
prints the report. ``--resolve`` reads back the batches SmartLead's counters leave ambiguous (here:
which row of a batch was block-listed), at one extra request. Every row not simply uploaded lands
in ``leads.csv.rejected.csv`` with its CSV line and the reason. About 20 s: the rate limit allows
500 leads a second.

    python examples/cli_import.py [ROWS]
"""

from __future__ import annotations

import asyncio
import csv
import sys
import tempfile
from pathlib import Path

from smartlead_async import DEFAULT_RATE_LIMITS, SmartleadClient
from smartlead_async.cli import parse_args, run_import
from smartlead_async.testing import FakeSmartlead


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Email", "First Name", "Last Name", "Company", "Industry"])
        for i in range(rows):
            email = f"prospect{i}@company{i % 97}.example"
            if i % 500 == 7:
                email = "not-an-email"
            elif i % 400 == 3:
                email = f"PROSPECT{i - 1}@Company{(i - 1) % 97}.example"  # same lead as row i-1
            elif i % 600 == 11:
                email = f"ceo{i}@blocked.example"
            writer.writerow([email, f"First{i}", f"Last{i}", f"Company {i % 97}", "SaaS"])


async def main(rows: int) -> int:
    async with FakeSmartlead(rate_limits=DEFAULT_RATE_LIMITS) as fake:
        fake.state.block_list.add("blocked.example")
        async with SmartleadClient(fake.api_key, base_url=fake.base_url) as sl:
            campaign = await sl.campaigns.create(name="CLI import demo")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "leads.csv"
            write_csv(path, rows)
            argv = ["import", str(path), "--campaign", str(campaign.id), "--resolve"]
            print(f"$ smartlead-async {' '.join(argv)}  ({rows} rows)")
            args = parse_args([*argv, "--api-key", fake.api_key, "--base-url", fake.base_url])
            status = await run_import(args, sys.stdout, sys.stderr)
            rejected = path.with_name(path.name + ".rejected.csv")
            if rejected.exists():
                print("first rejected rows:")
                for line in rejected.read_text().splitlines()[:4]:
                    print(f"  {line}")
        stored = len(fake.state.campaigns[campaign.id].leads)
        print(f"the fake now holds {stored} leads in campaign {campaign.id}")
        return status


if __name__ == "__main__":
    sys.exit(asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)))
