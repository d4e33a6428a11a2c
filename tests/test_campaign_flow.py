"""Stateful campaign configuration and mailbox flows against the fake over real sockets."""

from __future__ import annotations

import datetime as dt

import pytest

from smartlead_async import BadRequestError, NotFoundError, SmartleadClient
from smartlead_async.models import (
    LeadInput,
    SequenceStepInput,
    SequenceVariantInput,
    TrackSetting,
)
from smartlead_async.testing import FakeSmartlead


async def test_configure_start_and_measure_a_campaign(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    sl = fake_client
    campaign = await sl.campaigns.create(name="configured")
    await sl.campaigns.update_schedule(
        campaign.id,
        timezone="Australia/Sydney",
        days_of_the_week=[1, 2, 3, 4, 5],
        start_hour="10:00",
        end_hour="23:00",
        min_time_btw_emails=10,
        max_new_leads_per_day=10,
    )
    await sl.campaigns.update_settings(
        campaign.id,
        track_settings=[TrackSetting.DONT_TRACK_REPLY_TO_AN_EMAIL],
        follow_up_percentage=30,
    )
    read = await sl.campaigns.get(campaign.id)
    assert read.scheduler_cron_value == {
        "tz": "Australia/Sydney",
        "days": [1, 2, 3, 4, 5],
        "startHour": "10:00",
        "endHour": "23:00",
    }
    # Written as DONT_TRACK_*, read back in the read vocabulary (catalog 1.6).
    assert read.track_settings == ("DONT_REPLY_TO_AN_EMAIL",)
    assert (read.max_leads_per_day, read.follow_up_percentage) == (10, 30)

    await sl.campaigns.save_sequences(
        campaign.id,
        steps=[
            SequenceStepInput(seq_number=1, subject="Hi", email_body="<p>One</p>"),
            SequenceStepInput(
                seq_number=2,
                delay_in_days=2,
                variants=(
                    SequenceVariantInput(subject="", email_body="<p>A</p>", variant_label="A"),
                    SequenceVariantInput(subject="", email_body="<p>B</p>", variant_label="B"),
                ),
            ),
        ],
    )
    steps = await sl.campaigns.get_sequences(campaign.id)
    assert [s.seq_number for s in steps] == [1, 2]
    assert steps[1].seq_delay_details is not None
    assert steps[1].seq_delay_details.delay_in_days == 2
    assert [v.variant_label for v in steps[1].sequence_variants] == ["A", "B"]

    mailbox_id = fake.seed.email_account("sales@outbound.example").id
    added = await sl.email_accounts.add_to_campaign(campaign.id, [mailbox_id])
    assert added.result[0].email_account_id == mailbox_id
    assert [a.id for a in await sl.email_accounts.list_by_campaign(campaign.id)] == [mailbox_id]

    await sl.leads.add_to_campaign(
        campaign.id, leads=[LeadInput(email=f"l{i}@x.io") for i in range(4)]
    )
    await sl.campaigns.update_status(campaign.id, status="START")
    with pytest.raises(BadRequestError, match="Pause"):
        await sl.campaigns.save_sequences(campaign.id, steps=[])

    for event in ("EMAIL_SENT", "EMAIL_OPEN", "EMAIL_REPLY"):
        await fake.emit(event, campaign_id=campaign.id, lead_email="l0@x.io")
    await fake.emit("EMAIL_SENT", campaign_id=campaign.id, lead_email="l1@x.io")
    analytics = await sl.analytics.campaign.summary(campaign.id)
    assert (analytics.sent_count, analytics.open_count, analytics.reply_count) == (2, 1, 1)
    assert analytics.campaign_lead_stats is not None
    assert analytics.campaign_lead_stats.total == 4
    statistics = sl.analytics.campaign.statistics(campaign.id, email_status="replied")
    replied = [row async for row in statistics]
    assert [row.lead_email for row in replied] == ["l0@x.io"]
    today = dt.date.today()
    ranged = await sl.analytics.campaign.by_date(
        campaign.id, start=today - dt.timedelta(days=7), end=today
    )
    assert ranged.end_date == today

    removed = await sl.email_accounts.remove_from_campaign(campaign.id, [mailbox_id])
    assert removed.result == 1


async def test_mailbox_lifecycle(fake: FakeSmartlead, fake_client: SmartleadClient) -> None:
    sl = fake_client
    saved = await sl.email_accounts.save(
        from_name="Jo",
        from_email="jo@outbound.example",
        username="jo@outbound.example",
        password="s3cret",
        smtp_host="smtp.example.com",
        smtp_port=465,
        imap_host="imap.example.com",
        imap_port=993,
    )
    assert saved.email_account_id is not None
    with pytest.raises(BadRequestError) as caught:
        await sl.email_accounts.save(
            from_name="Jo",
            from_email="jo@outbound.example",
            username="jo@outbound.example",
            password="s3cret",
            smtp_host="smtp.example.com",
            smtp_port=465,
            imap_host="imap.example.com",
            imap_port=993,
        )
    assert isinstance(caught.value.body, dict)
    assert caught.value.body["errorCode"] == "ACCOUNT_ALREADY_EXIST"

    account_id = saved.email_account_id
    await sl.email_accounts.update(account_id, max_email_per_day=25, signature="Jo")
    await sl.email_accounts.update_warmup(account_id, enabled=False)
    account = await sl.email_accounts.get(account_id)
    assert (account.message_per_day, account.signature) == (25, "Jo")
    assert account.warmup_details is not None
    assert account.warmup_details.status == "INACTIVE"
    assert "s3cret" not in repr(account)
    stats = await sl.email_accounts.warmup_stats(account_id)
    assert len(stats.stats_by_date) == 7
    with pytest.raises(NotFoundError):
        await sl.email_accounts.warmup_stats(account_id + 999)
