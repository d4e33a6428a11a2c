"""The standalone fake: `python -m smartlead_async.testing`, used the way curl would."""

from __future__ import annotations

import asyncio
import sys

import aiohttp
import pytest

from smartlead_async.testing.__main__ import parse_args


async def test_standalone_server_serves_requests() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "smartlead_async.testing",
        "--port",
        "0",
        "--api-key",
        "cli-key",
        "--rate",
        "10/2",
        "--seed",
        "1",
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        first = (await asyncio.wait_for(process.stdout.readline(), 20)).decode()
        base_url = first.strip().rsplit(" ", 1)[-1]
        assert base_url.startswith("http://127.0.0.1:")
        async with aiohttp.ClientSession() as http:
            async with http.post(
                f"{base_url}/campaigns/create?api_key=cli-key", json={"name": "x"}
            ) as r:
                assert r.status == 200
            async with http.get(f"{base_url}/campaigns?api_key=cli-key") as r:
                assert [c["name"] for c in await r.json()] == ["x"]
            async with http.get(f"{base_url}/campaigns?api_key=wrong") as r:
                assert r.status == 401
    finally:
        process.terminate()
        await process.wait()


def test_arguments() -> None:
    args = parse_args(
        ["--rate", "10/2", "--rate", "60/60", "--fault-rate", "0.1", "--fault", "drop"]
    )
    assert [(r.requests, r.seconds) for r in args.rate] == [(10, 2.0), (60, 60.0)]
    assert (args.fault_rate, args.fault) == (0.1, ["drop"])
    with pytest.raises(SystemExit):
        parse_args(["--rate", "ten"])
