"""Run the fake SmartLead server standalone, for demos and manual curl.

    python -m smartlead_async.testing --port 8080 --rate 10/2 --latency 0.2 --fault-rate 0.05

Prints the base URL and the accepted API key, then serves until interrupted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys

from smartlead_async.testing._faults import FaultKind, Faults
from smartlead_async.testing._server import DEFAULT_TEST_API_KEY, FakeSmartlead
from smartlead_async.testing._windows import RateWindow


def _rate(text: str) -> RateWindow:
    count, slash, seconds = text.partition("/")
    if not slash:
        raise argparse.ArgumentTypeError("use N/SECONDS, e.g. 10/2")
    try:
        return RateWindow(int(count), float(seconds))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line of the standalone fake."""
    parser = argparse.ArgumentParser(
        prog="python -m smartlead_async.testing", description="A fake SmartLead API server."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    parser.add_argument(
        "--api-key",
        action="append",
        dest="api_keys",
        help=f"an accepted key (repeatable; default {DEFAULT_TEST_API_KEY})",
    )
    parser.add_argument(
        "--rate", type=_rate, action="append", default=[], help="N/SECONDS, repeatable"
    )
    parser.add_argument("--no-retry-after", action="store_true", help="429s without Retry-After")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per request")
    parser.add_argument("--latency-jitter", type=float, default=0.0, help="± seconds")
    parser.add_argument("--fault-rate", type=float, default=0.0, help="share of faulty requests")
    parser.add_argument(
        "--fault",
        action="append",
        choices=[kind.value for kind in FaultKind],
        help="fault kinds to inject (repeatable; default all)",
    )
    parser.add_argument("--seed", type=int, default=None)
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    """Start the fake and serve until cancelled."""
    fake = FakeSmartlead(
        api_keys=args.api_keys or (DEFAULT_TEST_API_KEY,),
        rate_limits=args.rate,
        send_retry_after=not args.no_retry_after,
        latency=args.latency,
        latency_jitter=args.latency_jitter,
        faults=Faults(args.fault_rate, tuple(args.fault or FaultKind)),
        seed=args.seed,
        host=args.host,
        port=args.port,
    )
    async with fake:
        print(f"FakeSmartlead listening on {fake.base_url}", flush=True)
        print(f"accepted api_key: {', '.join(fake.api_keys)}", flush=True)
        print(f"try: curl '{fake.base_url}/campaigns?api_key={fake.api_key}'", flush=True)
        await asyncio.Event().wait()


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m smartlead_async.testing``."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
