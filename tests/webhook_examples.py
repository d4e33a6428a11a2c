"""One example payload per documented webhook event type, for the event tests.

Copied from the reference's "Webhook events" chapter (the package never reads it). Of the 13
types, the docs show a payload for six; the rest are marked by how they were made:

* ``verbatim``: the documented example, unchanged (EMAIL_SENT, EMAIL_OPEN, EMAIL_LINK_CLICK,
  EMAIL_REPLY, LEAD_UNSUBSCRIBED, LEAD_CATEGORY_UPDATED);
* ``derived``: FIRST_EMAIL_SENT, which the docs say has EMAIL_SENT's structure (and only fires
  with ``sequence_number: 1``): EMAIL_SENT's example with its ``event_type``;
* ``completed``: a sketch the reference gives with elisions, filled in where an elision would
  not decode (EMAIL_BOUNCE's ``"…"`` times; EMAIL_ACCOUNT_DISCONNECTED's newer envelope, whose
  ``data`` and ``links`` are elided: empty here);
* ``constructed``: no payload is public (CAMPAIGN_STATUS_CHANGED, UNTRACKED_REPLIES,
  MANUAL_STEP_REACHED, LINKEDIN_DISCONNECTED): the event type plus envelope fields only.

(docs/api-notes.md, Webhook events)
"""

from __future__ import annotations

from typing import Any, Literal

Provenance = Literal["verbatim", "derived", "completed", "constructed"]

EMAIL_SENT: dict[str, Any] = {
    "event_type": "EMAIL_SENT",
    "from_email": "sender@yourcompany.com",
    "to_email": "lead@example.com",
    "to_name": "John Doe",
    "time_sent": "2025-01-15T09:00:00Z",
    "campaign_name": "Q1 Outreach",
    "campaign_id": 123,
    "sequence_number": 1,
    "custom_subject": "Quick question about Acme Corp",
    "custom_email_message": "<html>Email body content...</html>",
    "message_id": "abc123def456",
}

FIRST_EMAIL_SENT: dict[str, Any] = {**EMAIL_SENT, "event_type": "FIRST_EMAIL_SENT"}

EMAIL_OPEN: dict[str, Any] = {
    "event_type": "EMAIL_OPEN",
    "from_email": "sender@yourcompany.com",
    "to_email": "lead@example.com",
    "to_name": "John Doe",
    "time_opened": "2025-01-15T10:30:00Z",
    "campaign_name": "Q1 Outreach",
    "campaign_id": 123,
    "sequence_number": 1,
}

EMAIL_LINK_CLICK: dict[str, Any] = {
    "event_type": "EMAIL_LINK_CLICK",
    "from_email": "sender@yourcompany.com",
    "to_email": "lead@example.com",
    "to_name": "John Doe",
    "time_clicked": "2025-01-15T10:45:00Z",
    "link_clicked": ["https://example.com/demo"],
    "campaign_name": "Q1 Outreach",
    "campaign_id": 123,
    "sequence_number": 1,
}

EMAIL_REPLY: dict[str, Any] = {
    "event_type": "EMAIL_REPLY",
    "from_email": "sender@yourcompany.com",
    "subject": "Re: Quick question about Acme Corp",
    "to_email": "lead@example.com",
    "to_name": "John Doe",
    "time_replied": "2025-01-15T11:00:00Z",
    "reply_body": "<html>Thanks for reaching out. I'm interested...</html>",
    "preview_text": "Thanks for reaching out. I'm interested...",
    "campaign_name": "Q1 Outreach",
    "campaign_id": 123,
    "client_id": 456,
    "sequence_number": 1,
}

# The reference's sketch, "not first-party", with its "…" times made ISO timestamps.
EMAIL_BOUNCE: dict[str, Any] = {
    "event_type": "EMAIL_BOUNCE",
    "campaign_id": 9181,
    "stats_id": "…",
    "sl_lead_email": "x@y.com",
    "to_email": "x@y.com",
    "from_email": "rep@you.com",
    "event_timestamp": "2025-03-28T09:35:01+00:00",
    "bounce_message": {"message_id": "<…>", "text": "…", "time": "2025-03-28T09:35:00+00:00"},
    "is_sender_originated_bounce": False,
}

LEAD_UNSUBSCRIBED: dict[str, Any] = {
    "event_type": "LEAD_UNSUBSCRIBED",
    "lead_email": "lead@example.com",
    "lead_name": "John Doe",
    "campaign_name": "Q1 Outreach",
    "campaign_id": 123,
    "unsubscribed_client_id_map": {},
}

LEAD_CATEGORY_UPDATED: dict[str, Any] = {
    "event_type": "LEAD_CATEGORY_UPDATED",
    "lead_id": 789,
    "lead_email": "lead@example.com",
    "lead_name": "John",
    "lead_data": {
        "email": "lead@example.com",
        "first_name": "John",
        "last_name": "Doe",
        "company_name": "Acme Corp",
        "custom_fields": {},
        "category": {"name": "Interested", "sentiment_type": "positive"},
    },
    "category": "Interested",
    "lead_category_id": 5,
    "campaign_name": "Q1 Outreach",
    "campaign_id": 123,
    "from": "sender@yourcompany.com",
    "to": "lead@example.com",
    "history": [
        {
            "type": "SENT",
            "time": "2025-01-15T09:00:00Z",
            "email_body": "<html>...</html>",
            "subject": "Quick question",
        }
    ],
    "lastReply": {
        "type": "REPLY",
        "time": "2025-01-15T11:00:00Z",
        "email_body": "<html>Thanks for reaching out...</html>",
    },
}

CAMPAIGN_STATUS_CHANGED: dict[str, Any] = {
    "event_type": "CAMPAIGN_STATUS_CHANGED",
    "campaign_id": 123,
    "campaign_name": "Q1 Outreach",
    "campaign_status": "PAUSED",
}

UNTRACKED_REPLIES: dict[str, Any] = {
    "event_type": "UNTRACKED_REPLIES",
    "from_email": "sender@yourcompany.com",
    "subject": "Re: Quick question about Acme Corp",
}

MANUAL_STEP_REACHED: dict[str, Any] = {
    "event_type": "MANUAL_STEP_REACHED",
    "campaign_id": 123,
    "campaign_name": "Q1 Outreach",
    "sequence_number": 2,
    "to_email": "lead@example.com",
}

# Help-center article 403's newer envelope, its elided created_at, data and links filled in.
EMAIL_ACCOUNT_DISCONNECTED: dict[str, Any] = {
    "id": "evt_…",
    "type": "email.account.disconnected",
    "created_at": "2026-04-16T08:00:00Z",
    "data": {},
    "links": {},
    "meta": {"attempt": 1, "level": "user"},
}

LINKEDIN_DISCONNECTED: dict[str, Any] = {"event_type": "LINKEDIN_DISCONNECTED"}

#: event type -> (payload, how it was made).
EXAMPLES: dict[str, tuple[dict[str, Any], Provenance]] = {
    "EMAIL_SENT": (EMAIL_SENT, "verbatim"),
    "FIRST_EMAIL_SENT": (FIRST_EMAIL_SENT, "derived"),
    "EMAIL_OPEN": (EMAIL_OPEN, "verbatim"),
    "EMAIL_LINK_CLICK": (EMAIL_LINK_CLICK, "verbatim"),
    "EMAIL_REPLY": (EMAIL_REPLY, "verbatim"),
    "EMAIL_BOUNCE": (EMAIL_BOUNCE, "completed"),
    "LEAD_UNSUBSCRIBED": (LEAD_UNSUBSCRIBED, "verbatim"),
    "LEAD_CATEGORY_UPDATED": (LEAD_CATEGORY_UPDATED, "verbatim"),
    "CAMPAIGN_STATUS_CHANGED": (CAMPAIGN_STATUS_CHANGED, "constructed"),
    "UNTRACKED_REPLIES": (UNTRACKED_REPLIES, "constructed"),
    "MANUAL_STEP_REACHED": (MANUAL_STEP_REACHED, "constructed"),
    "EMAIL_ACCOUNT_DISCONNECTED": (EMAIL_ACCOUNT_DISCONNECTED, "completed"),
    "LINKEDIN_DISCONNECTED": (LINKEDIN_DISCONNECTED, "constructed"),
}
