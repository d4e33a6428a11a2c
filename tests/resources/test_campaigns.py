"""client.campaigns: lifecycle, subsequences and test emails; exact wire requests and results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import APIStatusError, NotFoundError, Pager, SmartleadClient
from smartlead_async.models import CampaignStatus, CampaignStatusUpdate

from .. import samples
from ..helpers import (
    API_KEY,
    BASE_URL,
    WireCase,
    check_rejected,
    check_wire,
    no_sleep,
    sent_requests,
    url,
)

Call = Callable[[SmartleadClient], Any]


async def test_list(client: SmartleadClient, mock_api: aioresponses) -> None:
    mock_api.get(url("/campaigns"), payload=[samples.CAMPAIGN_HC, samples.CAMPAIGN_WITH_TAGS])
    pager = client.campaigns.list(client_id=22, include_tags=True)
    assert isinstance(pager, Pager)
    page = await pager
    assert [c.id for c in page] == [372, 372]
    assert page[1].tags[0].tag_color == "#FCB1D0"
    assert page.is_last
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
    assert (await client.campaigns.list()).items == ()
    assert sent_requests(mock_api) == [("GET", "/api/v1/campaigns", {"api_key": API_KEY}, None)]


async def test_walking_the_list_reads_it_once(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    # SmartLead answers every campaign at once: no paging parameters, no second request.
    mock_api.get(url("/campaigns"), payload=[samples.CAMPAIGN_HC, samples.CAMPAIGN_WITH_TAGS])
    assert [c.id async for c in client.campaigns.list()] == [372, 372]
    assert sent_requests(mock_api) == [("GET", "/api/v1/campaigns", {"api_key": API_KEY}, None)]


async def test_get(client: SmartleadClient, mock_api: aioresponses) -> None:
    mock_api.get(url("/campaigns/372"), payload=samples.CAMPAIGN_HC)
    campaign = await client.campaigns.get(372)
    assert campaign.name == "My Epic Campaign"
    assert campaign.status is CampaignStatus.ACTIVE
    assert sent_requests(mock_api) == [("GET", "/api/v1/campaigns/372", {"api_key": API_KEY}, None)]


@pytest.mark.parametrize(
    ("status", "body"), [(200, "{}"), (200, ""), (404, '{"error": "Campaign not found"}')]
)
async def test_get_missing_campaign_raises_not_found(
    client: SmartleadClient, mock_api: aioresponses, status: int, body: str
) -> None:
    mock_api.get(url("/campaigns/9"), status=status, body=body)
    with pytest.raises(NotFoundError) as caught:
        await client.campaigns.get(9)
    assert caught.value.status == status


async def test_create(client: SmartleadClient, mock_api: aioresponses) -> None:
    mock_api.post(url("/campaigns/create"), payload=samples.CREATED_CAMPAIGN)
    created = await client.campaigns.create(name="  Test email campaign ", client_id=7)
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
    # "stopped" and the read-side ACTIVE are outside the declared Literal: still mapped.
    assert (await client.campaigns.update_status(5, status=given)).ok  # type: ignore[arg-type]
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
        (lambda c: c.campaigns.create(name="   "), "name"),
        (lambda c: c.campaigns.create(name="x", client_id=0), "client_id"),
        (lambda c: c.campaigns.list(client_id="3"), "client_id"),
        (lambda c: c.campaigns.update_status(1, status="DRAFTED"), "status"),
        (lambda c: c.campaigns.update_status(1, status="COMPLETED"), "status"),
        (lambda c: c.campaigns.get_sequences(0), "campaign_id"),
        (lambda c: c.campaigns.create_subsequence(0, name="x"), "parent_campaign_id"),
        (lambda c: c.campaigns.send_test_email(5, 9, to="nope", confirm_send=True), "to"),
        (
            lambda c: c.campaigns.send_test_email(5, 9, sequence_number=0, confirm_send=True),
            "sequence_number",
        ),
        (lambda c: c.campaigns.send_test_email(5, 9), "confirm_send"),
        (lambda c: c.campaigns.update_lead_email_account(5, 0, 2907), "lead_id"),
    ],
)
async def test_invalid_arguments_fail_before_sending(
    client: SmartleadClient, mock_api: aioresponses, call: Call, match: str
) -> None:
    await check_rejected(client, mock_api, call, match)


CASES: list[tuple[str, Call, str, str, dict[str, str], Any, Any]] = [
    (
        "create_subsequence",
        lambda c: c.campaigns.create_subsequence(5, name="No reply", definition={"condition": "x"}),
        "POST",
        "/campaigns/create-subsequence",
        {},
        {"condition": "x", "parent_campaign_id": 5, "subsequence_name": "No reply"},
        {"ok": True, "id": 77, "name": "No reply"},
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
        lambda c: c.campaigns.send_test_email(
            5, 9, to="Me@X.io", sequence_number=2, confirm_send=True
        ),
        "POST",
        "/campaigns/5/send-test-email",
        {},
        {"leadId": 9, "sequenceNumber": 2, "customEmailAddress": "Me@x.io"},
        {"ok": True},
    ),
]


@pytest.mark.parametrize("case", [WireCase(*case) for case in CASES], ids=[c[0] for c in CASES])
async def test_wire_request(
    client: SmartleadClient, mock_api: aioresponses, case: WireCase
) -> None:
    await check_wire(client, mock_api, case)


@pytest.mark.parametrize(
    ("call", "method", "path", "retried"),
    [
        (lambda c: c.campaigns.update_status(5, status="PAUSED"), "POST", "/campaigns/5/status", 1),
        (lambda c: c.campaigns.save_sequences(5, steps=[]), "POST", "/campaigns/5/sequences", 1),
        (
            lambda c: c.campaigns.update_settings(5, send_as_plain_text=True),
            "POST",
            "/campaigns/5/settings",
            1,
        ),
        (
            lambda c: c.campaigns.update_lead_email_account(5, 423, 2907),
            "POST",
            "/campaigns/update-lead-email-account",
            1,
        ),
        (lambda c: c.campaigns.create(name="x"), "POST", "/campaigns/create", 0),
        (
            lambda c: c.campaigns.send_test_email(5, 9, confirm_send=True),
            "POST",
            "/campaigns/5/send-test-email",
            0,
        ),
        (lambda c: c.campaigns.delete(5), "DELETE", "/campaigns/5", 0),
    ],
)
async def test_only_requests_safe_to_repeat_are_retried_after_a_5xx(
    mock_api: aioresponses, call: Call, method: str, path: str, retried: int
) -> None:
    # Setting a state again changes nothing; creating, sending or deleting again might not be.
    async with SmartleadClient(API_KEY, base_url=BASE_URL, max_retries=1) as sl:
        sl._pipeline._sleep = no_sleep
        mock_api.add(url(path), method, status=503, body="busy")
        mock_api.add(url(path), method, payload={"ok": True, "id": 1})
        if retried:
            assert (await call(sl)).ok is True
        else:
            with pytest.raises(APIStatusError):
                await call(sl)
    assert len(sent_requests(mock_api)) == 1 + retried
