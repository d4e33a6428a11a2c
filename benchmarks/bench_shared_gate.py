"""Shared-gate benchmark: many processes on one API key, against a strict sliding-window server.

Each row starts a fresh ``redis-server`` on a free loopback port (persistence off), the strict fake
SmartLead in this process, and N client processes (this script with ``--child``), each running C
tasks that send GET /campaigns through ``SmartleadClient(key, base_url=fake, rate_gate=...)`` with
``max_retries=0``, so every request reaches the server exactly once. The children start together
(each reports ready, then all are told to go). Everything started is stopped by PID, on errors and
on Ctrl-C or SIGTERM too.

Measured per row:

* ``requests`` / ``accepted`` / ``429s``: counted by the fake server;
* ``util``: achieved ÷ allowed rate, at the server: (accepted - 1) / (last - first arrival) ÷ N/W;
  ``util_ss`` is the same from the N-th accepted arrival on (a gate may send N at once at the
  start, which ``util`` counts as rate; over k windows that inflates it by about N/k);
* ``rt/req``: Redis round trips per request, counted in the children by a connection class that
  counts every packed send (a pipeline is one), connection handshakes apart; ``conns``: Redis
  connections opened per process (the handshakes, ~2 round trips each, are not in ``rt/req``);
  ``rt_first``: round trips per process until its first admission returned (its pause-channel
  SUBSCRIBE, the "come back" replies of the start-up fence, the reservation), a fixed cost that
  short rows do not amortise; ``rt/later``: round trips per admission after each process's first;
* ``wait_ms``: mean time in ``acquire()`` (queueing included); the ``admission`` rows measure
  ``acquire()`` uncontended (one task, paced below the rate): the first admission apart
  (``first_ms``: a fresh Redis may fence it), then p50, p99 and mean of the others.

Scenarios: ``baseline`` (a local gate per process: the problem), ``shared`` (RedisRateGate),
``skew`` (every process's ``time.time``/``time.monotonic`` — and so the event loop's clock —
shifted by a constant spread evenly over ±150 ms), ``spread`` (0-100 ms of random delay between
admission and send), ``restart`` (Redis stopped and started by PID: all state lost), ``stall``
(SIGSTOP for 1.5 s, then SIGCONT) and ``outage`` (Redis down for 20 s). Fault rows add:
``in_fault`` (arrivals while Redis was away), ``unguarded`` (those later than the horizon, two
lengthened windows, plus 0.25 s after the fault began: past any slot reserved before it),
``first_after_s`` (Redis back → next arrival), ``fence_from_s`` (Redis back → the epoch marker
that the first admission after it wrote, where the lost-state fence starts), ``full_rate_s``
(Redis back → first time N - 1 accepted arrivals lie within one window), ``paced_rate_s``
(Redis back → start of the first run of N arrivals at the gate's full paced rate) and
``util_ss_before``/``util_ss_after`` (steady utilisation on each side of the fault).

    python benchmarks/bench_shared_gate.py                  # every row, 150 requests each (~8 min)
    python benchmarks/bench_shared_gate.py --quick          # 60 requests, no 16-process/outage rows
    python benchmarks/bench_shared_gate.py --only shared,skew --json shared.json
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import itertools
import json
import math
import random
import signal
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import redis.asyncio as aioredis
from _redis import BINARY, CountingConnection, RedisServer, counting_client
from _report import print_table, write_json

from smartlead_async import (
    APIKey,
    LocalRateGate,
    RateFeedback,
    RateGate,
    RateLimit,
    SmartleadClient,
)
from smartlead_async.testing import DEFAULT_TEST_API_KEY, FakeSmartlead

#: What ``SmartleadClient(rate_gate=...)`` calls to build a key's gate.
GateFactory = Callable[[APIKey, str, Sequence[RateLimit]], RateGate]


@dataclass(frozen=True)
class Scenario:
    """One row: who shares the key, and what happens to Redis meanwhile."""

    name: str
    gate: str  # "local" (LocalRateGate per process) or "redis" (RedisRateGate)
    processes: int
    tasks: int = 50
    skew: float = 0.0  # clocks spread evenly over ± this many seconds across the processes
    spread: float = 0.0  # random delay up to this many seconds between admission and send
    fault: str | None = None  # "restart", "stall" or "outage"
    fault_for: float = 0.0
    pace: float = 0.0  # each task sleeps this long after a request (uncontended admission)
    requests: int | None = None  # overrides --requests


def plan(quick: bool) -> list[Scenario]:
    """The rows, in the order they run."""
    rows = [
        Scenario("baseline", "local", 2),
        Scenario("baseline", "local", 4),
        Scenario("shared", "redis", 1),
        Scenario("shared", "redis", 4),
        Scenario("shared", "redis", 8),
    ]
    if not quick:
        rows.append(Scenario("shared", "redis", 16))
    rows += [
        Scenario("skew", "redis", 4, skew=0.150),
        Scenario("spread", "redis", 4, spread=0.100),
        Scenario("restart", "redis", 4, fault="restart"),
        Scenario("stall", "redis", 4, fault="stall", fault_for=1.5),
    ]
    if not quick:
        rows.append(Scenario("outage", "redis", 4, fault="outage", fault_for=20.0))
    paced = 25 if quick else 60
    rows += [
        Scenario("admission", "local", 1, tasks=1, pace=0.3, requests=paced),
        Scenario("admission", "redis", 1, tasks=1, pace=0.3, requests=paced),
    ]
    return rows


# --- the child: one client process -------------------------------------------------------------


class MeasuredGate:
    """Wraps the process's gate: times ``acquire()`` and adds the admission-to-send delay."""

    def __init__(self, inner: RateGate, spread: float, rng: random.Random) -> None:
        self._inner = inner
        self._spread = spread
        self._rng = rng
        self.waits: list[float] = []
        #: The process's Redis round trips when its first admission returned.
        self.round_trips_at_first: int | None = None

    async def acquire(self) -> None:
        started = time.perf_counter()  # never skewed: only monotonic and wall clocks are
        await self._inner.acquire()
        self.waits.append(time.perf_counter() - started)
        if self.round_trips_at_first is None:
            self.round_trips_at_first = CountingConnection.round_trips
        if self._spread:
            await asyncio.sleep(self._rng.uniform(0.0, self._spread))

    async def observe(self, feedback: RateFeedback) -> None:
        await self._inner.observe(feedback)


class MeasuredFactory:
    """A gate factory that wraps each gate ``inner`` builds in a :class:`MeasuredGate`.

    Hashable by identity, as the client's gate registry requires of a factory.
    """

    def __init__(self, inner: GateFactory, spread: float, rng: random.Random) -> None:
        self._inner = inner
        self._spread = spread
        self._rng = rng
        self.gates: list[MeasuredGate] = []

    def __call__(self, api_key: APIKey, base_url: str, limits: Sequence[RateLimit]) -> RateGate:
        gate = MeasuredGate(self._inner(api_key, base_url, limits), self._spread, self._rng)
        self.gates.append(gate)
        return gate


def local_gate(api_key: APIKey, base_url: str, limits: Sequence[RateLimit]) -> RateGate:
    """The factory of the baseline: a :class:`LocalRateGate` of this process alone."""
    return LocalRateGate(limits)


def skew_clocks(offset: float) -> None:
    """Shift this process's wall and monotonic clocks by ``offset`` seconds.

    asyncio's ``loop.time()`` reads ``time.monotonic()``, so the loop's clock moves with them;
    ``perf_counter`` (the measurements) is left alone.
    """
    wall, mono = time.time, time.monotonic
    wall_ns, mono_ns = time.time_ns, time.monotonic_ns
    shift_ns = round(offset * 1e9)
    time.time = lambda: wall() + offset
    time.monotonic = lambda: mono() + offset
    time.time_ns = lambda: wall_ns() + shift_ns
    time.monotonic_ns = lambda: mono_ns() + shift_ns


async def _read_line() -> str:
    return await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)


async def run_child(config: dict[str, Any]) -> dict[str, Any]:
    """Send ``config["requests"]`` requests from ``config["tasks"]`` tasks; return the counts."""
    if config["skew"]:
        skew_clocks(config["skew"])
    rule = RateLimit(*config["rule"])
    redis: aioredis.Redis | None = None
    inner: GateFactory = local_gate
    if config["gate"] == "redis":
        # Imported after the clocks are skewed, so that the gate sees the skewed clocks even if
        # it binds them at import time (``from time import time``).
        from smartlead_async.redis import redis_rate_gate  # noqa: PLC0415

        redis = counting_client(config["redis_url"])
        await redis.ping()
        inner = redis_rate_gate(redis, safety_margin=config["margin"])
    factory = MeasuredFactory(inner, config["spread"], random.Random(config["index"]))
    errors: collections.Counter[str] = collections.Counter()
    remaining = config["requests"]
    try:
        async with SmartleadClient(
            config["api_key"],
            base_url=config["base_url"],
            rate_limits=[rule],
            max_retries=0,
            rate_gate=factory,
        ) as client:
            print("ready", flush=True)
            if (await _read_line()).strip() != "go":
                return {}
            round_trips = CountingConnection.round_trips

            async def worker() -> None:
                nonlocal remaining
                while remaining > 0:
                    remaining -= 1
                    try:
                        await client.campaigns.list()
                    except Exception as error:  # every failure is counted, none ends the run
                        errors[type(error).__name__] += 1
                    if config["pace"]:
                        await asyncio.sleep(config["pace"])

            await asyncio.gather(*(worker() for _ in range(config["tasks"])))
            firsts = [g.round_trips_at_first for g in factory.gates]
            firsts_seen = [n for n in firsts if n is not None]
            first_round_trips = min(firsts_seen, default=round_trips) - round_trips
            round_trips = CountingConnection.round_trips - round_trips
    finally:
        if redis is not None:
            await redis.aclose()
    return {
        "waits": [wait for gate in factory.gates for wait in gate.waits],
        "round_trips": round_trips,
        "first_round_trips": first_round_trips,
        "connections": CountingConnection.connections,
        "errors": dict(errors),
    }


def child_main(config_json: str) -> int:
    """Entry point of ``--child``: one JSON line of results on stdout."""
    result = asyncio.run(run_child(json.loads(config_json)))
    print(json.dumps(result), flush=True)
    return 0


# --- the parent: servers, children, faults and the table ---------------------------------------


def utilisation(arrivals: Sequence[float], allowed: float) -> float:
    """(accepted - 1) / (last - first) ÷ allowed; NaN with fewer than two arrivals."""
    if len(arrivals) < 2 or arrivals[-1] == arrivals[0]:
        return math.nan
    return (len(arrivals) - 1) / (arrivals[-1] - arrivals[0]) / allowed


def steady_utilisation(arrivals: Sequence[float], rule: RateLimit) -> float:
    """Utilisation from the N-th arrival on: the first N may share one instant (the window
    allows it), which inflates :func:`utilisation` on short runs of a gate that bursts N."""
    return utilisation(arrivals[rule.requests - 1 :], rule.requests / rule.seconds)


def full_rate_at(arrivals: Sequence[float], rule: RateLimit) -> float:
    """The first arrival with N - 1 accepted arrivals in the window ending there (NaN if none)."""
    need = rule.requests - 1
    for i in range(need - 1, len(arrivals)):
        if arrivals[i] - arrivals[i - need + 1] < rule.seconds:
            return arrivals[i]
    return math.nan


def paced_rate_from(arrivals: Sequence[float], rule: RateLimit, margin: float) -> float:
    """The first arrival from which the next N - 1 come at the gate's full paced rate.

    The shared gate paces one slot per ``W (1 + margin) / N``, so a stream at full rate needs
    most of a window before N - 1 of its arrivals fit in one (what :func:`full_rate_at` asks);
    this tells when that stream began (gaps up to 1.5 paced intervals allowed).
    """
    need = rule.requests - 1
    gap = 1.5 * rule.seconds * (1 + margin) / rule.requests
    for i in range(len(arrivals) - need):
        run = arrivals[i : i + need + 1]
        if all(b - a <= gap for a, b in itertools.pairwise(run)):
            return arrivals[i]
    return math.nan


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in [0, 1])."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else math.nan


class Child:
    """One client process, started by PID and always reaped."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self._stderr = asyncio.ensure_future(self._drain_stderr())
        self.stderr = b""

    async def _drain_stderr(self) -> None:
        assert self.process.stderr is not None
        self.stderr = await self.process.stderr.read()

    @classmethod
    async def start(cls, config: dict[str, Any]) -> Child:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            __file__,
            "--child",
            json.dumps(config),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        return cls(process)

    async def _line(self) -> bytes:
        assert self.process.stdout is not None
        line = await self.process.stdout.readline()
        if not line:
            await self.process.wait()
            await self._stderr
            raise RuntimeError(
                f"child {self.process.pid} exited ({self.process.returncode}):\n"
                + self.stderr.decode(errors="replace")[-2000:]
            )
        return line

    async def ready(self) -> None:
        if (await self._line()).strip() != b"ready":
            raise RuntimeError(f"child {self.process.pid} did not report ready")

    def go(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"go\n")

    async def result(self) -> dict[str, Any]:
        outcome: dict[str, Any] = json.loads(await self._line())
        await self.process.wait()
        return outcome

    async def stop(self) -> None:
        """Kill the process by PID unless it has exited; reap it either way."""
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
        await self.process.wait()
        with contextlib.suppress(Exception):
            await self._stderr


async def inject(server: RedisServer, scenario: Scenario, at: float) -> tuple[float, float, float]:
    """Wait ``at`` seconds, apply the scenario's fault; return its (start, end) on the fake's clock
    and its end in wall-clock time (the clock Redis's ``TIME`` reads on this host).

    Blocking process control runs in a thread: the fake shares this event loop, and a blocked loop
    would bunch up the arrival times it records.
    """
    await asyncio.sleep(at)
    start = time.monotonic()
    if scenario.fault == "restart":
        await asyncio.to_thread(server.restart)
    elif scenario.fault == "stall":
        server.stall()
        await asyncio.sleep(scenario.fault_for)
        server.resume()
    elif scenario.fault == "outage":
        await asyncio.to_thread(server.stop)
        await asyncio.sleep(scenario.fault_for)
        await asyncio.to_thread(server.start)
    return start, time.monotonic(), time.time()


def _shares(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


async def run_row(
    scenario: Scenario, rule: RateLimit, requests: int, margin: float
) -> dict[str, object]:
    """Run one scenario from fresh servers and return its row."""
    requests = scenario.requests or requests
    allowed = rule.requests / rule.seconds
    expected = requests / allowed * (1 + margin)
    server = RedisServer(BINARY) if BINARY else None
    children: list[Child] = []
    fault: asyncio.Future[tuple[float, float, float]] | None = None
    try:
        if server is not None:
            await asyncio.to_thread(server.start)
        async with FakeSmartlead(rate_limits=[rule]) as fake:
            offsets = [
                -scenario.skew + 2 * scenario.skew * i / max(1, scenario.processes - 1)
                for i in range(scenario.processes)
            ]
            for index, (share, offset) in enumerate(
                zip(_shares(requests, scenario.processes), offsets, strict=True)
            ):
                config = {
                    "index": index,
                    "gate": scenario.gate,
                    "redis_url": server.url if server else None,
                    "base_url": fake.base_url,
                    "api_key": DEFAULT_TEST_API_KEY,
                    "rule": [rule.requests, rule.seconds],
                    "margin": margin,
                    "requests": share,
                    "tasks": scenario.tasks,
                    "skew": offset if scenario.processes > 1 else 0.0,
                    "spread": scenario.spread,
                    "pace": scenario.pace,
                }
                children.append(await Child.start(config))
            for child in children:
                await child.ready()
            started = time.monotonic()
            for child in children:
                child.go()
            if scenario.fault and server is not None:
                fault = asyncio.ensure_future(inject(server, scenario, at=0.35 * expected))
            budget = 3 * expected + scenario.fault_for + 60
            async with asyncio.timeout(budget):
                results = await asyncio.gather(*(child.result() for child in children))
            wall = time.monotonic() - started
            window = await fault if fault is not None else None
            marker = await _epoch_marker(server) if window is not None and server else None
        return _row(
            scenario,
            rule,
            fake,
            results=results,
            window=window,
            marker=marker,
            margin=margin,
            wall=wall,
        )
    finally:
        if fault is not None and not fault.done():
            fault.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await fault
        for child in children:
            await child.stop()
        if server is not None:
            await asyncio.to_thread(server.close)


async def _epoch_marker(server: RedisServer) -> float | None:
    """When the gate's lost-state fence began (its epoch marker), in Unix seconds."""
    redis = aioredis.Redis.from_url(server.url)
    try:
        async for key in redis.scan_iter(match="*:state"):
            epoch = await redis.hget(key, "epoch")
            if epoch is not None:
                return int(epoch) / 1e6
        return None
    finally:
        await redis.aclose()


def _row(
    scenario: Scenario,
    rule: RateLimit,
    fake: FakeSmartlead,
    *,
    results: list[dict[str, Any]],
    window: tuple[float, float, float] | None,
    marker: float | None,
    margin: float,
    wall: float,
) -> dict[str, object]:
    allowed = rule.requests / rule.seconds
    logged = fake.state.requests
    accepted = sorted(r.received_at for r in logged if r.status == 200)
    waits = [w for result in results for w in result["waits"]]
    first, warm = (waits[0], waits[1:]) if scenario.pace else (math.nan, waits)
    admitted = max(1, len(waits))
    round_trips = sum(result["round_trips"] for result in results)
    first_round_trips = sum(result["first_round_trips"] for result in results)
    later = max(1, len(waits) - len(results))
    connections = sum(result["connections"] for result in results)
    errors: collections.Counter[str] = collections.Counter()
    for result in results:
        errors.update(result["errors"])
    errors.pop("RateLimitError", None)  # the 429s: counted at the server instead
    redis_gate = scenario.gate == "redis"
    row: dict[str, object] = {
        "scenario": scenario.name,
        "gate": scenario.gate,
        "procs": scenario.processes,
        "tasks": scenario.tasks,
    }
    if scenario.pace:
        row.update(
            {
                "requests": len(logged),
                "first_ms": round(1e3 * first, 1),
                "p50_ms": round(1e3 * percentile(warm, 0.50), 3),
                "p99_ms": round(1e3 * percentile(warm, 0.99), 3),
                "mean_ms": round(1e3 * sum(warm) / max(1, len(warm)), 3),
                "rt/req": round(round_trips / admitted, 2) if redis_gate else "-",
            }
        )
        return row
    row.update(
        {
            "requests": len(logged),
            "accepted": len(accepted),
            "429s": fake.state.rate_limited,
            "errors": ",".join(f"{k}:{v}" for k, v in sorted(errors.items())) or 0,
            "util": round(utilisation(accepted, allowed), 3),
            "util_ss": round(steady_utilisation(accepted, rule), 3),
            "rt/req": round(round_trips / admitted, 2) if redis_gate else "-",
            "rt_first": round(first_round_trips / len(results), 1) if redis_gate else "-",
            "rt/later": round((round_trips - first_round_trips) / later, 3) if redis_gate else "-",
            "conns": round(connections / scenario.processes, 1) if redis_gate else "-",
            "wait_ms": round(1e3 * sum(waits) / admitted, 1),
            "wall_s": round(wall, 1),
        }
    )
    if window is not None:
        start, end, end_wall = window
        before = [t for t in accepted if t < start]
        after = [t for t in accepted if t >= end]
        # A process may send on a slot it reserved before the fault, up to the gate's default
        # horizon (two lengthened windows) later, plus its send time (0.25 s, generous on
        # loopback); an arrival after that had no reservation.
        reserved_until = start + 2 * rule.seconds * (1 + margin) + 0.25
        row.pop("util")
        row.pop("util_ss")
        row.update(
            {
                "fault_s": round(end - start, 2),
                "in_fault": sum(1 for r in logged if start <= r.received_at < end),
                "unguarded": sum(1 for r in logged if reserved_until < r.received_at < end),
                "first_after_s": round(after[0] - end, 3) if after else "-",
                # An epoch older than the fault: Redis kept its state, so no fence.
                "fence_from_s": (
                    round(marker - end_wall, 3)
                    if marker and marker >= end_wall - (end - start)
                    else "-"
                ),
                "full_rate_s": round(full_rate_at(after, rule) - end, 3) if after else "-",
                "paced_rate_s": (
                    round(paced_rate_from(after, rule, margin) - end, 3) if after else "-"
                ),
                "util_ss_before": round(steady_utilisation(before, rule), 3),
                "util_ss_after": round(steady_utilisation(after, rule), 3),
            }
        )
    return row


def _redis_gate_missing() -> str | None:
    if BINARY is None:
        return "redis-server is not installed"
    try:
        from smartlead_async.redis import RedisRateGate  # noqa: PLC0415  (it may not exist yet)
    except (ImportError, AttributeError) as error:
        return f"RedisRateGate does not import: {error}"
    del RedisRateGate
    return None


async def run_all(
    scenarios: Sequence[Scenario], rule: RateLimit, requests: int, margin: float
) -> tuple[list[dict[str, object]], list[str]]:
    """Run the rows one after another; rows that need the Redis gate are skipped without it."""
    missing = _redis_gate_missing()
    rows: list[dict[str, object]] = []
    skipped: list[str] = []
    for scenario in scenarios:
        label = f"{scenario.name} {scenario.gate} x{scenario.processes}"
        if scenario.gate == "redis" and missing:
            skipped.append(f"{label}: {missing}")
            continue
        print(f"running {label} ...", file=sys.stderr, flush=True)
        rows.append(await run_row(scenario, rule, requests, margin))
        print(f"  {rows[-1]}", file=sys.stderr, flush=True)
    return rows, skipped


async def _main_task(args: argparse.Namespace, scenarios: Sequence[Scenario]) -> Any:
    # SIGTERM (a background run being stopped) unwinds like Ctrl-C: the finally blocks stop
    # every child and redis-server by PID.
    task = asyncio.current_task()
    assert task is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
    return await run_all(scenarios, args.rate, args.requests, args.margin)


def parse_rate(text: str) -> RateLimit:
    count, _, seconds = text.partition("/")
    return RateLimit(int(count), float(seconds))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        return child_main(argv[1])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=parse_rate, default=RateLimit(10, 2.0), help="N/W")
    parser.add_argument("--requests", type=int, default=None, help="per row (150; quick 60)")
    parser.add_argument("--margin", type=float, default=0.05, help="RedisRateGate safety_margin")
    parser.add_argument("--quick", action="store_true", help="fewer requests, fewer rows")
    parser.add_argument("--only", help="comma-separated scenario names (baseline,shared,...)")
    parser.add_argument("--json", help="write the rows to this JSON file")
    args = parser.parse_args(argv)
    args.requests = args.requests or (60 if args.quick else 150)
    scenarios = plan(args.quick)
    if args.only:
        wanted = set(args.only.split(","))
        scenarios = [s for s in scenarios if s.name in wanted]
    try:
        rows, skipped = asyncio.run(_main_task(args, scenarios))
    except (KeyboardInterrupt, asyncio.CancelledError):
        print("interrupted: every child and redis-server was stopped", file=sys.stderr)
        return 130
    print_table(rows)
    for line in skipped:
        print(f"skipped {line}")
    write_json(
        args.json,
        {
            "rule": f"{args.rate.requests}/{args.rate.seconds}",
            "margin": args.margin,
            "requests": args.requests,
            "scenarios": [asdict(s) for s in scenarios],
            "rows": rows,
            "skipped": skipped,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
