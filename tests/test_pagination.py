"""Pagers: await = one page, async for = every item lazily, stop on a short page."""

from __future__ import annotations

from typing import TypeVar, cast

import attrs
import pytest

from smartlead_async import Page, Pager, RequestValidationError, SmartleadClient
from smartlead_async._endpoints import Endpoint, Paging, Unwrap
from smartlead_async._json import JSON
from smartlead_async._pagination import Envelope, Rows
from smartlead_async._pipeline import Pipeline
from smartlead_async.models import LeadInput
from smartlead_async.testing import FakeSmartlead

R = TypeVar("R")
NUMBERS = Endpoint("GET", "numbers", Rows[int], unwrap=Unwrap.ROWS, page=Paging(max_limit=100))


class NumbersPipeline(Pipeline):
    """A pipeline whose route answers the integers ``offset..offset+limit`` below ``total``."""

    def __init__(self, total: int, calls: list[tuple[int, int]]) -> None:
        self.total = total
        self.calls = calls

    async def call(
        self,
        endpoint: Endpoint[R],
        *,
        query: object = None,
        json: JSON = None,
        **path_params: object,
    ) -> R:
        assert isinstance(query, dict)
        offset, limit = int(query["offset"]), int(query["limit"])
        self.calls.append((offset, limit))
        # A double of its one route: the answer is what NUMBERS decodes to.
        return cast(R, Rows(tuple(range(offset, min(offset + limit, self.total)))))


def numbers_pager(total: int, limit: int, calls: list[tuple[int, int]]) -> Pager[int]:
    return NumbersPipeline(total, calls).pager(NUMBERS, limit=limit)


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


async def test_a_page_is_a_sequence_of_its_rows() -> None:
    page = await numbers_pager(25, 10, [])
    assert isinstance(page, Page)
    assert list(page) == list(range(10))
    assert len(page) == 10
    assert page[3] == 3
    assert page.next_start == 10
    assert not page.is_last


async def test_the_old_pager_name_warns_and_is_the_new_pager() -> None:
    import smartlead_async

    with pytest.warns(DeprecationWarning, match="use smartlead_async.Pager"):
        assert smartlead_async.AsyncPager is Pager


@pytest.mark.parametrize("limit", [0, 101, True, "10"])
def test_page_sizes_outside_the_route_maximum_are_refused_before_sending(limit: object) -> None:
    calls: list[tuple[int, int]] = []
    with pytest.raises(RequestValidationError, match="limit"):
        NumbersPipeline(5, calls).pager(NUMBERS, limit=limit)  # type: ignore[arg-type]
    assert calls == []


async def test_iteration_is_lazy() -> None:
    calls: list[tuple[int, int]] = []
    async for item in numbers_pager(1000, 10, calls):
        if item == 12:
            break
    assert calls == [(0, 10), (10, 10)]


async def test_campaign_leads_are_walked_across_pages_on_the_fake(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    campaign = await fake_client.campaigns.create(name="paged")
    emails = [f"p{i}@example.com" for i in range(7)]
    await fake_client.leads.add_to_campaign(campaign.id, leads=[LeadInput(email=e) for e in emails])
    fake.state.requests.clear()
    seen = [cl.lead.email async for cl in fake_client.leads.list_by_campaign(campaign.id, limit=3)]
    assert seen == emails
    assert [(r.query["offset"], r.query["limit"]) for r in fake.state.requests] == [
        ("0", "3"),
        ("3", "3"),
        ("6", "3"),
    ]


class RecordingPipeline(Pipeline):
    """Answers each call with the next prepared envelope and records what was asked."""

    def __init__(self, answers: list[object]) -> None:
        self.answers = answers
        self.asked: list[tuple[object, JSON]] = []

    async def call(
        self,
        endpoint: Endpoint[R],
        *,
        query: object = None,
        json: JSON = None,
        **path_params: object,
    ) -> R:
        self.asked.append((dict(query or {}) if isinstance(query, dict) else query, json))
        # The test prepares the envelopes of the route it pages.
        return cast(R, self.answers.pop(0))


@attrs.frozen
class CursorRows(Envelope):
    rows: tuple[int, ...]

    @property
    def page_items(self) -> tuple[int, ...]:
        return self.rows

    @property
    def page_cursor(self) -> int | None:
        return self.rows[-1] if self.rows else None


CURSORED = Endpoint("GET", "cursored", CursorRows, page=Paging(max_limit=3, cursor="lastSeenId"))


async def test_cursor_pages_start_after_the_last_row_of_the_previous_page() -> None:
    pipeline = RecordingPipeline([CursorRows((4, 7, 9)), CursorRows((12,))])
    items = [item async for item in pipeline.pager(CURSORED, start=2, limit=3, query={"q": "x"})]
    assert items == [4, 7, 9, 12]
    assert [query for query, _ in pipeline.asked] == [
        {"limit": 3, "lastSeenId": 2, "q": "x"},
        {"limit": 3, "lastSeenId": 9, "q": "x"},
    ]


def test_a_cursor_must_be_a_positive_id() -> None:
    with pytest.raises(RequestValidationError, match="start_after"):
        RecordingPipeline([]).pager(CURSORED, start=0, limit=3)


IN_BODY = Endpoint(
    "POST", "views", Rows[int], unwrap=Unwrap.ROWS, page=Paging(max_limit=2, in_body=True)
)


async def test_body_paged_routes_send_offset_and_limit_in_the_body_before_the_filters() -> None:
    pipeline = RecordingPipeline([Rows((1, 2)), Rows(())])
    pager = pipeline.pager(IN_BODY, limit=2, query={"history": True}, json={"filters": {"a": 1}})
    assert [item async for item in pager] == [1, 2]
    assert pipeline.asked == [
        ({"history": True}, {"offset": 0, "limit": 2, "filters": {"a": 1}}),
        ({"history": True}, {"offset": 2, "limit": 2, "filters": {"a": 1}}),
    ]


WHOLE = Endpoint("GET", "whole", Rows[int], unwrap=Unwrap.ROWS, page=Paging(max_limit=None))


async def test_routes_that_answer_everything_at_once_yield_one_page_without_paging_params() -> None:
    pipeline = RecordingPipeline([Rows(tuple(range(250)))])
    pages = [page async for page in pipeline.pager(WHOLE, query={"client_id": 3}).pages()]
    assert [len(page) for page in pages] == [250]
    assert pages[0].is_last
    assert pipeline.asked == [({"client_id": 3}, None)]
