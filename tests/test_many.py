"""Per-item bulk helpers: wire calls, per-item results, isolation, up-front validation."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from smartlead_async import NotFoundError, RequestValidationError, SmartleadClient
from smartlead_async.bulk import run_each
from smartlead_async.testing import FakeSmartlead

from .helpers import API_KEY, json_list, json_object
from .test_bulk_import import client_of


def lead_ids(fake: FakeSmartlead, campaign_id: int, count: int) -> list[int]:
    campaign = fake.state.campaigns[campaign_id]
    return [fake.state.enroll(campaign, f"m{i}@many.example").lead_id for i in range(count)]


def calls(fake: FakeSmartlead) -> list[tuple[str, str, object]]:
    return [(r.method, r.path, r.json) for r in fake.state.requests]


async def test_pause_many_calls_once_per_unique_lead_and_isolates_failures() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("many")
        ids = lead_ids(fake, campaign.id, 3)
        async with client_of(fake) as sl:
            result = await sl.leads.pause_many(campaign.id, [ids[0], 999_999, ids[1], ids[0]])
        paths = sorted(path for _, path, _ in calls(fake))
        statuses = [m.status for m in campaign.leads.values()]
    assert paths == sorted(
        f"/api/v1/campaigns/{campaign.id}/leads/{lead}/pause" for lead in (ids[0], 999_999, ids[1])
    )
    assert [r.item for r in result.results] == [ids[0], 999_999, ids[1]]
    assert [r.ok for r in result.results] == [True, False, True]
    assert isinstance(result.failed[0].error, NotFoundError)
    assert result.failed_items() == [999_999]
    assert statuses == ["PAUSED", "PAUSED", "STARTED"]


async def test_resume_delete_unsubscribe_and_category_many() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("many")
        ids = lead_ids(fake, campaign.id, 4)
        async with client_of(fake) as sl:
            resumed = await sl.leads.resume_many(campaign.id, ids[:2], delay_days=2)
            categorised = await sl.leads.update_category_many(
                campaign.id, ids[2:], 3, pause_lead=True
            )
            unsubscribed = await sl.leads.unsubscribe_from_campaign_many(campaign.id, ids[3:])
            deleted = await sl.leads.delete_from_campaign_many(campaign.id, ids[:1])
        wire = calls(fake)
        members = {m.lead_id: m for m in campaign.leads.values()}
    for result in (resumed, categorised, unsubscribed, deleted):
        assert result.failed == []
    base = f"/api/v1/campaigns/{campaign.id}/leads"
    assert ("POST", f"{base}/{ids[1]}/resume", {"resume_lead_with_delay_days": 2}) in wire
    assert ("POST", f"{base}/{ids[2]}/category", {"category_id": 3, "pause_lead": True}) in wire
    assert ("POST", f"{base}/{ids[3]}/unsubscribe", None) in wire
    assert ("DELETE", f"{base}/{ids[0]}", None) in wire
    assert ids[0] not in members
    assert (members[ids[2]].lead_category_id, members[ids[2]].status) == (3, "PAUSED")
    assert members[ids[3]].status == "STOPPED"


async def test_get_by_email_many_normalises_and_reports_missing_as_failures() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("many")
        lead_ids(fake, campaign.id, 2)
        async with client_of(fake) as sl:
            result = await sl.leads.get_by_email_many(
                emails=[" m0@MANY.example", "m0@many.example", "m1@many.example", "ghost@x.example"]
            )
        queries = sorted(r.query["email"] for r in fake.state.requests)
    assert queries == ["ghost@x.example", "m0@many.example", "m1@many.example"]
    found = ["m0@many.example", "m1@many.example"]
    assert [r.item for r in result.results] == [*found, "ghost@x.example"]
    assert [r.value.email for r in result.succeeded if r.value] == found
    assert result.failed_items() == ["ghost@x.example"]
    assert isinstance(result.failed[0].error, NotFoundError)


async def test_block_list_many_is_chunked_and_normalised() -> None:
    entries = [f"Person{i}@Blocked.example" for i in range(230)] + ["Rival.COM", "rival.com"]
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        async with client_of(fake) as sl:
            result = await sl.leads.block_list.add_many(entries=entries, client_id=None)
        bodies = [r.json for r in fake.state.requests]
        stored = fake.state.block_list
    sizes = sorted(len(json_list(json_object(body)["domain_block_list"])) for body in bodies)
    assert sizes == [31, 100, 100]
    assert [len(r.item) for r in result.results] == [100, 100, 31]
    assert result.results[0].item[0] == "person0@blocked.example"
    assert "rival.com" in stored
    assert len(stored) == 231


async def test_email_accounts_many_in_chunks() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("many")
        accounts = [fake.seed.email_account(f"s{i}@out.example").id for i in range(5)]
        async with client_of(fake) as sl:
            result = await sl.email_accounts.add_to_campaign_many(
                campaign.id,
                [*accounts, accounts[0]],
                chunk_size=2,
            )
        bodies = [r.json for r in fake.state.requests]
        linked = fake.state.email_accounts.campaign_links[campaign.id]
    assert sorted(len(json_list(json_object(b)["email_account_ids"])) for b in bodies) == [1, 2, 2]
    assert [r.item for r in result.results] == [
        tuple(accounts[0:2]),
        tuple(accounts[2:4]),
        tuple(accounts[4:]),
    ]
    assert sorted(linked) == sorted(accounts)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda sl: sl.leads.pause_many(1, []), "lead_ids must be a non-empty"),
        (lambda sl: sl.leads.pause_many(1, [1, -2]), "lead_ids"),
        (lambda sl: sl.leads.pause_many(0, [1]), "campaign_id"),
        (lambda sl: sl.leads.pause_many(1, [1], concurrency=0), "concurrency"),
        (lambda sl: sl.leads.resume_many(1, [1], delay_days=-1), "delay_days"),
        (lambda sl: sl.leads.update_category_many(1, [1], 0), "category_id"),
        (lambda sl: sl.leads.get_by_email_many(emails=["ok@x.io", "nope"]), "valid email"),
        (lambda sl: sl.leads.get_by_email_many(emails="a@b.io"), "sequence of strings"),
        (lambda sl: sl.leads.block_list.add_many(entries=["x.io"], chunk_size=101), "chunk_size"),
        (lambda sl: sl.leads.block_list.add_many(entries=[]), "non-empty"),
        (lambda sl: sl.email_accounts.add_to_campaign_many(1, [1, "2"]), "email_account_ids"),
    ],
)
async def test_bad_input_is_rejected_before_anything_is_sent(
    call: Callable[[SmartleadClient], Awaitable[object]], match: str
) -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        async with client_of(fake) as sl:
            with pytest.raises(RequestValidationError, match=match):
                await call(sl)
        assert fake.state.requests == []


async def test_run_each_keeps_order_and_bounds_concurrency() -> None:
    in_flight = peak = 0

    async def call(item: int) -> int:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0)
        in_flight -= 1
        if item % 5 == 0:
            raise RequestValidationError("missing")
        return item * 10

    result = await run_each(list(range(1, 21)), call, concurrency=3)
    assert peak == 3
    assert [r.item for r in result.results] == list(range(1, 21))
    assert [r.value for r in result.succeeded][:4] == [10, 20, 30, 40]
    assert result.failed_items() == [5, 10, 15, 20]


async def test_a_bug_in_a_call_propagates() -> None:
    async def call(item: int) -> int:
        raise KeyError(item)

    with pytest.raises(KeyError):
        await run_each([1, 2], call)
