"""The README's typed patterns: they run (tests/samples/typed_usage.py, which ``make typecheck``
checks with ``mypy --strict``), and the webhook decorator's typing refuses a handler written for
the wrong event, so it cannot quietly decay to ``Any``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import httpx

from smartlead_async import RateLimit, SmartleadClient
from smartlead_async.integrations.fastapi import get_smartlead
from smartlead_async.models import Campaign
from smartlead_async.testing import FakeSmartlead

from .helpers import API_KEY
from .samples import typed_usage

ROOT = Path(__file__).resolve().parent.parent


async def test_the_sample_webhook_handlers_get_their_events() -> None:
    for seen in (typed_usage.replies, typed_usage.bounces, typed_usage.others):
        seen.clear()
    body: list[dict[str, object]] = [
        {"event_type": "EMAIL_REPLY", "stats_id": "s1", "reply_message": {"text": "Yes"}},
        {"event_type": "EMAIL_BOUNCE", "stats_id": "s2", "is_sender_originated_bounce": True},
        {"event_type": "EMAIL_OPEN", "stats_id": "s3"},
        {"event_type": "LEAD_TELEPORTED", "stats_id": "s4"},
    ]
    for event in body:
        event["secret_key"] = "secretkey"
    result = await typed_usage.hooks.dispatch(json.dumps(body).encode(), {})
    assert (result.status, result.body["processed"]) == (200, 4)
    assert typed_usage.replies == ["Yes"]
    assert typed_usage.bounces == [True]
    assert typed_usage.others == ["EMAIL_OPEN", "LEAD_TELEPORTED"]


async def test_the_sample_fastapi_routes_answer_the_wire_json() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        fake.state.add_campaign("one")
        async with SmartleadClient(
            API_KEY, base_url=fake.base_url, rate_limits=[RateLimit(100, 1)]
        ) as sl:
            expected = await sl.campaigns.list()
            typed_usage.app.dependency_overrides[get_smartlead] = lambda: sl
            try:
                transport = httpx.ASGITransport(app=typed_usage.app)
                async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
                    listed = await http.get("/campaigns")
                    one = await http.get(f"/campaigns/{expected[0].id}")
            finally:
                typed_usage.app.dependency_overrides.clear()
    assert listed.status_code == 200
    assert listed.json() == [c.to_dict() for c in expected]
    assert one.status_code == 200
    assert Campaign.from_dict(one.json()) == expected[0]
    assert typed_usage.round_trip(expected[0]) == expected[0]


WRONG_HANDLERS = """\
from smartlead_async.webhooks import EmailBounced, EmailReplied, WebhookDispatcher, WebhookEvent

hooks = WebhookDispatcher()


@hooks.on(EmailReplied)
async def right(event: EmailReplied) -> None: ...


@hooks.on(EmailReplied)
async def wrong_event(event: EmailBounced) -> None: ...


@hooks.on("EMAIL_REPLY")
async def narrower_than_a_string_key(event: EmailReplied) -> None: ...


@hooks.on(EmailReplied, "*")
async def any_event(event: WebhookEvent) -> None: ...
"""


def test_mypy_refuses_a_handler_typed_for_another_event(tmp_path: Path) -> None:
    snippet = tmp_path / "wrong_handlers.py"
    snippet.write_text(textwrap.dedent(WRONG_HANDLERS))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--show-error-codes",
            "--no-error-summary",
            "--cache-dir",
            str(ROOT / ".mypy_cache"),
            str(snippet),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    lines = sorted({int(m.group(1)) for e in errors if (m := re.search(r":(\d+): error:", e))})
    # The right handlers type-check; each wrong one is an error at its decorator.
    assert lines == [10, 14], result.stdout + result.stderr
    assert all("[arg-type]" in e for e in errors), result.stdout
