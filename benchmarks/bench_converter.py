"""Converter benchmark: what the first decode of a response costs a freshly built client.

cattrs generates each model's decoding function the first time it meets the class. A client
that builds its own converter pays that on its first decode of every model; the client-per-
request pattern (a new ``SmartleadClient`` in each web request) pays it on every request. Rows,
each the median of ``--rounds`` fresh objects decoding a campaign list (``list[Campaign]``, with
tags) and a lead looked up by email (``Lead``, with its campaigns):

* ``fresh converter``: a new ``make_converter()`` per round, then its first decode: the cost of
  a converter per client, measured in this run as the baseline;
* ``fresh client``: a new ``SmartleadClient`` per round, then its first decode through the
  client's own pipeline: whatever the installed SDK's clients do;
* ``warm``: the same converter decoding again.

    python benchmarks/bench_converter.py [--rounds 200] [--json results.json]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from _report import print_table, write_json

from smartlead_async import SmartleadClient
from smartlead_async._convert import make_converter
from smartlead_async.models import Campaign, Lead

API_KEY = "bench-key-0000000000"
CAMPAIGNS = [
    {
        "id": 372 + i,
        "user_id": 124,
        "created_at": "2022-05-26T03:47:31.448094+00:00",
        "updated_at": "2022-05-26T03:47:31.448094+00:00",
        "status": "ACTIVE",
        "name": f"Campaign {i}",
        "track_settings": ["DONT_REPLY_TO_AN_EMAIL"],
        "min_time_btwn_emails": "10",
        "max_leads_per_day": 10,
        "client_id": 22,
        "tags": [{"tag_id": 1, "tag_name": "x", "tag_color": "#fff"}],
    }
    for i in range(10)
]
LEAD = {
    "id": "627657",
    "first_name": "Ada",
    "email": "ada@example.com",
    "created_at": "2023-10-16 10:33:02.000Z",
    "custom_fields": {"Title": "CTO"},
    "lead_campaign_data": [{"campaign_id": 372, "campaign_name": "x", "campaign_lead_map_id": 2}],
}
CASES: tuple[tuple[str, object, Any], ...] = (
    ("list[Campaign]", CAMPAIGNS, list[Campaign]),
    ("Lead", LEAD, Lead),
)


def median_us(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1e6, 1)


def decode_time(decode: Callable[[Any, Any], object], payload: Any, type_: Any) -> float:
    start = time.perf_counter()
    decode(payload, type_)
    return time.perf_counter() - start


async def fresh_client_decode(payload: Any, type_: Any) -> float:
    client = SmartleadClient(API_KEY, base_url="http://127.0.0.1:9")
    try:
        # The pipeline's own converter: one per client before the shared one, shared after.
        return decode_time(client._pipeline.decode, payload, type_)
    finally:
        await client.aclose()


async def run_case(rounds: int, payload: Any, type_: Any) -> dict[str, list[float]]:
    # Each converter is built before its clock starts: only its first decode is timed.
    fresh = [decode_time(make_converter().structure, payload, type_) for _ in range(rounds)]
    clients = [await fresh_client_decode(payload, type_) for _ in range(rounds)]
    warm_converter = make_converter()
    warm_converter.structure(payload, type_)
    warm = [decode_time(warm_converter.structure, payload, type_) for _ in range(rounds)]
    return {"fresh converter": fresh, "fresh client": clients, "warm": warm}


async def run(rounds: int) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for name, payload, type_ in CASES:
        timings = await run_case(rounds, payload, type_)
        baseline = statistics.median(timings["fresh converter"])
        for label, samples in timings.items():
            rows.append(
                {
                    "payload": name,
                    "first decode by": label,
                    "median_us": median_us(samples),
                    "fresh converter / this": round(baseline / statistics.median(samples), 1),
                }
            )
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--json", help="write the rows to this JSON file")
    args = parser.parse_args(argv)
    rows = asyncio.run(run(args.rounds))
    print_table(rows)
    write_json(args.json, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
