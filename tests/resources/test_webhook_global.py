"""Account-, client- and campaign-level ("global") webhooks, as SmartLead's reference documents
them: update takes ``event_types``/``categories`` arrays, delete carries the id in its body, get
answers ``{ok, data}``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import SmartleadClient
from smartlead_async._convert import make_converter
from smartlead_async.models.webhooks import GlobalWebhook

from ..helpers import WireCase, check_rejected, check_wire, url
from .reference import documented_body_fields, documented_example

STRICT = make_converter(strict=True)
Call = Callable[[SmartleadClient], Any]
CREATED = {"ok": True, "id": 456, "webhook_url": "https://your-domain.com/webhook"}
FOUND = {
    "ok": True,
    "data": {
        "id": 456,
        "email_campaign_id": 123,
        "name": "Campaign Analytics Webhook",
        "webhook_url": "https://your-server.com/webhooks/smartlead",
        "event_type_map": {
            "EMAIL_SENT": True,
            "EMAIL_OPEN": True,
            "EMAIL_LINK_CLICK": True,
            "EMAIL_REPLY": True,
        },
        "category_id_map": {},
        "created_at": "2026-03-15T10:30:00Z",
        "updated_at": "2026-03-20T14:22:00Z",
    },
}
UPDATED = {"ok": True, "id": 12345, "message": "Webhook saved successfully"}
DELETED = {"ok": True}
CASES_UPDATE_ALL = ("name", "webhook_url", "event_types", "categories")
HOOK: dict[str, Any] = {"name": "n", "url": "https://x.io", "event_types": ["EMAIL_SENT"]}

CASES: list[tuple[str, Call, str, str, dict[str, str], Any, Any]] = [
    (
        "create_global_campaign_level",
        lambda c: c.webhooks.create_global(
            name="Replies",
            url="https://your-domain.com/webhook",
            event_types=["EMAIL_REPLY", "LEAD_CATEGORY_UPDATED"],
            association_type="campaign",
            campaign_id=123,
            category_ids=[4, 5],
            force_create=True,
        ),
        "POST",
        "/webhook/create",
        {},
        {
            "name": "Replies",
            "webhook_url": "https://your-domain.com/webhook",
            "association_type": "campaign",
            "event_type_map": {"EMAIL_REPLY": True, "LEAD_CATEGORY_UPDATED": True},
            "email_campaign_id": 123,
            "category_id_map": {"4": True, "5": True},
            "force_create": True,
        },
        CREATED,
    ),
    ("get_global", lambda c: c.webhooks.get_global(456), "GET", "/webhook/456", {}, None, FOUND),
    (
        "update_global",
        lambda c: c.webhooks.update_global(12345, categories=["Interested"]),
        "PUT",
        "/webhook/update/12345",
        {},
        {"categories": ["Interested"]},
        UPDATED,
    ),
    (
        "delete_global",
        lambda c: c.webhooks.delete_global(456),
        "DELETE",
        "/webhook/delete",
        {},
        {"id": 456},
        DELETED,
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
        ("POST", "/webhook/create", CREATED),
        ("GET", "/webhook/{webhook_id}", FOUND),
        ("PUT", "/webhook/update/{webhook_id}", UPDATED),
        ("DELETE", "/webhook/delete", DELETED),
    ],
)
def test_answers_are_the_reference_examples(method: str, path: str, example: Any) -> None:
    assert documented_example(method, path) == example


@pytest.mark.parametrize(
    ("method", "path", "sent"),
    [
        ("PUT", "/webhook/update/{webhook_id}", set(CASES[2][5]) | set(CASES_UPDATE_ALL)),
        ("DELETE", "/webhook/delete", {"id"}),
        ("POST", "/webhook/create", set(CASES[0][5])),
    ],
)
def test_bodies_use_the_documented_fields(method: str, path: str, sent: set[str]) -> None:
    assert sent <= documented_body_fields(method, path)


async def test_get_global_reads_the_data_envelope(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(url("/webhook/456"), payload=FOUND)
    found = await client.webhooks.get_global(456)
    assert (found.id, found.email_campaign_id) == (456, 123)
    assert found.updated_at == dt.datetime(2026, 3, 20, 14, 22, tzinfo=dt.UTC)
    assert found.extra == {}


def test_documented_answers_decode_strictly() -> None:
    assert STRICT.structure(CREATED, GlobalWebhook).id == 456
    assert STRICT.structure(UPDATED, GlobalWebhook).message == "Webhook saved successfully"
    assert STRICT.structure(FOUND["data"], GlobalWebhook).category_id_map == {}


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.webhooks.update_global(5), "at least one field"),
        (lambda c: c.webhooks.update_global(5, url="ftp://x"), "url"),
        (lambda c: c.webhooks.update_global(5, event_types=[]), "non-empty"),
        (lambda c: c.webhooks.update_global(5, categories="Interested"), "categories"),
        (lambda c: c.webhooks.update_global(0, name="n"), "webhook_id"),
        (lambda c: c.webhooks.delete_global(0), "webhook_id"),
        (
            lambda c: c.webhooks.create_global(**HOOK, association_type="campaign"),
            "campaign_id",
        ),
        (
            lambda c: c.webhooks.create_global(**HOOK, association_type="client"),
            "client_id",
        ),
        (
            lambda c: c.webhooks.create_global(**HOOK, category_ids=[0]),
            "category_ids",
        ),
    ],
)
async def test_invalid_arguments_fail_before_sending(
    client: SmartleadClient, mock_api: aioresponses, call: Call, match: str
) -> None:
    await check_rejected(client, mock_api, call, match)
