"""Rate-gate benchmark on a jittery network: 429s and achieved rate behind random delay.

One process, one key, ``--callers`` concurrent callers for ``--seconds`` per row, against the fake
server enforcing the rule strictly (a request is refused with 429, without ``Retry-After``, when N
accepted requests already lie in the last W seconds of its arrival). Between the gate's admission
and the request's departure an aiohttp client middleware sleeps a seeded uniform delay of 0..J,
so requests admitted a window apart can arrive less than a window apart.

Rows, for each J:

- ``old``: the gate as it was: 2.5 % margin, every 429 without ``Retry-After`` pauses the key
  2 s, doubling while they come in a row;
- ``new``: the current gate, where a 429 pauses only until the window admits again: once with
  the old 2.5 % margin (the pause alone) and once with the margin chosen by the rule
  ``m >= J / W`` (``SmartleadClient(safety_margin=...)``); the two coincide for J = 50 ms.

Measured on the server: 429s per minute and the achieved rate (accepted - 1) / (last - first
accepted arrival) as a ratio of the allowed N/W. No gate that never draws a 429 can beat
W / (W + J) here: the arrival spread eats J of every window.

    python benchmarks/bench_gate_jitter.py                     # 45 s per row, four rows
    python benchmarks/bench_gate_jitter.py --seconds 30 --json jitter.json
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import sys
import time

import aiohttp
from _report import print_table, write_json

from smartlead_async import (
    LocalRateGate,
    RateFeedback,
    RateLimit,
    RateLimitError,
    SmartleadClient,
)
from smartlead_async.testing import FakeSmartlead

RULE = RateLimit(10, 2.0)
OLD_MARGIN = 0.025


class FixedBackoffGate(LocalRateGate):
    """The baseline: the gate before window-based pauses (2 s, 4 s, 8 s … after each 429)."""

    def __init__(self) -> None:
        super().__init__([RULE], safety_margin=OLD_MARGIN)
        self._in_a_row = 0

    async def observe(self, feedback: RateFeedback) -> None:
        if feedback.status == 429:
            self._in_a_row += 1
            pause = feedback.retry_after
            if pause is None:
                pause = 2.0 * 2.0 ** (self._in_a_row - 1)
            self._pause(pause, reason="429 (fixed backoff)")
        elif feedback.status < 400:
            self._in_a_row = 0


def delay_middleware(spread: float, seed: int) -> aiohttp.ClientMiddlewareType:
    """A client middleware sleeping 0..spread seconds before each request leaves."""
    rng = random.Random(seed)

    async def delay(
        request: aiohttp.ClientRequest, handler: aiohttp.ClientHandlerType
    ) -> aiohttp.ClientResponse:
        await asyncio.sleep(rng.uniform(0.0, spread))
        return await handler(request)

    return delay


async def run_row(
    spread: float, old: bool, margin: float, *, seconds: float, callers: int, seed: int
) -> dict[str, object]:
    async with (
        FakeSmartlead(rate_limits=[RULE], send_retry_after=False) as fake,
        aiohttp.ClientSession(middlewares=(delay_middleware(spread, seed),)) as session,
    ):
        client = (
            SmartleadClient(
                fake.api_key,
                base_url=fake.base_url,
                max_retries=0,
                session=session,
                rate_gate=FixedBackoffGate(),
            )
            if old
            else SmartleadClient(
                fake.api_key,
                base_url=fake.base_url,
                max_retries=0,
                session=session,
                rate_limits=[RULE],
                safety_margin=margin,
            )
        )
        deadline = time.monotonic() + seconds

        async def caller() -> None:
            while time.monotonic() < deadline:
                with contextlib.suppress(RateLimitError):  # the server counts them
                    await client.campaigns.list()

        await asyncio.gather(*(caller() for _ in range(callers)))
        await client.aclose()
    accepted = [r.received_at for r in fake.state.requests if r.status == 200]
    span = max(accepted) - min(accepted)
    allowed = RULE.requests / RULE.seconds
    return {
        "delay": f"0-{spread * 1000:.0f} ms",
        "gate": "old (2 s backoff)" if old else "new (window pause)",
        "margin": f"{margin:.1%}",
        "accepted": len(accepted),
        "429s": fake.state.rate_limited,
        "429s_per_min": round(fake.state.rate_limited * 60.0 / span, 2),
        "ratio": round((len(accepted) - 1) / span / allowed, 3),
        "best_0x429": round(RULE.seconds / (RULE.seconds + spread), 3),
    }


async def run_all(
    spreads: list[float], seconds: float, callers: int, seed: int
) -> list[dict[str, object]]:
    rows = []
    for spread in spreads:
        # The old gate; the new pause alone (old margin); the new pause with m = J / W.
        plans = [(True, OLD_MARGIN), (False, OLD_MARGIN)]
        if spread / RULE.seconds != OLD_MARGIN:
            plans.append((False, spread / RULE.seconds))
        for old, margin in plans:
            rows.append(
                await run_row(spread, old, margin, seconds=seconds, callers=callers, seed=seed)
            )
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=45.0, help="traffic per row")
    parser.add_argument("--callers", type=int, default=10)
    parser.add_argument("--spreads", type=float, nargs="+", default=[0.05, 0.3], help="J, s")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", help="write the rows to this JSON file")
    args = parser.parse_args(argv)
    rows = asyncio.run(run_all(args.spreads, args.seconds, args.callers, args.seed))
    print_table(rows)
    write_json(args.json, {"rule": f"{RULE.requests}/{RULE.seconds}", "rows": rows})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
