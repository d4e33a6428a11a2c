"""Many uvicorn workers, one API key: a shared rate gate and shared webhook dedupe in Redis.

Each worker process builds the app with :func:`create_app`: one client whose rate gate lives in
Redis (``redis_rate_gate``), so every worker draws on the key's one budget, and a webhook
receiver whose dedupe store lives in Redis (``RedisDedupe``), so a delivery that reaches two
workers runs its handler once. ``main()`` starts a ``redis-server`` (or uses ``REDIS_URL``), the
fake SmartLead server, and ``uvicorn --workers 2`` serving this module; the fake posts webhooks,
every delivery is posted again six times at once, as SmartLead's retries and duplicates do, and
the output shows each handled once. Every process it starts is stopped by PID.

    python examples/fastapi_multiworker.py
    uvicorn fastapi_multiworker:create_app --factory --workers 4 --app-dir examples  # your own
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from pathlib import Path

import aiohttp
import redis.asyncio as aioredis
from fastapi import FastAPI, Request, Response

from smartlead_async import SmartleadClient
from smartlead_async.integrations.fastapi import smartlead_lifespan, smartlead_webhook_router
from smartlead_async.redis import RedisDedupe, redis_rate_gate
from smartlead_async.testing import FakeSmartlead, RedisServer
from smartlead_async.webhooks import WebhookDispatcher, WebhookEvent

HERE = Path(__file__).resolve().parent
SECRET = "hook-secret"
EVENTS = ["EMAIL_SENT", "EMAIL_OPEN", "EMAIL_REPLY"]


def create_app() -> FastAPI:
    """The service, as each worker builds it (``uvicorn ... --factory``), configured by
    ``REDIS_URL``, ``SMARTLEAD_API_KEY``, ``SMARTLEAD_BASE_URL`` and
    ``SMARTLEAD_WEBHOOK_SECRET``."""
    redis = aioredis.Redis.from_url(os.environ["REDIS_URL"])

    def client() -> SmartleadClient:
        return SmartleadClient(
            os.environ["SMARTLEAD_API_KEY"],
            base_url=os.environ.get("SMARTLEAD_BASE_URL", "https://server.smartlead.ai/api/v1"),
            rate_gate=redis_rate_gate(redis),  # one budget for every worker of the key
        )

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with smartlead_lifespan(client)(app):
            yield
        await redis.aclose()

    app = FastAPI(lifespan=lifespan)
    hooks = WebhookDispatcher(
        secret=os.environ["SMARTLEAD_WEBHOOK_SECRET"], dedupe=RedisDedupe(redis)
    )

    @hooks.on("*")
    async def on_event(event: WebhookEvent) -> None:
        smartlead: SmartleadClient = app.state.smartlead
        if event.campaign_id is not None:
            await smartlead.campaigns.get(event.campaign_id)  # through the shared gate
        # The example's evidence, read back by main(): how often each delivery was handled.
        await redis.incr(f"example:handled:{event.stats_id}:{event.event_type}")

    app.include_router(smartlead_webhook_router("/hooks/smartlead", hooks))

    @app.middleware("http")
    async def tag_worker(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers["X-Worker-Pid"] = str(os.getpid())
        return response

    @app.get("/worker")
    async def worker() -> int:
        """The PID of the worker that answered."""
        return os.getpid()

    return app


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@contextlib.contextmanager
def uvicorn_workers(
    app: str, workers: int, env: Mapping[str, str], *, app_dir: Path = HERE, factory: bool = False
) -> Iterator[tuple[str, list[int]]]:
    """Serve ``app`` with ``uvicorn --workers``; yield its URL and a list for the worker PIDs
    (:func:`wait_for_workers` fills it). The supervisor is stopped by PID, and so is any worker
    it left behind (reported as an error)."""
    port = _free_port()
    command = [
        sys.executable, "-m", "uvicorn", app, "--app-dir", str(app_dir),
        "--host", "127.0.0.1", "--port", str(port),
        "--workers", str(workers), "--log-level", "warning",
    ]  # fmt: skip
    if factory:
        command.append("--factory")
    pids: list[int] = []
    with tempfile.TemporaryFile() as log:
        supervisor = subprocess.Popen(
            command, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            yield f"http://127.0.0.1:{port}", pids
        finally:
            _stop(supervisor)
            leftover = [pid for pid in pids if _alive(pid)]
            for pid in leftover:
                os.kill(pid, signal.SIGKILL)
            log.seek(0)
            output = log.read().decode(errors="replace")
        if leftover:
            raise RuntimeError(f"workers {leftover} outlived the supervisor:\n{output}")


async def wait_for_workers(url: str, workers: int, pids: list[int], within: float = 20) -> None:
    """Until ``workers`` distinct PIDs have answered ``GET /worker`` (a new connection each)."""
    deadline = time.monotonic() + within
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True)) as http:

        async def ask() -> int | None:
            try:
                async with http.get(f"{url}/worker") as response:
                    return int(await response.json())
            except aiohttp.ClientError:
                return None  # not listening yet

        while len(pids) < workers:
            if time.monotonic() > deadline:
                raise RuntimeError(f"only workers {pids} answered")
            for pid in await asyncio.gather(*(ask() for _ in range(4 * workers))):
                if pid is not None and pid not in pids:
                    pids.append(pid)
            await asyncio.sleep(0.05)


async def post_copies(
    url: str, payload: Mapping[str, object], request_id: str, copies: int
) -> collections.Counter[str]:
    """Post ``copies`` copies of one delivery at once; re-post each not answered 200 (as
    SmartLead retries 5xx) until all are. Counts the answers and the workers that gave them."""
    tally: collections.Counter[str] = collections.Counter()
    headers = {"X-Request-Id": request_id}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True)) as http:

        async def post() -> int:
            async with http.post(url, json=payload, headers=headers) as response:
                tally[str(response.status)] += 1
                tally[f"pid {response.headers['X-Worker-Pid']}"] += 1
                return response.status

        pending = copies
        while pending:
            statuses = await asyncio.gather(*(post() for _ in range(pending)))
            pending = sum(status != 200 for status in statuses)
            await asyncio.sleep(0.05)
    return tally


async def demo(redis_url: str) -> None:
    """Run the fake and two workers on ``redis_url``; print what each delivery did."""
    async with FakeSmartlead(webhook_secret=SECRET) as fake:
        campaign = fake.state.add_campaign("multi-worker")
        fake.state.enroll(campaign, "lead@prospect.example")
        env = {
            "REDIS_URL": redis_url,
            "SMARTLEAD_API_KEY": fake.api_key,
            "SMARTLEAD_BASE_URL": fake.base_url,
            "SMARTLEAD_WEBHOOK_SECRET": SECRET,
        }
        app = "fastapi_multiworker:create_app"
        with uvicorn_workers(app, 2, env, factory=True) as (service, pids):
            await wait_for_workers(service, 2, pids)
            print(f"uvicorn workers: {len(pids)}")
            hook_url = f"{service}/hooks/smartlead"
            fake.state.add_webhook(campaign.id, "service", hook_url, EVENTS)
            redis = aioredis.Redis.from_url(redis_url)
            try:
                for event_type in EVENTS:
                    (first,) = await fake.emit(
                        event_type, campaign_id=campaign.id, lead_email="lead@prospect.example"
                    )
                    tally = await post_copies(hook_url, first.payload, first.request_id, 6)
                    handled = await redis.get(
                        f"example:handled:{first.payload['stats_id']}:{event_type}"
                    )
                    workers = sum(1 for key in tally if key.startswith("pid "))
                    print(
                        f"{event_type:<12} first post {first.status}, 6 more copies answered "
                        f"{tally['200']}x200 {tally['503']}x503 by {workers} worker(s); "
                        f"handled {int(handled or 0)} time(s)"
                    )
            finally:
                await redis.aclose()
    print("stopped every process")


async def main() -> None:
    """Use ``REDIS_URL`` if set, else a throwaway ``redis-server``."""
    with contextlib.ExitStack() as stack:
        redis_url = os.environ.get("REDIS_URL") or stack.enter_context(RedisServer()).url
        await demo(redis_url)


if __name__ == "__main__":
    asyncio.run(main())
