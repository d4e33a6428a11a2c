"""Stateful lead flows against the fake, over real sockets, through every lead method."""

from __future__ import annotations

import pytest

from smartlead_async import NotFoundError, SmartleadClient
from smartlead_async.models import LeadInput, LeadStatus
from smartlead_async.resources.leads import parse_csv_export
from smartlead_async.testing import FakeSmartlead


async def test_lead_lifecycle(fake: FakeSmartlead, fake_client: SmartleadClient) -> None:
    sl = fake_client
    campaign = await sl.campaigns.create(name="flow")
    other = await sl.campaigns.create(name="other")
    await sl.leads.add_to_campaign(
        campaign.id,
        leads=[
            LeadInput(email="ann@example.com", first_name="Ann", custom_fields={"Title": "CTO"}),
            LeadInput(email="bob@example.com", first_name="Bob"),
        ],
    )
    rows = [row async for row in sl.leads.list_by_campaign(campaign.id)]
    ann, bob = (row.lead for row in rows)

    assert (await sl.leads.get(ann.id)).email == "ann@example.com"
    with pytest.raises(NotFoundError):
        await sl.leads.get(999_999)

    await sl.leads.update(campaign.id, ann.id, lead={"email": ann.email, "company_name": "Acme"})
    assert (await sl.leads.get(ann.id)).company_name == "Acme"

    await sl.leads.pause(campaign.id, ann.id)
    paused = await sl.leads.list_by_campaign(campaign.id, status=LeadStatus.PAUSED)
    assert [row.lead.id for row in paused.items] == [ann.id]
    await sl.leads.resume(campaign.id, ann.id, delay_days=2)
    assert (await sl.leads.list_by_campaign(campaign.id, status="PAUSED")).items == ()

    categories = {c.name: c.id for c in await sl.leads.categories()}
    await sl.leads.update_category(campaign.id, bob.id, categories["Interested"])
    interested = await sl.leads.list_by_campaign(
        campaign.id, lead_category_id=categories["Interested"]
    )
    assert [row.lead.id for row in interested.items] == [bob.id]

    history = await sl.leads.message_history(campaign.id, bob.id)
    assert history.to_email == "bob@example.com"
    map_id = next(row.campaign_lead_map_id for row in rows if row.lead.id == bob.id)
    done = await sl.leads.mark_complete(campaign.id, map_id)
    assert done.status is not None
    assert done.status.is_last_sequence is True

    exported = parse_csv_export(await sl.leads.export_csv(campaign.id))
    assert [(r["email"], r["first_name"]) for r in exported] == [
        ("ann@example.com", "Ann"),
        ("bob@example.com", "Bob"),
    ]

    # Unsubscribed globally: a later import into another campaign reports the lead.
    await sl.leads.unsubscribe(ann.id)
    assert (await sl.leads.get(ann.id)).is_unsubscribed is True
    assert ann.email is not None
    later = await sl.leads.add_to_campaign(other.id, leads=[LeadInput(email=ann.email)])
    assert (later.upload_count, later.unsubscribed_emails) == (0, ("ann@example.com",))

    assert [c.id for c in await sl.leads.campaigns(bob.id)] == [campaign.id]
    await sl.leads.unsubscribe_from_campaign(campaign.id, bob.id)
    deleted = await sl.leads.delete_from_campaign(campaign.id, bob.id)
    assert (deleted.ok, deleted.message) == (True, "success")  # plain text on the wire
    assert (await sl.leads.campaigns(bob.id)).items == ()
    with pytest.raises(NotFoundError, match="Lead not found"):
        await sl.leads.pause(campaign.id, bob.id)


async def test_block_list_flow(fake: FakeSmartlead, fake_client: SmartleadClient) -> None:
    sl = fake_client
    added = await sl.leads.block_list.add(entries=["competitor.example", "ceo@rival.example"])
    assert added.upload_count == 2
    entries = [entry async for entry in sl.leads.block_list.list(limit=1)]
    assert sorted(e.email_or_domain or "" for e in entries) == [
        "ceo@rival.example",
        "competitor.example",
    ]
    campaign = await sl.campaigns.create(name="blocked")
    result = await sl.leads.add_to_campaign(
        campaign.id,
        leads=[LeadInput(email="x@competitor.example"), LeadInput(email="ok@fine.example")],
    )
    assert (result.upload_count, result.block_count) == (1, 1)

    domain_entry = next(e for e in entries if e.email_or_domain == "competitor.example")
    await sl.leads.block_list.remove(domain_entry.id)
    remaining = await sl.leads.block_list.list()
    assert [e.email_or_domain for e in remaining] == ["ceo@rival.example"]
    retry = await sl.leads.add_to_campaign(
        campaign.id, leads=[LeadInput(email="x@competitor.example")]
    )
    assert retry.upload_count == 1
