"""Import honesty audit: the attacks of the honest-outcomes issue, counted, on any checkout.

Each line is one attack on ``client.leads.bulk_import`` against the fake server, and the figure
that shows whether the import told the truth. Only APIs that existed before the fixes are used,
so the same script measures an older checkout (``PYTHONPATH=<old tree>``) and this one:

* credit stop: 3,000 rows, credits for 1,450; credits refilled, ``rows_to_retry()`` imported
  again. Figure: valid rows never stored.
* dead host: 10,000 rows against a closed port. Figure: add-leads attempts made.
* 2 MB field: one huge row among 100. Figure: rows of its batch not stored.
* NaN: a custom field of NaN. Figure: requests that carried a non-JSON body.
* str as rows: ``bulk_import(id, "a@x.io")``. Figure: rows read from the string.
* early exit: leave ``bulk_import_stream`` after its first batch, concurrency 4, 10 to 90 ms
  latency. Figure: rows stored by the fake that the report does not account.

    python benchmarks/audit_import.py [--json audit.json]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import socket
import sys
import warnings
from typing import Any

from _report import print_table, write_json

from smartlead_async import RateLimit, SmartleadClient, SmartleadError
from smartlead_async.testing import FakeSmartlead

FAST = [RateLimit(10_000, 1.0)]


def client(base_url: str, key: str, **options: Any) -> SmartleadClient:
    sl = SmartleadClient(key, base_url=base_url, rate_limits=FAST, **options)

    async def no_wait(_seconds: float) -> None:
        return None

    sl._pipeline._sleep = no_wait  # retries without waiting: the audit counts, it does not time
    return sl


async def credit_stop() -> int:
    async with FakeSmartlead(lead_credits=1_450) as fake:
        campaign = fake.state.add_campaign("credits")
        rows = [{"email": f"c{i}@x.io"} for i in range(3_000)]
        async with client(fake.base_url, fake.api_key) as sl:
            first = await sl.leads.bulk_import(campaign.id, leads=rows, concurrency=2)
            fake.state.lead_credits = None
            retry = [rows[r.row] for r in first.rows_to_retry()]
            if retry:
                await sl.leads.bulk_import(campaign.id, leads=retry)
        return 3_000 - len(campaign.leads)


async def dead_host() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    attempts = 0
    sl = client(f"http://127.0.0.1:{port}/api/v1", "sl-audit")

    async def count(_seconds: float) -> None:
        nonlocal attempts
        attempts += 1

    sl._pipeline._sleep = count
    rows = ({"email": f"d{i}@x.io"} for i in range(10_000))
    async with sl:
        report = await sl.leads.bulk_import(1, leads=rows, concurrency=2)
    return report.batches + attempts


async def huge_field() -> int:
    rows: list[dict[str, Any]] = [{"email": f"s{i}@x.io"} for i in range(100)]
    rows[42] = {"email": "huge@x.io", "custom_fields": {"notes": "x" * 2_000_000}}
    async with FakeSmartlead() as fake:
        campaign = fake.state.add_campaign("413")
        async with client(fake.base_url, fake.api_key) as sl:
            await sl.leads.bulk_import(campaign.id, leads=rows)
        return 99 - len(campaign.leads)


async def nan_value() -> int:
    async with FakeSmartlead() as fake:
        campaign = fake.state.add_campaign("nan")
        rows = [{"email": "n@x.io", "custom_fields": {"score": float("nan")}}]
        async with client(fake.base_url, fake.api_key) as sl:
            await sl.leads.bulk_import(campaign.id, leads=rows)
        bodies = [r.json for r in fake.state.requests]
    return sum("NaN" in json.dumps(body) for body in bodies)


async def str_rows() -> int:
    async with FakeSmartlead() as fake, client(fake.base_url, fake.api_key) as sl:
        try:
            report = await sl.leads.bulk_import(1, leads="a@x.io")  # type: ignore[arg-type]
        except SmartleadError:
            return 0
    return report.total_rows


async def early_exit() -> int:
    async with FakeSmartlead(latency=0.05, latency_jitter=0.04, seed=3) as fake:
        campaign = fake.state.add_campaign("early exit")
        rows = [{"email": f"e{i}@x.io"} for i in range(1_000)]
        async with client(fake.base_url, fake.api_key) as sl:
            stream = sl.leads.bulk_import_stream(campaign.id, leads=rows, concurrency=4)
            iterator = aiter(stream)
            await anext(iterator)
            close = getattr(stream, "aclose", None) or iterator.aclose  # type: ignore[attr-defined]
            await close()
            await asyncio.sleep(0.2)  # let anything still running land on the fake
        stored = len(campaign.leads)
    report = stream.report
    return stored - report.uploaded


ATTACKS = {
    "credit stop: valid rows never stored": credit_stop,
    "dead host: add-leads attempts": dead_host,
    "2 MB field: rows of its batch lost": huge_field,
    "NaN: non-JSON request bodies": nan_value,
    "str as rows: rows read from it": str_rows,
    "early exit: stored rows unaccounted": early_exit,
}


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args(argv)
    results = []
    for name, attack in ATTACKS.items():
        with warnings.catch_warnings(), contextlib.redirect_stderr(sys.stdout):
            warnings.simplefilter("ignore")
            figure = await attack()
        results.append({"attack": name, "figure": figure})
    print_table(results)
    write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
