"""The routes the fake gained for issue 12, driven through the SDK: each test asserts the state
the call changed in the fake, or what it read back."""

from __future__ import annotations

import pytest

from smartlead_async import SmartleadClient
from smartlead_async.errors import BadRequestError, FetchRepliesBusyError, NotFoundError
from smartlead_async.testing import FakeSmartlead


async def test_mailbox_tags_lookup_and_attach_by_tag(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    sl = fake_client
    warm = fake.seed.email_account("warm@outbound.example")
    cold = fake.seed.email_account("cold@outbound.example", connected=False)
    tag = await sl.email_accounts.create_tag(name="Primary")
    assert (tag.name, tag.color) == ("Primary", "#4CAF50")
    assert fake.state.email_accounts.tags[tag.id].name == "Primary"
    await sl.email_accounts.add_tags([warm.id, cold.id], [tag.id])

    found = await sl.email_accounts.get_by_email(
        email="warm@outbound.example", fetch_tags=True, fetch_campaigns=True
    )
    assert found.id == warm.id
    with pytest.raises(NotFoundError):
        await sl.email_accounts.get_by_email(email="nobody@outbound.example")

    campaign = await sl.campaigns.create(name="by tag")
    added = await sl.campaigns.add_mailboxes_by_tag(campaign.id, [tag.id], only_connected=True)
    assert added.added_count == 1
    assert fake.state.email_accounts.campaign_links[campaign.id] == [warm.id]
    again = await sl.campaigns.add_mailboxes_by_tag(campaign.id, [tag.id])
    assert (again.added_count, again.already_associated_count) == (1, 1)
    assert fake.state.email_accounts.campaign_links[campaign.id] == [warm.id, cold.id]
    with pytest.raises(BadRequestError):
        await sl.campaigns.add_mailboxes_by_tag(campaign.id, [999_999])


async def test_mailbox_bulk_config_fetch_replies_and_unblock_otp(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    sl = fake_client
    box = fake.seed.email_account("a@outbound.example")
    await sl.email_accounts.bulk_update_config(
        [box.id, 987_654], message_per_day=25, from_name="Ann", warmup_max_email_per_day=30
    )
    account = fake.state.email_accounts[box.id]
    assert (account.message_per_day, account.from_name) == (25, "Ann")
    assert account.warmup["max_email_per_day"] == 30

    await sl.email_accounts.fetch_replies_now()
    with pytest.raises(FetchRepliesBusyError):
        await sl.email_accounts.fetch_replies_now()

    account.warmup["is_warmup_blocked"] = True
    await sl.email_accounts.send_unblock_otp(box.id)
    code = fake.state.email_accounts.otps[box.id]
    with pytest.raises(BadRequestError):
        await sl.email_accounts.verify_unblock_otp(box.id, otp="not-the-code")
    await sl.email_accounts.verify_unblock_otp(box.id, otp=code)
    assert account.warmup["is_warmup_blocked"] is False
    assert box.id not in fake.state.email_accounts.otps


async def test_client_by_id_and_its_code_snippets(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    sl = fake_client
    client = fake.state.add_client("Acme", "ops@acme.example")
    snippet = await sl.clients.add_code_snippet(client.id, name="Pixel", code="<script/>")
    assert fake.state.clients[client.id].code_integrations[snippet.id]["snippet_code"] == (
        "<script/>"
    )
    await sl.clients.update_code_snippet(client.id, snippet.id, name="Tracker")
    details = await sl.clients.get(
        client.id, include_code_integrations=True, include_permissions=True
    )
    assert (details.id, details.name) == (client.id, "Acme")
    assert [(s.id, s.snippet_name, s.snippet_code) for s in details.client_code_integrations] == [
        (snippet.id, "Tracker", "<script/>")
    ]
    assert details.client_permissions
    plain = await sl.clients.get(client.id)
    assert plain.client_code_integrations == ()
    with pytest.raises(NotFoundError):
        await sl.clients.get(999_999)
    with pytest.raises(NotFoundError):
        await sl.clients.update_code_snippet(client.id, 999_999, code="x")


async def test_lead_category_crud(fake: FakeSmartlead, fake_client: SmartleadClient) -> None:
    sl = fake_client
    created = await sl.leads.lead_categories.create(
        name=" Next Quarter ", sentiment_type="positive"
    )
    assert (created.name, created.sentiment_type, created.colour_code) == (
        "Next Quarter",
        "positive",
        "#f9f1e9",
    )
    with pytest.raises(BadRequestError):
        await sl.leads.lead_categories.create(name="interested")  # a built-in name
    updated = await sl.leads.lead_categories.update(
        created.id, sentiment_type=None, colour_code="#FFC107"
    )
    assert (updated.name, updated.sentiment_type, updated.colour_code) == (
        "Next Quarter",
        None,
        "#FFC107",
    )
    assert fake.state.leads.custom_categories[created.id]["colour_code"] == "#FFC107"
    names = [c.name async for c in sl.leads.categories()]
    assert "Next Quarter" in names
    await sl.leads.lead_categories.delete(created.id)
    assert created.id not in fake.state.leads.custom_categories
    with pytest.raises(NotFoundError):
        await sl.leads.lead_categories.delete(created.id)
