"""The routes the fake gained for issue 12, driven through the SDK: each test asserts the state
the call changed in the fake, or what it read back."""

from __future__ import annotations

import datetime as dt

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


async def test_campaign_tags_folder_client_team_member_and_spintax(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    sl = fake_client
    first = await sl.campaigns.create(name="one")
    second = await sl.campaigns.create(name="two")
    tag = await sl.email_accounts.create_tag(name="Q1", color="#FF5733")
    added = await sl.campaigns.add_tags([first.id, second.id], [tag.id])
    assert (added.requested, added.added, added.already_present) == (2, 2, 0)
    again = await sl.campaigns.add_tags([first.id], [tag.id])
    assert (again.added, again.already_present) == (0, 1)
    read = await sl.campaigns.get(first.id, include_tags=True)
    assert [(t.tag_id, t.tag_name) for t in read.tags] == [(tag.id, "Q1")]
    removed = await sl.campaigns.remove_tags([second.id], [tag.id])
    assert (removed.removed, removed.not_present) == (1, 0)
    assert fake.state.campaigns[second.id].tag_ids == set()
    with pytest.raises(NotFoundError):
        await sl.campaigns.add_tags([first.id], [999_999])

    fake.state.campaigns.folders.add(77)
    moved = await sl.campaigns.move_to_folder([first.id, 999_999], 77)
    assert (moved.updated, moved.not_found_campaign_ids) == (1, (999_999,))
    assert fake.state.campaigns[first.id].folder_id == 77
    await sl.campaigns.move_to_folder([first.id], None)
    assert fake.state.campaigns[first.id].folder_id is None
    with pytest.raises(NotFoundError):
        await sl.campaigns.move_to_folder([first.id], 78)

    client = fake.state.add_client("Acme", "ops@acme.example")
    assigned = await sl.campaigns.assign_client(first.id, client.id)
    assert assigned.client is not None
    assert assigned.client.id == client.id
    assert fake.state.campaigns[first.id].client_id == client.id
    await sl.campaigns.assign_client(first.id, None)
    assert fake.state.campaigns[first.id].client_id is None

    await sl.campaigns.update_team_member(first.id, 55)
    assert fake.state.campaigns[first.id].team_member_id == 55
    await sl.campaigns.set_spintax_distribution_mode(first.id, mode="random")
    assert fake.state.campaigns[first.id].spintax_mode == 2


async def test_duplicate_reallocate_and_prompt_template(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    sl = fake_client
    source = fake.seed.startable_campaign("source")
    boxes = fake.state.email_accounts.campaign_links[source.id]
    copy = await sl.campaigns.duplicate(source.id)
    duplicated = fake.state.campaigns[copy.new_campaign_id]
    assert (duplicated.name, duplicated.status) == (source.name, "DRAFTED")
    assert len(duplicated.sequences) == len(source.sequences)
    assert fake.state.email_accounts.campaign_links[duplicated.id] == boxes
    assert duplicated.leads == {}

    campaign = fake.state.campaigns[source.id]
    gone = fake.state.add_email_account("gone@outbound.example")
    membership = fake.state.enroll(campaign, "lead@acme.example")
    membership.status, membership.email_account_id = "INPROGRESS", gone.id
    moved = await sl.campaigns.reallocate_mailboxes(source.id, [gone.id])
    assert moved.leads_reallocated == 1
    assert membership.email_account_id in boxes
    with pytest.raises(BadRequestError):
        await sl.campaigns.reallocate_mailboxes(source.id, [boxes[0]])

    made = await sl.campaigns.prompt_templates.create(
        source.id, prompt_content="Categorise", category_ids=[1, 2]
    )
    assert made.template is not None
    await sl.campaigns.prompt_templates.update(source.id, made.template.id, is_active=False)
    read = await sl.campaigns.prompt_templates.get(source.id)
    assert read.template is not None
    assert (read.template.categories, read.template.is_active) == ((1, 2), False)


async def test_campaign_lead_search_walks_its_cursor(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    sl = fake_client
    campaign = fake.seed.campaign("search")
    emails = [f"lead{i}@acme.example" for i in range(5)]
    for email in emails:
        fake.state.enroll(campaign, email, {"first_name": "Ann" if email < "lead3" else "Bob"})
    fake.state.campaigns[campaign.id].leads["lead4@acme.example"].status = "PAUSED"
    found = [lead async for lead in sl.leads.search_by_campaign(campaign.id, limit=2)]
    assert [f.email_lead.email for f in found if f.email_lead] == emails
    map_ids = [f.id for f in found]
    assert map_ids == sorted(map_ids)
    # Each page after the first was asked for after the last map id of the one before.
    cursors = [
        r.json.get("lastSeenLeadId")
        for r in fake.state.requests
        if r.path.endswith("/leads/filter") and isinstance(r.json, dict)
    ]
    assert cursors == [None, map_ids[1], map_ids[3]]
    paused = [
        lead async for lead in sl.leads.search_by_campaign(campaign.id, lead_statuses=["PAUSED"])
    ]
    assert [f.id for f in paused] == [map_ids[4]]
    anns = [lead async for lead in sl.leads.search_by_campaign(campaign.id, search_text="ann")]
    assert len(anns) == 3


async def test_push_leads_between_lists(fake: FakeSmartlead, fake_client: SmartleadClient) -> None:
    sl = fake_client
    source = fake.state.lead_lists.create("source")
    target = fake.state.lead_lists.create("target")
    fake.state.import_to_list(source, [{"email": "a@x.io"}, {"email": "b@x.io"}])
    copied = await sl.lead_lists.push_leads(target.id, source.id)
    assert copied.data is not None
    assert target.emails == {"a@x.io", "b@x.io"}
    assert source.emails == {"a@x.io", "b@x.io"}
    other = fake.state.lead_lists.create("other")
    lead_a = fake.state.leads["a@x.io"]
    await sl.lead_lists.push_leads(other.id, source.id, action="move")
    assert source.emails == set()
    assert other.emails == {"a@x.io", "b@x.io"}
    await sl.lead_lists.push_leads(source.id, lead_ids=[lead_a.id], action="move")
    assert source.emails == {"a@x.io"}
    assert "a@x.io" not in other.emails
    assert "a@x.io" not in target.emails


async def test_crm_notes_tasks_and_lead_tags(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    sl = fake_client
    campaign = fake.seed.campaign("crm")
    membership = fake.state.enroll(campaign, "lead@acme.example")
    lead = fake.state.leads["lead@acme.example"]
    await sl.inbox.create_note(membership.map_id, note="Interested in the enterprise plan")
    due = dt.datetime(2026, 12, 15, 9, tzinfo=dt.UTC)
    await sl.inbox.create_task(membership.map_id, name="Send pricing", due_date=due)
    notes = [n async for n in sl.leads.crm.notes(lead.id)]
    assert [(n.lead_id, n.note_message) for n in notes] == [
        (lead.id, "Interested in the enterprise plan")
    ]
    tasks = [t async for t in sl.leads.crm.tasks(lead.id)]
    assert [(t.name, t.status, t.due_date) for t in tasks] == [("Send pricing", "pending", due)]
    with pytest.raises(NotFoundError):
        [n async for n in sl.leads.crm.notes(999_999)]

    vip = await sl.email_accounts.create_tag(name="VIP", color="#FF5733")
    await sl.leads.crm.add_tags(lead.id, [vip.id])
    (tagged,) = [t async for t in sl.leads.crm.tags(lead.id)]
    assert (tagged.id, tagged.name) == (vip.id, "VIP")
    assert tagged.tag_mapping_id is not None
    assert [t.id async for t in sl.leads.crm.tags()] == [vip.id]
    await sl.leads.crm.remove_tag(tagged.tag_mapping_id)
    assert fake.state.crm.tag_mappings == {}
    with pytest.raises(NotFoundError):
        await sl.leads.crm.remove_tag(tagged.tag_mapping_id)


async def test_inbox_views_saved_views_reply_status_and_reply_actions(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    sl = fake_client
    campaign = fake.seed.campaign("inbox")
    membership = fake.state.enroll(campaign, "james@x.com")
    other = fake.state.enroll(campaign, "jane@x.com")
    await fake.emit("EMAIL_REPLY", campaign_id=campaign.id, lead_email="james@x.com")
    await fake.emit("EMAIL_REPLY", campaign_id=campaign.id, lead_email="jane@x.com")
    await sl.inbox.assign_team_member(membership.map_id, 7)
    mine = [row.email_lead_map_id async for row in sl.inbox.assigned_to_me()]
    assert mine == [membership.map_id]
    every = {row.email_lead_map_id async for row in sl.inbox.custom_view(campaign_id=campaign.id)}
    assert every == {membership.map_id, other.map_id}

    saved = await sl.inbox.create_saved_view(name="Needs followup", email_status="Replied")
    assert saved.name == "Needs followup"
    assert saved.limited_access is True
    assert fake.state.inbox.saved_views[saved.id]["filters"] == {"emailStatus": "Replied"}

    convo = fake.state.conversations[membership.map_id]
    stats_id = next(iter(convo.stats_ids))
    await sl.inbox.reply(
        campaign.id,
        email_stats_id=stats_id,
        email_body="<p>Thursday?</p>",
        reply_message_id="<r1@x.com>",
        reply_email_time=dt.datetime.now(dt.UTC),
        reply_email_body="<p>Can we talk?</p>",
    )
    message_id = str(convo.sent_replies[-1]["message_id"])
    status = await sl.inbox.reply_status(message_id=message_id)
    assert (status.status, status.email_stats_id) == ("COMPLETED", stats_id)
    with pytest.raises(NotFoundError):
        await sl.inbox.reply_status(message_id="<unknown@x.com>")

    await sl.inbox.ignore_reply(email_stats_id=stats_id)
    assert convo.ignored_replies == {stats_id}
    await sl.inbox.ignore_reply(email_stats_id=stats_id, ignore=False)
    assert convo.ignored_replies == set()

    fake.state.inbox.untracked["u-1"] = {"message_id": "<u1@mail.x.com>"}
    filed = await sl.inbox.associate_untracked_reply("u-1", campaign.id, other.map_id)
    assert filed.success is True
    assert filed.data is not None
    assert fake.state.inbox.untracked == {}
    with pytest.raises(NotFoundError):
        await sl.inbox.associate_untracked_reply("u-1", campaign.id, other.map_id)


async def test_global_webhook_delete_takes_its_id_in_the_body(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    sl = fake_client
    created = fake.state.webhooks.create_global(
        {"webhook_url": "https://hooks.example/in", "association_type": "user"}
    )
    assert created.id in fake.state.webhooks.global_webhooks
    await sl.webhooks.delete_global(created.id)
    assert fake.state.webhooks.global_webhooks == {}
    (request,) = [r for r in fake.state.requests if r.method == "DELETE"]
    assert (request.path, request.json) == ("/api/v1/webhook/delete", {"id": created.id})
    with pytest.raises(NotFoundError):
        await sl.webhooks.delete_global(created.id)


async def test_message_history_for_leads_oauth_mailbox_and_single_email(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    sl = fake_client
    campaign = fake.seed.campaign("history", leads=["a@x.io", "b@x.io"])
    await fake.emit("EMAIL_SENT", campaign_id=campaign.id, lead_email="a@x.io")
    lead_a, lead_b = fake.state.leads["a@x.io"], fake.state.leads["b@x.io"]
    history = await sl.leads.message_history_for_leads(campaign.id, [lead_a.id, lead_b.id])
    assert list(history.data) == [str(lead_a.id)]

    saved = await sl.email_accounts.save_oauth(
        from_name="Ann",
        from_email="ann@gmail.example",
        username="ann@gmail.example",
        provider="GMAIL",
        token={"scope": "mail", "token_type": "Bearer", "expiry_date": 1_900_000_000_000},
        warmup_enabled=False,
        use_whitelabel_credentials=False,
    )
    account = fake.state.email_accounts.by_email("ann@gmail.example")
    assert account is not None
    assert account.extra["type"] == "GMAIL"

    sent = await sl.email_accounts.send_email(
        to="bob@acme.example",
        subject="Hi",
        body="<p>Hello</p>",
        from_email_account_id=account.id,
        confirm_send=True,
    )
    (record,) = fake.state.email_accounts.sent_emails
    assert (record["from_email"], record["to"], record["message_id"]) == (
        "ann@gmail.example",
        "bob@acme.example",
        sent.message_id,
    )
    assert saved is not None


async def test_a_user_level_global_webhook_is_created_through_the_sdk(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    # The SDK sent `email_campaign_id: null` and `client_id: null`, which the reference types as
    # numbers: the fake (like SmartLead's validation) refused every user-level webhook.
    hook = await fake_client.webhooks.create_global(
        name="All replies", url="https://h.example/x", event_types=["EMAIL_REPLY"]
    )
    assert hook.webhook_id in fake.state.webhooks.global_webhooks
    (body,) = [r.json for r in fake.state.requests if r.path.endswith("/webhook/create")]
    assert isinstance(body, dict)
    assert "email_campaign_id" not in body
    assert "client_id" not in body
