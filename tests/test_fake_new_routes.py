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
