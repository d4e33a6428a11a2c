"""Rate-gate benchmark: achieved request rate against a strict sliding-window server.

Every row sends ``--requests`` requests through one API key to the fake server, which enforces the
rule strictly (a request is refused with 429 when N accepted requests already lie in the last W
seconds). The achieved rate is measured on the server: (accepted - 1) / (last arrival - first
arrival). It is reported as a ratio of the allowed rate N/W, next to the 429 count. The baseline
row is a naively sized ``AsyncLimiter(N, W)`` in front of the same client, measured in the same run.

    python benchmarks/bench_gate.py                    # default rule 10/2, 60 requests per row
    python benchmarks/bench_gate.py --rate 10/2 --requests 100 --json results.json
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable

from _report import print_table, write_json
from aiolimiter import AsyncLimiter

from smartlead_async import RateFeedback, RateLimit, SmartleadClient
from smartlead_async.testing import FakeSmartlead


class NaiveGate:
    """The baseline: AsyncLimiter(N, W) as most code sizes it."""

    def __init__(self, rule: RateLimit) -> None:
        self._limiter = AsyncLimiter(rule.requests, rule.seconds)

    async def acquire(self) -> None:
        await self._limiter.acquire()

    async def observe(self, feedback: RateFeedback) -> None:
        return None


async def run_row(
    rule: RateLimit,
    requests: int,
    callers: int,
    naive: bool,
    clients: int,
    *,
    clock: Callable[[], float] = time.monotonic,
) -> dict[str, object]:
    """One row; ``clock`` is the fake's window clock (the tests run rows on virtual time)."""
    async with FakeSmartlead(rate_limits=[rule], clock=clock) as fake:
        naive_gate = NaiveGate(rule)
        sessions = [
            SmartleadClient(
                fake.api_key,
                base_url=fake.base_url,
                max_retries=0,
                rate_gate=naive_gate if naive else None,
                rate_limits=None if naive else [rule],
            )
            for _ in range(clients)
        ]
        queue: asyncio.Queue[int] = asyncio.Queue()
        for i in range(requests):
            queue.put_nowait(i)
        errors = 0

        async def caller(index: int) -> None:
            nonlocal errors
            client = sessions[index % clients]
            while not queue.empty():
                queue.get_nowait()
                try:
                    await client.campaigns.list()
                except Exception:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(caller(i) for i in range(callers)))
        wall = time.perf_counter() - started
        for client in sessions:
            await client.aclose()
        accepted = [r.received_at for r in fake.state.requests if r.status == 200]
        span = max(accepted) - min(accepted) if len(accepted) > 1 else float("nan")
        allowed = rule.requests / rule.seconds
        achieved = (len(accepted) - 1) / span
        return {
            "gate": "naive AsyncLimiter(N, W)" if naive else "smartlead_async (default)",
            "callers": callers,
            "clients": clients,
            "requests": requests,
            "accepted": len(accepted),
            "429s": fake.state.rate_limited,
            "achieved_rps": round(achieved, 3),
            "allowed_rps": allowed,
            "ratio": round(achieved / allowed, 3),
            "wall_s": round(wall, 2),
        }


def parse_rate(text: str) -> RateLimit:
    count, _, seconds = text.partition("/")
    return RateLimit(int(count), float(seconds))


async def run_all(rule: RateLimit, requests: int) -> list[dict[str, object]]:
    """Run every row in one process, so that ratios compare like with like."""
    plans: list[tuple[int, bool, int]] = [
        (1, False, 1),
        (10, False, 1),
        (50, False, 1),
        (200, False, 1),
        (50, False, 5),  # five clients of one key (a client per request): one shared gate
        (50, True, 1),
    ]
    return [
        await run_row(rule, requests, callers, naive, clients) for callers, naive, clients in plans
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=parse_rate, default=RateLimit(10, 2.0), help="N/W")
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--json", help="write the rows to this JSON file")
    args = parser.parse_args(argv)
    rows = asyncio.run(run_all(args.rate, args.requests))
    print_table(rows)
    write_json(args.json, {"rule": f"{args.rate.requests}/{args.rate.seconds}", "rows": rows})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
