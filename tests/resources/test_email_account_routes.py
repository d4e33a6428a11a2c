"""The mailbox routes SmartLead's reference documents beyond the original catalog: look-up by
address, OAuth mailboxes, bulk config, fetch replies now, warmup-unblock OTP, single email and
tags; and the mailbox caps checked before sending.

Request bodies are built from the reference's documented body fields; answers are its
``response_example`` values (checked against ``routes.json`` when the reference is present).
"""

from __future__ import annotations

import base64
import warnings
from collections.abc import Callable
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import RequestValidationError, SmartleadClient
from smartlead_async._convert import make_converter
from smartlead_async.models.common import OkResponse
from smartlead_async.models.email_accounts import (
    BulkConfigUpdated,
    EmailAccount,
    EmailAttachment,
    EmailSent,
    OAuthEmailAccountSaved,
    Tag,
)

from ..helpers import WireCase, check_rejected, check_wire, sent_requests, url
from .reference import documented_example

STRICT = make_converter(strict=True)
Call = Callable[[SmartleadClient], Any]

BY_EMAIL = {
    "id": 123,
    "from_name": "John Doe",
    "from_email": "john@example.com",
    "username": "john@example.com",
    "password": "decrypted_password",
    "smtp_host": "smtp.gmail.com",
    "smtp_port": 587,
    "message_per_day": 50,
    "is_smtp_success": True,
    "is_imap_success": True,
    "type": "GMAIL",
    "daily_sent_count": 25,
    "client_id": None,
    "warmup_details": {
        "id": 789,
        "status": "ACTIVE",
        "warmup_reputation": 95,
        "is_warmup_blocked": False,
    },
    "campaign_ids": [101, 102],
}
OAUTH_SAVED = {
    "ok": True,
    "message": "OAuth account added successfully",
    "data": {
        "id": 123,
        "from_email": "john@gmail.com",
        "type": "GMAIL",
        "is_smtp_success": True,
        "is_imap_success": True,
    },
}
BULK_UPDATED = {"message": "Email account(s) and warmup details are updated successfully!"}
FETCH_QUEUED = {
    "ok": True,
    "message": "25 Email account(s) are added to the queue to fetch live reply.",
}
OTP_SENT = {"ok": True, "data": "OTP has been sent successfully."}
OTP_VERIFIED = {
    "ok": True,
    "data": "OTP verification completed successfully; your warmup account is now unblocked.",
}
TAG_CREATED = {"ok": True, "data": {"id": 42, "name": "Primary Senders", "color": "#4CAF50"}}
EMAIL_SENT = {
    "success": True,
    "data": {"message": "Email sent successfully", "message_id": "msg_67890abcde"},
}
TOKEN: dict[str, Any] = {
    "scope": "https://mail.google.com/",
    "token_type": "Bearer",
    "access_token": "ya29.SECRET-ACCESS",
    "refresh_token": "1//SECRET-REFRESH",
    "expiry_date": 1767225600000,
}
PDF = EmailAttachment(filename="deck.pdf", content=b"%PDF-1.4", mime_type="application/pdf")

CASES: list[tuple[str, Call, str, str, dict[str, str], Any, Any]] = [
    (
        "get_by_email",
        lambda c: c.email_accounts.get_by_email(
            email="john@Example.com", fetch_campaigns=True, fetch_tags=True
        ),
        "GET",
        "/email-accounts/fetch-email-account-details",
        {"email": "john@example.com", "fetch_campaigns": "true", "fetch_tags": "true"},
        None,
        BY_EMAIL,
    ),
    (
        "save_oauth",
        lambda c: c.email_accounts.save_oauth(
            from_name="John Doe",
            from_email="john@gmail.com",
            username="john@gmail.com",
            provider="GMAIL",
            token=TOKEN,
            warmup_enabled=True,
            use_whitelabel_credentials=False,
            max_email_per_day=40,
            time_to_wait_in_mins=10,
            client_id=77,
        ),
        "POST",
        "/email-accounts/save-oauth",
        {},
        {
            "from_name": "John Doe",
            "from_email": "john@gmail.com",
            "username": "john@gmail.com",
            "type": "GMAIL",
            "token": TOKEN,
            "warmup_enabled": True,
            "use_whitelabel_credentials": False,
            "max_email_per_day": 40,
            "time_to_wait_in_mins": 10,
            "client_id": 77,
        },
        OAUTH_SAVED,
    ),
    (
        "bulk_update_config",
        lambda c: c.email_accounts.bulk_update_config(
            [11, 12],
            message_per_day=40,
            min_time_to_wait_in_mins=12,
            from_name="Sales",
            warmup_status="ACTIVE",
            warmup_max_email_per_day=30,
            warmup_min_count=5,
            warmup_max_count=20,
            reply_rate=30,
            rampup_enabled=True,
            rampup_value=3,
            warmups_only_on_weekdays=False,
            warmup_tag_identifier="warm_01",
            daily_reply_limit=20,
            tag_ids=[7],
            client_id=77,
        ),
        "POST",
        "/email-accounts/bulk-update-email-account-config",
        {},
        {
            "emailAccountIds": [11, 12],
            "updateData": {
                "messagePerDay": 40,
                "minTimeToWaitInMins": 12,
                "fromName": "Sales",
                "status": "ACTIVE",
                "maxEmailPerDay": 30,
                "warmupMinCount": 5,
                "warmupMaxCount": 20,
                "replyRate": 30,
                "isRampupEnabled": True,
                "rampupValue": 3,
                "sendWarmupsOnlyOnWeekdays": False,
                "warmupTagIdentifier": "warm_01",
                "dailyReplyLimit": 20,
                "tags": [7],
                "clientId": 77,
            },
        },
        BULK_UPDATED,
    ),
    (
        "fetch_replies_now",
        lambda c: c.email_accounts.fetch_replies_now(),
        "POST",
        "/email-accounts/fetch-account-reply",
        {},
        {},
        FETCH_QUEUED,
    ),
    (
        "send_unblock_otp",
        lambda c: c.email_accounts.send_unblock_otp(55),
        "POST",
        "/email-accounts/55/send-otp-email",
        {},
        None,
        OTP_SENT,
    ),
    (
        "verify_unblock_otp",
        lambda c: c.email_accounts.verify_unblock_otp(55, otp=" 482913 "),
        "POST",
        "/email-accounts/55/verify-otp",
        {},
        {"otp": "482913"},
        OTP_VERIFIED,
    ),
    (
        "send_email_by_address",
        lambda c: c.email_accounts.send_email(
            to="lead@Prospect.io",
            subject="Quick question",
            body="<p>Hi</p>",
            from_email="rep@you.com",
            from_name="Rep",
            reply_to="replies@you.com",
            attachments=[PDF],
            confirm_send=True,
        ),
        "POST",
        "/send-email/initiate",
        {},
        {
            "to": "lead@prospect.io",
            "subject": "Quick question",
            "body": "<p>Hi</p>",
            "fromEmail": "rep@you.com",
            "fromName": "Rep",
            "replyTo": "replies@you.com",
            "attachments": [
                {
                    "filename": "deck.pdf",
                    "content": base64.b64encode(b"%PDF-1.4").decode(),
                    "mimeType": "application/pdf",
                }
            ],
        },
        EMAIL_SENT,
    ),
    (
        "send_email_by_mailbox_id",
        lambda c: c.email_accounts.send_email(
            to="lead@prospect.io",
            subject="Hi",
            body="Hello",
            from_email_account_id=55,
            confirm_send=True,
        ),
        "POST",
        "/send-email/initiate",
        {},
        {"to": "lead@prospect.io", "subject": "Hi", "body": "Hello", "fromEmailId": 55},
        EMAIL_SENT,
    ),
    (
        "create_tag_default_colour",
        lambda c: c.email_accounts.create_tag(name="Primary Senders"),
        "POST",
        "/tags",
        {},
        {"name": "Primary Senders"},
        TAG_CREATED,
    ),
    (
        "add_to_campaign_raised_cap",
        lambda c: c.email_accounts.add_to_campaign(9, [1, 2], max_limit=True),
        "POST",
        "/campaigns/9/email-accounts",
        {"max_limit": "true"},
        {"email_account_ids": [1, 2]},
        {"ok": True},
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
        ("GET", "/email-accounts/fetch-email-account-details", BY_EMAIL),
        ("POST", "/email-accounts/save-oauth", OAUTH_SAVED),
        ("POST", "/email-accounts/bulk-update-email-account-config", BULK_UPDATED),
        ("POST", "/email-accounts/fetch-account-reply", FETCH_QUEUED),
        ("POST", "/email-accounts/{account_id}/send-otp-email", OTP_SENT),
        ("POST", "/email-accounts/{account_id}/verify-otp", OTP_VERIFIED),
        ("POST", "/tags", TAG_CREATED),
        ("POST", "/send-email/initiate", EMAIL_SENT),
    ],
)
def test_answers_are_the_reference_examples(method: str, path: str, example: Any) -> None:
    assert documented_example(method, path) == example


def test_documented_answers_decode_strictly_and_keep_secrets_out_of_reprs() -> None:
    account = STRICT.structure(BY_EMAIL, EmailAccount)
    assert account.password == "decrypted_password"
    assert "decrypted_password" not in repr(account)
    assert account.campaign_ids == (101, 102)
    assert account.warmup_details is not None
    assert account.warmup_details.warmup_reputation == 95
    saved = STRICT.structure(OAUTH_SAVED, OAuthEmailAccountSaved)
    assert saved.data is not None
    assert saved.data.id == 123
    assert STRICT.structure(BULK_UPDATED, BulkConfigUpdated).message is not None
    assert STRICT.structure(TAG_CREATED["data"], Tag).color == "#4CAF50"
    assert STRICT.structure(EMAIL_SENT["data"], EmailSent).message_id == "msg_67890abcde"
    assert STRICT.structure(OTP_VERIFIED, OkResponse).ok is True
    assert "%PDF" not in repr(PDF)


async def test_decoded_answers(client: SmartleadClient, mock_api: aioresponses) -> None:
    mock_api.post(url("/send-email/initiate"), payload=EMAIL_SENT)
    sent = await client.email_accounts.send_email(
        to="a@b.co", subject="s", body="b", from_email_account_id=1, confirm_send=True
    )
    assert sent.message_id == "msg_67890abcde"
    mock_api.post(url("/tags"), payload=TAG_CREATED)
    tag = await client.email_accounts.create_tag(name="Primary Senders")
    assert (tag.id, tag.color) == (42, "#4CAF50")


async def test_the_otp_is_nowhere_in_the_answer(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.post(url("/email-accounts/55/verify-otp"), payload=OTP_VERIFIED)
    answer = await client.email_accounts.verify_unblock_otp(55, otp="482913")
    assert "482913" not in repr(answer)
    assert "482913" not in str(answer.to_dict())


async def test_a_refused_otp_is_not_repeated_in_the_error(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    with pytest.raises(RequestValidationError, match="otp") as caught:
        await client.email_accounts.verify_unblock_otp(55, otp=482913)  # type: ignore[arg-type]
    assert mock_api.requests == {}
    assert "482913" not in str(caught.value)


async def test_save_tag_is_deprecated_and_picks_the_route(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.post(url("/tags"), payload=TAG_CREATED)
    mock_api.post(url("/email-accounts/tag-manager"), payload=TAG_CREATED)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        await client.email_accounts.save_tag(name="A", color="#4CAF50")
        await client.email_accounts.save_tag(name="A", color="#4CAF50", tag_id=42)
    assert [str(w.message) for w in caught if w.category is DeprecationWarning] == [
        "save_tag is deprecated; use email_accounts.create_tag instead",
        "save_tag is deprecated; use email_accounts.update_tag instead",
    ]
    assert [(path, body) for _, path, _, body in sent_requests(mock_api)] == [
        ("/api/v1/tags", {"name": "A", "color": "#4CAF50"}),
        ("/api/v1/email-accounts/tag-manager", {"id": 42, "name": "A", "color": "#4CAF50"}),
    ]


async def test_add_to_campaign_many_checks_the_campaign_cap_before_sending(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    many = list(range(1, 2502))
    await check_rejected(
        client,
        mock_api,
        lambda c: c.email_accounts.add_to_campaign_many(9, many),
        "at most 2500 mailboxes",
    )
    # Repeats are dropped before counting; 5,000 with max_limit.
    pattern = url("/campaigns/9/email-accounts")
    mock_api.post(pattern, payload={"ok": True}, repeat=True)
    result = await client.email_accounts.add_to_campaign_many(
        9, [*many, *many], max_limit=True, chunk_size=100
    )
    assert len(result.succeeded) == 26
    assert not result.failed
    assert {query["max_limit"] for _, _, query, _ in sent_requests(mock_api)} == {"true"}


def oauth(**changes: Any) -> Call:
    args: dict[str, Any] = {
        "from_name": "J",
        "from_email": "j@gmail.com",
        "username": "j@gmail.com",
        "provider": "GMAIL",
        "token": TOKEN,
        "warmup_enabled": False,
        "use_whitelabel_credentials": False,
        **changes,
    }
    return lambda c: c.email_accounts.save_oauth(**args)


def send(**changes: Any) -> Call:
    args: dict[str, Any] = {
        "to": "a@b.co",
        "subject": "s",
        "body": "b",
        "from_email": "rep@you.com",
        "confirm_send": True,
        **changes,
    }
    return lambda c: c.email_accounts.send_email(**args)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.email_accounts.get_by_email(email="nope"), "email"),
        (oauth(provider="ZOHO"), "provider"),
        (oauth(token={**TOKEN, "token_type": "MAC"}), "Bearer"),
        (oauth(token={"scope": "x", "token_type": "Bearer"}), "expiry_date"),
        (oauth(token={**TOKEN, "password": "x"}), "does not take"),
        (oauth(use_whitelabel_credentials=None), "use_whitelabel_credentials"),
        (lambda c: c.email_accounts.bulk_update_config([1]), "at least one field"),
        (lambda c: c.email_accounts.bulk_update_config([], reply_rate=5), "email_account_ids"),
        (
            lambda c: c.email_accounts.bulk_update_config([1], warmup_max_email_per_day=251),
            "warmup_max_email_per_day",
        ),
        (lambda c: c.email_accounts.bulk_update_config([1], warmup_min_count=51), "warmup_min"),
        (
            lambda c: c.email_accounts.bulk_update_config(
                [1], warmup_min_count=20, warmup_max_count=10
            ),
            "must not exceed",
        ),
        (lambda c: c.email_accounts.bulk_update_config([1], reply_rate=0), "reply_rate"),
        (lambda c: c.email_accounts.bulk_update_config([1], daily_reply_limit=7), "daily_reply"),
        (lambda c: c.email_accounts.bulk_update_config([1], daily_reply_limit=81), "daily_reply"),
        (
            lambda c: c.email_accounts.bulk_update_config([1], warmup_tag_identifier="a b"),
            "warmup_tag_identifier",
        ),
        (lambda c: c.email_accounts.bulk_update_config([1], warmup_status="ON"), "warmup_status"),
        (lambda c: c.email_accounts.bulk_update_config([1], tag_ids=[]), "tag_ids"),
        (lambda c: c.email_accounts.send_unblock_otp(0), "email_account_id"),
        (lambda c: c.email_accounts.verify_unblock_otp(5, otp=""), "otp"),
        (send(confirm_send=False), "confirm_send=True"),
        (send(from_email=None), "exactly one"),
        (send(from_email_account_id=3), "exactly one"),
        (send(to="not-an-address"), "to"),
        (send(subject=" "), "subject"),
        (send(attachments=[{"filename": "a"}]), "EmailAttachment"),
        (lambda c: c.email_accounts.create_tag(name=""), "name"),
        (lambda c: c.email_accounts.update_tag(0, name="a", color="#FFFFFF"), "tag_id"),
        (lambda c: c.email_accounts.add_tags(list(range(1, 27)), [7]), "at most 25"),
        (
            lambda c: c.email_accounts.add_to_campaign(9, list(range(1, 2502))),
            "at most 2500",
        ),
        (
            lambda c: c.email_accounts.add_to_campaign(9, list(range(1, 5002)), max_limit=True),
            "at most 5000",
        ),
    ],
)
async def test_invalid_arguments_fail_before_sending(
    client: SmartleadClient, mock_api: aioresponses, call: Call, match: str
) -> None:
    await check_rejected(client, mock_api, call, match)
