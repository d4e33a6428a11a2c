"""Test helpers: constants and a virtual-time event loop."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import inspect
import json
import re
import selectors
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict, TypeVar

import pytest
from aiohttp import web

from smartlead_async import RateFeedback, RateGate, RateLimit, RequestValidationError
from smartlead_async._json import JSON, JSONObject
from smartlead_async.models.smart_senders import OrderContact

if TYPE_CHECKING:
    from _typeshed import FileDescriptorLike

    from smartlead_async._ratelimit import RateGateFactory
    from smartlead_async.events import EventHook

API_KEY = "sl-test-0123456789abcdef-SECRET"
BASE_URL = "https://server.smartlead.ai/api/v1"
T = TypeVar("T")


class ClientSettings(TypedDict, total=False):
    """The ``SmartleadClient`` keyword options the tests' client factories pass on."""

    rate_limits: Sequence[RateLimit] | None
    rate_gate: RateGate | RateGateFactory | None
    max_retries: int
    timeout: float
    max_response_bytes: int
    event_hooks: Sequence[EventHook]


class _AdvancingSelector(selectors.BaseSelector):
    """Wraps the loop's selector: when the loop would sleep, advance virtual time instead."""

    TICK = 1e-6

    def __init__(self, loop: VirtualTimeLoop, real: selectors.BaseSelector) -> None:
        self._loop = loop
        self._real = real

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        events = self._real.select(0)
        if not events:
            # Every loop iteration costs a microsecond, as on a real machine: a timer that keeps
            # re-arming itself "now" (float rounding in aiolimiter) must not freeze the clock.
            self._loop.virtual_now += max(timeout or 0.0, self.TICK)
        return events

    def register(
        self, fileobj: FileDescriptorLike, events: int, data: Any = None
    ) -> selectors.SelectorKey:
        return self._real.register(fileobj, events, data)

    def unregister(self, fileobj: FileDescriptorLike) -> selectors.SelectorKey:
        return self._real.unregister(fileobj)

    def modify(
        self, fileobj: FileDescriptorLike, events: int, data: Any = None
    ) -> selectors.SelectorKey:
        return self._real.modify(fileobj, events, data)

    def get_map(self) -> Mapping[FileDescriptorLike, selectors.SelectorKey]:
        return self._real.get_map()

    def close(self) -> None:
        self._real.close()


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    """An event loop whose clock only moves when every task is waiting on a timer.

    Rate-limit tests run in milliseconds of real time yet see exact, reproducible timings.
    """

    _selector: selectors.BaseSelector  # set by SelectorEventLoop.__init__ (not in typeshed)

    def __init__(self) -> None:
        super().__init__()
        self.virtual_now = 0.0
        self._selector = _AdvancingSelector(self, self._selector)

    def time(self) -> float:
        return self.virtual_now


def run_in_virtual_time(main: Callable[[], Awaitable[T]]) -> T:
    """Run ``main()`` to completion on a fresh :class:`VirtualTimeLoop`."""
    loop = VirtualTimeLoop()
    try:
        return loop.run_until_complete(main())
    finally:
        loop.close()


class RecordingGate:
    """A RateGate that admits at once and records the feedback it is given."""

    def __init__(self) -> None:
        self.acquired = 0
        self.feedback: list[RateFeedback] = []

    async def acquire(self) -> None:
        self.acquired += 1

    async def observe(self, feedback: RateFeedback) -> None:
        self.feedback.append(feedback)


def sent_requests(mocked: Any) -> list[tuple[str, str, dict[str, str], Any]]:
    """What an ``aioresponses`` mock received: (method, path, query, json) per call."""
    calls = []
    for (method, url), recorded in mocked.requests.items():
        for call in recorded:
            data = call.kwargs.get("data")
            body = json.loads(data) if isinstance(data, bytes) else data
            calls.append((method, url.path, dict(url.query), body))
    return calls


async def invoke(call: Any, client: Any) -> Any:
    """Call ``call(client)`` and await the result when it is awaitable.

    Pager methods validate their arguments when called, coroutine methods when awaited.
    """
    result = call(client)
    if inspect.isawaitable(result):
        return await result
    return result


class WireCase(NamedTuple):
    """One wire-level expectation: calling ``call`` sends exactly this request."""

    name: str
    call: Callable[[Any], Any]
    method: str
    path: str  # below /api/v1
    query: dict[str, str]  # without api_key
    body: Any
    payload: Any  # what the mocked API answers


def url(path: str, root: str = BASE_URL) -> re.Pattern[str]:
    """What ``aioresponses`` should match for ``root + path`` with any query string."""
    return re.compile(rf"^{re.escape(root + path)}\?.*$")


async def check_wire(client: Any, mocked: Any, case: WireCase) -> Any:
    """Mock the route, run the call, and assert the one request it sent."""
    pattern = url(case.path)
    if isinstance(case.payload, str):
        mocked.add(pattern, case.method, body=case.payload, content_type="text/plain")
    else:
        mocked.add(pattern, case.method, payload=case.payload)
    result = await invoke(case.call, client)
    assert result is not None
    assert sent_requests(mocked) == [
        (case.method, "/api/v1" + case.path, {**case.query, "api_key": API_KEY}, case.body)
    ]
    return result


async def check_rejected(client: Any, mocked: Any, call: Callable[[Any], Any], match: str) -> None:
    """The call fails validation with ``match`` and sends nothing."""
    with pytest.raises(RequestValidationError, match=match):
        await invoke(call, client)
    assert mocked.requests == {}


def free_port() -> int:
    """A loopback TCP port nothing listens on right now (connections to it are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.asynccontextmanager
async def serving(app: web.Application, **runner_options: Any) -> AsyncIterator[str]:
    """Serve ``app`` on a free loopback port until the block ends; yields ``http://127.0.0.1:PORT``.

    ``runner_options`` go to :class:`aiohttp.web.AppRunner` (``access_log=None`` ...).
    """
    runner = web.AppRunner(app, **runner_options)
    await runner.setup()
    try:
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()


def json_object(value: JSON) -> JSONObject:
    """``value`` narrowed to a JSON object: the test fails when it is anything else."""
    assert isinstance(value, dict), value
    return value


def json_list(value: JSON) -> list[JSON]:
    """``value`` narrowed to a JSON array: the test fails when it is anything else."""
    assert isinstance(value, list), value
    return value


def json_int(value: JSON) -> int:
    """``value`` narrowed to a JSON integer: the test fails when it is anything else."""
    assert isinstance(value, int), value
    return value


def lead_list(body: JSON) -> list[JSONObject]:
    """The rows of an add-leads request body, ``{"lead_list": [...]}``."""
    return [json_object(row) for row in json_list(json_object(body)["lead_list"])]


async def ends_by_itself(task: asyncio.Future[Any], within: float = 60.0) -> bool:
    """Whether ``task`` finishes within ``within`` seconds without being cancelled.

    A guard for a run that must end on its own (an abort, a timeout of its own): unlike
    ``asyncio.wait_for``, ``asyncio.wait`` does not cancel on timeout, and a cancel would end
    a run that catches it (the CLI aborts on one) and pass the test for the wrong reason.
    """
    done, _ = await asyncio.wait({task}, timeout=within)
    return task in done


async def no_sleep(_seconds: float) -> None:
    """A pipeline ``sleep`` that returns at once: retries without waiting."""
    return


def sign(body: bytes, secret: str) -> str:
    """The ``X-Smartlead-Signature`` of ``body`` under ``secret``, computed here, not by the SDK."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def order_contact(email: str) -> tuple[OrderContact, dict[str, str]]:
    """A Smart Senders buyer at ``email``, and its wire form written out here, not by the SDK."""
    contact = OrderContact(
        email=email,
        first_name="Ada",
        last_name="Lovelace",
        company="Acme",
        country="US",
        city="Austin",
        address_line_one="1 Main St",
        postal_code="73301",
        state="TX",
        phone_cc="+1",
        phone="5125550100",
        language_preference="en",
    )
    wire = {
        "email": email,
        "firstName": "Ada",
        "lastName": "Lovelace",
        "company": "Acme",
        "country": "US",
        "city": "Austin",
        "addressLineOne": "1 Main St",
        "postalCode": "73301",
        "state": "TX",
        "phoneCc": "+1",
        "phone": "5125550100",
        "languagePreference": "en",
    }
    return contact, wire
