"""The master-inbox routes SmartLead's reference documents beyond the original catalog:
assigned-to-me and custom views (filters in the body), saved views, reply status, ignore reply
and associating an untracked reply.

Request bodies are built from the reference's documented body fields; answers are its
``response_example`` values where it gives a trustworthy one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import ResponseDecodeError, SmartleadClient
from smartlead_async._convert import make_converter
from smartlead_async.models.inbox import (
    ReplyStatus,
    ReplyStatusValue,
    SavedView,
    UntrackedReplyAssociated,
)

from .. import samples
from ..helpers import WireCase, check_rejected, check_wire, sent_requests, url
from .reference import documented_body_fields, documented_example, documented_route

STRICT = make_converter(strict=True)
Call = Callable[[SmartleadClient], Any]
AT = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
UNTIL = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
EMPTY_PAGE = {"ok": True, "data": [], "offset": 0, "limit": 10}
SAVED = {
    "success": True,
    "data": {
        "id": 321,
        "name": "Needs Followup",
        "filters": {"emailStatus": "Replied", "leadCategories": {"categoryIdsIn": [1, 2]}},
        "limitedAccess": True,
        "teamMemberId": None,
        "clientId": None,
        "createdAt": "2026-09-29T10:00:00.000Z",
        "updatedAt": "2026-09-29T10:00:00.000Z",
    },
}
STATUS = {
    "ok": True,
    "data": {
        "message_id": "<4d9ff292-b7a4-45a1-80aa-e1ac2c925404-133jc7w@dealversego.co>",
        "status": "COMPLETED",
        "status_message": "Email sent successfully!",
        "event_time": "2026-03-12T11:29:05.173Z",
        "scheduled_time": None,
        "email_stats_id": "4d9ff292-b7a4-45a1-80aa-e1ac2c925404",
    },
}
IGNORED = {
    "ok": True,
    "message": "Reply ignored successfully",
    "data": {"success": True, "updated": 1},
}
ASSOCIATED = {
    "sucess": True,
    "message": "Untracked reply associated to lead successfully",
    "data": {"leadMapId": 987654, "swMessageId": "<abc123@mail.yourdomain.com>"},
}
ALL_FILTERS: dict[str, Any] = {
    "search": "pricing",
    "category_ids": [1, 2],
    "exclude_category_ids": [3],
    "uncategorised": False,
    "categorised": True,
    "email_status": "Replied",
    "campaign_id": 12345,
    "email_account_id": 789,
    "team_member_id": 456,
    "campaign_tag_id": 7,
    "client_id": 11,
    "start": AT,
    "end": UNTIL,
}
WIRE_FILTERS: dict[str, Any] = {
    "search": "pricing",
    "leadCategories": {
        "unassigned": False,
        "isAssigned": True,
        "categoryIdsNotIn": [3],
        "categoryIdsIn": [1, 2],
    },
    "emailStatus": "Replied",
    "campaignId": 12345,
    "emailAccountId": 789,
    "campaignTeamMemberId": 456,
    "campaignTagId": 7,
    "campaignClientId": 11,
    "replyTimeBetween": ["2026-03-01T00:00:00+00:00", "2026-03-02T00:00:00+00:00"],
}

CASES: list[tuple[str, Call, str, str, dict[str, str], Any, Any]] = [
    (
        "assigned_to_me",
        lambda c: c.inbox.assigned_to_me(
            limit=10, with_history=True, sort_by="SENT_TIME_DESC", **ALL_FILTERS
        ),
        "POST",
        "/master-inbox/assigned-me",
        {"fetch_message_history": "true"},
        {"offset": 0, "limit": 10, "filters": WIRE_FILTERS, "sortBy": "SENT_TIME_DESC"},
        {**EMPTY_PAGE, "data": list(samples.INBOX_PAGE["data"])},  # type: ignore[arg-type,call-overload,index]
    ),
    (
        "assigned_to_me_plain",
        lambda c: c.inbox.assigned_to_me(limit=10),
        "POST",
        "/master-inbox/assigned-me",
        {"fetch_message_history": "false"},
        {"offset": 0, "limit": 10},
        EMPTY_PAGE,
    ),
    (
        "custom_view",
        lambda c: c.inbox.custom_view(limit=10, sub_sequence_id=789, **ALL_FILTERS),
        "POST",
        "/master-inbox/views",
        {"fetch_message_history": "false"},
        {"offset": 0, "limit": 10, "filters": {**WIRE_FILTERS, "subSequenceId": 789}},
        EMPTY_PAGE,
    ),
    (
        "create_saved_view",
        lambda c: c.inbox.create_saved_view(
            name="Needs Followup", email_status="Replied", category_ids=[1, 2]
        ),
        "POST",
        "/master-inbox/saved-views",
        {},
        {
            "name": "Needs Followup",
            "filters": {"leadCategories": {"categoryIdsIn": [1, 2]}, "emailStatus": "Replied"},
            "limitedAccess": True,
        },
        SAVED,
    ),
    (
        "reply_status",
        lambda c: c.inbox.reply_status(
            message_id="<4d9ff292-b7a4-45a1-80aa-e1ac2c925404-133jc7w@dealversego.co>"
        ),
        "GET",
        "/master-inbox/reply-status",
        {"message_id": "<4d9ff292-b7a4-45a1-80aa-e1ac2c925404-133jc7w@dealversego.co>"},
        None,
        STATUS,
    ),
    (
        "ignore_reply",
        lambda c: c.inbox.ignore_reply(email_stats_id="4d9ff292-b7a4-45a1-80aa-e1ac2c925404"),
        "PATCH",
        "/master-inbox/ignore-reply",
        {},
        {"id": "4d9ff292-b7a4-45a1-80aa-e1ac2c925404", "ignore_reply": True},
        IGNORED,
    ),
    (
        "count_reply_again",
        lambda c: c.inbox.ignore_reply(email_stats_id="4d9f", ignore=False),
        "PATCH",
        "/master-inbox/ignore-reply",
        {},
        {"id": "4d9f", "ignore_reply": False},
        IGNORED,
    ),
    (
        "associate_untracked_reply",
        lambda c: c.inbox.associate_untracked_reply("ur_77", 2180, 987654),
        "POST",
        "/master-inbox/untracked-replies/associate-to-lead",
        {},
        {"emailCampaignId": 2180, "leadMapId": 987654, "untrackedReplyId": "ur_77"},
        ASSOCIATED,
    ),
]


@pytest.mark.parametrize("case", [WireCase(*case) for case in CASES], ids=[c[0] for c in CASES])
async def test_wire_request(
    client: SmartleadClient, mock_api: aioresponses, case: WireCase
) -> None:
    await check_wire(client, mock_api, case)


@pytest.mark.parametrize(
    ("method", "path", "example"),
    [
        ("POST", "/master-inbox/saved-views", SAVED),
        ("GET", "/master-inbox/reply-status", STATUS),
        ("PATCH", "/master-inbox/ignore-reply", IGNORED),
        ("POST", "/master-inbox/untracked-replies/associate-to-lead", ASSOCIATED),
    ],
)
def test_answers_are_the_reference_examples(method: str, path: str, example: Any) -> None:
    assert documented_example(method, path) == example


@pytest.mark.parametrize("case", [WireCase(*case) for case in CASES], ids=[c[0] for c in CASES])
def test_bodies_use_only_documented_fields(case: WireCase) -> None:
    # SmartLead answers unknown keys with 400: every key sent is one the reference documents.
    if isinstance(case.body, dict):
        assert set(case.body) <= documented_body_fields(case.method, case.path)


def test_documented_answers_decode_strictly() -> None:
    view = STRICT.structure(SAVED["data"], SavedView)
    assert (view.id, view.limited_access) == (321, True)
    assert view.created_at == dt.datetime(2026, 9, 29, 10, tzinfo=dt.UTC)
    status = STRICT.structure(STATUS["data"], ReplyStatus)
    assert status.status is ReplyStatusValue.COMPLETED
    assert status.scheduled_time is None
    associated = STRICT.structure(ASSOCIATED, UntrackedReplyAssociated)
    assert associated.success is True
    assert associated.data is not None
    assert associated.data.lead_map_id == 987654


async def test_associating_reads_the_misspelt_flag(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    pattern = url("/master-inbox/untracked-replies/associate-to-lead")
    mock_api.post(pattern, payload=ASSOCIATED)
    answer = await client.inbox.associate_untracked_reply("ur_77", 2180, 987654)
    assert answer.success is True
    assert answer.extra == {}
    mock_api.post(pattern, payload={**ASSOCIATED, "sucess": False})
    with pytest.raises(ResponseDecodeError, match="sucess"):
        await client.inbox.associate_untracked_reply("ur_77", 2180, 987654)


async def test_views_page_through_the_body(client: SmartleadClient, mock_api: aioresponses) -> None:
    pattern = url("/master-inbox/views")
    row = samples.INBOX_PAGE["data"][0]  # type: ignore[index,call-overload]
    mock_api.post(pattern, payload={"ok": True, "data": [row, row], "offset": 0, "limit": 2})
    mock_api.post(pattern, payload={"ok": True, "data": [row], "offset": 2, "limit": 2})
    rows = [r async for r in client.inbox.custom_view(limit=2, campaign_id=5)]
    assert len(rows) == 3


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.inbox.assigned_to_me(limit=21), "limit"),
        (lambda c: c.inbox.assigned_to_me(search="x" * 31), "search"),
        (lambda c: c.inbox.assigned_to_me(email_status="Read"), "email_status"),
        (lambda c: c.inbox.assigned_to_me(category_ids=list(range(1, 12))), "category_ids"),
        (lambda c: c.inbox.assigned_to_me(campaign_id=0), "campaign_id"),
        (lambda c: c.inbox.assigned_to_me(start=AT), "both start and end"),
        (lambda c: c.inbox.custom_view(sort_by="OLDEST"), "sort_by"),
        (lambda c: c.inbox.custom_view(uncategorised=1), "uncategorised"),
        (lambda c: c.inbox.create_saved_view(name=""), "name"),
        (lambda c: c.inbox.create_saved_view(name="x" * 256), "name"),
        (lambda c: c.inbox.reply_status(message_id="abc@x.io"), "angle brackets"),
        (lambda c: c.inbox.ignore_reply(email_stats_id=""), "email_stats_id"),
        (lambda c: c.inbox.associate_untracked_reply("", 1, 2), "untracked_reply_id"),
        (lambda c: c.inbox.associate_untracked_reply("ur", 1, 0), "lead_map_id"),
    ],
)
async def test_invalid_arguments_fail_before_sending(
    client: SmartleadClient, mock_api: aioresponses, call: Call, match: str
) -> None:
    await check_rejected(client, mock_api, call, match)


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda c: c.inbox.sent(limit=5), "/master-inbox/sent"),
        (lambda c: c.inbox.reminders(limit=5), "/master-inbox/reminders"),
        (lambda c: c.inbox.assigned_to_me(limit=5), "/master-inbox/assigned-me"),
        (lambda c: c.inbox.custom_view(limit=5), "/master-inbox/views"),
    ],
)
async def test_views_send_only_documented_query_keys(
    client: SmartleadClient, mock_api: aioresponses, call: Call, path: str
) -> None:
    # The sent and reminders views take no `fetch_message_history` (SmartLead: 400).
    mock_api.post(url(path), payload=EMPTY_PAGE)
    await call(client)
    ((_, _, query, _),) = sent_requests(mock_api)
    documented = {field["name"] for field in documented_route("POST", path)["query"]}
    assert set(query) - {"api_key"} <= documented
