"""client.campaigns reporting routes: hasMore pagers, mailbox stats, subsequences, test emails."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import SmartleadClient
from smartlead_async._convert import make_converter
from smartlead_async.models import LeadStatisticsPage, TopLevelAnalytics

from ..helpers import WireCase, check_rejected, check_wire, sent_requests

ROOT = "https://server.smartlead.ai/api/v1"
START, END = dt.date(2025, 1, 1), dt.date(2025, 1, 31)
AT = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
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
        "lead_statistics",
        lambda c: c.campaigns.lead_statistics(5, limit=50, event_after=AT),
        "GET",
        "/campaigns/5/leads-statistics",
        {"offset": "0", "limit": "50", "event_time_gt": "2025-01-01T00:00:00+00:00"},
        None,
        {"data": [ROW], "hasMore": False, "skip": 0, "limit": 50},
    ),
    (
        "mailbox_statistics",
        lambda c: c.campaigns.mailbox_statistics(5, dates=(START, END), timezone="UTC"),
        "GET",
        "/campaigns/5/mailbox-statistics",
        {
            "offset": "0",
            "limit": "20",
            "time_zone": "UTC",
            "start_date": "2025-01-01",
            "end_date": "2025-01-31",
        },
        None,
        {"ok": True, "data": [{"email_account_id": 1, "from_email": "s@x.io", "sent_count": 9}]},
    ),
    (
        "sequence_analytics",
        lambda c: c.campaigns.sequence_analytics(5, start_date=START, end_date=END),
        "GET",
        "/campaigns/5/sequence-analytics",
        {"start_date": "2025-01-01", "end_date": "2025-01-31"},
        None,
        {"ok": True, "data": [{"seq_number": 1, "sent": 10}]},
    ),
    (
        "top_level_analytics_by_date",
        lambda c: c.campaigns.top_level_analytics_by_date(5, start_date=START, end_date=END),
        "GET",
        "/campaigns/5/top-level-analytics-by-date",
        {"start_date": "2025-01-01", "end_date": "2025-01-31"},
        None,
        {"id": 5, "sent_count": "10", "positive_reply_count": "2"},
    ),
    (
        "create_subsequence",
        lambda c: c.campaigns.create_subsequence(5, name="No reply", definition={"condition": "x"}),
        "POST",
        "/campaigns/create-subsequence",
        {},
        {"condition": "x", "parent_campaign_id": 5, "name": "No reply"},
        {"ok": True, "id": 77, "name": "No reply"},
    ),
    (
        "all_leads_activities",
        lambda c: c.campaigns.all_leads_activities(limit=10, client_id=3),
        "GET",
        "/campaigns/all-leads-activities",
        {"offset": "0", "limit": "10", "client_id": "3"},
        None,
        {"data": [{"type": "OPEN"}], "pagination": {"has_more": False, "offset": 0, "limit": 10}},
    ),
    (
        "update_lead_email_account",
        lambda c: c.campaigns.update_lead_email_account(5, 423, 2907),
        "POST",
        "/campaigns/update-lead-email-account",
        {},
        {
            "email_campaign_id": 5,
            "email_lead_id": 423,
            "email_account_id": 2907,
            "override_lead_email_account": True,
        },
        {"ok": True},
    ),
    (
        "send_test_email",
        lambda c: c.campaigns.send_test_email(5, to="Me@X.io", seq_number=2),
        "POST",
        "/campaigns/5/send-test-email",
        {},
        {"to": "Me@x.io", "seq_number": 2},
        {"ok": True},
    ),
]


@pytest.mark.parametrize("case", [WireCase(*case) for case in CASES], ids=[c[0] for c in CASES])
async def test_wire_request(
    client: SmartleadClient, mock_api: aioresponses, case: WireCase
) -> None:
    await check_wire(client, mock_api, case)


async def test_has_more_stops_the_walk_even_on_a_full_page(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    pattern = re.compile(rf"^{ROOT}/campaigns/5/leads-statistics\?.*$")
    mock_api.get(pattern, payload={"data": [ROW, ROW], "hasMore": True, "skip": 0, "limit": 2})
    mock_api.get(pattern, payload={"data": [ROW, ROW], "hasMore": False, "skip": 2, "limit": 2})
    rows = [row async for row in client.campaigns.lead_statistics(5, limit=2)]
    assert len(rows) == 4
    assert len(sent_requests(mock_api)) == 2


async def test_activity_pagination_flag_is_followed(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    pattern = re.compile(rf"^{ROOT}/campaigns/all-leads-activities\?.*$")
    more = {"has_more": True, "offset": 0, "limit": 1}
    mock_api.get(pattern, payload={"data": [{"n": 1}], "pagination": more})
    mock_api.get(pattern, payload={"data": [{"n": 2}], "pagination": {**more, "has_more": False}})
    assert [row async for row in client.campaigns.all_leads_activities(limit=1)] == [
        {"n": 1},
        {"n": 2},
    ]


def test_models_decode_strictly() -> None:
    strict = make_converter(strict=True)
    page = strict.structure(
        {"data": [ROW], "hasMore": True, "skip": 0, "limit": 1}, LeadStatisticsPage
    )
    assert page.has_more is True
    top = strict.structure(
        {"id": 5, "sent_count": "10", "start_date": "2025-01-01"}, TopLevelAnalytics
    )
    assert (top.sent_count, top.start_date) == (10, START)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.campaigns.lead_statistics(5, limit=101), "limit"),
        (lambda c: c.campaigns.lead_statistics(5, event_after=dt.datetime(2025, 1, 1)), "aware"),
        (lambda c: c.campaigns.mailbox_statistics(5, limit=21), "limit"),
        (lambda c: c.campaigns.mailbox_statistics(5, dates=(END, START)), "after"),
        (lambda c: c.campaigns.sequence_analytics(5, start_date=END, end_date=START), "after"),
        (lambda c: c.campaigns.create_subsequence(0, name="x"), "parent_campaign_id"),
        (lambda c: c.campaigns.send_test_email(5, to="nope"), "to"),
        (lambda c: c.campaigns.send_test_email(5, to="a@b.co", seq_number=0), "seq_number"),
    ],
)
async def test_invalid_arguments_fail_before_sending(
    client: SmartleadClient, mock_api: aioresponses, call: Call, match: str
) -> None:
    await check_rejected(client, mock_api, call, match)
