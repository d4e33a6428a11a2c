"""Pipeline events: order and content, isolation of failing hooks, and the RetryTally built on
them."""

from __future__ import annotations

import asyncio
import logging
import re

import pytest
from aioresponses import aioresponses

from smartlead_async import (
    APIConnectionError,
    GateTimeoutError,
    InternalServerError,
    Outcome,
    RateLimit,
    SmartleadClient,
)
from smartlead_async._pipeline import RetryTally
from smartlead_async.events import (
    AttemptFailed,
    GateWaited,
    PipelineEvent,
    RequestFinished,
    RequestSent,
    RequestStarted,
    ResponseReceived,
    RetryScheduled,
)

from .helpers import API_KEY, BASE_URL, free_port, no_sleep, run_in_virtual_time, url

CAMPAIGN = url("/campaigns/12")
CAMPAIGNS = url("/campaigns")


def recorder() -> tuple[list[PipelineEvent], SmartleadClient]:
    events: list[PipelineEvent] = []
    client = SmartleadClient(
        API_KEY, max_retries=2, rate_limits=[RateLimit(100, 1.0)], event_hooks=[events.append]
    )
    client._pipeline._sleep = no_sleep
    client._pipeline._jitter = lambda: 0.0
    return events, client


async def test_a_retried_request_reports_every_step_in_order(mock_api: aioresponses) -> None:
    mock_api.get(CAMPAIGN, status=503, body="busy")
    mock_api.get(CAMPAIGN, payload={"id": 12}, headers={"x-ratelimit-remaining": "9"})
    events, sl = recorder()
    async with sl:
        await sl.campaigns.get(12)
    assert [type(e).__name__ for e in events] == [
        "RequestStarted",
        "GateWaited",
        "RequestSent",
        "ResponseReceived",
        "RetryScheduled",
        "GateWaited",
        "RequestSent",
        "ResponseReceived",
        "RequestFinished",
    ]
    request = events[0].request
    assert len({e.request.id for e in events}) == 1
    assert (request.method, request.route) == ("GET", "campaigns/{campaign_id}")
    assert request.url == f"{BASE_URL}/campaigns/12?api_key=***"
    received = [e for e in events if isinstance(e, ResponseReceived)]
    assert [(e.attempt, e.status) for e in received] == [(1, 503), (2, 200)]
    assert received[1].headers["x-ratelimit-remaining"] == "9"
    (retry,) = (e for e in events if isinstance(e, RetryScheduled))
    assert (retry.attempt, retry.delay, retry.outcome, retry.status) == (
        1,
        0.25,  # half the 0.5 s base backoff with zero jitter
        Outcome.STATUS,
        503,
    )
    assert retry.may_have_been_applied
    assert isinstance(retry.error, InternalServerError)
    finished = events[-1]
    assert isinstance(finished, RequestFinished)
    assert (finished.attempts, finished.retries, finished.status, finished.error) == (
        2,
        1,
        200,
        None,
    )
    assert finished.gate_seconds >= 0
    assert [e.attempt for e in events if isinstance(e, GateWaited | RequestSent)] == [1, 1, 2, 2]


async def test_a_connection_failure_is_an_attempt_failed_then_a_finished_error() -> None:
    events: list[PipelineEvent] = []
    base_url = f"http://127.0.0.1:{free_port()}/api/v1"
    async with SmartleadClient(
        API_KEY, base_url=base_url, max_retries=0, event_hooks=[events.append]
    ) as sl:
        with pytest.raises(APIConnectionError) as caught:
            await sl.campaigns.list()
    failed = [e for e in events if isinstance(e, AttemptFailed)]
    assert [f.error for f in failed] == [caught.value]
    finished = events[-1]
    assert isinstance(finished, RequestFinished)
    assert finished.error is caught.value
    assert finished.status is None
    assert not any(isinstance(e, ResponseReceived) for e in events)


def test_cancelled_and_gate_timed_out_requests_still_finish() -> None:
    # The OpenTelemetry hook detaches its context on RequestFinished: a path that skipped it
    # would leave a span current (and open) forever.
    async def main() -> list[PipelineEvent]:
        events: list[PipelineEvent] = []
        with aioresponses() as mocked:
            mocked.get(CAMPAIGNS, payload=[], repeat=True)
            async with SmartleadClient(
                API_KEY, rate_limits=[RateLimit(1, 10.0)], event_hooks=[events.append]
            ) as sl:
                await sl.campaigns.list()
                task = asyncio.ensure_future(sl.campaigns.list())
                await asyncio.sleep(1.0)
                task.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await task
                with pytest.raises(GateTimeoutError):
                    await sl.with_options(max_gate_wait=0.5).campaigns.list()
        return events

    events = run_in_virtual_time(main)
    finished = [e for e in events if isinstance(e, RequestFinished)]
    started = [e for e in events if isinstance(e, RequestStarted)]
    assert len(finished) == len(started) == 3
    cancelled, timed_out = finished[1], finished[2]
    assert isinstance(cancelled.error, asyncio.CancelledError)
    assert (cancelled.attempts, cancelled.status) == (1, None)
    assert isinstance(timed_out.error, GateTimeoutError)
    assert timed_out.retries == 0
    assert not any(isinstance(e, RequestSent) and e.request == timed_out.request for e in events)


async def test_a_failing_hook_changes_nothing_but_a_warning(
    mock_api: aioresponses, caplog: pytest.LogCaptureFixture
) -> None:
    mock_api.get(CAMPAIGNS, payload=[])
    seen: list[PipelineEvent] = []

    def broken(event: PipelineEvent) -> None:
        raise RuntimeError("hook bug")

    async with SmartleadClient(API_KEY, event_hooks=[broken, seen.append]) as sl:
        assert list(await sl.campaigns.list()) == []
    assert len(seen) == 5  # the hook after the broken one got every event
    warnings = [r for r in caplog.records if "event hook" in r.getMessage()]
    assert len(warnings) == 5
    assert all(r.levelno == logging.WARNING for r in warnings)
    assert warnings[0].exc_info is not None


async def test_concurrent_requests_have_their_own_ids(mock_api: aioresponses) -> None:
    mock_api.get(CAMPAIGNS, payload=[], repeat=True)
    events: list[PipelineEvent] = []
    async with SmartleadClient(
        API_KEY, rate_limits=[RateLimit(100, 1.0)], event_hooks=[events.append]
    ) as sl:
        await asyncio.gather(*(sl.campaigns.list() for _ in range(4)))
    ids = {e.request.id for e in events}
    assert len(ids) == 4
    for request_id in ids:
        kinds = [type(e) for e in events if e.request.id == request_id]
        assert kinds[0] is RequestStarted
        assert kinds[-1] is RequestFinished


# --- RetryTally, a context-bound hook -----------------------------------------------------------


async def test_a_tally_counts_the_retries_of_its_own_task_only(mock_api: aioresponses) -> None:
    mock_api.get(CAMPAIGN, status=503, body="busy")
    mock_api.get(CAMPAIGN, status=503, body="busy")
    mock_api.get(CAMPAIGN, payload={"id": 12})
    mock_api.get(CAMPAIGNS, payload=[])
    _, sl = recorder()
    counting, other = RetryTally(), RetryTally()

    async def counted() -> None:
        counting.track()
        await sl.campaigns.get(12)

    async def uncounted() -> None:
        other.track()
        await sl.campaigns.list()

    async with sl:
        await asyncio.gather(counted(), uncounted())
    assert (counting.count, counting.may_be_stored) == (2, True)
    assert other.count == 0


async def test_a_child_tally_replaces_its_parent_in_the_context(mock_api: aioresponses) -> None:
    # The attack: a track() that added the child beside the parent would count each retry
    # twice in the parent (once directly, once through the child's parent link).
    mock_api.post(
        re.compile(r"^.*/campaigns/create\?.*$"),
        status=429,
        body="slow down",
        headers={"Retry-After": "0"},
    )
    mock_api.post(re.compile(r"^.*/campaigns/create\?.*$"), payload={"id": 1, "name": "x"})
    _, sl = recorder()
    parent = RetryTally()
    child = RetryTally(parent=parent)

    async def run() -> None:
        parent.track()
        child.track()
        await sl.campaigns.create(name="x")

    async with sl:
        await asyncio.create_task(run())
    assert (child.count, parent.count) == (1, 1)
    assert not parent.may_be_stored  # a 429 was refused, not applied
