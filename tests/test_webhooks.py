"""smartlead_async.webhooks: typed events, verification, dedupe (sans I/O)."""

from __future__ import annotations

import json

import pytest

from smartlead_async._convert import make_converter
from smartlead_async._json import JSONObject
from smartlead_async.models import WebhookEventType
from smartlead_async.testing import EVENT_TYPES, FakeCampaign, FakeLead, build_payload
from smartlead_async.webhooks import (
    CampaignStatusChanged,
    EmailAccountDisconnected,
    EmailBounced,
    EmailLinkClicked,
    EmailOpened,
    EmailReplied,
    EmailSent,
    FirstEmailSent,
    InvalidWebhookError,
    LeadCategoryUpdated,
    LeadUnsubscribed,
    LinkedinDisconnected,
    ManualStepReached,
    MemoryDedupe,
    MissingEventTypeError,
    UnknownEvent,
    UntrackedReplies,
    WebhookAuthenticationError,
    WebhookJSONError,
    delivery_key,
    parse_event,
    parse_events,
    verify_secret_key,
    verify_signature,
)

from .helpers import sign

STRICT = make_converter(strict=True)
CLASSES = {
    "EMAIL_SENT": EmailSent,
    "EMAIL_OPEN": EmailOpened,
    "EMAIL_LINK_CLICK": EmailLinkClicked,
    "EMAIL_REPLY": EmailReplied,
    "LEAD_UNSUBSCRIBED": LeadUnsubscribed,
    "LEAD_CATEGORY_UPDATED": LeadCategoryUpdated,
    "EMAIL_BOUNCE": EmailBounced,
    "FIRST_EMAIL_SENT": FirstEmailSent,
    "CAMPAIGN_STATUS_CHANGED": CampaignStatusChanged,
    "UNTRACKED_REPLIES": UntrackedReplies,
    "MANUAL_STEP_REACHED": ManualStepReached,
    "EMAIL_ACCOUNT_DISCONNECTED": EmailAccountDisconnected,
    "LINKEDIN_DISCONNECTED": LinkedinDisconnected,
}
# catalog 9.8, live-captured EMAIL_REPLY
REPLY_SAMPLE = {
    "event_type": "EMAIL_REPLY",
    "campaign_id": 9181,
    "campaign_name": "email sent",
    "campaign_status": "COMPLETED",
    "sequence_number": 1,
    "stats_id": "a891fe37-0000",
    "sl_email_lead_id": "1482956",
    "sl_email_lead_map_id": 1438627,
    "sl_lead_email": "james@x.com",
    "from_email": "rep@you.com",
    "to_email": "james@x.com",
    "to_name": "James Parker",
    "subject": "Some more conversions?",
    "event_timestamp": "2025-03-28T09:35:01+00:00",
    "preview_text": "webhook reply\n",
    "reply_message": {
        "message_id": "<BDD5@mail.gmail.com>",
        "html": "<div>hi</div>",
        "text": "hi",
        "time": "2025-03-28T09:35:01+00:00",
    },
    "sent_message": {
        "message_id": "<s1@you.com>",
        "html": "<p>x</p>",
        "text": "x",
        "time": "2025-03-28T08:00:00+00:00",
    },
    "leadCorrespondence": {
        "targetLeadEmail": "james@x.com",
        "replyReceivedFrom": "cto@x.com",
        "repliedCompanyDomain": "SameCompany",
    },
    "secret_key": "s3cret",
    "app_url": "https://app.smartlead.ai/app/master-inbox?leadMap=1438627",
    "metadata": {"webhook_created_at": "2025-03-28T08:14:40.843Z"},
    "webhook_id": 799,
    "webhook_name": "user",
}


def fake_payload(event_type: str) -> JSONObject:
    campaign = FakeCampaign(id=7, name="Q1")
    lead = FakeLead(id=42, email="lee@prospect.example", fields={"first_name": "Lee"})
    webhook: JSONObject = {
        "id": 1,
        "name": "hook",
        "webhook_url": "https://h.example",
        "created_at": None,
    }
    return build_payload(
        event_type,
        webhook=webhook,
        campaign=campaign,
        lead=lead,
        map_id=99,
        from_email="rep@you.com",
        secret_key="secretkey",
    )


@pytest.mark.parametrize("event_type", EVENT_TYPES)
def test_every_event_type_decodes_strictly_from_the_documented_payload(event_type: str) -> None:
    payload = fake_payload(event_type)
    event = parse_event(json.dumps(payload).encode(), converter=STRICT)
    assert type(event) is CLASSES[event_type]
    assert event.event_type == event_type
    assert event.event_type.is_known
    assert (event.campaign_id, event.sl_email_lead_id, event.sl_email_lead_map_id) == (7, "42", 99)
    assert event.lead_email == "lee@prospect.example"
    assert event.event_timestamp is not None
    assert event.event_timestamp.tzinfo is not None


def test_the_live_reply_capture_decodes_strictly() -> None:
    event = parse_event(REPLY_SAMPLE, converter=STRICT)
    assert isinstance(event, EmailReplied)
    assert event.reply_message is not None
    assert event.reply_message.message_id == "<BDD5@mail.gmail.com>"
    assert event.lead_correspondence is not None
    assert event.lead_correspondence.reply_received_from == "cto@x.com"
    assert "s3cret" not in repr(event)


@pytest.mark.parametrize("event_type", EVENT_TYPES)
def test_every_event_type_decodes_from_a_minimal_payload(event_type: str) -> None:
    event = parse_event({"event_type": event_type})
    assert type(event) is CLASSES[event_type]
    assert event.lead_email is None


def test_minimal_payloads_decode_and_lead_email_falls_back() -> None:
    opened = parse_event('{"event_type": "EMAIL_OPEN", "to_email": "a@x.io"}')
    assert isinstance(opened, EmailOpened)
    assert opened.lead_email == "a@x.io"
    alias = parse_event({"event_type": "LEAD_UNSUBSCRIBED", "lead_email": "b@x.io"})
    assert alias.lead_email == "b@x.io"
    bounced = parse_event(
        {"event_type": "EMAIL_BOUNCE", "description": "Email 1 sent to c@x.io got bounced"}
    )
    assert bounced.lead_email == "c@x.io"


def test_unknown_events_never_raise_and_keep_their_fields() -> None:
    event = parse_event({"event_type": "CAMPAIGN_COMPLETED", "campaign_id": 5, "new": 1})
    assert isinstance(event, UnknownEvent)
    assert event.event_type == "CAMPAIGN_COMPLETED"
    assert not event.event_type.is_known
    assert isinstance(event.event_type, WebhookEventType)
    assert event.extra == {"new": 1}


def test_arrays_yield_several_events() -> None:
    body = json.dumps([{"event_type": "EMAIL_SENT"}, {"event_type": "EMAIL_OPEN"}])
    assert [type(e) for e in parse_events(body)] == [EmailSent, EmailOpened]
    with pytest.raises(InvalidWebhookError, match="parse_events"):
        parse_event(body)


@pytest.mark.parametrize(
    ("raw", "error", "match"),
    [
        (b"{not json", WebhookJSONError, "not JSON"),
        ("[1, 2]", InvalidWebhookError, "JSON object"),
        ('{"campaign_id": 1}', MissingEventTypeError, "no event_type"),
        ('{"event_type": ""}', MissingEventTypeError, "no event_type"),
        ('{"event_type": "EMAIL_OPEN", "campaign_id": "abc"}', InvalidWebhookError, "campaign_id"),
    ],
)
def test_malformed_bodies_raise_a_clear_error(
    raw: str | bytes, error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match) as caught:
        parse_events(raw)
    assert isinstance(caught.value, InvalidWebhookError)  # one class catches every malformed body


def test_secret_key_verification() -> None:
    event = parse_event(REPLY_SAMPLE)
    verify_secret_key(event, "s3cret")
    verify_secret_key(REPLY_SAMPLE, "s3cret")
    for wrong in ("S3cret", "", "s3cret "):
        with pytest.raises(WebhookAuthenticationError) as caught:
            verify_secret_key(event, wrong)
        assert "s3cret" not in str(caught.value)
    with pytest.raises(WebhookAuthenticationError):
        verify_secret_key({"event_type": "EMAIL_OPEN"}, "s3cret")


def test_signature_verification() -> None:
    body = json.dumps(REPLY_SAMPLE).encode()
    good = sign(body, "whsec")
    verify_signature(body, good, "whsec")
    verify_signature(body, good.upper().replace("SHA256=", "sha256="), "whsec")
    for header in (None, "", "md5=abc", good[:-1] + "0", "sha256="):
        with pytest.raises(WebhookAuthenticationError):
            verify_signature(body, header, "whsec")
    with pytest.raises(WebhookAuthenticationError):
        verify_signature(body + b" ", good, "whsec")


async def test_dedupe_by_request_id_or_stats_id() -> None:
    event = parse_event(REPLY_SAMPLE)
    assert delivery_key(event, "req-1") == "request:req-1"
    # A second reply to the same email has the same stats_id: the reply's message id tells them
    # apart (docs/api-notes.md, Webhook retries and deduplication).
    assert delivery_key(event) == "stats:a891fe37-0000:EMAIL_REPLY:<BDD5@mail.gmail.com>"
    store = MemoryDedupe(max_keys=2)
    assert await store.claim("a")
    await store.complete("a")
    assert await store.completed("a")
    assert not await store.claim("a")
    for key in ("b", "c"):  # "c" evicts the least recently seen completed key
        assert await store.claim(key)
        await store.complete(key)
    assert not await store.completed("a")
    assert await store.claim("a")  # forgotten: a late retry would run again
    assert await store.completed("c")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_claim_shuts_out_every_other_copy_until_it_expires() -> None:
    clock = FakeClock()
    store = MemoryDedupe(claim_ttl=30, clock=clock)
    assert await store.claim("k")
    clock.now += 29.999
    assert not await store.claim("k")  # still held: a concurrent copy must not run
    assert not await store.completed("k")  # ...and is not a finished duplicate either
    clock.now += 0.001
    assert await store.claim("k")  # the owner died 30 s ago: the retry may run it
    assert not await store.claim("k")  # and now holds it for another 30 s
    clock.now += 29
    await store.release("k")
    assert await store.claim("k")  # released: claimable at once, no TTL wait


async def test_live_claims_are_never_evicted_to_make_room() -> None:
    store = MemoryDedupe(max_keys=2, clock=FakeClock())
    assert await store.claim("slow")
    for key in ("a", "b", "c", "d"):  # churn of completed keys well past max_keys
        assert await store.claim(key)
        await store.complete(key)
    assert not await store.claim("slow")
    assert await store.claim("x")
    assert not await store.claim("y")  # two claims held: refused, not evicting "slow" or "x"
    await store.complete("x")
    assert await store.claim("y")
    assert not await store.claim("slow")


def test_memory_dedupe_rejects_nonsense_settings() -> None:
    with pytest.raises(ValueError, match="max_keys"):
        MemoryDedupe(max_keys=0)
    with pytest.raises(ValueError, match="claim_ttl"):
        MemoryDedupe(claim_ttl=0)


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 100_000,
        "[" * 100_000,
        '{"a":' * 100_000 + "1" + "}" * 100_000,  # deep and well-formed
        "[" * 65 + "]" * 65,
        "]" * 100_000,
        '{"event_type": "EMAIL_OPEN"}' + "]" * 70,
        ("[" * 100_000).encode("utf-16"),
    ],
)
def test_deep_or_unbalanced_json_is_a_json_error_not_a_recursion_error(
    raw: str | bytes,
) -> None:
    with pytest.raises(WebhookJSONError, match="not JSON"):
        parse_events(raw)


def test_the_depth_limit_counts_only_structure() -> None:
    def nested(depth: int) -> str:  # an event whose metadata makes the body `depth` deep
        return json.dumps(
            {
                "event_type": "EMAIL_OPEN",
                "metadata": json.loads("[" * (depth - 1) + "]" * (depth - 1)),
            }
        )

    (event,) = parse_events(nested(64))  # exactly the default limit: accepted
    assert event.metadata == json.loads("[" * 63 + "]" * 63)
    with pytest.raises(WebhookJSONError):
        parse_events(nested(65))
    assert len(parse_events(nested(65), max_depth=65)) == 1
    # Brackets inside strings, after escaped quotes and backslashes, are text, not nesting.
    for text in ("[" * 100_000, '\\"' + "{" * 1000, "\\" * 10 + "[[[" * 500, "}]" * 500):
        body = json.dumps({"event_type": "EMAIL_OPEN", "description": text})
        (event,) = parse_events(body.encode())
        assert event.description == text
