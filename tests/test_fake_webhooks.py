"""Webhook management and emission by the fake, received by a real HTTP endpoint."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web
from multidict import CIMultiDict

from smartlead_async import RateLimit, SmartleadClient
from smartlead_async.testing import CAMPAIGN_EVENT_TYPES, LEAD_EVENT_TYPES, FakeSmartlead

from .helpers import API_KEY, serving, sign


class Receiver:
    """A webhook endpoint that records what it is sent."""

    def __init__(self) -> None:
        self.received: list[tuple[CIMultiDict[str], bytes]] = []
        self.url = ""

    async def handle(self, request: web.Request) -> web.Response:
        self.received.append((request.headers.copy(), await request.read()))
        return web.json_response({"ok": True})


@pytest_asyncio.fixture
async def receiver() -> AsyncIterator[Receiver]:
    rec = Receiver()
    app = web.Application()
    app.router.add_post("/hooks/smartlead", rec.handle)
    async with serving(app) as root:
        rec.url = f"{root}/hooks/smartlead"
        yield rec


async def register(
    fake: FakeSmartlead, campaign_id: int, url: str, events: list[str], categories: list[str]
) -> dict[str, object]:
    async with (
        aiohttp.ClientSession() as http,
        http.post(
            f"{fake.base_url}/campaigns/{campaign_id}/webhooks?api_key={API_KEY}",
            json={
                "name": "hook",
                "webhook_url": url,
                "event_types": events,
                "categories": categories,
            },
        ) as response,
    ):
        assert response.status == 200
        body: dict[str, object] = await response.json()
        return body


async def seeded(fake: FakeSmartlead) -> int:
    campaign = fake.state.add_campaign("hooks")
    async with (
        aiohttp.ClientSession() as http,
        http.post(
            f"{fake.base_url}/campaigns/{campaign.id}/leads?api_key={API_KEY}",
            json={"lead_list": [{"email": "lead@prospect.example", "first_name": "Lee"}]},
        ) as response,
    ):
        assert response.status == 200
    return campaign.id


@pytest.mark.parametrize("event_type", LEAD_EVENT_TYPES)
async def test_each_event_type_is_delivered_with_the_documented_envelope(
    receiver: Receiver, event_type: str
) -> None:
    async with FakeSmartlead(api_keys=(API_KEY,), signing_secret="whsec") as fake:
        campaign_id = await seeded(fake)
        echo = await register(fake, campaign_id, receiver.url, [event_type], [])
        (delivery,) = await fake.emit(
            event_type, campaign_id=campaign_id, lead_email="lead@prospect.example"
        )
    assert delivery.status == 200
    assert delivery.webhook_id == echo["id"]
    ((headers, body),) = receiver.received
    payload = json.loads(body)
    assert payload == delivery.payload
    assert payload["event_type"] == event_type
    assert payload["campaign_id"] == campaign_id
    assert payload["sl_lead_email"] == payload["to_email"] == "lead@prospect.example"
    assert isinstance(payload["sl_email_lead_id"], str)
    assert isinstance(payload["sl_email_lead_map_id"], int)
    assert payload["secret_key"] == "secretkey"
    assert headers["X-Request-Id"] == delivery.request_id
    assert headers["X-Smartlead-Signature"] == sign(body, "whsec")
    specific = {
        "EMAIL_SENT": "sent_message",
        "FIRST_EMAIL_SENT": "sent_message",
        "MANUAL_STEP_REACHED": "description",
        "EMAIL_OPEN": "time_opened",
        "EMAIL_LINK_CLICK": "link_clicked",
        "EMAIL_REPLY": "reply_message",
        "LEAD_UNSUBSCRIBED": "description",
        "LEAD_CATEGORY_UPDATED": "lead_category",
        "EMAIL_BOUNCE": "bounce_message",
    }[event_type]
    assert specific in payload


async def test_only_subscribed_events_and_categories_are_delivered(receiver: Receiver) -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign_id = await seeded(fake)
        await register(
            fake, campaign_id, receiver.url, ["LEAD_CATEGORY_UPDATED"], ["Meeting Request"]
        )
        lead = "lead@prospect.example"
        assert await fake.emit("EMAIL_SENT", campaign_id=campaign_id, lead_email=lead) == []
        assert (
            await fake.emit("LEAD_CATEGORY_UPDATED", campaign_id=campaign_id, lead_email=lead) == []
        )
        meeting = {"category": "Meeting Request"}
        delivered = await fake.emit(
            "LEAD_CATEGORY_UPDATED", campaign_id=campaign_id, lead_email=lead, extra=meeting
        )
    assert len(delivered) == 1
    assert len(receiver.received) == 1


async def test_unreachable_receivers_are_recorded_not_raised() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign_id = await seeded(fake)
        await register(fake, campaign_id, "http://127.0.0.1:9/hook", ["EMAIL_SENT"], [])
        (delivery,) = await fake.emit(
            "EMAIL_SENT", campaign_id=campaign_id, lead_email="lead@prospect.example"
        )
    assert delivery.status is None
    assert delivery.error is not None
    assert fake.state.webhook_deliveries == [delivery]


async def test_simulated_activity_is_seeded_and_updates_lead_state(receiver: Receiver) -> None:
    async def run(seed: int) -> list[str]:
        async with FakeSmartlead(api_keys=(API_KEY,), seed=seed) as fake:
            campaign = fake.state.add_campaign("sim")
            for i in range(20):
                fake.state.enroll(campaign, f"l{i}@x.io")
            await register(fake, campaign.id, receiver.url, list(CAMPAIGN_EVENT_TYPES), [])
            deliveries = await fake.simulate_activity(
                campaign.id, open_rate=0.5, click_rate=0.5, reply_rate=0.2, bounce_rate=0.1
            )
            statuses = {m.status for m in campaign.leads.values()}
            assert statuses <= {"INPROGRESS", "BLOCKED"}
            return [d.event_type for d in deliveries]

    first = await run(11)
    assert first == await run(11)
    assert first.count("EMAIL_SENT") == 20
    assert {"EMAIL_OPEN", "EMAIL_REPLY", "EMAIL_BOUNCE"} <= set(first)


async def test_webhook_upsert_update_and_delete(receiver: Receiver) -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake, aiohttp.ClientSession() as http:
        campaign_id = await seeded(fake)
        created = await register(fake, campaign_id, receiver.url, ["EMAIL_SENT"], [])
        base = f"{fake.base_url}/campaigns/{campaign_id}/webhooks?api_key={API_KEY}"
        update = {
            "id": created["id"],
            "name": "renamed",
            "webhook_url": receiver.url,
            "event_types": ["EMAIL_REPLY"],
            "categories": [],
        }
        async with http.post(base, json=update) as response:
            assert (await response.json())["name"] == "renamed"
        assert fake.state.webhooks.of(campaign_id)[0].event_types == ["EMAIL_REPLY"]
        async with http.post(base, json={**update, "event_types": ["NOPE"]}) as response:
            assert response.status == 400
        async with http.delete(base, json={"id": created["id"]}) as response:
            assert response.status == 200
        async with http.delete(base, json={"id": created["id"]}) as response:
            assert response.status == 404
        assert fake.state.webhooks.of(campaign_id) == []


async def test_sdk_manages_webhooks_and_replays_failures(receiver: Receiver) -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign_id = await seeded(fake)
        async with SmartleadClient(
            API_KEY, base_url=fake.base_url, rate_limits=[RateLimit(1000, 1)], max_retries=0
        ) as sl:
            broken = await sl.webhooks.save(
                campaign_id, name="down", url="http://127.0.0.1:9/x", event_types=["EMAIL_SENT"]
            )
            assert broken.id is not None
            lead = "lead@prospect.example"
            (failed,) = await fake.emit("EMAIL_SENT", campaign_id=campaign_id, lead_email=lead)
            assert failed.status is None
            # Point the webhook at a live receiver, then replay what failed.
            await sl.webhooks.save(
                campaign_id,
                name="up",
                url=receiver.url,
                event_types=["EMAIL_SENT"],
                webhook_id=broken.id,
            )
            t0 = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
            t1 = dt.datetime.now(dt.UTC)
            await sl.webhooks.retrigger_failed(campaign_id, start=t0, end=t1)
            summary = await sl.webhooks.summary(campaign_id, start=t0, end=t1)
            assert summary.summary == [
                {"event_type": "EMAIL_SENT", "sent": 2, "failed": 1, "success": 1}
            ]
            (hook,) = await sl.webhooks.list(campaign_id)
            assert hook.name == "up"
            await sl.webhooks.delete(campaign_id, hook.id)
            assert list(await sl.webhooks.list(campaign_id)) == []
    assert len(receiver.received) == 1
