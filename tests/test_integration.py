"""The whole stack over real sockets against the fake server."""

from __future__ import annotations

import asyncio

import pytest

from smartlead_async import (
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    RateLimit,
    SmartleadClient,
)
from smartlead_async.models import (
    CampaignStatus,
    LeadImportSettings,
    LeadInput,
    SequenceStepInput,
)
from smartlead_async.testing import FakeSmartlead

from .helpers import API_KEY, run_in_virtual_time


async def test_campaign_and_lead_lifecycle(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    sl = fake_client
    fake.state.block_list.add("blocked.example")
    created = await sl.campaigns.create(name="Q1 outbound")
    assert (await sl.campaigns.get(created.id)).status is CampaignStatus.DRAFTED

    leads = [
        LeadInput(email="ann@example.com", first_name="Ann", custom_fields={"Title": "CTO"}),
        LeadInput(email="bob@example.com"),
        LeadInput(email="ann@EXAMPLE.com"),  # duplicate inside the request
        LeadInput(email="eve@blocked.example"),
    ]
    first = await sl.leads.add_to_campaign(created.id, leads=leads)
    assert (first.upload_count, first.duplicate_count, first.block_count) == (2, 1, 1)
    assert first.total_leads == 4

    # add-leads is idempotent on the server: a replay is reported, not duplicated.
    replay = await sl.leads.add_to_campaign(created.id, leads=leads[:2])
    assert (replay.upload_count, replay.already_added_to_campaign) == (0, 2)

    # The block list can be overridden per call.
    override = await sl.leads.add_to_campaign(
        created.id, leads=leads[3:], settings=LeadImportSettings(ignore_global_block_list=True)
    )
    assert override.upload_count == 1

    listed = [row async for row in sl.leads.list_by_campaign(created.id)]
    assert [row.lead.email for row in listed] == [
        "ann@example.com",
        "bob@example.com",
        "eve@blocked.example",
    ]
    assert listed[0].lead.custom_fields == {"Title": "CTO"}

    found = await sl.leads.get_by_email(email="ann@example.com")
    assert found.id == listed[0].lead.id
    assert [c.campaign_id for c in found.lead_campaign_data] == [created.id]
    with pytest.raises(NotFoundError):
        await sl.leads.get_by_email(email="nobody@example.com")

    with pytest.raises(BadRequestError, match="schedule"):
        await sl.campaigns.update_status(created.id, status="START")
    await ready_to_start(fake, sl, created.id)
    await sl.campaigns.update_status(created.id, status="START")
    await sl.campaigns.update_status(created.id, status="PAUSED")
    assert (await sl.campaigns.get(created.id)).status is CampaignStatus.PAUSED
    await sl.campaigns.update_status(created.id, status="STOPPED")
    with pytest.raises(BadRequestError, match="stopped"):
        await sl.campaigns.update_status(created.id, status="START")

    assert [c.id for c in await sl.campaigns.list()] == [created.id]
    await sl.campaigns.delete(created.id)
    with pytest.raises(NotFoundError):
        await sl.campaigns.get(created.id)
    with pytest.raises(NotFoundError, match="Campaign not found"):
        await sl.campaigns.delete(created.id)

    # The fake logged the wire requests; the key is never among them.
    assert fake.state.requests[0].path == "/api/v1/campaigns/create"
    assert fake.state.requests[0].json == {"name": "Q1 outbound"}
    assert all("api_key" not in r.query for r in fake.state.requests)


async def ready_to_start(fake: FakeSmartlead, sl: SmartleadClient, campaign_id: int) -> None:
    """Give a campaign what START needs: a sender, a schedule and a sequence."""
    sender = fake.seed.email_account("sales@outbound.example")
    await sl.email_accounts.add_to_campaign(campaign_id, [sender.id])
    await sl.campaigns.update_schedule(
        campaign_id,
        timezone="Europe/London",
        days_of_the_week=[1, 2, 3],
        start_hour="08:00",
        end_hour="18:00",
        min_time_btw_emails=5,
        max_new_leads_per_day=20,
    )
    await sl.campaigns.save_sequences(
        campaign_id,
        steps=[SequenceStepInput(seq_number=1, subject="Hi", email_body="<p>Hello</p>")],
    )


async def test_unknown_key_gets_the_documented_401(fake: FakeSmartlead) -> None:
    async with SmartleadClient("wrong-key", base_url=fake.base_url, max_retries=0) as sl:
        with pytest.raises(AuthenticationError) as caught:
            await sl.campaigns.list()
    assert caught.value.message == "Invalid API Key"
    assert caught.value.body == {"message": "Invalid API Key"}


def test_gate_keeps_a_strict_sliding_window_server_free_of_429() -> None:
    # The rule has the default's shape (N per W). On virtual time the fake's windows and the
    # gate read one clock, so this checks the gate's arithmetic: in real time, a scheduling
    # pause longer than the 12.5 ms margin of so small a window drew a 429 on a loaded machine.
    async def main() -> tuple[int, int, int]:
        rule = RateLimit(5, 0.25)
        clock = asyncio.get_running_loop().time
        async with (
            FakeSmartlead(api_keys=(API_KEY,), rate_limits=[rule], clock=clock) as fake,
            SmartleadClient(
                API_KEY, base_url=fake.base_url, rate_limits=[rule], max_retries=0
            ) as sl,
        ):
            results = await asyncio.gather(*(sl.campaigns.list() for _ in range(40)))
        return len(results), fake.state.rate_limited, len(fake.state.requests)

    assert run_in_virtual_time(main) == (40, 0, 40)


async def test_without_the_gate_the_same_server_answers_429() -> None:
    # The control for the test above: the fake really does enforce the window.
    rule = RateLimit(5, 0.25)
    async with (
        FakeSmartlead(api_keys=(API_KEY,), rate_limits=[rule]) as fake,
        SmartleadClient(
            API_KEY, base_url=fake.base_url, rate_limits=[RateLimit(1000, 0.001)], max_retries=0
        ) as sl,
    ):
        await asyncio.gather(*(sl.campaigns.list() for _ in range(40)), return_exceptions=True)
    assert fake.state.rate_limited > 0


async def test_pytest_plugin_fixtures(
    smartlead_fake: FakeSmartlead, smartlead_client: SmartleadClient
) -> None:
    created = await smartlead_client.campaigns.create(name="from plugin fixtures")
    assert smartlead_fake.state.campaigns[created.id].name == "from plugin fixtures"
