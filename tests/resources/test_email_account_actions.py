"""client.email_accounts writes: campaigns, save, update, warmup, reconnect."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any, TypedDict

import pytest
from aioresponses import aioresponses

from smartlead_async import (
    NotAcceptableError,
    SmartleadClient,
)
from smartlead_async._convert import make_converter
from smartlead_async.models import (
    CampaignEmailAccountsAdded,
    CampaignEmailAccountsRemoved,
    EmailAccountSaved,
    WarmupStats,
)

from .. import samples
from ..helpers import WireCase, check_rejected, check_wire, json_object, url

STRICT = make_converter(strict=True)
Call = Callable[[SmartleadClient], Awaitable[Any]]


class Mailbox(TypedDict):
    """The required arguments of ``email_accounts.save``."""

    from_name: str
    from_email: str
    username: str
    password: str
    smtp_host: str
    smtp_port: int
    imap_host: str
    imap_port: int


MAILBOX: Mailbox = {
    "from_name": "Jo",
    "from_email": "Jo@Outbound.Example",
    "username": "jo@outbound.example",
    "password": "s3cret",
    "smtp_host": "smtp.example.com",
    "smtp_port": 465,
    "imap_host": "imap.example.com",
    "imap_port": 993,
}

CASES: list[tuple[str, Call, str, str, Any, Any]] = [
    (
        "add_to_campaign",
        lambda c: c.email_accounts.add_to_campaign(1353, [2907], auto_adjust_warmup=True),
        "POST",
        "/campaigns/1353/email-accounts",
        {"email_account_ids": [2907], "auto_adjust_warmup": True},
        samples.EMAIL_ACCOUNTS_ADDED,
    ),
    (
        "remove_from_campaign",
        lambda c: c.email_accounts.remove_from_campaign(1353, [2907]),
        "DELETE",
        "/campaigns/1353/email-accounts",
        {"email_account_ids": [2907]},
        samples.EMAIL_ACCOUNTS_REMOVED,
    ),
    (
        "save",
        lambda c: c.email_accounts.save(**MAILBOX, warmup_enabled=True, max_email_per_day=40),
        "POST",
        "/email-accounts/save",
        {
            "id": None,
            "from_name": "Jo",
            "from_email": "Jo@outbound.example",
            "user_name": "jo@outbound.example",
            "password": "s3cret",
            "smtp_host": "smtp.example.com",
            "smtp_port": 465,
            "imap_host": "imap.example.com",
            "imap_port": 993,
            "warmup_enabled": True,
            "max_email_per_day": 40,
        },
        samples.EMAIL_ACCOUNT_SAVED,
    ),
    (
        "update",
        lambda c: c.email_accounts.update(10607, max_email_per_day=30, bcc=None, client_id=None),
        "POST",
        "/email-accounts/10607",
        {"max_email_per_day": 30, "bcc": None, "client_id": None},
        {**json_object(samples.EMAIL_ACCOUNT_SAVED), "emailAccountId": 10607},
    ),
    (
        "update_warmup",
        lambda c: c.email_accounts.update_warmup(
            10607, enabled=True, total_warmup_per_day=20, reply_rate_percentage=30
        ),
        "POST",
        "/email-accounts/10607/warmup",
        {"warmup_enabled": True, "total_warmup_per_day": 20, "reply_rate_percentage": 30},
        samples.EMAIL_ACCOUNT_SAVED,
    ),
    (
        "warmup_stats",
        lambda c: c.email_accounts.warmup_stats(106466),
        "GET",
        "/email-accounts/106466/warmup-stats",
        None,
        samples.WARMUP_STATS,
    ),
    (
        "reconnect_failed",
        lambda c: c.email_accounts.reconnect_failed(),
        "POST",
        "/email-accounts/reconnect-failed-email-accounts",
        {},
        {"ok": True, "message": "Email account(s) added to the queue to reconnect."},
    ),
    (
        "delete",
        lambda c: c.email_accounts.delete(10607),
        "DELETE",
        "/email-accounts/10607",
        None,
        {"ok": True},
    ),
    (
        "suspend",
        lambda c: c.email_accounts.suspend(10607),
        "PUT",
        "/email-accounts/suspend/10607",
        None,
        {"ok": True},
    ),
    (
        "unsuspend",
        lambda c: c.email_accounts.unsuspend(10607),
        "DELETE",
        "/email-accounts/unsuspend/10607",
        None,
        {"ok": True},
    ),
    (
        "reconnect",
        lambda c: c.email_accounts.reconnect(10607),
        "POST",
        "/email-accounts/10607/reconnect",
        None,
        {"ok": True},
    ),
]


@pytest.mark.parametrize(
    "case",
    [WireCase(case[0], case[1], case[2], case[3], {}, case[4], case[5]) for case in CASES],
    ids=[c[0] for c in CASES],
)
async def test_wire_request(
    client: SmartleadClient, mock_api: aioresponses, case: WireCase
) -> None:
    await check_wire(client, mock_api, case)


def test_samples_decode_strictly() -> None:
    added = STRICT.structure(samples.EMAIL_ACCOUNTS_ADDED, CampaignEmailAccountsAdded)
    assert added.result[0].email_account_id == 2907
    assert (
        STRICT.structure(samples.EMAIL_ACCOUNTS_REMOVED, CampaignEmailAccountsRemoved).result == 1
    )
    saved = STRICT.structure(samples.EMAIL_ACCOUNT_SAVED, EmailAccountSaved)
    assert (saved.email_account_id, saved.warmup_key) == (2849, "apple-keyes")
    stats = STRICT.structure(samples.WARMUP_STATS, WarmupStats)
    assert stats.stats_by_date[0].date == dt.date(2023, 5, 23)


async def test_fourth_bulk_reconnect_is_not_acceptable(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    message = "Bulk reconnect API cannot be consumed more than 3 times a day"
    mock_api.post(
        url("/email-accounts/reconnect-failed-email-accounts"),
        status=406,
        payload={"ok": True, "message": message},
    )
    with pytest.raises(NotAcceptableError, match="3 times a day"):
        await client.email_accounts.reconnect_failed()


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.email_accounts.add_to_campaign(1, []), "non-empty"),
        (lambda c: c.email_accounts.add_to_campaign(1, [0]), "email_account_id"),
        (lambda c: c.email_accounts.remove_from_campaign(1, "12"), "non-empty"),
        (lambda c: c.email_accounts.save(**{**MAILBOX, "smtp_port": 0}), "smtp_port"),
        (lambda c: c.email_accounts.save(**{**MAILBOX, "from_email": "jo"}), "from_email"),
        (lambda c: c.email_accounts.save(**MAILBOX, reply_rate_percentage=101), "reply_rate"),
        (lambda c: c.email_accounts.update(1), "at least one"),
        (lambda c: c.email_accounts.update(1, max_email_per_day=0), "max_email_per_day"),
        (lambda c: c.email_accounts.update(1, signature=5), "string"),
        (lambda c: c.email_accounts.update_warmup(1, enabled=True, daily_rampup=-1), "daily"),
        (lambda c: c.email_accounts.reconnect(0), "email_account_id"),
    ],
)
async def test_invalid_arguments_fail_before_sending(
    client: SmartleadClient, mock_api: aioresponses, call: Call, match: str
) -> None:
    await check_rejected(client, mock_api, call, match)
