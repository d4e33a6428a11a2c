"""The fake serves every route the SDK calls, and the newer areas keep real state."""

from __future__ import annotations

import datetime as dt
import re

import aiohttp
import pytest

from smartlead_async import BadRequestError, SmartleadClient
from smartlead_async._endpoints import endpoint_rows
from smartlead_async.models import LeadInput
from smartlead_async.resources import RESOURCES
from smartlead_async.testing import FakeSmartlead

from .helpers import API_KEY

ROUTES = endpoint_rows(RESOURCES)


async def test_every_sdk_route_has_a_handler_in_the_fake() -> None:
    unserved = []
    assert {endpoint.host for endpoint, _ in ROUTES} == {
        "core",
        "prospect",
        "smart_delivery",
        "smart_senders",
    }
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake, aiohttp.ClientSession() as http:
        for endpoint, method in ROUTES:
            path = re.sub(r"\{[^}]+\}", "1", endpoint.path)
            url = f"{fake.base_url_for(endpoint.host)}/{path}?api_key={API_KEY}"
            async with http.request(endpoint.method, url, json={}) as response:
                text = await response.text()
            # aiohttp's own answers for unknown routes are plain text: "404: Not Found", "405: ..."
            if response.status in (404, 405) and re.match(r"^40[45]: ", text):
                unserved.append(f"{endpoint.method} /{endpoint.path} ({method})")
    assert unserved == []


async def test_inbox_reply_flow(fake: FakeSmartlead, fake_client: SmartleadClient) -> None:
    sl = fake_client
    campaign = await sl.campaigns.create(name="inbox")
    await sl.leads.add_to_campaign(campaign.id, leads=[LeadInput(email="james@x.com")])
    deliveries = await fake.emit("EMAIL_REPLY", campaign_id=campaign.id, lead_email="james@x.com")
    assert deliveries == []  # no webhook registered: the event still reaches the inbox
    rows = [row async for row in sl.inbox.replies()]
    assert [r.lead_email for r in rows] == ["james@x.com"]
    (unread,) = (await sl.inbox.unread()).items
    map_id = unread.email_lead_map_id
    stats_id = next(iter(fake.state.conversations[map_id].stats_ids))
    when = dt.datetime.now(dt.UTC)
    await sl.inbox.reply(
        campaign.id,
        email_stats_id=stats_id,
        email_body="<p>Thursday?</p>",
        reply_message_id="<r1@x.com>",
        reply_email_time=when,
        reply_email_body="<p>Can we talk?</p>",
    )
    with pytest.raises(BadRequestError, match="email_stats_id"):
        await sl.inbox.reply(
            campaign.id,
            email_stats_id="unknown",
            email_body="b",
            reply_message_id="m",
            reply_email_time=when,
            reply_email_body="x",
        )
    assert (await sl.inbox.unread()).items == ()
    await sl.inbox.update_category(map_id, 1)
    await sl.inbox.update_revenue(map_id, revenue=500)
    await sl.inbox.create_note(map_id, note="hot")
    conversation = await sl.inbox.get(map_id)
    assert (conversation.lead_category_id, conversation.revenue) == (1, 500.0)
    assert fake.state.conversations[map_id].notes == ["hot"]
    await sl.inbox.block_domains(domains=["rival.example"])
    assert "rival.example" in fake.state.block_list


async def test_lists_clients_tags_and_reports(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    sl = fake_client
    await sl.lead_lists.create(name="Clay")
    (lead_list,) = (await sl.lead_lists.list()).items
    await sl.lead_lists.import_leads(lead_list.id, leads=[{"email": "a@x.io"}, {"email": "b@x.io"}])
    assert (await sl.lead_lists.list()).items[0].leads_count == 2
    campaign = await sl.campaigns.create(name="from list")
    ids = [lead.id async for lead in sl.leads.list_all(limit=1)]
    await sl.leads.push_to_campaign(campaign.id, ids)
    assert sorted(fake.state.campaigns[campaign.id].leads) == ["a@x.io", "b@x.io"]

    created = await sl.clients.create(name="Acme", email="ops@acme.example", password="pw")
    assert created.client_id is not None
    key = await sl.clients.create_api_key(created.client_id, name="CRM sync")
    assert key.api_key is not None
    assert key.api_key.startswith("cl_live_")
    listed = await sl.clients.list_api_keys(client_id=created.client_id)
    assert [(k.id, k.api_key) for k in listed] == [(key.id, None)]
    reset = await sl.clients.reset_api_key(key.id)
    assert reset.api_key != key.api_key

    mailbox = fake.seed.email_account("s@outbound.example")
    tag = await sl.email_accounts.create_tag(name="Warm", color="#FF5733")
    assert (tag.name, tag.color) == ("Warm", "#FF5733")
    await sl.email_accounts.add_tags([mailbox.id], [tag.id])
    (tagged,) = await sl.email_accounts.tags_of(emails=["s@outbound.example"])
    assert (tagged.email_account_id, tagged.from_email) == (mailbox.id, "s@outbound.example")
    assert [t.id for t in tagged.tags] == [tag.id]

    await fake.emit("EMAIL_SENT", campaign_id=campaign.id, lead_email="a@x.io")
    await fake.emit("EMAIL_REPLY", campaign_id=campaign.id, lead_email="a@x.io")
    today = dt.date.today()
    overall = await sl.analytics.overall_stats(start=today, end=today)
    assert isinstance(overall.data, dict)
    assert (overall.data["sent"], overall.data["replied"]) == (1, 1)
    stats = [row async for row in sl.analytics.campaign.lead_statistics(campaign.id)]
    assert [(s.lead_email, s.reply_count) for s in stats] == [("a@x.io", 1)]
    activity = [row async for row in sl.analytics.campaign.lead_activities(limit=1)]
    assert [row["type"] for row in activity] == ["SENT", "REPLY"]
