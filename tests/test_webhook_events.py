"""The 13 documented webhook events, both envelopes, the delivery headers, the signature and the
dedupe keys (docs/api-notes.md, Webhook events; Webhook authenticity; Webhook retries and
deduplication)."""

from __future__ import annotations

import datetime as dt
import json

import aiohttp
import attrs
import pytest

from smartlead_async._convert import make_converter
from smartlead_async.models import WebhookEventType
from smartlead_async.webhooks import (
    DELIVERY_KEY,
    CampaignStatusChanged,
    DeliveryMeta,
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
    WebhookDelivery,
    WebhookDispatcher,
    WebhookEvent,
    WebhookLevel,
    delivery_key,
    event_class,
    event_type_of,
    parse_event,
    parse_events,
    verify_signature,
)

from . import webhook_examples
from .helpers import sign
from .test_webhook_receiver import Receiver
from .webhook_examples import EXAMPLES

STRICT = make_converter(strict=True)
CLASSES: dict[str, type[WebhookEvent]] = {
    "EMAIL_SENT": EmailSent,
    "FIRST_EMAIL_SENT": FirstEmailSent,
    "EMAIL_OPEN": EmailOpened,
    "EMAIL_LINK_CLICK": EmailLinkClicked,
    "EMAIL_REPLY": EmailReplied,
    "EMAIL_BOUNCE": EmailBounced,
    "LEAD_UNSUBSCRIBED": LeadUnsubscribed,
    "LEAD_CATEGORY_UPDATED": LeadCategoryUpdated,
    "CAMPAIGN_STATUS_CHANGED": CampaignStatusChanged,
    "UNTRACKED_REPLIES": UntrackedReplies,
    "MANUAL_STEP_REACHED": ManualStepReached,
    "EMAIL_ACCOUNT_DISCONNECTED": EmailAccountDisconnected,
    "LINKEDIN_DISCONNECTED": LinkedinDisconnected,
}
SECRET = "whsec_test"


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


# -- the 13 types ---------------------------------------------------------------------------


def test_the_event_type_enum_names_the_13_documented_types() -> None:
    assert [t.value for t in WebhookEventType] == list(CLASSES)
    assert set(EXAMPLES) == set(CLASSES)
    assert len(CLASSES) == 13
    assert len(set(CLASSES.values())) == 13


@pytest.mark.parametrize("event_type", list(EXAMPLES))
def test_every_event_type_parses_from_its_example(event_type: str) -> None:
    payload, _how = EXAMPLES[event_type]
    event = parse_event(json.dumps(payload).encode())
    assert type(event) is CLASSES[event_type]
    assert event_class(event_type) is CLASSES[event_type]
    assert event.event_type is WebhookEventType(event_type)
    assert event.event_type.is_known
    # Every documented key is a declared field (nothing lands in extra), strictly too.
    assert event.extra == {}, event.extra
    body = dict(payload)
    if event_type == "EMAIL_ACCOUNT_DISCONNECTED":
        body = {**payload["data"], "event_type": event_type}  # the flat form of the same event
    assert type(STRICT.structure(body, CLASSES[event_type])) is CLASSES[event_type]
    # The travelling form comes back equal.
    assert type(event).from_dict(json.loads(json.dumps(event.to_dict()))) == event


def test_the_documented_examples_decode_field_by_field() -> None:
    sent = parse_event(webhook_examples.EMAIL_SENT)
    assert isinstance(sent, EmailSent)
    assert (sent.from_email, sent.to_email, sent.to_name) == (
        "sender@yourcompany.com",
        "lead@example.com",
        "John Doe",
    )
    assert sent.time_sent == utc("2025-01-15T09:00:00Z")
    assert sent.occurred_at == sent.time_sent
    assert (sent.campaign_id, sent.sequence_number, sent.message_id) == (123, 1, "abc123def456")
    assert sent.custom_subject == "Quick question about Acme Corp"

    first = parse_event(webhook_examples.FIRST_EMAIL_SENT)
    assert isinstance(first, FirstEmailSent)
    assert not isinstance(first, EmailSent)  # an EmailSent handler does not get both copies
    assert first.sequence_number == 1
    assert first.custom_email_message == "<html>Email body content...</html>"

    opened = parse_event(webhook_examples.EMAIL_OPEN)
    assert isinstance(opened, EmailOpened)
    assert opened.time_opened == utc("2025-01-15T10:30:00Z") == opened.occurred_at

    clicked = parse_event(webhook_examples.EMAIL_LINK_CLICK)
    assert isinstance(clicked, EmailLinkClicked)
    assert clicked.link_clicked == ("https://example.com/demo",)
    assert clicked.time_clicked == utc("2025-01-15T10:45:00Z")

    replied = parse_event(webhook_examples.EMAIL_REPLY)
    assert isinstance(replied, EmailReplied)
    assert replied.client_id == 456
    assert replied.subject == "Re: Quick question about Acme Corp"
    assert replied.preview_text == "Thanks for reaching out. I'm interested..."
    assert replied.reply_body == "<html>Thanks for reaching out. I'm interested...</html>"
    assert replied.time_replied == utc("2025-01-15T11:00:00Z")

    bounced = parse_event(webhook_examples.EMAIL_BOUNCE)
    assert isinstance(bounced, EmailBounced)
    assert bounced.is_sender_originated_bounce is False
    assert bounced.bounce_message is not None
    assert bounced.bounce_message.message_id == "<…>"
    assert bounced.lead_email == "x@y.com"

    unsubscribed = parse_event(webhook_examples.LEAD_UNSUBSCRIBED)
    assert isinstance(unsubscribed, LeadUnsubscribed)
    assert unsubscribed.lead_email == "lead@example.com"  # lead_email, not to_email
    assert unsubscribed.to_email is None
    assert unsubscribed.lead_name == "John Doe"
    assert unsubscribed.unsubscribed_client_id_map == {}

    updated = parse_event(webhook_examples.LEAD_CATEGORY_UPDATED)
    assert isinstance(updated, LeadCategoryUpdated)
    assert (updated.lead_id, updated.category, updated.lead_category_id) == (789, "Interested", 5)
    assert updated.lead_name == "John"
    assert (updated.from_alias, updated.to_alias) == ("sender@yourcompany.com", "lead@example.com")
    assert updated.lead_data is not None
    assert updated.lead_data.company_name == "Acme Corp"
    assert updated.lead_data.category is not None
    assert (updated.lead_data.category.name, updated.lead_data.category.sentiment_type) == (
        "Interested",
        "positive",
    )
    assert [m.type for m in updated.history] == ["SENT"]
    assert updated.history[0].subject == "Quick question"
    assert updated.last_reply_alias is not None
    assert updated.last_reply_alias.time == utc("2025-01-15T11:00:00Z")

    status = parse_event(webhook_examples.CAMPAIGN_STATUS_CHANGED)
    assert isinstance(status, CampaignStatusChanged)
    assert status.campaign_status == "PAUSED"

    manual = parse_event(webhook_examples.MANUAL_STEP_REACHED)
    assert isinstance(manual, ManualStepReached)
    assert (manual.sequence_number, manual.lead_email) == (2, "lead@example.com")

    assert isinstance(parse_event(webhook_examples.UNTRACKED_REPLIES), UntrackedReplies)
    assert isinstance(parse_event(webhook_examples.LINKEDIN_DISCONNECTED), LinkedinDisconnected)


def test_undocumented_fields_of_the_undocumented_events_are_kept() -> None:
    event = parse_event({"event_type": "MANUAL_STEP_REACHED", "step_type": "CALL", "task": {}})
    assert isinstance(event, ManualStepReached)
    assert event.extra == {"step_type": "CALL", "task": {}}


def test_unknown_event_types_stay_unknown_events() -> None:
    for body in (
        {"event_type": "CAMPAIGN_COMPLETED", "campaign_id": 1},
        {"event_type": "EMAIL_OPENED"},  # a superseded page's name
        {"id": "evt_1", "type": "bounce.threshold.reached", "data": {"x": 1}},
    ):
        event = parse_event(body)
        assert type(event) is UnknownEvent
        assert not event.event_type.is_known
    assert event.event_type == "BOUNCE_THRESHOLD_REACHED"
    assert event.extra == {"x": 1}


# -- both envelopes -------------------------------------------------------------------------


def test_the_newer_envelope_decodes_from_its_data() -> None:
    event = parse_event(json.dumps(webhook_examples.EMAIL_ACCOUNT_DISCONNECTED))
    assert isinstance(event, EmailAccountDisconnected)
    assert event.event_type is WebhookEventType.EMAIL_ACCOUNT_DISCONNECTED
    assert event.delivery == WebhookDelivery(
        id="evt_…",
        type="email.account.disconnected",
        created_at=utc("2026-04-16T08:00:00Z"),
        links={},
        meta=DeliveryMeta(attempt=1, level=WebhookLevel.USER),
    )
    assert event.attempt == 1
    assert event.level is WebhookLevel.USER
    assert event.occurred_at == utc("2026-04-16T08:00:00Z")
    assert event.request_id is None


def test_the_newer_envelope_carries_the_flat_events_fields_in_data() -> None:
    flat = webhook_examples.EMAIL_REPLY
    data = {key: value for key, value in flat.items() if key != "event_type"}
    wrapped = {
        "id": "evt_42",
        "type": "email.reply",
        "created_at": "2025-01-15T11:00:01Z",
        "data": data,
        "links": {"app": "https://app.smartlead.ai/app/master-inbox?leadMap=1"},
        "meta": {"attempt": 2, "level": "campaign"},
    }
    event = parse_event(json.dumps(wrapped))
    legacy = parse_event(flat)
    assert isinstance(event, EmailReplied)
    assert event == attrs.evolve(legacy, delivery=event.delivery)
    assert event.attempt == 2
    assert event.level is WebhookLevel.CAMPAIGN
    assert event.delivery is not None
    assert event.delivery.links == {"app": "https://app.smartlead.ai/app/master-inbox?leadMap=1"}
    # An event_type inside data wins over the dotted type.
    assert type(parse_event({**wrapped, "data": {**data, "event_type": "EMAIL_OPEN"}})) is (
        EmailOpened
    )


def test_dotted_types_name_the_event_types() -> None:
    assert event_type_of("email.account.disconnected") == "EMAIL_ACCOUNT_DISCONNECTED"
    assert event_type_of("linkedin.disconnected") == "LINKEDIN_DISCONNECTED"
    assert event_type_of("EMAIL_REPLY") == "EMAIL_REPLY"


def test_envelope_problems_are_invalid_webhooks() -> None:
    with pytest.raises(InvalidWebhookError, match="data must be a JSON object"):
        parse_event({"id": "evt_1", "type": "email.sent", "data": [1]})
    with pytest.raises(MissingEventTypeError):
        parse_event({"id": "evt_1", "type": "", "data": {}})
    with pytest.raises(MissingEventTypeError):
        parse_event({"id": "evt_1", "data": {}})  # neither event_type nor type
    with pytest.raises(InvalidWebhookError, match="does not decode"):
        parse_event({"id": "evt_1", "type": "email.sent", "data": {}, "meta": {"attempt": "x"}})


def test_a_flat_body_with_event_type_is_never_read_as_an_envelope() -> None:
    event = parse_event({"event_type": "EMAIL_SENT", "type": "x", "data": {"a": 1}})
    assert isinstance(event, EmailSent)
    assert event.extra == {"type": "x", "data": {"a": 1}}
    assert event.delivery is None


# -- the delivery headers -------------------------------------------------------------------


def test_the_delivery_headers_are_exposed_on_each_event() -> None:
    headers = {"X-Request-Id": "req-9", "X-Webhook-Level": "client"}
    event = parse_event(json.dumps(webhook_examples.EMAIL_OPEN), headers=headers)
    assert event.request_id == "req-9"
    assert event.level is WebhookLevel.CLIENT
    assert event.attempt is None
    assert event.delivery == WebhookDelivery(request_id="req-9", level=WebhookLevel.CLIENT)
    # A plain dict of lower-case names works too; the header wins over meta.level.
    wrapped = {**webhook_examples.EMAIL_ACCOUNT_DISCONNECTED}
    event = parse_event(wrapped, headers={"x-webhook-level": "campaign", "x-request-id": " r "})
    assert event.level is WebhookLevel.CAMPAIGN
    assert event.request_id == "r"
    assert event.delivery is not None
    assert event.delivery.meta is not None
    assert event.delivery.meta.level is WebhookLevel.USER
    # No headers, flat body: nothing to say.
    assert parse_event(webhook_examples.EMAIL_OPEN).delivery is None
    assert parse_event(webhook_examples.EMAIL_OPEN, headers={"X-Request-Id": ""}).delivery is None
    unknown_level = parse_event(webhook_examples.EMAIL_OPEN, headers={"X-Webhook-Level": "team"})
    assert unknown_level.level == "team"
    assert unknown_level.level is not None
    assert not unknown_level.level.is_known


def test_a_body_cannot_say_what_its_delivery_was() -> None:
    forged = {**webhook_examples.EMAIL_OPEN, DELIVERY_KEY: {"request_id": "someone-else"}}
    event = parse_event(forged)
    assert event.delivery is None
    assert DELIVERY_KEY not in event.extra
    event = parse_event(forged, headers={"X-Request-Id": "mine"})
    assert event.request_id == "mine"


def test_the_delivery_travels_with_the_event() -> None:
    event = parse_event(
        json.dumps(webhook_examples.EMAIL_ACCOUNT_DISCONNECTED),
        headers={"X-Request-Id": "req-1", "X-Webhook-Level": "user"},
    )
    wire = event.to_dict()
    assert wire[DELIVERY_KEY] == {
        "request_id": "req-1",
        "level": "user",
        "id": "evt_…",
        "type": "email.account.disconnected",
        "created_at": "2026-04-16T08:00:00+00:00",
        "links": {},
        "meta": {"attempt": 1, "level": "user"},
    }
    back = EmailAccountDisconnected.from_dict(json.loads(json.dumps(wire)))
    assert back == event
    assert back.request_id == "req-1"


# -- the signature --------------------------------------------------------------------------


def test_a_good_signature_passes() -> None:
    body = json.dumps(webhook_examples.EMAIL_REPLY).encode()
    verify_signature(body, sign(body, SECRET), SECRET)
    verify_signature(body, sign(body, SECRET).upper().replace("SHA256=", "sha256="), SECRET)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "missing"),
        ("", "missing"),
        ("HMAC_PLACEHOLDER", "prefix"),
        ("md5=abc", "prefix"),
        ("sha256=", "not a hex"),
        ("sha256=zz" + "0" * 62, "not a hex"),
        ("sha256=" + "0" * 63, "not a hex"),
        ("sha256=é" + "0" * 63, "not a hex"),
        ("sha256=" + "0" * 64, "does not match"),
    ],
)
def test_a_bad_or_malformed_signature_is_refused(header: str | None, message: str) -> None:
    body = json.dumps(webhook_examples.EMAIL_REPLY).encode()
    with pytest.raises(WebhookAuthenticationError, match=message):
        verify_signature(body, header, SECRET)


def test_a_signature_without_its_prefix_is_refused() -> None:
    # The 2025 concept page's bare digest: the documented form has the prefix.
    body = json.dumps(webhook_examples.EMAIL_REPLY).encode()
    bare = sign(body, SECRET).removeprefix("sha256=")
    with pytest.raises(WebhookAuthenticationError, match="prefix"):
        verify_signature(body, bare, SECRET)


def test_a_signature_of_another_body_or_secret_is_refused() -> None:
    body = json.dumps(webhook_examples.EMAIL_REPLY).encode()
    reformatted = json.dumps(json.loads(body), indent=2).encode()  # same JSON, other bytes
    for header, secret in ((sign(body, SECRET), "other"), (sign(reformatted, SECRET), SECRET)):
        with pytest.raises(WebhookAuthenticationError, match="does not match") as caught:
            verify_signature(body, header, secret)
        assert SECRET not in str(caught.value)
        assert header.removeprefix("sha256=") not in str(caught.value)


async def test_the_dispatcher_checks_the_signature_before_parsing() -> None:
    seen: list[WebhookEvent] = []

    async def handle(event: WebhookEvent) -> None:
        seen.append(event)

    hooks = WebhookDispatcher({"*": handle}, signing_secret=SECRET)
    body = json.dumps(webhook_examples.EMAIL_ACCOUNT_DISCONNECTED).encode()
    headers = {
        "X-Smartlead-Signature": sign(body, SECRET),
        "X-Request-Id": "r-1",
        "X-Webhook-Level": "user",
    }
    assert (await hooks.dispatch(body, headers)).status == 200
    assert [type(e) for e in seen] == [EmailAccountDisconnected]
    assert seen[0].request_id == "r-1"
    assert seen[0].level is WebhookLevel.USER
    for bad in ({}, {"X-Smartlead-Signature": sign(body, SECRET).removeprefix("sha256=")}):
        assert (await hooks.dispatch(body, bad)).status == 401
    # Not JSON but signed: the signature passes, the parse answers 400.
    assert (await hooks.dispatch(b"{", {"X-Smartlead-Signature": sign(b"{", SECRET)})).status == 400
    assert len(seen) == 1


# -- dedupe keys ----------------------------------------------------------------------------


def test_delivery_keys_in_their_documented_order() -> None:
    reply = {
        **webhook_examples.EMAIL_REPLY,
        "stats_id": "st-1",
        "reply_message": {"message_id": "<r1@x>"},
    }
    with_request = parse_event(reply, headers={"X-Request-Id": "req-1"})
    assert delivery_key(with_request) == "request:req-1"
    assert delivery_key(with_request, "req-2") == "request:req-2"
    # The envelope's event id, when there is no X-Request-Id.
    wrapped = {"id": "evt_7", "type": "email.reply", "data": reply}
    assert delivery_key(parse_event(wrapped)) == "envelope:evt_7"
    # stats_id + event_type; a reply or a click adds what tells two of one email apart.
    assert delivery_key(parse_event(reply)) == "stats:st-1:EMAIL_REPLY:<r1@x>"
    no_reply_id = {**webhook_examples.EMAIL_REPLY, "stats_id": "st-1"}
    assert delivery_key(parse_event(no_reply_id)) == "stats:st-1:EMAIL_REPLY"
    opened = {**webhook_examples.EMAIL_OPEN, "stats_id": "st-1"}
    assert delivery_key(parse_event(opened)) == "stats:st-1:EMAIL_OPEN"
    clicked = {**webhook_examples.EMAIL_LINK_CLICK, "stats_id": "st-1"}
    assert delivery_key(parse_event(clicked)) == (
        "stats:st-1:EMAIL_LINK_CLICK:https://example.com/demo"
    )
    # Then the message id, then campaign + lead + step + the event's own time.
    assert delivery_key(parse_event(webhook_examples.EMAIL_SENT)) == (
        "message:abc123def456:EMAIL_SENT"
    )
    assert delivery_key(parse_event(webhook_examples.EMAIL_OPEN)) == (
        "event:EMAIL_OPEN:123:lead@example.com:1:2025-01-15T10:30:00+00:00"
    )


def test_two_replies_to_one_email_are_two_deliveries() -> None:
    base = {**webhook_examples.EMAIL_REPLY, "stats_id": "st-1"}
    first = parse_event({**base, "reply_message": {"message_id": "<r1@x>"}})
    second = parse_event({**base, "reply_message": {"message_id": "<r2@x>"}})
    assert delivery_key(first) != delivery_key(second)
    # And the same reply retried is the same delivery.
    assert delivery_key(first) == delivery_key(parse_event(json.dumps(first.to_dict())))


def test_each_step_opened_is_its_own_delivery_without_ids() -> None:
    step1 = parse_event(webhook_examples.EMAIL_OPEN)
    step2 = parse_event({**webhook_examples.EMAIL_OPEN, "sequence_number": 2})
    other_campaign = parse_event({**webhook_examples.EMAIL_OPEN, "campaign_id": 124})
    assert len({delivery_key(e) for e in (step1, step2, other_campaign)}) == 3


async def test_retries_are_deduplicated_by_request_id_or_envelope_id() -> None:
    calls: list[WebhookEvent] = []

    async def handle(event: WebhookEvent) -> None:
        calls.append(event)

    hooks = WebhookDispatcher({"*": handle}, dedupe=MemoryDedupe())
    body = json.dumps(webhook_examples.EMAIL_OPEN).encode()
    first = await hooks.dispatch(body, {"X-Request-Id": "r-1"})
    again = await hooks.dispatch(body, {"X-Request-Id": "r-1"})
    assert (first.status, again.status) == (200, 200)
    assert again.body == {"ok": True, "processed": 0, "duplicates": 1}
    # The newer envelope's second attempt, without X-Request-Id: the same event id.
    attempt1 = dict(webhook_examples.EMAIL_ACCOUNT_DISCONNECTED)
    attempt2 = {**attempt1, "meta": {"attempt": 2, "level": "user"}}
    assert (await hooks.dispatch(json.dumps(attempt1).encode(), {})).body["processed"] == 1
    assert (await hooks.dispatch(json.dumps(attempt2).encode(), {})).body["duplicates"] == 1
    assert [type(e) for e in calls] == [EmailOpened, EmailAccountDisconnected]


async def test_several_events_of_one_request_id_are_claimed_separately() -> None:
    store = MemoryDedupe()
    hooks = WebhookDispatcher(dedupe=store)
    body = json.dumps([webhook_examples.EMAIL_SENT, webhook_examples.EMAIL_OPEN]).encode()
    result = await hooks.dispatch(body, {"X-Request-Id": "r-5"})
    assert result.body == {"ok": True, "processed": 2, "duplicates": 0}
    assert await store.completed("request:r-5:0")
    assert await store.completed("request:r-5:1")
    # One event: the request id is the key, as delivery_key gives it.
    single = json.dumps(webhook_examples.EMAIL_SENT).encode()
    await hooks.dispatch(single, {"X-Request-Id": "r-6"})
    event = parse_event(single, headers={"X-Request-Id": "r-6"})
    assert await store.completed(delivery_key(event)) is True
    assert delivery_key(event) == "request:r-6"


def test_parse_events_passes_the_headers_to_every_event() -> None:
    body = json.dumps([webhook_examples.EMAIL_SENT, webhook_examples.EMAIL_OPEN])
    events = parse_events(body, headers={"X-Request-Id": "r", "X-Webhook-Level": "campaign"})
    assert [(e.request_id, e.level) for e in events] == [("r", "campaign"), ("r", "campaign")]


async def test_the_aiohttp_receiver_hands_the_headers_to_the_handler() -> None:
    seen: list[WebhookEvent] = []

    async def handle(event: WebhookEvent) -> None:
        seen.append(event)

    hooks = WebhookDispatcher({EmailReplied: handle}, signing_secret=SECRET)
    receiver = Receiver(hooks)
    await receiver.start()
    try:
        body = json.dumps(webhook_examples.EMAIL_REPLY).encode()
        headers = {
            "Content-Type": "application/json",
            "x-smartlead-signature": sign(body, SECRET),
            "x-request-id": "req-42",
            "x-webhook-level": "campaign",
        }
        async with aiohttp.ClientSession() as session:
            for _ in range(2):  # a retry of the same delivery
                async with session.post(receiver.url, data=body, headers=headers) as response:
                    assert response.status == 200
            bad = {**headers, "x-smartlead-signature": "0" * 64}
            async with session.post(receiver.url, data=body, headers=bad) as response:
                assert response.status == 401
    finally:
        await receiver.stop()
    assert len(seen) == 1
    assert (seen[0].request_id, seen[0].level) == ("req-42", WebhookLevel.CAMPAIGN)
