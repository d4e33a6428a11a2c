"""Webhook payloads as SmartLead posts them, and their delivery.

Every one of the 13 documented event types is built here. Bodies are flat (one event per POST,
``event_type`` beside the event's fields: the help-center envelope live captures show, a superset
of the reference's examples) or, on request, the newer envelope ``{id, type, created_at, data,
links, meta{attempt, level}}`` whose ``data`` holds the same fields. Each POST carries
``X-Request-Id``, ``X-Webhook-Level`` and, when a signing secret is set,
``X-Smartlead-Signature: sha256=<hex HMAC-SHA256 of the raw body>``
(docs/api-notes.md, Webhook events).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import uuid
from collections.abc import Mapping

import aiohttp

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend import (
    FakeCampaign,
    FakeEmailAccount,
    FakeLead,
    WebhookDelivery,
)
from smartlead_async.testing.backend.webhooks import (
    ACCOUNT_EVENT_TYPES,
    CAMPAIGN_EVENT_TYPES,
    EVENT_TYPES,
    LEAD_EVENT_TYPES,
)

__all__ = [
    "ACCOUNT_EVENT_TYPES",
    "CAMPAIGN_EVENT_TYPES",
    "ENVELOPES",
    "EVENT_TYPES",
    "LEAD_EVENT_TYPES",
    "WebhookDelivery",
    "build_payload",
    "deliver",
    "envelope_type",
    "sign",
    "wrap",
]

APP_URL = "https://app.smartlead.ai/app/master-inbox?leadMap={map_id}"
#: The two body shapes: the flat legacy one and the newer ``{id, type, data, links, meta}``.
ENVELOPES = ("flat", "v2")


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat()


def _message(kind: str, subject: str, moment: dt.datetime, domain: str) -> dict[str, JSON]:
    text = f"{kind} message: {subject}"
    return {
        "message_id": f"<{uuid.uuid4().hex}@{domain}>",
        "html": f"<div>{text}</div>",
        "text": text,
        "time": _iso(moment),
    }


def build_payload(
    event_type: str,
    *,
    webhook: Mapping[str, JSON] | None,
    campaign: FakeCampaign | None,
    lead: FakeLead | None,
    map_id: int | None,
    from_email: str,
    secret_key: str,
    sequence_number: int = 1,
    stats_id: str | None = None,
    now: dt.datetime | None = None,
    extra: Mapping[str, JSON] | None = None,
    account: FakeEmailAccount | None = None,
) -> dict[str, JSON]:
    """The flat JSON body SmartLead posts for ``event_type`` (deprecated aliases included).

    The common envelope holds what is given: the webhook's keys (``None`` for the per-user
    disconnect hook), the campaign's, the lead's (``None`` for campaign and account events).
    ``account`` is the mailbox of an ``EMAIL_ACCOUNT_DISCONNECTED``.
    """
    moment = now or dt.datetime.now(dt.UTC)
    payload: dict[str, JSON] = {"event_type": event_type, "event_timestamp": _iso(moment)}
    if webhook is not None:
        payload |= {
            "webhook_id": webhook["id"],
            "webhook_name": webhook.get("name"),
            "webhook_url": webhook.get("webhook_url"),
        }
    if campaign is not None:
        payload |= {
            "campaign_id": campaign.id,
            "campaign_name": campaign.name,
            "campaign_status": campaign.status,
            "client_id": campaign.client_id,
        }
    payload |= {"from_email": from_email, "stats_id": stats_id or str(uuid.uuid4())}
    if account is not None:
        payload["client_id"] = account.client_id
    payload["secret_key"] = secret_key
    if webhook is not None:
        payload["metadata"] = {"webhook_created_at": webhook.get("created_at")}
    if campaign is None or lead is None:
        # CAMPAIGN_STATUS_CHANGED, UNTRACKED_REPLIES and the two disconnect events have no
        # documented payload: the common envelope only, nothing invented beyond it
        # (docs/api-notes.md, Webhook events).
        if campaign is not None:
            payload["description"] = f"Campaign {campaign.name} is {campaign.status}"
        if extra:
            payload |= dict(extra)
        return payload
    subject = f"Quick question for {lead.fields.get('company_name') or lead.email}"
    to_name = " ".join(
        str(part) for part in (lead.fields.get("first_name"), lead.fields.get("last_name")) if part
    )
    domain = from_email.rpartition("@")[2] or "example.com"
    verb = {
        "EMAIL_SENT": "was sent",
        "FIRST_EMAIL_SENT": "was sent",
        "EMAIL_OPEN": "opened",
        "EMAIL_LINK_CLICK": "clicked a link in",
        "EMAIL_REPLY": "replied to",
        "LEAD_UNSUBSCRIBED": "unsubscribed from",
        "LEAD_CATEGORY_UPDATED": "had its category updated in",
        "EMAIL_BOUNCE": "bounced on",
        "MANUAL_STEP_REACHED": "reached the manual step",
    }.get(event_type, "had an event in")
    payload |= {
        "sequence_number": sequence_number,
        "to_email": lead.email,
        "to_name": to_name,
        "subject": subject,
        "sl_email_lead_id": str(lead.id),
        "sl_email_lead_map_id": map_id,
        "sl_lead_email": lead.email,
        "app_url": APP_URL.format(map_id=map_id),
        "ui_master_inbox_link": APP_URL.format(map_id=map_id),
        "description": (
            f"{lead.email} {verb} Email {sequence_number} for campaign - {campaign.name}"
        ),
    }
    if event_type == "LEAD_UNSUBSCRIBED":
        # The reference's example names the lead with lead_email / lead_name.
        payload |= {
            "lead_email": lead.email,
            "lead_name": to_name,
            "unsubscribed_client_id_map": {},
        }
    # MANUAL_STEP_REACHED has no documented payload: the common envelope only.
    sent = _message("Sent", subject, moment, domain)
    if event_type in ("EMAIL_SENT", "FIRST_EMAIL_SENT"):
        # FIRST_EMAIL_SENT has EMAIL_SENT's structure (and only step 1).
        payload |= {
            "sent_message": sent,
            "time_sent": sent["time"],
            "custom_subject": subject,
            "custom_email_message": sent["html"],
            "message_id": sent["message_id"],
        }
    elif event_type == "EMAIL_OPEN":
        payload["time_opened"] = _iso(moment)
    elif event_type == "EMAIL_LINK_CLICK":
        payload |= {"time_clicked": _iso(moment), "link_clicked": ["https://example.com/pricing"]}
    elif event_type == "EMAIL_REPLY":
        reply = _message("Reply", subject, moment, lead.email.rpartition("@")[2])
        payload |= {
            "stats_thread_id": str(uuid.uuid4()),
            "cc_emails": [],
            "sent_message": sent,
            "reply_message": reply,
            "leadCorrespondence": {
                "targetLeadEmail": lead.email,
                "replyReceivedFrom": lead.email,
                "repliedCompanyDomain": "SameCompany",
            },
            "time_replied": reply["time"],
            "sent_message_body": sent["html"],
            "message_id": reply["message_id"],
            "reply_body": reply["html"],
            "preview_text": reply["text"],
        }
    elif event_type == "LEAD_CATEGORY_UPDATED":
        reply = _message("Reply", subject, moment, lead.email.rpartition("@")[2])
        last_reply: dict[str, JSON] = {
            "stats_id": payload["stats_id"],
            "type": "REPLY",
            "message_id": reply["message_id"],
            "time": reply["time"],
            "email_body": reply["html"],
        }
        category: dict[str, JSON] = {
            "old_id": None,
            "old_name": None,
            "new_id": 1,
            "new_name": "Interested",
        }
        lead_data: dict[str, JSON] = {
            "email": lead.email,
            **{
                key: lead.fields.get(key)
                for key in (
                    "first_name",
                    "last_name",
                    "phone_number",
                    "company_name",
                    "website",
                    "location",
                    "company_url",
                    "linkedin_profile",
                    "custom_fields",
                )
            },
        }
        payload |= {
            "lead_id": lead.id,
            "created_at": _iso(moment),
            "lead_category": category,
            "lead_data": lead_data,
            "history": [
                {**last_reply, "type": "SENT", "subject": subject, "email_body": sent["html"]},
                {**last_reply, "subject": f"Re: {subject}"},
            ],
            "last_reply": last_reply,
            "from": from_email,
            "to": lead.email,
            "lead_email": lead.email,
            "lead_name": to_name,
            "category": category["new_name"],
            "lead_category_id": category["new_id"],
            "lastReply": last_reply,
        }
    elif event_type == "EMAIL_BOUNCE":
        bounce = _message("Bounce", subject, moment, "mailer-daemon.example")
        payload |= {
            "created_at": _iso(moment),
            "sent_message": sent,
            "bounce_message": bounce,
            "is_sender_originated_bounce": False,
            "time_sent": sent["time"],
            "custom_subject": subject,
            "custom_email_message": sent["html"],
            "sent_message_body": sent["html"],
            "message_id": sent["message_id"],
            "is_bounced": True,
            "bounce_reply_message_id": bounce["message_id"],
            "bounce_reply_email": "mailer-daemon@mailer-daemon.example",
            "bounce_reply_email_preview": bounce["text"],
        }
    if extra:
        payload |= dict(extra)
    return payload


def envelope_type(event_type: str) -> str:
    """The newer envelope's dotted ``type``: ``EMAIL_ACCOUNT_DISCONNECTED`` →
    ``email.account.disconnected`` (the one documented name; the rest follow it)."""
    return event_type.lower().replace("_", ".")


def wrap(
    payload: Mapping[str, JSON],
    *,
    event_id: str,
    attempt: int,
    level: str,
    now: dt.datetime | None = None,
) -> dict[str, JSON]:
    """The newer envelope around a flat payload: ``{id, type, created_at, data, links, meta}``.

    ``data`` is the flat payload without ``event_type`` (``type`` names the event). The
    reference elides ``data`` and ``links``: ``links`` here carries only the master-inbox link
    when the event has one.
    """
    data = {key: value for key, value in payload.items() if key != "event_type"}
    links: dict[str, JSON] = {}
    if isinstance(payload.get("app_url"), str):
        links["app"] = payload["app_url"]
    return {
        "id": event_id,
        "type": envelope_type(str(payload["event_type"])),
        "created_at": _iso(now or dt.datetime.now(dt.UTC)),
        "data": data,
        "links": links,
        "meta": {"attempt": attempt, "level": level},
    }


def sign(body: bytes, secret: str) -> str:
    """``X-Smartlead-Signature`` value: ``sha256=<hex HMAC-SHA256 of the raw body>``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def deliver(
    session: aiohttp.ClientSession,
    *,
    url: str,
    webhook_id: int | None,
    payload: dict[str, JSON],
    signing_secret: str | None,
    request_id: str | None = None,
    envelope: str = "flat",
    level: str = "campaign",
    attempt: int = 1,
    event_id: str | None = None,
) -> WebhookDelivery:
    """POST one event, the way SmartLead does: JSON, one event per request.

    ``payload`` is the flat body; ``envelope="v2"`` posts it inside the newer envelope
    (``event_id`` its ``id``, ``attempt`` and ``level`` its ``meta``). A retry of an earlier
    delivery passes its ``request_id`` (and ``event_id``) again, with the next ``attempt``.
    """
    if envelope not in ENVELOPES:
        raise ValueError(f"envelope must be one of {ENVELOPES}, not {envelope!r}")
    if envelope == "v2":
        event_id = event_id or f"evt_{uuid.uuid4().hex}"
        document = wrap(payload, event_id=event_id, attempt=attempt, level=level)
    else:
        event_id, document = None, payload
    body = json.dumps(document).encode()
    request_id = request_id or str(uuid.uuid4())
    headers = {
        "Content-Type": "application/json",
        "X-Request-Id": request_id,
        "X-Webhook-Level": level,
    }
    if signing_secret is not None:
        headers["X-Smartlead-Signature"] = sign(body, signing_secret)
    status: int | None = None
    error: str | None = None
    try:
        async with session.post(url, data=body, headers=headers) as response:
            await response.read()
            status = response.status
    except (aiohttp.ClientError, TimeoutError) as exc:
        error = f"{type(exc).__name__}: {exc}"
    return WebhookDelivery(
        webhook_id=webhook_id,
        url=url,
        event_type=str(payload["event_type"]),
        payload=payload,
        request_id=request_id,
        status=status,
        error=error,
        envelope=envelope,
        level=level,
        attempt=attempt,
        event_id=event_id,
        headers=headers,
        body=body,
    )
