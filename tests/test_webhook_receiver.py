"""Receiving webhooks end to end: the fake posts, an aiohttp app verifies, dedupes, dispatches,
and its handler calls back into the fake through the SDK (reply -> update lead category)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator, Sequence

import pytest_asyncio
from aiohttp import web
from aiohttp.typedefs import Middleware

from smartlead_async import RateLimit, SmartleadClient
from smartlead_async.integrations.aiohttp import webhook_handler
from smartlead_async.models import LeadInput
from smartlead_async.testing import FakeSmartlead
from smartlead_async.webhooks import EmailReplied, WebhookDispatcher, WebhookEvent

from .helpers import API_KEY

INTERESTED = 1


class Receiver:
    """An aiohttp app serving a dispatcher on a free port."""

    def __init__(
        self,
        dispatcher: WebhookDispatcher,
        middlewares: Sequence[Middleware] = (),
        lingering_time: float = 10.0,
    ) -> None:
        self.dispatcher = dispatcher
        self.url = ""
        self._middlewares = middlewares
        self._lingering_time = lingering_time
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application(middlewares=self._middlewares)
        app.router.add_post("/hooks/smartlead", webhook_handler(self.dispatcher))
        self._runner = web.AppRunner(app, lingering_time=self._lingering_time)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/hooks/smartlead"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeSmartlead]:
    async with FakeSmartlead(api_keys=(API_KEY,), webhook_secret="s3cret") as server:
        yield server


async def test_reply_updates_the_lead_category_through_the_sdk(fake: FakeSmartlead) -> None:
    async with SmartleadClient(
        API_KEY, base_url=fake.base_url, rate_limits=[RateLimit(1000, 1)]
    ) as sl:
        handled: list[WebhookEvent] = []
        outages: list[str] = []  # while non-empty, the next call fails like a CRM outage

        async def on_reply(event: WebhookEvent) -> None:
            if outages:
                raise RuntimeError(outages.pop())
            assert isinstance(event, EmailReplied)
            handled.append(event)
            assert event.campaign_id is not None
            assert event.sl_email_lead_id is not None
            await sl.leads.update_category(
                event.campaign_id, int(event.sl_email_lead_id), INTERESTED
            )

        receiver = Receiver(WebhookDispatcher({EmailReplied: on_reply}, secret="s3cret"))
        await receiver.start()
        try:
            campaign = await sl.campaigns.create(name="replies")
            await sl.leads.add_to_campaign(campaign.id, leads=[LeadInput(email="james@x.com")])
            await sl.webhooks.save(
                campaign.id, name="replies", url=receiver.url, event_types=["EMAIL_REPLY"]
            )
            (delivery,) = await fake.emit(
                "EMAIL_REPLY", campaign_id=campaign.id, lead_email="james@x.com"
            )
            assert delivery.status == 200
            assert [e.lead_email for e in handled] == ["james@x.com"]
            assert fake.state.campaigns[campaign.id].leads["james@x.com"].lead_category_id == 1

            # A retrigger of the same delivery is acknowledged but not processed twice.
            outages.append("CRM is down")
            (second,) = await fake.emit(
                "EMAIL_REPLY", campaign_id=campaign.id, lead_email="james@x.com"
            )
            assert second.status == 500  # handler failed: SmartLead would retry
            now = dt.datetime.now(dt.UTC)
            await sl.webhooks.retrigger_failed(
                campaign.id, start=now - dt.timedelta(hours=1), end=now
            )
            retried = fake.state.webhook_deliveries[-1]
            assert (retried.status, retried.request_id) == (200, second.request_id)
            assert len(handled) == 2
            # Replaying the successful first delivery is a duplicate.
            result = await receiver.dispatcher.dispatch(
                json.dumps(delivery.payload).encode(),
                {"X-Request-Id": delivery.request_id},
            )
            assert result.body["duplicates"] == 1
            assert len(handled) == 2
        finally:
            await receiver.stop()


async def test_bad_secret_and_bad_bodies_are_refused(fake: FakeSmartlead) -> None:
    calls: list[WebhookEvent] = []

    async def record(event: WebhookEvent) -> None:
        calls.append(event)

    receiver = Receiver(WebhookDispatcher({"*": record}, secret="other-secret"))
    await receiver.start()
    try:
        campaign = fake.state.add_campaign("c")
        fake.state.enroll(campaign, "a@x.io")
        fake.state.add_webhook(campaign.id, "h", receiver.url, ["EMAIL_SENT"])
        (delivery,) = await fake.emit("EMAIL_SENT", campaign_id=campaign.id, lead_email="a@x.io")
        assert delivery.status == 401
        assert calls == []
        malformed = await receiver.dispatcher.dispatch(b"{nope", {})
        assert (malformed.status, malformed.body["ok"]) == (400, False)
        missing_type = await receiver.dispatcher.dispatch(b'{"campaign_id": 1}', {})
        assert missing_type.status == 400
    finally:
        await receiver.stop()


async def test_signed_deliveries_are_checked(fake: FakeSmartlead) -> None:
    fake.signing_secret = "whsec"
    calls: list[WebhookEvent] = []

    async def record(event: WebhookEvent) -> None:
        calls.append(event)

    good = Receiver(WebhookDispatcher({"*": record}, signing_secret="whsec"))
    bad = Receiver(WebhookDispatcher({"*": record}, signing_secret="other"))
    await good.start()
    await bad.start()
    try:
        campaign = fake.state.add_campaign("c")
        fake.state.enroll(campaign, "a@x.io")
        fake.state.add_webhook(campaign.id, "good", good.url, ["EMAIL_OPEN"])
        fake.state.add_webhook(campaign.id, "bad", bad.url, ["EMAIL_OPEN"])
        deliveries = await fake.emit("EMAIL_OPEN", campaign_id=campaign.id, lead_email="a@x.io")
        assert sorted(d.status or 0 for d in deliveries) == [200, 401]
        assert len(calls) == 1
    finally:
        await good.stop()
        await bad.stop()
