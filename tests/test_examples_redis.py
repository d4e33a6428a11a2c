"""The many-worker FastAPI example runs end to end and exits 0 (it needs a real redis-server)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from smartlead_async.testing import RedisServer

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("own_server", [True, False], ids=["starts-redis", "REDIS_URL"])
def test_fastapi_multiworker_handles_each_duplicated_delivery_once(
    redis_server: RedisServer, own_server: bool
) -> None:
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    if not own_server:
        env["REDIS_URL"] = redis_server.url
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "fastapi_multiworker.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "uvicorn workers: 2"
    events = lines[1:4]
    assert [line.split()[0] for line in events] == ["EMAIL_SENT", "EMAIL_OPEN", "EMAIL_REPLY"]
    for line in events:
        assert "first post 200, 6 more copies answered 6x200 0x503" in line
        assert line.endswith("handled 1 time(s)")
    assert lines[-1] == "stopped every process"
