"""The SDK's Smart Delivery methods end to end against the fake: folders, placement tests and
every report, with the fake's state and the requests it recorded."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any, TypeVar

import aiohttp
import attrs
import pytest

from smartlead_async import BadRequestError, NotFoundError, SmartleadClient
from smartlead_async._pagination import Pager
from smartlead_async.models.smart_delivery import SpamTest, SpamTestStatus, SpamTestType
from smartlead_async.testing import FakeSmartlead
from smartlead_async.testing.backend.smart_delivery import SEED_PROVIDERS, FakeSpamTest

T = TypeVar("T")

#: One sender on a domain that passes every check, one that fails SPF and rDNS: their seed
#: replies land in the inbox, a tab and spam.
SENDERS = ["ops@acme.io", "Sales@Outbound.example"]
START = dt.datetime(2026, 3, 15, 10, 0, tzinfo=dt.UTC)
END = dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.UTC)


async def _all(pager: Pager[T]) -> list[T]:
    return [item async for item in pager]


#: Every report of one test, as the SDK calls it.
REPORTS: dict[str, Callable[[SmartleadClient, Any], Any]] = {
    "by_provider": lambda sl, t: sl.smart_delivery.reports.by_provider(t),
    "by_region": lambda sl, t: sl.smart_delivery.reports.by_region(t),
    "by_sender": lambda sl, t: _all(sl.smart_delivery.reports.by_sender(t)),
    "sender_accounts": lambda sl, t: _all(sl.smart_delivery.reports.sender_accounts(t)),
    "spam_filters": lambda sl, t: _all(sl.smart_delivery.reports.spam_filters(t)),
    "dkim": lambda sl, t: _all(sl.smart_delivery.reports.dkim(t)),
    "spf": lambda sl, t: _all(sl.smart_delivery.reports.spf(t)),
    "rdns": lambda sl, t: _all(sl.smart_delivery.reports.rdns(t)),
    "ip_blacklist": lambda sl, t: _all(sl.smart_delivery.reports.ip_blacklist(t)),
    "domain_blacklist": lambda sl, t: _all(sl.smart_delivery.reports.domain_blacklist(t)),
    "email_content": lambda sl, t: sl.smart_delivery.reports.email_content(t),
    "sending_ips": lambda sl, t: _all(sl.smart_delivery.reports.sending_ips(t)),
    "schedule_history": lambda sl, t: _all(sl.smart_delivery.reports.schedule_history(t)),
    "reply_headers": lambda sl, t: sl.smart_delivery.reports.reply_headers(t, 1),
}


async def _manual(sl: SmartleadClient, **overrides: Any) -> SpamTest:
    args: dict[str, Any] = {
        "test_name": "Q1 placement",
        "campaign_id": 42,
        "sequence_mapping_id": 7,
        "provider_ids": ["gmail_na", "outlook_na"],
        "sender_accounts": SENDERS,
        **overrides,
    }
    return await sl.smart_delivery.create_manual_test(confirm_cost=True, **args)


async def _automated(sl: SmartleadClient) -> SpamTest:
    return await sl.smart_delivery.create_automated_test(
        confirm_cost=True,
        test_name="Weekly",
        campaign_id=42,
        sequence_mapping_id=7,
        provider_ids=["gmail_na"],
        sender_accounts=SENDERS[:1],
        start=START,
        end=END,
        every_days=7,
        timezone="Europe/Berlin",
        days=[3, 0],
    )


def _stored(fake: FakeSmartlead, test: SpamTest) -> FakeSpamTest:
    assert test.id is not None
    return fake.state.smart_delivery.tests[int(test.id)]


async def test_seed_providers_name_the_ids_a_test_takes(fake_client: SmartleadClient) -> None:
    (region,) = await _all(fake_client.smart_delivery.seed_providers())
    assert (region.region_id, region.region_name) == ("na-1", "North America")
    groups = {g.group_id: g.provider_count for g in region.groups}
    assert groups == {"gmail_na": 3, "outlook_na": 2}
    test = await _manual(fake_client, provider_ids=list(groups))
    assert test.provider_id == "gmail_na"


async def test_folders_are_created_listed_read_and_deleted(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    folders = fake_client.smart_delivery.folders
    q1 = await folders.create(name="Q1")
    q2 = await folders.create(name="Q2")
    assert [f.name for f in await _all(folders.list())] == ["Q1", "Q2"]
    assert q1.id is not None
    assert (await folders.get(q1.id)).name == "Q1"
    deleted = await folders.delete(q1.id)
    assert deleted.message == "Folder deleted successfully"
    assert [f.id for f in await _all(folders.list())] == [q2.id]
    assert q2.id is not None
    assert sorted(fake.state.smart_delivery) == [int(q2.id)]
    with pytest.raises(NotFoundError, match="Folder not found"):
        await folders.get(q1.id)
    with pytest.raises(NotFoundError, match="Folder not found"):
        await folders.delete(q1.id)


async def test_a_manual_test_is_created_read_listed_and_deleted(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    sd = fake_client.smart_delivery
    folder = await sd.folders.create(name="Q1")
    created = await _manual(fake_client, folder_id=folder.id, description="first look")
    assert created.test_type is SpamTestType.MANUAL
    assert created.status is SpamTestStatus.ACTIVE
    assert (created.test_name, created.description) == ("Q1 placement", "first look")
    assert (created.folder_id, created.campaign_id, created.sequence_mapping_id) == (
        folder.id,
        "42",
        "7",
    )
    assert (created.spam_filters, created.link_checker, created.is_warmup) == (True, True, False)
    assert created.extra == {}
    # Read back, its one run has finished (the fake delivers at creation).
    read = await sd.get_test(str(created.id))
    assert attrs.evolve(read, status=created.status, updated_at=created.updated_at) == created
    assert read.status is SpamTestStatus.COMPLETED
    stored = _stored(fake, created)
    # Addresses are kept lower-cased, as the fake's other stores keep them; each sender's email
    # reaches every seed of both providers.
    assert [s.email for s in stored.senders] == ["ops@acme.io", "sales@outbound.example"]
    assert len(stored.replies) == 2 * (3 + 2)

    automated = await _automated(fake_client)
    rows = await _all(sd.list_tests())
    assert [(r.spam_test_id, r.test_type) for r in rows] == [
        (created.id, SpamTestType.MANUAL),
        (automated.id, SpamTestType.AUTOMATED),
    ]
    assert rows[0].current_test_run_no == 1
    assert rows[0].schedule_start_time == created.created_at
    manual_only = await _all(sd.list_tests(test_type="manual"))
    assert [r.spam_test_id for r in manual_only] == [created.id]
    scheduled = await _all(sd.list_tests(test_type="schedule"))
    assert [r.spam_test_id for r in scheduled] == [automated.id]
    # The page of one: the walk asks for the second page in the body, and stops after it.
    assert [r.spam_test_id async for r in sd.list_tests(limit=1)] == [created.id, automated.id]
    pages = [r.json for r in fake.state.requests if r.path.endswith("/spam-test/report")]
    assert pages[-3:] == [
        {"offset": 0, "limit": 1},
        {"offset": 1, "limit": 1},
        {"offset": 2, "limit": 1},
    ]

    assert folder.id is not None
    with pytest.raises(BadRequestError, match="not empty"):
        await sd.folders.delete(folder.id)
    assert created.id is not None
    assert automated.id is not None
    gone = await sd.delete_tests([created.id, automated.id])
    assert gone.message == "Tests deleted successfully"
    assert fake.state.smart_delivery.tests == {}
    # The ids as decoded, strings of digits: the fake takes numbers and such strings alike.
    assert fake.state.requests[-1].json == {"spamTestIds": [created.id, automated.id]}
    assert fake.state.requests[-1].host == "smart_delivery"
    with pytest.raises(NotFoundError):
        await sd.get_test(created.id)
    await sd.folders.delete(folder.id)  # empty now


async def test_an_automated_test_runs_on_its_schedule_until_stopped(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    sd = fake_client.smart_delivery
    test = await _automated(fake_client)
    assert test.test_type is SpamTestType.AUTOMATED
    assert (test.schedule_start_time, test.test_end_date, test.every_days) == (START, END, 7)
    assert test.scheduler_cron_value == "0 10 * * 0,3"  # minute, hour, weekdays
    assert test.id is not None
    stopped = await sd.stop_test(test.id)
    assert stopped.message == "Test stopped successfully"
    assert _stored(fake, test).status == "stopped"
    again = await sd.get_test(test.id)
    assert str(again.status) == "stopped"
    assert again.updated_at is not None
    assert again.created_at is not None
    assert again.updated_at >= again.created_at
    await sd.stop_test(test.id)  # stopping a stopped test changes nothing
    (row,) = await _all(sd.list_tests(test_type="schedule"))
    assert (row.every_days, row.test_end_date, str(row.status)) == (7, END, "stopped")
    # Its results stay: the one run, with every seed's reply.
    (run,) = await _all(sd.reports.schedule_history(test.id))
    assert run.adjusted_total_email_count == len(_stored(fake, test).replies) == 3
    manual = await _manual(fake_client)
    assert manual.id is not None
    with pytest.raises(BadRequestError, match="automated"):
        await sd.stop_test(manual.id)
    # A manual test runs once, at once: read back, it has finished.
    assert (str(manual.status), _stored(fake, manual).status) == ("active", "completed")
    assert str((await sd.get_test(manual.id)).status) == "completed"


async def test_every_report_adds_up_the_same_seed_replies(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    reports = fake_client.smart_delivery.reports
    test = await _manual(fake_client)
    assert test.id is not None
    stored = _stored(fake, test)
    replies = stored.replies
    placed = Counter(r.placement for r in replies)
    assert set(placed) == {"inbox", "tab", "spam"}

    by_provider = await reports.by_provider(test.id)
    assert by_provider.overall_total_count == len(replies) == 10
    assert str(by_provider.status) == "completed"
    for row in by_provider.result:
        mine = [r for r in replies if r.seed.provider.group_name == row.provider]
        spam = sum(r.placement == "spam" for r in mine)
        assert row.spam_rate == round(100 * spam / len(mine), 1)
        assert row.inbox_rate == round(100 - 100 * spam / len(mine), 1)  # a tab is the inbox
        assert row.avg_delivery_time_seconds is not None
    assert [(r.provider, r.mailbox_count) for r in by_provider.result] == [
        ("Gmail", 3),
        ("Outlook", 2),
    ]
    (region,) = (await reports.by_region(test.id)).result
    assert (region.region, region.mailbox_count) == ("North America", 5)
    assert region.spam_rate == round(100 * placed["spam"] / 10, 1)

    senders = await _all(reports.sender_accounts(test.id))
    assert [(s.id, s.from_email) for s in senders] == [(str(s.id), s.email) for s in stored.senders]
    assert {s.spam_test_id for s in senders} == {test.id}
    filters = await _all(reports.spam_filters(test.id))
    assert (
        sum(h.triggered_count or 0 for f in filters for h in f.spam_filter_details)
        == placed["spam"]
    )
    failing = next(f for f in filters if f.from_email == "sales@outbound.example")
    assert "SPF check failed" in failing.spam_filter_details[0].reasons
    for name, flag in [
        ("dkim", "dkim_verified"),
        ("spf", "spf_verified"),
        ("rdns", "rdns_verified"),
        ("domain_blacklist", "domain_blacklisted"),
    ]:
        rows = await REPORTS[name](fake_client, test.id)
        verdicts = {
            (row.from_email, getattr(seed, flag)) for row in rows for seed in row.seed_accounts
        }
        assert verdicts == {(s.email, s.check(flag)) for s in stored.senders}, name
        assert len(rows[0].seed_accounts) == 5
    assert {
        (row.from_email, seed.spf_verified)
        for row in await _all(reports.spf(test.id))
        for seed in row.seed_accounts
    } == {("ops@acme.io", True), ("sales@outbound.example", False)}

    blacklist = await _all(reports.ip_blacklist(test.id))
    assert [row.reply_id for row in blacklist] == [str(r.id) for r in replies]
    ips = await _all(reports.sending_ips(test.id))
    assert {(ip.ip, ip.blacklisted) for ip in ips} == {
        (row.ip, bool(row.total_blacklist)) for row in blacklist
    }
    first = blacklist[0]
    assert first.reply_id is not None
    headers = await reports.reply_headers(test.id, first.reply_id)
    assert headers.return_path == "<ops@acme.io>"
    # The documented answer's spelling, kept in extra as the SDK keeps it from SmartLead.
    spf = headers.extra["Reveived-Spf"]
    assert isinstance(spf, str)
    assert spf.startswith("pass")
    assert headers.received_spf is None
    assert headers.received[0].startswith(f"from mail.acme.io ([{first.ip}]) by mx.gmail.com")

    content = await reports.email_content(test.id)
    assert (content.spam_test, content.subject) == (test.id, "Q1 placement")
    assert content.raw_email_content is not None
    assert content.raw_email_content.startswith("From: ops@acme.io\nSubject: Q1 placement")
    (run,) = await _all(reports.schedule_history(test.id))
    assert (run.inbox_count, run.tab_count, run.spam_count) == (
        placed["inbox"],
        placed["tab"],
        placed["spam"],
    )

    # The account-wide reports add up every test, and a second test of one sender counts twice.
    await _manual(fake_client, sender_accounts=SENDERS[:1], provider_ids=["outlook_na"])
    counts = await reports.mailbox_counts()
    assert counts.total_email_count == 10 + 2
    summary = await _all(reports.mailbox_summary())
    assert sum(row.total_email_count or 0 for row in summary) == 12
    assert sum(row.spam_count or 0 for row in summary) == counts.spam_count
    ops_outlook = next(r for r in summary if r.id == "outlook_na:ops@acme.io")
    assert (ops_outlook.esp, ops_outlook.total_email_count) == ("Outlook", 4)
    by_sender = await _all(reports.by_sender(test.id))
    assert [(r.email, r.details and r.details.tests_count) for r in by_sender] == [
        ("ops@acme.io", 2),
        ("sales@outbound.example", 1),
    ]


async def test_reports_depend_only_on_the_test_s_providers_and_senders(
    fake_client: SmartleadClient,
) -> None:
    reports = fake_client.smart_delivery.reports
    one = await _manual(fake_client, test_name="one")
    two = await _manual(fake_client, test_name="two", campaign_id=99)
    assert one.id is not None
    assert two.id is not None
    assert await reports.by_provider(one.id) == await reports.by_provider(two.id)
    assert await _all(reports.spam_filters(one.id)) == await _all(reports.spam_filters(two.id))
    # The same on every run and machine (no salted hashing): these senders' placements.
    (run,) = await _all(reports.schedule_history(one.id))
    assert (run.inbox_count, run.tab_count, run.spam_count) == (5, 2, 3)
    off = await _manual(fake_client, spam_filters=False)
    assert off.id is not None
    assert [f.spam_filter_details for f in await _all(reports.spam_filters(off.id))] == [
        (),
        (),
    ]


@pytest.mark.parametrize("report", sorted(REPORTS))
async def test_a_report_of_an_unknown_test_is_a_404(
    fake_client: SmartleadClient, report: str
) -> None:
    # The fake's own answer, not the plain 404 of a route it does not serve.
    with pytest.raises(NotFoundError, match="Spam test not found"):
        await REPORTS[report](fake_client, 999999)


async def test_unknown_ids_are_404s_and_change_nothing(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    sd = fake_client.smart_delivery
    test = await _manual(fake_client)
    assert test.id is not None
    for call in (sd.get_test(999999), sd.stop_test(999999)):
        with pytest.raises(NotFoundError, match="Spam test not found"):
            await call
    with pytest.raises(NotFoundError, match="Reply not found"):
        await sd.reports.reply_headers(test.id, 999999)
    # All or nothing: the known id stays.
    with pytest.raises(NotFoundError, match="Spam test not found"):
        await sd.delete_tests([test.id, 999999])
    assert list(fake.state.smart_delivery.tests) == [int(test.id)]
    with pytest.raises(NotFoundError, match="Folder not found"):
        await _manual(fake_client, folder_id=999999)
    with pytest.raises(NotFoundError, match="Seed provider not found: yahoo_eu"):
        await _manual(fake_client, provider_ids=["gmail_na", "yahoo_eu"])
    with pytest.raises(NotFoundError, match="Seed provider not found: 5"):
        await _manual(fake_client, provider_ids=[5])  # the SDK takes numbers; none is known
    assert len(fake.state.smart_delivery.tests) == 1


async def test_the_fake_refuses_what_smart_delivery_would(fake: FakeSmartlead) -> None:
    root, key = fake.base_url_for("smart_delivery"), f"api_key={fake.api_key}"
    async with aiohttp.ClientSession() as http:
        # No sender to send from: nothing to test.
        body = {"test_name": "t", "provider_ids": ["gmail_na"]}
        async with http.post(f"{root}/spam-test/manual?{key}", json=body) as response:
            assert response.status == 400
            assert (await response.json())["message"] == '"sender_accounts" is required'
        # An automated test needs its schedule.
        body["sender_accounts"] = ["a@acme.io"]
        async with http.post(f"{root}/spam-test/schedule?{key}", json=body) as response:
            assert (response.status, (await response.json())["message"]) == (
                400,
                '"schedule_start_time" is required',
            )
        async with http.post(f"{root}/spam-test/report?{key}&testType=auto", json={}) as response:
            assert response.status == 400  # the filter takes manual or schedule
        async with http.get(f"{root}/spam-test/report/mailboxes-count?{key}&x=1") as response:
            assert response.status == 400  # the pages document no query parameters
        async with http.get(f"{root}/spam-test/report/mailboxes-count?{key}") as response:
            assert await response.json() == {
                "inbox_count": 0,
                "tab_count": 0,
                "spam_count": 0,
                "failed_count": 0,
                "total_email_count": 0,
            }
    assert fake.state.smart_delivery.tests == {}
    assert {r.host for r in fake.state.requests} == {"smart_delivery"}


def test_the_seed_providers_are_the_fake_s_own() -> None:
    assert {p.group_id: len(p.seeds) for p in SEED_PROVIDERS.values()} == {
        "gmail_na": 3,
        "outlook_na": 2,
    }
