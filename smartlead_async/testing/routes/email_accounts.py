"""Mailbox routes (``client.email_accounts``): accounts, campaign senders, warmup, tags."""

from __future__ import annotations

import datetime as dt

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend import ApiError, FakeEmailAccount, joi, now
from smartlead_async.testing.routes._base import Call, Reply, page, rows_page

#: Wire keys of the save route that land on the account (the rest are ignored).
_SAVED = (
    "from_name",
    "user_name",
    "password",
    "smtp_host",
    "smtp_port",
    "imap_host",
    "imap_port",
    "max_email_per_day",
)


def _account(call: Call) -> FakeEmailAccount:
    return call.state.email_accounts.existing(call.id("email_account_id"))


def list_accounts(call: Call) -> Reply:
    offset, limit = page(call, max_limit=100)
    rows: list[JSON] = [a.to_wire(call.state.user_id) for a in call.state.email_accounts.values()]
    return rows_page(rows, offset, limit)


def get(call: Call) -> Reply:
    account = call.state.email_accounts.get(call.id("email_account_id"))
    if account is None:
        raise ApiError(404, {"error": "Email account not found"})
    return account.to_wire(call.state.user_id)


def list_by_campaign(call: Call) -> Reply:
    campaign = call.state.campaigns.existing(call.id("campaign_id"))
    return [
        a.to_wire(call.state.user_id) for a in call.state.email_accounts.senders_of(campaign.id)
    ]


def _asked_ids(call: Call) -> list[int]:
    ids = call.ids("email_account_ids")
    if not ids:
        raise joi('"email_account_ids" must contain at least 1 items', "email_account_ids")
    return ids


def add_to_campaign(call: Call) -> Reply:
    campaign = call.state.campaigns.existing(call.id("campaign_id"))
    linked = call.state.email_accounts.link(campaign.id, _asked_ids(call))
    moment = now()
    result: list[JSON] = [
        {
            "id": call.state.next_id(),
            "email_campaign_id": campaign.id,
            "email_account_id": account_id,
            "updated_at": moment,
        }
        for account_id in linked
    ]
    return {"ok": True, "result": result}


def remove_from_campaign(call: Call) -> Reply:
    campaign = call.state.campaigns.existing(call.id("campaign_id"))
    return {"ok": True, "result": call.state.email_accounts.unlink(campaign.id, _asked_ids(call))}


def save(call: Call) -> Reply:
    mailboxes = call.state.email_accounts
    from_email = call.text("from_email")
    existing = mailboxes.by_email(from_email)
    account_id = call.number("id")
    fields = {key: value for key, value in call.object().items() if key in _SAVED}
    if account_id is None and existing is not None:
        raise ApiError(
            400,
            {
                "ok": False,
                "message": "Email account already exists - pass its id to update it",
                "errorCode": "ACCOUNT_ALREADY_EXIST",
                "emailAccountId": existing.id,
            },
        )
    if account_id is not None:
        account = mailboxes.get(account_id)
        if account is None:
            raise ApiError(
                404,
                {
                    "ok": False,
                    "message": "Email account not found",
                    "errorCode": "ACCOUNT_NOT_FOUND",
                    "emailAccountId": account_id,
                },
            )
        mailboxes.update(account, fields)
    else:
        account = mailboxes.add(from_email, **fields)
    return {
        "ok": True,
        "message": "Email account added/updated successfully!",
        "emailAccountId": account.id,
        "warmupKey": f"warm-{account.id}",
    }


def update(call: Call) -> Reply:
    account = _account(call)
    call.state.email_accounts.update(account, call.object())
    return {
        "ok": True,
        "message": "Email account details updated successfully!",
        "emailAccountId": account.id,
    }


def update_warmup(call: Call) -> Reply:
    account = _account(call)
    settings = {k: v for k, v in call.object().items() if k != "warmup_enabled"}
    call.state.email_accounts.set_warmup(account, call.flag("warmup_enabled"), **settings)
    return {
        "ok": True,
        "message": "Email warmup details updated successfully!",
        "emailAccountId": account.id,
        "warmupKey": f"warm-{account.id}",
    }


def warmup_stats(call: Call) -> Reply:
    account = _account(call)
    today = dt.date.today()
    days: list[JSON] = [
        {
            "id": i + 1,
            "date": str(today - dt.timedelta(days=6 - i)),
            "sent_count": 5,
            "reply_count": 2,
            "save_from_spam_count": 0,
        }
        for i in range(7)
    ]
    return {
        "id": account.id,
        "sent_count": "35",
        "spam_count": "0",
        "inbox_count": "35",
        "warmup_email_received_count": "14",
        "stats_by_date": days,
    }


def reconnect(call: Call) -> Reply:
    account = _account(call)
    account.is_smtp_success = account.is_imap_success = True
    return {"ok": True, "message": "Email account reconnected"}


def reconnect_failed(call: Call) -> Reply:
    if call.state.email_accounts.bulk_reconnect(call.api_key) == 0:
        raise ApiError(404, {"ok": True, "message": "No failed email account found!"})
    return {
        "ok": True,
        "message": "Email account(s) added to the queue to reconnect. "
        "We will send you an email once completed.",
    }


def delete(call: Call) -> Reply:
    call.state.email_accounts.delete(call.id("email_account_id"))
    return {"ok": True}


def suspend(call: Call) -> Reply:
    _account(call).is_suspended = True
    return {"ok": True}


def unsuspend(call: Call) -> Reply:
    _account(call).is_suspended = False
    return {"ok": True}


def fetch_messages(call: Call) -> Reply:
    _account(call)
    limit = call.field("limit")
    limit = 100 if limit is None else limit
    if not isinstance(limit, int) or not 1 <= limit <= 500:
        raise joi('"limit" must be within 1..500', "limit")
    return {"ok": True, "data": {"messages": []}}


def fetch_messages_many(call: Call) -> Reply:
    items = call.body if isinstance(call.body, list) else []
    if not 1 <= len(items) <= 10:
        raise joi('"value" must contain 1 to 10 items', "value")
    results: list[JSON] = [
        {
            "account_id": item.get("account_id"),
            "success": item.get("account_id") in call.state.email_accounts,
            "messages": [],
        }
        for item in items
        if isinstance(item, dict)
    ]
    return {"ok": True, "data": results}


def save_tag(call: Call) -> Reply:
    tag = call.state.email_accounts.save_tag(
        call.number("id"), call.text("name"), call.text("color")
    )
    return {"ok": True, "data": tag.to_wire()}


def _retag(call: Call, *, add: bool) -> Reply:
    accounts, tags = call.ids("email_account_ids"), call.ids("tag_ids")
    if not accounts or not tags:
        raise joi('"email_account_ids" and "tag_ids" must not be empty', "tag_ids")
    return {
        "ok": True,
        "data": {"affected": call.state.email_accounts.retag(accounts, tags, add=add)},
    }


def add_tags(call: Call) -> Reply:
    return _retag(call, add=True)


def remove_tags(call: Call) -> Reply:
    return _retag(call, add=False)


def tags_of(call: Call) -> Reply:
    emails = set(call.items("email_ids"))
    mailboxes = call.state.email_accounts
    rows: list[JSON] = [
        {
            "email_account_id": account.id,
            "from_email": account.from_email,
            "tags": [tag.to_wire() for tag in mailboxes.tags_of(account)],
        }
        for account in mailboxes.values()
        if account.from_email in emails
    ]
    return {"ok": True, "data": rows}


def create_tag(call: Call) -> Reply:
    color = call.field("color")
    tag = call.state.email_accounts.create_tag(
        call.text("name"), color if isinstance(color, str) else None
    )
    return {"ok": True, "data": tag.to_wire()}


def get_by_email(call: Call) -> Reply:
    mailboxes = call.state.email_accounts
    account = mailboxes.by_email(call.query.get("email", "").strip())
    if account is None:
        raise ApiError(404, {"ok": False, "message": "Email account not found"})
    row = account.to_wire(call.state.user_id)
    if call.query.get("fetch_campaigns") == "true":
        row["campaign_ids"] = [
            campaign_id
            for campaign_id, linked in mailboxes.campaign_links.items()
            if account.id in linked
        ]
    if call.query.get("fetch_tags") == "true":
        row["tags"] = [tag.to_wire() for tag in mailboxes.tags_of(account)]
    return row


def add_by_tag(call: Call) -> Reply:
    campaign = call.state.campaigns.existing(call.id("campaign_id"))
    outcome = call.state.email_accounts.link_by_tag(
        campaign.id,
        call.ids("tag_ids"),
        only_connected=call.flag("only_connected"),
        max_limit=call.query.get("max_limit") == "true",
    )
    added = outcome.pop("added")
    result: list[JSON] = [
        {"id": call.state.next_id(), "email_campaign_id": campaign.id, "email_account_id": i}
        for i in (added if isinstance(added, list) else [])
    ]
    already = outcome.pop("already_associated_count")
    return {
        "ok": True,
        "result": result,
        "added_count": len(result),
        "already_associated_count": already,
        "tag_resolution": outcome,
    }


def bulk_update_config(call: Call) -> Reply:
    call.state.email_accounts.bulk_update(call.ids("emailAccountIds"), call.object("updateData"))
    return {"message": "Email account(s) and warmup details are updated successfully!"}


def fetch_replies_now(call: Call) -> Reply:
    count = call.state.email_accounts.fetch_replies(call.api_key)
    return {
        "ok": True,
        "message": f"{count} Email account(s) are added to the queue to fetch live reply.",
    }


def send_unblock_otp(call: Call) -> Reply:
    call.state.email_accounts.send_otp(_account(call))
    return {"ok": True, "data": "OTP has been sent successfully."}


def verify_unblock_otp(call: Call) -> Reply:
    call.state.email_accounts.verify_otp(_account(call), call.text("otp"))
    return {
        "ok": True,
        "data": "OTP verification completed successfully; your warmup account is now unblocked.",
    }


def save_oauth(call: Call) -> Reply:
    account = call.state.email_accounts.save_oauth(call.object())
    return {
        "ok": True,
        "message": "OAuth account added successfully",
        "data": {
            "id": account.id,
            "from_email": account.from_email,
            "type": account.extra.get("type"),
            "is_smtp_success": account.is_smtp_success,
            "is_imap_success": account.is_imap_success,
        },
    }


def send_email(call: Call) -> Reply:
    sent = call.state.email_accounts.send_single(call.object())
    return {
        "success": True,
        "data": {"message": "Email sent successfully", "message_id": sent["message_id"]},
    }
