"""client.webhooks management and client.clients administration: wire, decoding, validation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import SmartleadClient
from smartlead_async._convert import make_converter
from smartlead_async.models import (
    ClientApiKeyResult,
    ClientCreated,
    WebhookEventType,
    WebhookSaved,
)

from .. import samples
from ..helpers import WireCase, check_rejected, check_wire, json_object, url

STRICT = make_converter(strict=True)
Call = Callable[[SmartleadClient], Awaitable[Any]]
T0 = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
T1 = dt.datetime(2025, 3, 2, tzinfo=dt.UTC)

CASES: list[tuple[str, Call, str, str, dict[str, str], Any, Any]] = [
    (
        "upsert",
        lambda c: c.webhooks.save(
            2180,
            name="Replies",
            url="https://hooks.example.com/smartlead",
            event_types=[WebhookEventType.EMAIL_REPLY, "LEAD_CATEGORY_UPDATED"],
            categories=["Interested"],
        ),
        "POST",
        "/campaigns/2180/webhooks",
        {},
        {
            "id": None,
            "name": "Replies",
            "webhook_url": "https://hooks.example.com/smartlead",
            "event_types": ["EMAIL_REPLY", "LEAD_CATEGORY_UPDATED"],
            "categories": ["Interested"],
        },
        samples.WEBHOOK_SAVED_HC,
    ),
    (
        "delete",
        lambda c: c.webhooks.delete(2180, 217),
        "DELETE",
        "/campaigns/2180/webhooks",
        {},
        {"id": 217},
        {"ok": True},
    ),
    (
        "summary",
        lambda c: c.webhooks.summary(2180, start=T0, end=T1),
        "GET",
        "/campaigns/2180/webhooks/summary",
        {"fromTime": "2025-03-01T00:00:00+00:00", "toTime": "2025-03-02T00:00:00+00:00"},
        None,
        samples.WEBHOOK_SUMMARY,
    ),
    (
        "retrigger_failed",
        lambda c: c.webhooks.retrigger_failed(2180, start=T0, end=T1),
        "POST",
        "/campaigns/2180/webhooks/retrigger-failed-events",
        {},
        {"fromTime": "2025-03-01T00:00:00+00:00", "toTime": "2025-03-02T00:00:00+00:00"},
        {"ok": True},
    ),
    (
        "create_global",
        lambda c: c.webhooks.create_global(
            name="All replies", url="https://h.example/x", event_types=["EMAIL_REPLY"]
        ),
        "POST",
        "/webhook/create",
        {},
        {
            "name": "All replies",
            "webhook_url": "https://h.example/x",
            "association_type": "user",
            "event_type_map": {"EMAIL_REPLY": True},
        },
        {"ok": True, "webhook_id": 5},
    ),
    ("get_global", lambda c: c.webhooks.get_global(5), "GET", "/webhook/5", {}, None, {"id": 5}),
    # SmartLead's reference (webhooks/update): `event_types` and `categories` arrays, every key
    # optional; answer `{ok, id, message}`.
    (
        "update_global",
        lambda c: c.webhooks.update_global(
            5,
            name="n",
            url="https://h.example/y",
            event_types=["EMAIL_SENT"],
            categories=["Interested"],
        ),
        "PUT",
        "/webhook/update/5",
        {},
        {
            "name": "n",
            "webhook_url": "https://h.example/y",
            "event_types": ["EMAIL_SENT"],
            "categories": ["Interested"],
        },
        {"ok": True, "id": 5, "message": "Webhook updated successfully"},
    ),
    (
        "update_global_one_field",
        lambda c: c.webhooks.update_global(5, event_types=["EMAIL_REPLY"]),
        "PUT",
        "/webhook/update/5",
        {},
        {"event_types": ["EMAIL_REPLY"]},
        {"ok": True, "id": 5},
    ),
    # SmartLead's reference (webhooks/delete): `DELETE /webhook/delete` with `{id}` in the body.
    (
        "delete_global",
        lambda c: c.webhooks.delete_global(5),
        "DELETE",
        "/webhook/delete",
        {},
        {"id": 5},
        {"ok": True},
    ),
    (
        "create_client",
        lambda c: c.clients.create(
            name="Acme", email="OPS@Acme.example", password="Test1234!", permission=["full_access"]
        ),
        "POST",
        "/client/save",
        {},
        {
            "name": "Acme",
            "email": "OPS@acme.example",
            "password": "Test1234!",
            "permission": ["full_access"],
            "logo": None,
            "logo_url": None,
        },
        samples.CLIENT_CREATED,
    ),
    (
        "create_api_key",
        lambda c: c.clients.create_api_key(299, name="CRM sync"),
        "POST",
        "/client/api-key",
        {},
        {"clientId": 299, "keyName": "CRM sync"},
        samples.CLIENT_API_KEY,
    ),
    (
        "list_api_keys",
        lambda c: c.clients.list_api_keys(client_id=299, active=True),
        "GET",
        "/client/api-key",
        {"clientId": "299", "status": "active"},
        None,
        {"data": [json_object(samples.CLIENT_API_KEY)["data"]]},
    ),
    (
        "delete_api_key",
        lambda c: c.clients.delete_api_key(12),
        "DELETE",
        "/client/api-key/12",
        {},
        None,
        {"ok": True},
    ),
    (
        "reset_api_key",
        lambda c: c.clients.reset_api_key(12),
        "PUT",
        "/client/api-key/reset/12",
        {},
        None,
        samples.CLIENT_API_KEY,
    ),
]


@pytest.mark.parametrize("case", [WireCase(*case) for case in CASES], ids=[c[0] for c in CASES])
async def test_wire_request(
    client: SmartleadClient, mock_api: aioresponses, case: WireCase
) -> None:
    await check_wire(client, mock_api, case)


@pytest.mark.parametrize("payload", [samples.WEBHOOK_SAVED_HC, samples.WEBHOOK_SAVED_MAPS])
async def test_upsert_echo_is_normalised(
    client: SmartleadClient, mock_api: aioresponses, payload: Any
) -> None:
    mock_api.post(url("/campaigns/2180/webhooks"), payload=payload)
    saved = await client.webhooks.save(
        2180, name="Replies", url="https://hooks.example.com/smartlead", event_types=["EMAIL_REPLY"]
    )
    assert saved.event_types == ("EMAIL_REPLY",)
    assert saved.categories == ("Interested",)
    assert saved.extra == {}


async def test_summary_unwraps_data(client: SmartleadClient, mock_api: aioresponses) -> None:
    pattern = url("/campaigns/2180/webhooks/summary")
    mock_api.get(pattern, payload=samples.WEBHOOK_SUMMARY)
    summary = await client.webhooks.summary(2180, start=T0, end=T1)
    assert summary.time_range is not None
    assert summary.time_range.from_time == T0
    assert isinstance(summary.summary, list)


def test_samples_decode_strictly_and_secrets_stay_hidden() -> None:
    assert STRICT.structure(samples.WEBHOOK_SAVED_HC, WebhookSaved).name == "Replies"
    created = STRICT.structure(samples.CLIENT_CREATED, ClientCreated)
    assert created.client_id == 299
    key = STRICT.structure(samples.CLIENT_API_KEY, ClientApiKeyResult).data
    assert key is not None
    assert key.api_key == "cl_live_SECRET_VALUE"
    assert "Test1234" not in repr(created)
    assert "SECRET" not in repr(key)


def upsert(**changes: Any) -> Call:
    args = {"name": "n", "url": "https://x.io", "event_types": ["EMAIL_SENT"], **changes}
    return lambda c: c.webhooks.save(1, **args)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (
            lambda c: c.webhooks.save(1, name="n", url="ftp://x", event_types=["EMAIL_REPLY"]),
            "url",
        ),
        (lambda c: c.webhooks.save(1, name="n", url="https://x.io", event_types=[]), "non-empty"),
        (
            lambda c: c.webhooks.save(1, name="n", url="https://x.io", event_types=["reply"]),
            "event",
        ),
        (
            lambda c: c.webhooks.save(1, name=" ", url="https://x.io", event_types=["EMAIL_SENT"]),
            "name",
        ),
        (lambda c: c.webhooks.delete(1, 0), "webhook_id"),
        (lambda c: c.webhooks.summary(1, start=dt.datetime(2025, 1, 1), end=T1), "timezone-aware"),
        (
            lambda c: c.webhooks.create_global(
                name="n", url="https://x.io", event_types=["EMAIL_SENT"], association_type="team"
            ),
            "association_type",
        ),
        (
            lambda c: c.clients.create(
                name="A", email="a@b.co", password="p", permission=["admin"]
            ),
            "unknown",
        ),
        (lambda c: c.clients.create(name="A", email="nope", password="p"), "email"),
        (lambda c: c.clients.create_api_key(1, name="bad/name"), "key names"),
        (lambda c: c.clients.reset_api_key(0), "key_id"),
    ],
)
async def test_invalid_arguments_fail_before_sending(
    client: SmartleadClient, mock_api: aioresponses, call: Call, match: str
) -> None:
    await check_rejected(client, mock_api, call, match)
