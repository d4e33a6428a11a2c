"""Error statuses map to classes carrying the server's message, whatever the body format."""

from __future__ import annotations

import pytest
from aioresponses import aioresponses

from smartlead_async import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    NotAcceptableError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    SmartleadClient,
    UnprocessableEntityError,
)
from smartlead_async._json import JSON
from smartlead_async.errors import error_message_from_body

from .helpers import url

CAMPAIGNS = url("/campaigns")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"error": "Invalid timezone - Foo/Bar"}, "Invalid timezone - Foo/Bar"),
        ({"message": "Invalid API Key"}, "Invalid API Key"),
        (
            {
                "statusCode": 400,
                "error": "Bad Request",
                "message": '"campaign_id" is not allowed',
                "validation": {"source": "payload", "keys": ["campaign_id"]},
            },
            '"campaign_id" is not allowed',
        ),
        (
            {"ok": False, "message": "Account exists", "errorCode": "ACCOUNT_ALREADY_EXIST"},
            "Account exists",
        ),
        (
            {"ok": True, "message": "Bulk reconnect API cannot be consumed"},
            "Bulk reconnect API cannot be consumed",
        ),
        ({"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "Slow down"}}, "Slow down"),
        ({"success": False, "error": {"code": "RATE_LIMIT_EXCEEDED"}}, "RATE_LIMIT_EXCEEDED"),
        ("Access denied", "Access denied"),
        ("<html>" + "x" * 400, "<html>" + "x" * 294 + "…"),
        (None, "HTTP 502"),
        ({}, "HTTP 502"),
    ],
)
def test_message_is_parsed_from_every_documented_body_format(body: JSON, message: str) -> None:
    assert error_message_from_body(body, status=502) == message


@pytest.mark.parametrize(
    ("status", "cls", "body"),
    [
        (400, BadRequestError, {"error": "Invalid campaign id"}),
        (401, AuthenticationError, {"message": "Invalid API Key"}),
        (403, PermissionDeniedError, "Access denied"),
        (404, NotFoundError, {"error": "Campaign not found - Invalid campaign_id."}),
        # Texts SmartLead documents pick a subclass (tests/resources/test_email_account_limits.py).
        (406, NotAcceptableError, {"ok": True, "message": "Not acceptable"}),
        (409, APIStatusError, {"error": "conflict"}),
        (422, UnprocessableEntityError, {"message": "limit must be <= 20"}),
        (429, RateLimitError, {"error": "Account rate limit exceeded"}),
        (500, InternalServerError, {"error": "boom"}),
        (503, InternalServerError, "Service Unavailable"),
    ],
)
async def test_status_maps_to_error_class(
    client: SmartleadClient,
    mock_api: aioresponses,
    status: int,
    cls: type[APIStatusError],
    body: JSON,
) -> None:
    if isinstance(body, str):
        mock_api.get(CAMPAIGNS, status=status, body=body, content_type="text/plain")
    else:
        mock_api.get(CAMPAIGNS, status=status, payload=body)
    with pytest.raises(cls) as caught:
        await client.campaigns.list()
    error = caught.value
    assert type(error) is cls
    assert error.status == status
    assert error.body == body
    assert error.message == error_message_from_body(body, status=status)
    assert error.method == "GET"
    assert error.url == "https://server.smartlead.ai/api/v1/campaigns?api_key=***"


async def test_rate_limit_error_carries_retry_after(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(CAMPAIGNS, status=429, payload={"error": "slow"}, headers={"Retry-After": "9"})
    with pytest.raises(RateLimitError) as caught:
        await client.campaigns.list()
    assert caught.value.retry_after == 9.0
    assert caught.value.headers["retry-after"] == "9"  # case-insensitive
