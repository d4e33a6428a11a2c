"""client.campaigns: exact wire requests and decoded results."""

from __future__ import annotations

import re

import pytest
from aioresponses import aioresponses

from smartlead_async import NotFoundError, RequestValidationError, SmartleadClient
from smartlead_async.models import CampaignStatus, CampaignStatusUpdate

from .. import samples
from ..helpers import API_KEY, sent_requests

ROOT = "https://server.smartlead.ai/api/v1"


def url(path: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(ROOT + path)}\?.*$")


async def test_list(client: SmartleadClient, mock_api: aioresponses) -> None:
    mock_api.get(url("/campaigns"), payload=[samples.CAMPAIGN_HC, samples.CAMPAIGN_WITH_TAGS])
    campaigns = await client.campaigns.list(client_id=22, include_tags=True)
    assert [c.id for c in campaigns] == [372, 372]
    assert campaigns[1].tags[0].tag_color == "#FCB1D0"
    assert sent_requests(mock_api) == [
        (
            "GET",
            "/api/v1/campaigns",
            {"client_id": "22", "include_tags": "true", "api_key": API_KEY},
            None,
        )
    ]


async def test_list_without_filters_sends_only_the_key(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(url("/campaigns"), payload=[])
    assert await client.campaigns.list() == []
    assert sent_requests(mock_api) == [("GET", "/api/v1/campaigns", {"api_key": API_KEY}, None)]


async def test_get(client: SmartleadClient, mock_api: aioresponses) -> None:
    mock_api.get(url("/campaigns/372"), payload=samples.CAMPAIGN_HC)
    campaign = await client.campaigns.get(372)
    assert campaign.name == "My Epic Campaign"
    assert campaign.status is CampaignStatus.ACTIVE
    assert sent_requests(mock_api) == [("GET", "/api/v1/campaigns/372", {"api_key": API_KEY}, None)]


@pytest.mark.parametrize(("status", "payload"), [(200, {}), (404, {"error": "Campaign not found"})])
async def test_get_missing_campaign_raises_not_found(
    client: SmartleadClient, mock_api: aioresponses, status: int, payload: dict[str, str]
) -> None:
    mock_api.get(url("/campaigns/9"), status=status, payload=payload)
    with pytest.raises(NotFoundError) as caught:
        await client.campaigns.get(9)
    assert caught.value.status == status


async def test_create(client: SmartleadClient, mock_api: aioresponses) -> None:
    mock_api.post(url("/campaigns/create"), payload=samples.CREATED_CAMPAIGN)
    created = await client.campaigns.create("  Test email campaign ", client_id=7)
    assert (created.id, created.name) == (3023, "Test email campaign")
    assert sent_requests(mock_api) == [
        (
            "POST",
            "/api/v1/campaigns/create",
            {"api_key": API_KEY},
            {"name": "Test email campaign", "client_id": 7},
        )
    ]


async def test_delete(client: SmartleadClient, mock_api: aioresponses) -> None:
    mock_api.delete(url("/campaigns/3023"), payload={"ok": True})
    assert (await client.campaigns.delete(3023)).ok is True
    assert sent_requests(mock_api) == [
        ("DELETE", "/api/v1/campaigns/3023", {"api_key": API_KEY}, None)
    ]


@pytest.mark.parametrize(
    ("given", "wire"),
    [
        (CampaignStatusUpdate.START, "START"),
        ("PAUSED", "PAUSED"),
        ("stopped", "STOPPED"),
        ("ACTIVE", "START"),
        (CampaignStatus.ACTIVE, "START"),
    ],
)
async def test_update_status(
    client: SmartleadClient, mock_api: aioresponses, given: object, wire: str
) -> None:
    mock_api.post(url("/campaigns/5/status"), payload={"ok": True})
    assert (await client.campaigns.update_status(5, given)).ok  # type: ignore[arg-type]
    assert sent_requests(mock_api) == [
        ("POST", "/api/v1/campaigns/5/status", {"api_key": API_KEY}, {"status": wire})
    ]


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.campaigns.get(0), "campaign_id"),
        (lambda c: c.campaigns.get("12"), "campaign_id"),
        (lambda c: c.campaigns.get(True), "campaign_id"),
        (lambda c: c.campaigns.delete(-1), "campaign_id"),
        (lambda c: c.campaigns.create("   "), "name"),
        (lambda c: c.campaigns.create("x", client_id=0), "client_id"),
        (lambda c: c.campaigns.list(client_id="3"), "client_id"),
        (lambda c: c.campaigns.update_status(1, "DRAFTED"), "status"),
        (lambda c: c.campaigns.update_status(1, "COMPLETED"), "status"),
    ],
)
async def test_invalid_arguments_fail_before_sending(
    client: SmartleadClient, mock_api: aioresponses, call: object, match: str
) -> None:
    with pytest.raises(RequestValidationError, match=match):
        await call(client)  # type: ignore[operator]
    assert mock_api.requests == {}
