"""The SDK against raw aiohttp, on an instant stub in another process: what the SDK itself costs.

The stub (``_instant_stub.py``) answers every request at once, so the client process is the
bottleneck and its CPU is the SDK's cost. One run measures, side by side:

* bulk import (100-row add-leads batches): requests/s and client CPU microseconds per row, for a
  raw aiohttp loop (``json.dumps`` + POST + ``json()``), the same loop with orjson, and
  ``client.leads.bulk_import``; at 16 and 64 in flight; on the default loop and on uvloop;
* a small GET (``client.campaigns.get`` against ``session.get`` + ``json()``): requests/s and
  client CPU microseconds per request, 16 in flight;
* the CLI against the library on one CSV: seconds from process start to the first add-leads
  request, and rows/s of the whole import;
* ``import smartlead_async`` against ``import aiohttp``, each in a fresh interpreter.

Each figure is the best of ``--repeat`` interleaved runs (wall and CPU taken separately); the
``target`` column states the goal and ``met`` whether this run meets it.

    python benchmarks/bench_instant_stub.py [--quick] [--json results.json]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import aiohttp
from _report import print_table, write_json

from smartlead_async import RateLimit, SmartleadClient

try:
    import orjson
except ImportError:  # the raw + orjson column is left out
    orjson = None
try:
    import uvloop
except ImportError:  # the uvloop rows are left out
    uvloop = None

HERE = Path(__file__).resolve().parent
API_KEY = "bench-key-0123456789"
UNTHROTTLED = [RateLimit(1_000_000, 1)]
Measure = tuple[float, float]  # (wall seconds, CPU seconds)


@contextlib.contextmanager
def stub_process() -> Iterator[str]:
    """The stub in a child process; yields its base URL."""
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "_instant_stub.py")], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        port = proc.stdout.readline().split()[-1]
        yield f"http://127.0.0.1:{port}/api/v1"
    finally:
        proc.terminate()
        proc.wait()


def leads(prefix: str, count: int) -> Iterator[dict[str, object]]:
    for i in range(count):
        yield {"email": f"{prefix}{i}@bench.example", "first_name": f"F{i}", "company_name": "C"}


async def _timed(work: Callable[[], Awaitable[None]]) -> Measure:
    wall, cpu = time.perf_counter(), time.process_time()
    await work()
    return time.perf_counter() - wall, time.process_time() - cpu


def _codec(kind: str) -> tuple[Callable[[object], bytes], Callable[[bytes], object]]:
    if kind == "orjson":
        assert orjson is not None
        return orjson.dumps, orjson.loads
    return (lambda value: json.dumps(value).encode()), json.loads


async def raw_bulk(base: str, rows: int, in_flight: int, codec: str) -> Measure:
    dumps, loads = _codec(codec)
    url, params = f"{base}/campaigns/1/leads", {"api_key": API_KEY}
    source = leads(f"raw-{codec}-", rows)
    headers = {"Content-Type": "application/json"}
    async with aiohttp.ClientSession() as session:

        async def worker() -> None:
            while chunk := [row for _, row in zip(range(100), source, strict=False)]:
                body = dumps({"lead_list": chunk, "settings": {}})
                async with session.post(url, params=params, data=body, headers=headers) as resp:
                    resp.raise_for_status()
                    loads(await resp.read())

        async def work() -> None:
            await asyncio.gather(*(worker() for _ in range(in_flight)))

        return await _timed(work)


async def sdk_bulk(base: str, rows: int, in_flight: int) -> Measure:
    async with SmartleadClient(API_KEY, base_url=base, rate_limits=UNTHROTTLED) as sl:

        async def work() -> None:
            report = await sl.leads.bulk_import(1, leads=leads("sdk-", rows), concurrency=in_flight)
            assert report.uploaded == rows, report.counts

        return await _timed(work)


async def raw_get(base: str, requests: int, in_flight: int, codec: str) -> Measure:
    _, loads = _codec(codec)
    url, params = f"{base}/campaigns/1", {"api_key": API_KEY}
    async with aiohttp.ClientSession() as session:

        async def worker(count: int) -> None:
            for _ in range(count):
                async with session.get(url, params=params) as resp:
                    resp.raise_for_status()
                    loads(await resp.read())

        async def work() -> None:
            await asyncio.gather(*(worker(requests // in_flight) for _ in range(in_flight)))

        return await _timed(work)


async def sdk_get(base: str, requests: int, in_flight: int) -> Measure:
    async with SmartleadClient(API_KEY, base_url=base, rate_limits=UNTHROTTLED) as sl:

        async def worker(count: int) -> None:
            for _ in range(count):
                await sl.campaigns.get(1)

        async def work() -> None:
            await asyncio.gather(*(worker(requests // in_flight) for _ in range(in_flight)))

        return await _timed(work)


def _loop_factory(loop: str) -> Callable[[], asyncio.AbstractEventLoop]:
    if loop == "uvloop":
        assert uvloop is not None
        return uvloop.new_event_loop
    return asyncio.new_event_loop


def on_loop(loop: str, coro: Awaitable[Measure]) -> Measure:
    with asyncio.Runner(loop_factory=_loop_factory(loop)) as runner:
        return runner.run(coro)  # type: ignore[arg-type]


def _best(runs: list[Measure]) -> Measure:
    return min(wall for wall, _ in runs), min(cpu for _, cpu in runs)


def _row(
    measure: str,
    loop: str,
    in_flight: object,
    figures: dict[str, Any],
    *,
    ratio: float,
    target: str,
) -> dict[str, Any]:
    met: bool | str = "-"  # a figure the issue sets no target for
    if target != "-":
        limit = float(target.rsplit(maxsplit=1)[-1])
        met = ratio >= limit if target.startswith(">=") else ratio <= limit
    return {
        "measure": measure,
        "loop": loop,
        "in_flight": in_flight,
        "raw": figures.get("raw", ""),
        "raw+orjson": figures.get("orjson", ""),
        "sdk": figures.get("sdk", ""),
        "sdk/raw": round(ratio, 3),
        "target": target,
        "met": met,
    }


def client_figures(base: str, loops: list[str], rows: int, gets: int, repeat: int) -> list[Any]:
    codecs = ["raw", "orjson"] if orjson is not None else ["raw"]
    results: list[dict[str, Any]] = []
    sdk_rps: dict[tuple[str, int], float] = {}
    for loop in loops:
        for in_flight in (16, 64):
            runs: dict[str, list[Measure]] = {name: [] for name in [*codecs, "sdk"]}
            for _ in range(repeat):
                for codec in codecs:
                    runs[codec].append(on_loop(loop, raw_bulk(base, rows, in_flight, codec)))
                runs["sdk"].append(on_loop(loop, sdk_bulk(base, rows, in_flight)))
            best = {name: _best(measures) for name, measures in runs.items()}
            batches = rows / 100
            rps = {name: round(batches / wall, 1) for name, (wall, _) in best.items()}
            cpu = {name: round(c / rows * 1e6, 2) for name, (_, c) in best.items()}
            sdk_rps[loop, in_flight] = rps["sdk"]
            results.append(
                _row(
                    "bulk requests/s",
                    loop,
                    in_flight,
                    rps,
                    ratio=rps["sdk"] / rps["raw"],
                    target=">= 0.6",
                )
            )
            results.append(
                _row(
                    "bulk CPU us/row",
                    loop,
                    in_flight,
                    cpu,
                    ratio=cpu["sdk"] / cpu["raw"],
                    target="<= 2.0",
                )
            )
        runs = {name: [] for name in [*codecs, "sdk"]}
        for _ in range(repeat):
            for codec in codecs:
                runs[codec].append(on_loop(loop, raw_get(base, gets, 16, codec)))
            runs["sdk"].append(on_loop(loop, sdk_get(base, gets, 16)))
        best = {name: _best(measures) for name, measures in runs.items()}
        rps = {name: round(gets / wall, 1) for name, (wall, _) in best.items()}
        cpu = {name: round(c / gets * 1e6, 1) for name, (_, c) in best.items()}
        results.append(
            _row("GET requests/s", loop, 16, rps, ratio=rps["sdk"] / rps["raw"], target=">= 0.6")
        )
        results.append(
            _row(
                "GET CPU us/request", loop, 16, cpu, ratio=cpu["sdk"] / cpu["raw"], target="<= 1.2"
            )
        )
    if "uvloop" in loops:
        for in_flight in (16, 64):
            ratio = sdk_rps["uvloop", in_flight] / sdk_rps["default", in_flight]
            figures = {"sdk": sdk_rps["uvloop", in_flight]}
            results.append(
                _row(
                    "bulk req/s, uvloop / default",
                    "uvloop",
                    in_flight,
                    figures,
                    ratio=ratio,
                    target=">= 1.0",
                )
            )
    return results


def _import_seconds(statement: str) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def import_figures(repeat: int) -> list[dict[str, Any]]:
    """Each statement in a fresh interpreter, interleaved, best of at least five."""
    statements = {
        "raw": "import aiohttp",
        "package": "import smartlead_async",
        "client": "from smartlead_async import SmartleadClient",
        "leads": "from smartlead_async import SmartleadClient; SmartleadClient('k').leads",
    }
    runs: dict[str, list[float]] = {name: [] for name in statements}
    for _ in range(max(repeat, 5)):
        for name, statement in statements.items():
            runs[name].append(_import_seconds(statement))
    best = {name: round(min(times) * 1000, 1) for name, times in runs.items()}
    return [
        _row(
            f"import ms: {statements[name]}",
            "-",
            "-",
            {"raw": best["raw"], "sdk": best[name]},
            ratio=best[name] / best["raw"],
            target="<= 1.2",
        )
        for name in ("package", "client", "leads")
    ]


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Email", "First Name", "Company"])
        writer.writerows((f"cli{i}@bench.example", f"F{i}", "C") for i in range(rows))


def library_child(path: str, base: str) -> None:
    """Runs in a fresh process: the library's import of the CSV, the way a script would do it."""

    def rows() -> Iterator[dict[str, object]]:
        with open(path, newline="") as handle:
            reader = csv.reader(handle)
            next(reader)
            for email, first, company in reader:
                yield {"email": email, "first_name": first, "company_name": company}

    async def go() -> dict[str, float]:
        async with SmartleadClient(API_KEY, base_url=base, rate_limits=UNTHROTTLED) as sl:
            report = await sl.leads.bulk_import(1, leads=rows())
        return {"rows": report.uploaded, "elapsed_s": report.elapsed}

    print(json.dumps(asyncio.run(go())))


async def _stub_stats(base: str, method: str) -> dict[str, Any]:
    root = base.removesuffix("/api/v1")
    async with aiohttp.ClientSession() as session:
        path = "/__stats" if method == "GET" else "/__reset"
        async with session.request(method, root + path) as resp:
            result: dict[str, Any] = await resp.json()
            return result


def _first_request(
    base: str, command: list[str], env: dict[str, str]
) -> tuple[float, dict[str, Any]]:
    """Seconds from spawning ``command`` to the stub's first add-leads request; its JSON output."""
    asyncio.run(_stub_stats(base, "POST"))
    started = time.time()
    out = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    stats = asyncio.run(_stub_stats(base, "GET"))
    if stats["first_post"] is None:
        raise RuntimeError(f"{command[:4]} sent nothing: {out.stderr[-2000:]}")
    return stats["first_post"] - started, json.loads(out.stdout)


def cli_figures(base: str, rows: int, repeat: int) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "leads.csv"
        write_csv(path, rows)
        library = [sys.executable, __file__, "--library-child", str(path), base]
        cli = [
            sys.executable, "-m", "smartlead_async", "import", str(path), "--campaign", "1",
            "--base-url", base, "--rate", "1000000/1", "--json", "--no-progress",
        ]  # fmt: skip
        env = dict(os.environ, SMARTLEAD_API_KEY=API_KEY)
        first: dict[str, list[float]] = {"library": [], "cli": []}
        rate: dict[str, list[float]] = {"library": [], "cli": []}
        for _ in range(repeat):
            for name, command in (("library", library), ("cli", cli)):
                for leftover in Path(tmp).glob("leads.csv.*"):
                    leftover.unlink()
                seconds, summary = _first_request(base, command, env)
                key = "rows" if name == "library" else "uploaded"
                assert summary[key] == rows, summary
                first[name].append(seconds)
                rate[name].append(rows / summary["elapsed_s"])
    lib_first, cli_first = min(first["library"]), min(first["cli"])
    lib_rate, cli_rate = max(rate["library"]), max(rate["cli"])
    return [
        _row(
            f"first request s, {rows:,}-row CSV (sdk - raw)",
            "default",
            16,
            {"raw": f"library {lib_first:.3f}", "sdk": f"cli {cli_first:.3f}"},
            ratio=cli_first - lib_first,
            target="<= 0.2",
        ),
        _row(
            f"import rows/s, {rows:,}-row CSV",
            "default",
            16,
            {"raw": f"library {lib_rate:,.0f}", "sdk": f"cli {cli_rate:,.0f}"},
            ratio=cli_rate / lib_rate,
            target="-",
        ),
    ]


def main(argv: list[str]) -> int:
    if argv[:1] == ["--library-child"]:
        library_child(argv[1], argv[2])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller runs, one repeat")
    parser.add_argument("--repeat", type=int, help="runs per figure (default 3, quick 1)")
    parser.add_argument("--json", help="write the results to this JSON file")
    args = parser.parse_args(argv)
    repeat = args.repeat or (1 if args.quick else 3)
    rows, gets, csv_rows = (20_000, 2_000, 100_000) if args.quick else (100_000, 8_000, 1_000_000)
    loops = ["default", "uvloop"] if uvloop is not None else ["default"]
    with stub_process() as base:
        results = client_figures(base, loops, rows, gets, repeat)
        results += cli_figures(base, csv_rows, repeat if args.quick else 1)
    results += import_figures(repeat)
    print_table(results)
    write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
