"""Client by id and client code snippets, as SmartLead's reference documents them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import NotFoundError, SmartleadClient
from smartlead_async._convert import make_converter
from smartlead_async.models.clients import ClientDetails, CodeSnippet

from ..helpers import WireCase, check_rejected, check_wire, url
from .reference import documented_body_fields, documented_example

STRICT = make_converter(strict=True)
Call = Callable[[SmartleadClient], Any]
CLIENT = {
    "ok": True,
    "data": {
        "id": 456,
        "uuid": "5b0c1c9e-2f3a-4d7b-9d1e-1a2b3c4d5e6f",
        "name": "Acme Client",
        "email": "client@acme.com",
        "logo": None,
        "user_id": 11,
        "created_at": "2026-01-10T09:00:00.000Z",
        "logo_url": None,
        "is_credit_assigned": False,
        "mobile_device_id": None,
        "ga_view_access": False,
        "client_preferences": {},
        "client_permissions": [
            {"permission": ["reply_master_inbox"], "retricted_category": [4, 5]}
        ],
        "client_code_integrations": [
            {"id": 12, "snippet_name": "LinkedIn Outreach", "snippet_code": "<script>...</script>"}
        ],
    },
}
SNIPPET = {"success": True, "data": {"id": 12}}

CASES: list[tuple[str, Call, str, str, dict[str, str], Any, Any]] = [
    (
        "get",
        lambda c: c.clients.get(
            456,
            include_permissions=True,
            include_credits=True,
            include_code_integrations=True,
            include_whitelabel=True,
        ),
        "GET",
        "/client/456",
        {
            "includePermissions": "true",
            "includeCredits": "true",
            "includeCodeIntegrations": "true",
            "includeWhitelabel": "true",
        },
        None,
        CLIENT,
    ),
    ("get_plain", lambda c: c.clients.get(456), "GET", "/client/456", {}, None, CLIENT),
    (
        "add_code_snippet",
        lambda c: c.clients.add_code_snippet(
            456, name="LinkedIn Outreach", code="<script>...</script>"
        ),
        "POST",
        "/client/456/code-integrations",
        {},
        {"snippet_name": "LinkedIn Outreach", "snippet_code": "<script>...</script>"},
        SNIPPET,
    ),
    (
        "update_code_snippet",
        lambda c: c.clients.update_code_snippet(456, 12, code="<script>v2</script>"),
        "PATCH",
        "/client/456/code-integrations/12",
        {},
        {"snippet_code": "<script>v2</script>"},
        SNIPPET,
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
        ("GET", "/client/{id}", CLIENT),
        ("POST", "/client/{client_id}/code-integrations", SNIPPET),
        ("PATCH", "/client/{client_id}/code-integrations/{integration_id}", SNIPPET),
    ],
)
def test_answers_are_the_reference_examples(method: str, path: str, example: Any) -> None:
    assert documented_example(method, path) == example


def test_snippet_bodies_use_the_documented_fields() -> None:
    fields = {"snippet_name", "snippet_code"}
    assert documented_body_fields("POST", "/client/{client_id}/code-integrations") == fields
    path = "/client/{client_id}/code-integrations/{integration_id}"
    assert documented_body_fields("PATCH", path) == fields


def test_the_documented_client_decodes_strictly() -> None:
    details = STRICT.structure(CLIENT["data"], ClientDetails)
    assert (details.id, details.name) == (456, "Acme Client")
    (permission,) = details.client_permissions
    assert permission.permission == ("reply_master_inbox",)
    assert permission.restricted_category == ("4", "5")  # the wire's `retricted_category`
    (snippet,) = details.client_code_integrations
    assert snippet == CodeSnippet(
        id=12, snippet_name="LinkedIn Outreach", snippet_code="<script>...</script>"
    )


async def test_an_unknown_client_is_not_found(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(url("/client/9"), status=404, payload={"error": "nope"})
    with pytest.raises(NotFoundError):
        await client.clients.get(9)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.clients.get(0), "client_id"),
        (lambda c: c.clients.add_code_snippet(1, name="", code="x"), "snippet names"),
        (lambda c: c.clients.add_code_snippet(1, name="x" * 256, code="x"), "snippet names"),
        (lambda c: c.clients.add_code_snippet(1, name="n", code=""), "snippet code"),
        (lambda c: c.clients.update_code_snippet(1, 12), "name or a code"),
        (lambda c: c.clients.update_code_snippet(1, 0, name="n"), "integration_id"),
    ],
)
async def test_invalid_arguments_fail_before_sending(
    client: SmartleadClient, mock_api: aioresponses, call: Call, match: str
) -> None:
    await check_rejected(client, mock_api, call, match)
