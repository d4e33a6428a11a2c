"""Pagers: await = one page, async for = every item lazily, stop on a short page."""

from __future__ import annotations

import pytest

from smartlead_async import AsyncPager, Page, SmartleadClient
from smartlead_async.models import LeadInput
from smartlead_async.testing import FakeSmartlead


def numbers_pager(total: int, limit: int, calls: list[tuple[int, int]]) -> AsyncPager[int]:
    async def fetch(offset: int, page_limit: int) -> Page[int]:
        calls.append((offset, page_limit))
        items = tuple(range(offset, min(offset + page_limit, total)))
        return Page(items=items, offset=offset, limit=page_limit, total=total)

    return AsyncPager(fetch, offset=0, limit=limit)


@pytest.mark.parametrize(
    ("total", "limit", "expected_calls"),
    [
        (0, 10, [(0, 10)]),
        (7, 10, [(0, 10)]),
        (10, 10, [(0, 10), (10, 10)]),  # a full last page needs one empty page to stop
        (25, 10, [(0, 10), (10, 10), (20, 10)]),
    ],
)
async def test_iteration_crosses_page_boundaries_and_stops(
    total: int, limit: int, expected_calls: list[tuple[int, int]]
) -> None:
    calls: list[tuple[int, int]] = []
    items = [item async for item in numbers_pager(total, limit, calls)]
    assert items == list(range(total))
    assert calls == expected_calls


async def test_await_fetches_exactly_one_page() -> None:
    calls: list[tuple[int, int]] = []
    page = await numbers_pager(25, 10, calls)
    assert page.items == tuple(range(10))
    assert calls == [(0, 10)]


async def test_iteration_is_lazy() -> None:
    calls: list[tuple[int, int]] = []
    async for item in numbers_pager(1000, 10, calls):
        if item == 12:
            break
    assert calls == [(0, 10), (10, 10)]


async def test_campaign_leads_are_walked_across_pages_on_the_fake(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    campaign = await fake_client.campaigns.create("paged")
    emails = [f"p{i}@example.com" for i in range(7)]
    await fake_client.leads.add_to_campaign(campaign.id, [LeadInput(email=e) for e in emails])
    fake.state.requests.clear()
    seen = [cl.lead.email async for cl in fake_client.leads.list_by_campaign(campaign.id, limit=3)]
    assert seen == emails
    assert [(r.query["offset"], r.query["limit"]) for r in fake.state.requests] == [
        ("0", "3"),
        ("3", "3"),
        ("6", "3"),
    ]
