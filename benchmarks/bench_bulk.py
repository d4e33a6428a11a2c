"""Bulk import benchmarks: rate saturation and latency hiding through one key.

10,000 leads go through ``client.leads.bulk_import`` to the fake server, which enforces the
default rule (10 requests per 2 s, strict sliding window) and answers each request after a fixed
latency. A key can therefore carry at most 500 rows/s (5 requests/s x 100 rows). Two figures per
row:

* sustained ratio: rows accepted per second between the first and last request's arrival on the
  server, divided by 500 (what the gate and the batching achieve);
* end-to-end rows/s: uploaded rows divided by the whole import's wall time, tail latency
  included.

    python benchmarks/bench_bulk.py [--rows 10000] [--json results.json]
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from _report import print_table, write_json

from smartlead_async import DEFAULT_RATE_LIMITS, SmartleadClient
from smartlead_async.testing import FakeSmartlead

LIMIT_ROWS_PER_SECOND = 500.0


async def run(rows: int, latency: float) -> dict[str, object]:
    async with FakeSmartlead(rate_limits=DEFAULT_RATE_LIMITS, latency=latency) as fake:
        campaign = fake.state.add_campaign("bench")
        leads = ({"email": f"lead{i}@bench.example"} for i in range(rows))
        async with SmartleadClient(fake.api_key, base_url=fake.base_url) as sl:
            report = await sl.leads.bulk_import(campaign.id, leads=leads)
        arrivals = [r.received_at for r in fake.state.requests if r.status == 200]
        span = max(arrivals) - min(arrivals)
        sustained = (len(arrivals) - 1) * 100 / span
        return {
            "latency_s": latency,
            "rows": rows,
            "uploaded": report.uploaded,
            "batches": report.batches,
            "429s": fake.state.rate_limited,
            "sustained_rows_per_s": round(sustained, 1),
            "sustained_ratio": round(sustained / LIMIT_ROWS_PER_SECOND, 3),
            "end_to_end_rows_per_s": round(report.uploaded / report.elapsed, 1),
            "wall_s": round(report.elapsed, 2),
        }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--json", help="write the rows to this JSON file")
    args = parser.parse_args(argv)
    results = [asyncio.run(run(args.rows, latency)) for latency in (0.2, 2.0)]
    print_table(results)
    write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
