"""client.analytics.campaign: a campaign's analytics and statistics, and the deprecated aliases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, cast

import pytest
from aioresponses import aioresponses

from smartlead_async import Pager, SmartleadClient
from smartlead_async._convert import make_converter
from smartlead_async.models import (
    CampaignAnalytics,
    CampaignStatisticsPage,
    LeadStatisticsPage,
    TopLevelAnalytics,
)

from .. import samples
from ..helpers import WireCase, check_rejected, check_wire, sent_requests, url

START, END = dt.date(2025, 1, 1), dt.date(2025, 1, 31)
AT = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
STRICT = make_converter(strict=True)
ANALYTICS = cast(dict[str, Any], samples.ANALYTICS)
STATISTICS_PAGE = cast(dict[str, Any], samples.STATISTICS_PAGE)
Call = Callable[[SmartleadClient], Any]
ROW = {
    "lead_email": "a@x.io",
    "lead_name": "A",
    "sent_count": 2,
    "open_count": 1,
    "click_count": 0,
    "reply_count": 1,
}


CASES: list[tuple[str, Call, str, str, dict[str, str], Any, Any]] = [
    (
        "summary",
        lambda c: c.analytics.campaign.summary(979),
        "GET",
        "/campaigns/979/analytics",
        {},
        None,
        samples.ANALYTICS,
    ),
    (
        "by_date",
        lambda c: c.analytics.campaign.by_date(
            979, start=dt.date(2024, 12, 1), end=dt.date(2024, 12, 31), timezone="Europe/Paris"
        ),
        "GET",
        "/campaigns/979/analytics-by-date",
        {"start_date": "2024-12-01", "end_date": "2024-12-31", "time_zone": "Europe/Paris"},
        None,
        {**ANALYTICS, "start_date": "2024-12-01", "end_date": "2024-12-31"},
    ),
    (
        "by_date with aware datetimes",
        lambda c: c.analytics.campaign.by_date(
            979,
            start=dt.datetime(2024, 12, 1, 23, tzinfo=dt.UTC),
            end=dt.datetime(2024, 12, 2, 1, tzinfo=dt.UTC),
        ),
        "GET",
        "/campaigns/979/analytics-by-date",
        {"start_date": "2024-12-01", "end_date": "2024-12-02"},
        None,
        samples.ANALYTICS,
    ),
    (
        "statistics",
        lambda c: c.analytics.campaign.statistics(
            12, limit=1000, sequence_number=1, email_status="opened", start=dt.date(2024, 1, 1)
        ),
        "GET",
        "/campaigns/12/statistics",
        {
            "offset": "0",
            "limit": "1000",
            "email_sequence_number": "1",
            "email_status": "opened",
            "sent_time_start_date": "2024-01-01",
        },
        None,
        samples.STATISTICS_PAGE,
    ),
    (
        "statistics window",
        lambda c: c.analytics.campaign.statistics(12, offset=5, start=START, end=END),
        "GET",
        "/campaigns/12/statistics",
        {
            "offset": "5",
            "limit": "100",
            "sent_time_start_date": "2025-01-01",
            "sent_time_end_date": "2025-01-31",
        },
        None,
        samples.STATISTICS_PAGE,
    ),
    (
        "lead_statistics",
        lambda c: c.analytics.campaign.lead_statistics(5, limit=50, event_after=AT),
        "GET",
        "/campaigns/5/leads-statistics",
        {"offset": "0", "limit": "50", "event_time_gt": "2025-01-01T00:00:00+00:00"},
        None,
        {"data": [ROW], "hasMore": False, "skip": 0, "limit": 50},
    ),
    (
        "mailbox_statistics",
        lambda c: c.analytics.campaign.mailbox_statistics(
            5, start=START, end=END, timezone="UTC", client_id=3
        ),
        "GET",
        "/campaigns/5/mailbox-statistics",
        {
            "offset": "0",
            "limit": "20",
            "time_zone": "UTC",
            "client_id": "3",
            "start_date": "2025-01-01",
            "end_date": "2025-01-31",
        },
        None,
        {"ok": True, "data": [{"email_account_id": 1, "from_email": "s@x.io", "sent_count": 9}]},
    ),
    (
        "sequences",
        lambda c: c.analytics.campaign.sequences(5, start=START, end=END),
        "GET",
        "/campaigns/5/sequence-analytics",
        {"start_date": "2025-01-01T00:00:00+00:00", "end_date": "2025-01-31T23:59:59+00:00"},
        None,
        {"ok": True, "data": [{"seq_number": 1, "sent": 10}]},
    ),
    (
        "top_level",
        lambda c: c.analytics.campaign.top_level(5, start=START, end=END),
        "GET",
        "/campaigns/5/top-level-analytics-by-date",
        {"start_date": "2025-01-01", "end_date": "2025-01-31"},
        None,
        {"id": 5, "sent_count": "10", "positive_reply_count": "2"},
    ),
    (
        "lead_activities",
        lambda c: c.analytics.campaign.lead_activities(limit=10, client_id=3),
        "GET",
        "/campaigns/all-leads-activities",
        {"offset": "0", "limit": "10", "client_id": "3"},
        None,
        {"data": [{"type": "OPEN"}], "pagination": {"has_more": False, "offset": 0, "limit": 10}},
    ),
]


@pytest.mark.parametrize("case", [WireCase(*case) for case in CASES], ids=[c[0] for c in CASES])
async def test_wire_request(
    client: SmartleadClient, mock_api: aioresponses, case: WireCase
) -> None:
    await check_wire(client, mock_api, case)


async def test_decoded_results(client: SmartleadClient, mock_api: aioresponses) -> None:
    mock_api.get(url("/campaigns/979/analytics"), payload=samples.ANALYTICS)
    summary = await client.analytics.campaign.summary(979)
    assert (summary.sent_count, summary.reply_count, summary.unique_sent_count) == (14, 4, 10)
    mock_api.get(
        url("/campaigns/5/top-level-analytics-by-date"), payload={"positive_reply_count": "2"}
    )
    top = await client.analytics.campaign.top_level(5, start=START, end=END)
    assert top.positive_reply_count == 2
    mock_api.get(url("/campaigns/5/sequence-analytics"), payload={"ok": True, "data": {"x": 1}})
    sequences = await client.analytics.campaign.sequences(5, start=START, end=END)
    assert sequences.data == {"x": 1}


async def test_statistics_pager_reports_the_string_total(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(url("/campaigns/12/statistics"), payload=samples.STATISTICS_PAGE)
    pager = client.analytics.campaign.statistics(12, limit=1)
    assert isinstance(pager, Pager)
    page = await pager
    assert page.total == 419
    assert [row.lead_email for row in page] == ["charles@newson.io"]
    assert page.next_start == 1


async def test_statistics_walk_stops_on_a_short_page(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    full = {**STATISTICS_PAGE, "data": STATISTICS_PAGE["data"] * 2}
    mock_api.get(url("/campaigns/12/statistics"), payload=full)
    mock_api.get(url("/campaigns/12/statistics"), payload=samples.STATISTICS_PAGE)
    rows = [row async for row in client.analytics.campaign.statistics(12, limit=2)]
    assert len(rows) == 3
    assert [(query["offset"], query["limit"]) for _, _, query, _ in sent_requests(mock_api)] == [
        ("0", "2"),
        ("2", "2"),
    ]


async def test_has_more_stops_the_walk_even_on_a_full_page(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    pattern = url("/campaigns/5/leads-statistics")
    mock_api.get(pattern, payload={"data": [ROW, ROW], "hasMore": True, "skip": 0, "limit": 2})
    mock_api.get(pattern, payload={"data": [ROW, ROW], "hasMore": False, "skip": 2, "limit": 2})
    rows = [row async for row in client.analytics.campaign.lead_statistics(5, limit=2)]
    assert [row.lead_email for row in rows] == ["a@x.io"] * 4
    assert [query["offset"] for _, _, query, _ in sent_requests(mock_api)] == ["0", "2"]


async def test_activity_pagination_flag_is_followed(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    pattern = url("/campaigns/all-leads-activities")
    more = {"has_more": True, "offset": 0, "limit": 1}
    mock_api.get(pattern, payload={"data": [{"n": 1}], "pagination": more})
    mock_api.get(pattern, payload={"data": [{"n": 2}], "pagination": {**more, "has_more": False}})
    rows = [row async for row in client.analytics.campaign.lead_activities(limit=1)]
    assert rows == [{"n": 1}, {"n": 2}]


async def test_activity_top_level_has_more_is_followed(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    # The reference documents a top-level `hasMore` instead of `pagination.has_more`.
    pattern = url("/campaigns/all-leads-activities")
    mock_api.get(pattern, payload={"data": [{"n": 1}, {"n": 2}], "hasMore": False})
    rows = [row async for row in client.analytics.campaign.lead_activities(limit=2)]
    assert rows == [{"n": 1}, {"n": 2}]
    assert len(sent_requests(mock_api)) == 1


def test_models_decode_strictly() -> None:
    analytics = STRICT.structure(samples.ANALYTICS, CampaignAnalytics)
    assert analytics.campaign_lead_stats is not None
    assert analytics.campaign_lead_stats.completed == 8
    page = STRICT.structure(samples.STATISTICS_PAGE, CampaignStatisticsPage)
    assert (page.page_total, page.page_items[0].lead_email) == (419, "charles@newson.io")
    leads = STRICT.structure(
        {"data": [ROW], "hasMore": True, "skip": 0, "limit": 1}, LeadStatisticsPage
    )
    assert leads.page_has_more is True
    top = STRICT.structure(
        {"id": 5, "sent_count": "10", "start_date": "2025-01-01"}, TopLevelAnalytics
    )
    assert (top.sent_count, top.start_date) == (10, START)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.analytics.campaign.summary(0), "campaign_id"),
        (
            lambda c: c.analytics.campaign.by_date(
                1, start=dt.date(2024, 1, 1), end=dt.date(2024, 2, 15)
            ),
            "30 days",
        ),
        (
            lambda c: c.analytics.campaign.by_date(
                1, start=dt.date(2024, 2, 1), end=dt.date(2024, 1, 1)
            ),
            "after",
        ),
        (
            lambda c: c.analytics.campaign.by_date(1, start=dt.datetime(2024, 1, 1), end=END),
            "timezone-aware",
        ),
        (lambda c: c.analytics.campaign.by_date(1, start=START, end=END, timezone="X/Y"), "zone"),
        (lambda c: c.analytics.campaign.statistics(1, limit=1001), "limit"),
        (lambda c: c.analytics.campaign.statistics(1, offset=-1), "offset"),
        (lambda c: c.analytics.campaign.statistics(1, sequence_number=21), "sequence_number"),
        (lambda c: c.analytics.campaign.statistics(1, start=END, end=START), "after"),
        (lambda c: c.analytics.campaign.statistics(1, end="2025-01-01"), "end"),
        (lambda c: c.analytics.campaign.lead_statistics(5, limit=101), "limit"),
        (
            lambda c: c.analytics.campaign.lead_statistics(5, event_after=dt.datetime(2025, 1, 1)),
            "aware",
        ),
        (lambda c: c.analytics.campaign.mailbox_statistics(5, limit=21), "limit"),
        (lambda c: c.analytics.campaign.mailbox_statistics(5, start=END, end=START), "after"),
        (lambda c: c.analytics.campaign.mailbox_statistics(5, start=START), "both"),
        (lambda c: c.analytics.campaign.mailbox_statistics(5, client_id=0), "client_id"),
        (lambda c: c.analytics.campaign.sequences(5, start=END, end=START), "after"),
        (lambda c: c.analytics.campaign.top_level(5, start=END, end=START), "after"),
        (lambda c: c.analytics.campaign.lead_activities(limit=1001), "limit"),
        (lambda c: c.analytics.campaign.lead_activities(client_id=-3), "client_id"),
    ],
)
async def test_invalid_arguments_fail_before_sending(
    client: SmartleadClient, mock_api: aioresponses, call: Call, match: str
) -> None:
    await check_rejected(client, mock_api, call, match)


async def test_the_old_campaigns_names_warn_and_call_the_new_methods(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(url("/campaigns/979/analytics-by-date"), payload=samples.ANALYTICS)
    with pytest.warns(DeprecationWarning, match="use analytics.campaign.by_date instead"):
        # deprecated_alias types every alias as returning object, not the new method's type.
        result = await client.campaigns.analytics_by_date(979, start=START, end=END)
    assert isinstance(result, CampaignAnalytics)
    assert sent_requests(mock_api)[0][2]["start_date"] == "2025-01-01"
    with pytest.warns(DeprecationWarning, match="use analytics.campaign.statistics instead"):
        pager = client.campaigns.statistics(12)
    assert isinstance(pager, Pager)
