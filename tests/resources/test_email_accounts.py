"""client.email_accounts: wire requests, decoding, password redaction."""

from __future__ import annotations

from typing import TypedDict

import pytest
from aioresponses import aioresponses

from smartlead_async import RequestValidationError, SmartleadClient
from smartlead_async._convert import make_converter
from smartlead_async.models import EmailAccount, EmailAccountType, WarmupStatus
from smartlead_async.testing import FakeSmartlead

from .. import samples
from ..helpers import API_KEY, sent_requests, url


def test_sample_decodes_strictly_and_hides_passwords_in_repr() -> None:
    account = make_converter(strict=True).structure(samples.EMAIL_ACCOUNT, EmailAccount)
    assert account.password == "hunter2-plaintext"
    assert account.min_time_to_wait_in_mins == 5
    assert account.warmup_details is not None
    assert account.warmup_details.warmup_reputation == 100.0
    assert account.warmup_details.status is WarmupStatus.ACTIVE
    assert account.type is EmailAccountType.SMTP
    assert account.campaign_ids == (1353,)
    text = repr(account) + str(account) + repr([account])
    assert "hunter2" not in text
    assert "password='***'" in text


async def test_list_sends_filters_and_pages(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(url("/email-accounts/"), payload=[samples.EMAIL_ACCOUNT])
    page = await client.email_accounts.list(
        offset=0,
        limit=50,
        client_id=4,
        esp=EmailAccountType.GMAIL,
        warmup_status="ACTIVE",
        is_in_use=True,
        is_smtp_success=False,
        fetch_campaigns=True,
    )
    assert [a.id for a in page.items] == [10607]
    assert page.is_last
    assert sent_requests(mock_api) == [
        (
            "GET",
            "/api/v1/email-accounts/",
            {
                "offset": "0",
                "limit": "50",
                "client_id": "4",
                "esp": "GMAIL",
                "emailWarmupStatus": "ACTIVE",
                "isInUse": "true",
                "isSmtpSuccess": "false",
                "fetch_campaigns": "true",
                "api_key": API_KEY,
            },
            None,
        )
    ]


async def test_get_uses_the_documented_trailing_slash(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(url("/email-accounts/10607/"), payload=samples.EMAIL_ACCOUNT)
    account = await client.email_accounts.get(10607, fetch_tags=True)
    assert account.from_email == "jo@outbound.example"
    assert sent_requests(mock_api) == [
        ("GET", "/api/v1/email-accounts/10607/", {"fetch_tags": "true", "api_key": API_KEY}, None)
    ]


async def test_list_by_campaign(client: SmartleadClient, mock_api: aioresponses) -> None:
    mock_api.get(url("/campaigns/1353/email-accounts"), payload=[samples.EMAIL_ACCOUNT])
    accounts = await client.email_accounts.list_by_campaign(1353)
    assert [a.id for a in accounts] == [10607]
    assert sent_requests(mock_api) == [
        ("GET", "/api/v1/campaigns/1353/email-accounts", {"api_key": API_KEY}, None)
    ]


class ListOptions(TypedDict, total=False):
    limit: int
    offset: int
    client_id: int


@pytest.mark.parametrize("kwargs", [{"limit": 101}, {"offset": -1}, {"client_id": 0}])
def test_list_validates_arguments(client: SmartleadClient, kwargs: ListOptions) -> None:
    with pytest.raises(RequestValidationError):
        client.email_accounts.list(**kwargs)


async def test_walks_every_mailbox_on_the_fake(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    for i in range(5):
        fake.seed.email_account(f"sender{i}@outbound.example")
    emails = [a.from_email async for a in fake_client.email_accounts.list(limit=2)]
    assert emails == [f"sender{i}@outbound.example" for i in range(5)]
