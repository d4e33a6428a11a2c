"""The fake emits every one of the 13 documented webhook event types, and the SDK takes each.

Each emission is received by a real HTTP endpoint that records the raw body and headers and
hands them to a :class:`WebhookDispatcher`: the body parses with ``parse_event`` (strictly: no
key the SDK does not type) into the event's class with the right campaign and lead, the
``X-Smartlead-Signature`` verifies, and a retry of the same delivery (same ``X-Request-Id``)
is a duplicate, so the handler runs once. Both envelopes, flat and ``{id, type, data, links,
meta}`` (docs/api-notes.md, Webhook events).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from aiohttp import web
from multidict import CIMultiDict

from smartlead_async._convert import make_converter
from smartlead_async._json import JSON
from smartlead_async.testing import (
    ACCOUNT_EVENT_TYPES,
    CAMPAIGN_EVENT_TYPES,
    EVENT_TYPES,
    LEAD_EVENT_TYPES,
    FakeSmartlead,
    WebhookDelivery,
)
from smartlead_async.webhooks import (
    CampaignStatusChanged,
    DispatchResult,
    EmailAccountDisconnected,
    EmailBounced,
    EmailLinkClicked,
    EmailOpened,
    EmailReplied,
    EmailSent,
    FirstEmailSent,
    LeadCategoryUpdated,
    LeadUnsubscribed,
    LinkedinDisconnected,
    ManualStepReached,
    UntrackedReplies,
    WebhookDispatcher,
    WebhookEvent,
    parse_event,
    verify_secret_key,
    verify_signature,
)

from .helpers import API_KEY, serving
from .webhook_examples import EXAMPLES

STRICT = make_converter(strict=True)
SIGNING_SECRET = "whsec_test"
SECRET_KEY = "s3cret"
LEAD = "lee@prospect.example"
MAILBOX = "rep@outbound.example"

#: Written out, not taken from the SDK's own table, so a wrong mapping there fails here.
CLASSES: dict[str, type[WebhookEvent]] = {
    "EMAIL_SENT": EmailSent,
    "FIRST_EMAIL_SENT": FirstEmailSent,
    "EMAIL_OPEN": EmailOpened,
    "EMAIL_LINK_CLICK": EmailLinkClicked,
    "EMAIL_REPLY": EmailReplied,
    "EMAIL_BOUNCE": EmailBounced,
    "LEAD_UNSUBSCRIBED": LeadUnsubscribed,
    "LEAD_CATEGORY_UPDATED": LeadCategoryUpdated,
    "CAMPAIGN_STATUS_CHANGED": CampaignStatusChanged,
    "UNTRACKED_REPLIES": UntrackedReplies,
    "MANUAL_STEP_REACHED": ManualStepReached,
    "EMAIL_ACCOUNT_DISCONNECTED": EmailAccountDisconnected,
    "LINKEDIN_DISCONNECTED": LinkedinDisconnected,
}
V2_KEYS = {"id", "type", "created_at", "data", "links", "meta"}


class Receiver:
    """A webhook endpoint: records each raw delivery, then lets a dispatcher answer it."""

    def __init__(self) -> None:
        self.received: list[tuple[CIMultiDict[str], bytes]] = []
        self.results: list[DispatchResult] = []
        self.handled: list[WebhookEvent] = []
        self.url = ""

        async def record(event: WebhookEvent) -> None:
            self.handled.append(event)

        self.dispatcher = WebhookDispatcher(
            {"*": record}, secret=SECRET_KEY, signing_secret=SIGNING_SECRET
        )

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.received.append((request.headers.copy(), body))
        result = await self.dispatcher.dispatch(body, request.headers)
        self.results.append(result)
        return web.json_response(result.body, status=result.status)


@pytest_asyncio.fixture
async def receiver() -> AsyncIterator[Receiver]:
    rec = Receiver()
    app = web.Application()
    app.router.add_post("/hooks/smartlead", rec.handle)
    async with serving(app) as root:
        rec.url = f"{root}/hooks/smartlead"
        yield rec


def test_the_fake_knows_the_13_documented_event_types() -> None:
    assert set(EVENT_TYPES) == set(CLASSES) == set(EXAMPLES)
    assert len(EVENT_TYPES) == 13
    assert set(CAMPAIGN_EVENT_TYPES) | set(ACCOUNT_EVENT_TYPES) == set(EVENT_TYPES)
    assert set(ACCOUNT_EVENT_TYPES) == {"EMAIL_ACCOUNT_DISCONNECTED", "LINKEDIN_DISCONNECTED"}
    assert set(LEAD_EVENT_TYPES) == set(CAMPAIGN_EVENT_TYPES) - {
        "CAMPAIGN_STATUS_CHANGED",
        "UNTRACKED_REPLIES",
    }


async def _emit_once_and_retry(
    receiver: Receiver, event_type: str, envelope: str
) -> tuple[FakeSmartlead, WebhookDelivery, WebhookDelivery, int, int]:
    """Emit ``event_type`` once, then redeliver it; the fake, both deliveries, the campaign id
    and the lead's map id."""
    async with FakeSmartlead(
        api_keys=(API_KEY,), webhook_secret=SECRET_KEY, signing_secret=SIGNING_SECRET
    ) as fake:
        mailbox = fake.seed.email_account(MAILBOX, client_id=31)
        campaign = fake.seed.campaign("Q1 Outreach", status="ACTIVE")
        fake.state.email_accounts.link(campaign.id, [mailbox.id])
        membership = fake.seed.lead(campaign, LEAD, first_name="Lee", company_name="Acme")
        if event_type in ACCOUNT_EVENT_TYPES:
            fake.state.webhooks.disconnect_url = receiver.url
        else:
            fake.seed.webhook(campaign, receiver.url, event_types=[event_type])
        (delivery,) = await fake.emit(
            event_type,
            campaign_id=campaign.id,
            lead_email=LEAD,
            email_account_id=mailbox.id,
            envelope=envelope,
        )
        retried = await fake.redeliver(delivery)
        assert retried is not None
        return fake, delivery, retried, campaign.id, membership.map_id


@pytest.mark.parametrize("envelope", ["flat", "v2"])
@pytest.mark.parametrize("event_type", EVENT_TYPES)
async def test_each_emitted_event_parses_verifies_and_is_handled_once(
    receiver: Receiver, event_type: str, envelope: str
) -> None:
    fake, delivery, retried, campaign_id, map_id = await _emit_once_and_retry(
        receiver, event_type, envelope
    )
    assert (delivery.status, retried.status) == (200, 200)
    ((headers, body), (retry_headers, retry_body)) = receiver.received
    assert body == delivery.body
    assert headers["Content-Type"] == "application/json"

    # The documented headers; the signature covers the raw body of each try.
    account = event_type in ACCOUNT_EVENT_TYPES
    level = "user" if account else "campaign"
    assert headers["X-Webhook-Level"] == retry_headers["X-Webhook-Level"] == level
    assert headers["X-Request-Id"] == retry_headers["X-Request-Id"] == delivery.request_id
    assert headers["X-Smartlead-Signature"].startswith("sha256=")
    verify_signature(body, headers["X-Smartlead-Signature"], SIGNING_SECRET)
    verify_signature(retry_body, retry_headers["X-Smartlead-Signature"], SIGNING_SECRET)

    # The right class, with nothing the SDK does not type, and the right campaign and lead.
    event = parse_event(body, headers=headers, converter=STRICT)
    assert type(event) is CLASSES[event_type]
    assert event.event_type == event_type
    assert event.event_type.is_known
    assert event.request_id == delivery.request_id
    assert event.level == level
    assert event.event_timestamp is not None
    assert event.stats_id
    verify_secret_key(event, SECRET_KEY)
    if account:
        assert (event.campaign_id, event.lead_email, event.webhook_id) == (None, None, None)
        if event_type == "EMAIL_ACCOUNT_DISCONNECTED":
            assert (event.from_email, event.client_id) == (MAILBOX, 31)
    else:
        assert (event.campaign_id, event.campaign_name) == (campaign_id, "Q1 Outreach")
        assert event.campaign_status == "ACTIVE"
        assert event.webhook_id == delivery.webhook_id
        assert event.from_email == MAILBOX
    if event_type in LEAD_EVENT_TYPES:
        lead = fake.state.leads[LEAD]
        assert event.lead_email == event.to_email == event.sl_lead_email == LEAD
        assert (event.sl_email_lead_id, event.sl_email_lead_map_id) == (str(lead.id), map_id)
        assert event.sequence_number == 1
    elif not account:
        assert event.lead_email is None

    # One envelope or the other, with the delivery's own keys.
    document = json.loads(body)
    assert event.delivery is not None
    if envelope == "v2":
        assert set(document) == V2_KEYS
        assert document["type"] == event_type.lower().replace("_", ".")
        assert "event_type" not in document["data"]
        assert (event.delivery.id, event.attempt) == (delivery.event_id, 1)
        assert event.delivery.created_at is not None
        again = parse_event(retry_body, headers=retry_headers, converter=STRICT)
        assert (again.delivery and again.delivery.id, again.attempt) == (delivery.event_id, 2)
    else:
        assert document == delivery.payload
        assert document["event_type"] == event_type
        assert (event.delivery.id, event.attempt) == (None, None)
        assert retry_body == body

    # The retry is a duplicate: the handler ran once.
    assert [r.status for r in receiver.results] == [200, 200]
    assert receiver.results[0].body["processed"] == 1
    assert receiver.results[1].body["duplicates"] == 1
    assert [e.event_type for e in receiver.handled] == [event_type]


@pytest.mark.parametrize(
    "event_type",
    [t for t, (_, how) in EXAMPLES.items() if how in ("verbatim", "derived", "completed")],
)
async def test_the_fake_sends_every_key_of_the_documented_example(
    receiver: Receiver, event_type: str
) -> None:
    """The documented payloads are subsets of what the fake posts (the live bodies carry more)."""
    example, _ = EXAMPLES[event_type]
    envelope = "v2" if "data" in example else "flat"
    _, delivery, _, _, _ = await _emit_once_and_retry(receiver, event_type, envelope)
    document = json.loads(delivery.body)
    assert set(example) <= set(document)
    if envelope == "v2":
        assert set(example["meta"]) <= set(document["meta"])
        assert document["meta"]["level"] == example["meta"]["level"]


async def test_emit_defaults_to_the_documented_envelope(receiver: Receiver) -> None:
    async with FakeSmartlead(
        api_keys=(API_KEY,), webhook_secret=SECRET_KEY, signing_secret=SIGNING_SECRET
    ) as fake:
        fake.state.webhooks.disconnect_url = receiver.url
        fake.seed.email_account(MAILBOX)
        (disconnected,) = await fake.emit("EMAIL_ACCOUNT_DISCONNECTED")
        (linkedin,) = await fake.emit("LINKEDIN_DISCONNECTED")
        campaign = fake.seed.campaign(leads=[LEAD])
        fake.seed.webhook(campaign, receiver.url, event_types=["EMAIL_OPEN"])
        (opened,) = await fake.emit("EMAIL_OPEN", campaign_id=campaign.id, lead_email=LEAD)
    assert (disconnected.envelope, linkedin.envelope, opened.envelope) == ("v2", "flat", "flat")
    assert json.loads(disconnected.body)["type"] == "email.account.disconnected"
    assert [e.event_type for e in receiver.handled] == [
        "EMAIL_ACCOUNT_DISCONNECTED",
        "LINKEDIN_DISCONNECTED",
        "EMAIL_OPEN",
    ]


async def test_unsigned_when_no_signing_secret_is_set(receiver: Receiver) -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.seed.campaign(leads=[LEAD])
        fake.seed.webhook(campaign, receiver.url, event_types=["EMAIL_SENT"])
        (delivery,) = await fake.emit("EMAIL_SENT", campaign_id=campaign.id, lead_email=LEAD)
    ((headers, _),) = receiver.received
    assert "X-Smartlead-Signature" not in headers
    assert "X-Smartlead-Signature" not in delivery.headers
    assert delivery.status == 401  # this receiver requires a signature


async def test_account_events_need_the_disconnect_hook_and_campaign_events_a_campaign() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        assert await fake.emit("LINKEDIN_DISCONNECTED") == []
        with pytest.raises(KeyError):
            await fake.emit("EMAIL_ACCOUNT_DISCONNECTED", email_account_id=999_999)
        with pytest.raises(ValueError, match="campaign_id"):
            await fake.emit("CAMPAIGN_STATUS_CHANGED")
        campaign = fake.seed.campaign(leads=[LEAD])
        with pytest.raises(KeyError):
            await fake.emit("MANUAL_STEP_REACHED", campaign_id=campaign.id)
        with pytest.raises(ValueError, match="sequence_number 1"):
            await fake.emit(
                "FIRST_EMAIL_SENT", campaign_id=campaign.id, lead_email=LEAD, sequence_number=2
            )
        with pytest.raises(ValueError, match="envelope"):
            await fake.emit("EMAIL_SENT", campaign_id=campaign.id, lead_email=LEAD, envelope="v3")


async def test_campaign_webhooks_subscribe_to_the_11_campaign_events_only() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.seed.campaign()
        hook = fake.state.webhooks.upsert(
            campaign.id,
            None,
            name="all",
            webhook_url="https://h.example/hook",
            event_types=list(CAMPAIGN_EVENT_TYPES),
            categories=[],
        )
        assert hook.event_types == list(CAMPAIGN_EVENT_TYPES)
        for account_event in ACCOUNT_EVENT_TYPES:
            with pytest.raises(Exception, match="Invalid event_types"):
                fake.state.webhooks.upsert(
                    campaign.id,
                    None,
                    name="disconnects",
                    webhook_url="https://h.example/hook",
                    event_types=[account_event],
                    categories=[],
                )


async def test_simulated_activity_sends_first_email_sent_for_step_one(receiver: Receiver) -> None:
    async with FakeSmartlead(
        api_keys=(API_KEY,), seed=3, webhook_secret=SECRET_KEY, signing_secret=SIGNING_SECRET
    ) as fake:
        campaign = fake.seed.campaign(leads=["a@x.io", "b@x.io"])
        fake.seed.webhook(campaign, receiver.url, event_types=["FIRST_EMAIL_SENT"])
        deliveries = await fake.simulate_activity(campaign.id, open_rate=0, reply_rate=0)
    assert [d.event_type for d in deliveries] == ["FIRST_EMAIL_SENT"] * 2
    assert {e.lead_email for e in receiver.handled} == {"a@x.io", "b@x.io"}
    assert all(isinstance(e, FirstEmailSent) for e in receiver.handled)


async def test_global_webhooks_receive_at_their_level(receiver: Receiver) -> None:
    async with FakeSmartlead(
        api_keys=(API_KEY,), webhook_secret=SECRET_KEY, signing_secret=SIGNING_SECRET
    ) as fake:
        campaign = fake.seed.campaign(client_id=31, leads=[LEAD])
        other = fake.seed.campaign(leads=[LEAD])

        def hook(level: str, events: list[str], **fields: JSON) -> int:
            return fake.state.webhooks.create_global(
                {
                    "webhook_url": receiver.url,
                    "association_type": level,
                    "event_type_map": dict.fromkeys(events, True),
                    **fields,
                }
            ).id

        by_client = hook("client", ["EMAIL_OPEN", "EMAIL_REPLY"], client_id=31)
        by_campaign = hook("campaign", ["EMAIL_OPEN"], email_campaign_id=campaign.id)
        hook("campaign", ["EMAIL_OPEN"], email_campaign_id=other.id)
        by_user = hook("user", ["EMAIL_REPLY"])
        meetings = hook("user", ["LEAD_CATEGORY_UPDATED"], category_id_map={"2": True})

        opened = await fake.emit("EMAIL_OPEN", campaign_id=campaign.id, lead_email=LEAD)
        # A user-level webhook for the event takes precedence over the client-level one.
        (replied,) = await fake.emit("EMAIL_REPLY", campaign_id=campaign.id, lead_email=LEAD)
        # Category 1 (the default "Interested") is not in the webhook's category_id_map.
        interested = await fake.emit(
            "LEAD_CATEGORY_UPDATED", campaign_id=campaign.id, lead_email=LEAD
        )
        assert interested == []
        (meeting,) = await fake.emit(
            "LEAD_CATEGORY_UPDATED",
            campaign_id=campaign.id,
            lead_email=LEAD,
            extra={"lead_category_id": 2, "category": "Meeting Request"},
            envelope="v2",
        )
        retried = await fake.redeliver(meeting)
    assert {(d.webhook_id, d.level) for d in opened} == {
        (by_client, "client"),
        (by_campaign, "campaign"),
    }
    assert (replied.webhook_id, replied.level) == (by_user, "user")
    assert (meeting.webhook_id, meeting.level) == (meetings, "user")
    assert retried is not None
    assert (retried.status, retried.attempt, retried.event_id) == (200, 2, meeting.event_id)
    levels = [(e.event_type, e.level, e.webhook_id) for e in receiver.handled]
    assert sorted(levels[:2], key=str) == sorted(
        [("EMAIL_OPEN", "client", by_client), ("EMAIL_OPEN", "campaign", by_campaign)], key=str
    )
    assert levels[2:] == [
        ("EMAIL_REPLY", "user", by_user),
        ("LEAD_CATEGORY_UPDATED", "user", meetings),
    ]
    assert [r.status for r in receiver.results] == [200] * 5
    assert receiver.results[-1].body["duplicates"] == 1
