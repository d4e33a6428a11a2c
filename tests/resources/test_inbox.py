"""client.inbox: replies, views (body-paginated), conversation actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import SmartleadClient
from smartlead_async._convert import make_converter
from smartlead_async.models import InboxPage

from .. import samples
from ..helpers import (
    WireCase,
    check_rejected,
    check_wire,
    json_list,
    json_object,
    sent_requests,
    url,
)

STRICT = make_converter(strict=True)
Call = Callable[[SmartleadClient], Awaitable[Any]]
AT = dt.datetime(2025, 3, 28, 9, 35, 1, tzinfo=dt.UTC)
MAP = 1438627
OK = {"ok": True, "message": "done"}


def view_named(name: str) -> Call:
    return lambda c: getattr(c.inbox, name)(limit=5)


CASES: list[tuple[str, Call, str, str, dict[str, str], Any, Any]] = [
    (
        "reply",
        lambda c: c.inbox.reply(
            9181,
            email_stats_id="a891fe37",
            email_body="<p>Thursday works</p>",
            reply_message_id="<BDD5@mail.gmail.com>",
            reply_email_time=AT,
            reply_email_body="<div>Can we chat?</div>",
            cc=["Boss@X.com"],
            add_signature=True,
        ),
        "POST",
        "/campaigns/9181/reply-email-thread",
        {},
        {
            "email_stats_id": "a891fe37",
            "email_body": "<p>Thursday works</p>",
            "reply_message_id": "<BDD5@mail.gmail.com>",
            "reply_email_time": "2025-03-28T09:35:01+00:00",
            "reply_email_body": "<div>Can we chat?</div>",
            "cc": "Boss@x.com",
            "add_signature": True,
        },
        {"success": True, "message": "Reply sent successfully"},
    ),
    (
        "forward",
        lambda c: c.inbox.forward(9181, message_id="<m1>", stats_id="s1", to_emails=["a@b.co"]),
        "POST",
        "/campaigns/9181/forward-email",
        {},
        {"message_id": "<m1>", "stats_id": "s1", "to_emails": "a@b.co"},
        OK,
    ),
    (
        "replies",
        lambda c: c.inbox.replies(
            limit=20,
            with_history=True,
            campaign_ids=[9181],
            category_ids=[1, 2],
            start=AT,
            end=AT + dt.timedelta(days=1),
            sort_by="SENT_TIME_DESC",
        ),
        "POST",
        "/master-inbox/inbox-replies",
        {"fetch_message_history": "true"},
        {
            "offset": 0,
            "limit": 20,
            "filters": {
                "campaignId": [9181],
                "leadCategories": {"categoryIdsIn": [1, 2]},
                "replyTimeBetween": ["2025-03-28T09:35:01+00:00", "2025-03-29T09:35:01+00:00"],
            },
            "sortBy": "SENT_TIME_DESC",
        },
        samples.INBOX_PAGE,
    ),
    *[
        (
            name,
            view_named(name),
            "POST",
            f"/master-inbox/{path}",
            {"fetch_message_history": "false"},
            {"offset": 0, "limit": 5},
            {"ok": True, "data": [], "offset": 0, "limit": 5},
        )
        for name, path in [
            ("unread", "unread-replies"),
            ("snoozed", "snoozed"),
            ("important", "important"),
            ("scheduled", "scheduled"),
            ("archived", "archived"),
        ]
    ],
    # SmartLead's reference: the sent and reminders views take no `fetch_message_history`
    # (an unknown key is a 400); only offset/limit/filters/sortBy.
    *[
        (
            name,
            view_named(name),
            "POST",
            f"/master-inbox/{name}",
            {},
            {"offset": 0, "limit": 5},
            {"ok": True, "data": [], "offset": 0, "limit": 5},
        )
        for name in ("sent", "reminders")
    ],
    (
        "get",
        lambda c: c.inbox.get(MAP),
        "GET",
        f"/master-inbox/{MAP}",
        {},
        None,
        {"ok": True, "data": json_list(json_object(samples.INBOX_PAGE)["data"])[0]},
    ),
    (
        "untracked_replies",
        lambda c: c.inbox.untracked_replies(limit=50, with_body=True, subject="Re"),
        "GET",
        "/master-inbox/untracked-replies",
        {"offset": "0", "limit": "50", "fetchBody": "true", "subject_line": "Re"},
        None,
        samples.UNTRACKED,
    ),
    (
        "update_revenue",
        lambda c: c.inbox.update_revenue(MAP, revenue=1200.5),
        "PATCH",
        "/master-inbox/update-revenue",
        {},
        {"email_lead_map_id": MAP, "revenue": 1200.5},
        OK,
    ),
    (
        "update_category",
        lambda c: c.inbox.update_category(MAP, None),
        "PATCH",
        "/master-inbox/update-category",
        {},
        {"email_lead_map_id": MAP, "category_id": None},
        OK,
    ),
    (
        "resume_lead",
        lambda c: c.inbox.resume_lead(MAP, campaign_id=9181, delay_days=2),
        "PATCH",
        "/master-inbox/resume-lead",
        {},
        {"email_lead_map_id": MAP, "campaign_id": 9181, "resume_delay_days": 2},
        OK,
    ),
    (
        "mark_read",
        lambda c: c.inbox.mark_read(MAP, read=False),
        "PATCH",
        "/master-inbox/change-read-status",
        {},
        {"email_lead_map_id": MAP, "read_status": False},
        OK,
    ),
    (
        "create_task",
        lambda c: c.inbox.create_task(MAP, name="Call", priority="HIGH", due_date=AT),
        "POST",
        "/master-inbox/create-task",
        {},
        {
            "email_lead_map_id": MAP,
            "name": "Call",
            "description": "",
            "priority": "HIGH",
            "due_date": "2025-03-28T09:35:01+00:00",
        },
        OK,
    ),
    (
        "create_note",
        lambda c: c.inbox.create_note(MAP, note="Warm lead"),
        "POST",
        "/master-inbox/create-note",
        {},
        {"email_lead_map_id": MAP, "note_message": "Warm lead"},
        OK,
    ),
    (
        "set_reminder",
        lambda c: c.inbox.set_reminder(MAP, email_stats_id="s1", message="Follow up", at=AT),
        "POST",
        "/master-inbox/set-reminder",
        {},
        {
            "email_lead_map_id": MAP,
            "email_stats_id": "s1",
            "message": "Follow up",
            "reminder_time": "2025-03-28T09:35:01+00:00",
        },
        OK,
    ),
    (
        "push_to_subsequence",
        lambda c: c.inbox.push_to_subsequence(MAP, 31),
        "POST",
        "/master-inbox/push-to-subsequence",
        {},
        {"email_lead_map_id": MAP, "sub_sequence_id": 31},
        OK,
    ),
    (
        "assign_team_member",
        lambda c: c.inbox.assign_team_member(MAP, 4),
        "POST",
        "/master-inbox/update-team-member",
        {},
        {"email_lead_map_id": MAP, "team_member_id": 4},
        OK,
    ),
    (
        "block_domains",
        lambda c: c.inbox.block_domains(domains=["Rival.example"], source="inbox"),
        "POST",
        "/master-inbox/block-domains",
        {},
        {"domains": ["rival.example"], "source": "inbox"},
        OK,
    ),
]


@pytest.mark.parametrize("case", [WireCase(*case) for case in CASES], ids=[c[0] for c in CASES])
async def test_wire_request(
    client: SmartleadClient, mock_api: aioresponses, case: WireCase
) -> None:
    await check_wire(client, mock_api, case)


def test_inbox_sample_decodes_strictly() -> None:
    page = STRICT.structure(samples.INBOX_PAGE, InboxPage)
    (row,) = page.data
    assert row.email_lead_map_id == MAP
    assert row.email_history[0].from_email == "rep@you.com"


async def test_views_paginate_through_the_body(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    pattern = url("/master-inbox/inbox-replies")
    row = json_list(json_object(samples.INBOX_PAGE)["data"])[0]
    mock_api.post(pattern, payload={"ok": True, "data": [row, row], "offset": 0, "limit": 2})
    mock_api.post(pattern, payload={"ok": True, "data": [row], "offset": 2, "limit": 2})
    rows = [r async for r in client.inbox.replies(limit=2)]
    assert len(rows) == 3
    offsets = [body["offset"] for _, _, _, body in sent_requests(mock_api)]
    assert sorted(offsets) == [0, 2]


async def test_untracked_replies_unwrap_the_nested_envelope(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(url("/master-inbox/untracked-replies"), payload=samples.UNTRACKED)
    (reply,) = await client.inbox.untracked_replies()
    assert (reply.id, reply.from_email) == ("77", "x@y.io")


def view(**kwargs: Any) -> Callable[[SmartleadClient], Any]:
    return lambda c: c.inbox.replies(**kwargs)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (view(limit=21), "limit"),
        (view(campaign_ids=[1, 2, 3, 4, 5, 6]), "campaign_ids"),
        (view(email_account_ids=list(range(1, 22))), "email_account_ids"),
        (view(category_ids=[]), "category_ids"),
        (view(start=dt.datetime(2025, 1, 1), end=AT), "aware"),
        (view(start=AT), "both start and end"),
        (
            lambda c: c.inbox.reply(
                1,
                email_stats_id="",
                email_body="b",
                reply_message_id="m",
                reply_email_time=AT,
                reply_email_body="x",
            ),
            "email_stats_id",
        ),
        (lambda c: c.inbox.forward(1, message_id="m", stats_id="s", to_emails=[]), "to_emails"),
        (lambda c: c.inbox.update_revenue(MAP, revenue=-1), "revenue"),
        (lambda c: c.inbox.block_domains(domains=["a@b.co"]), "domains, not email"),
        (lambda c: c.inbox.untracked_replies(limit=101), "limit"),
        (lambda c: c.inbox.mark_read(0), "email_lead_map_id"),
    ],
)
async def test_invalid_arguments_fail_before_sending(
    client: SmartleadClient,
    mock_api: aioresponses,
    call: Callable[[SmartleadClient], Any],
    match: str,
) -> None:
    await check_rejected(client, mock_api, call, match)
